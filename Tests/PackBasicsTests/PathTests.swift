import PackBasics
import PackTestSupport
import Testing

@Suite struct PathTests {
    @Test(arguments: [
        ("/a/b", "/a/b"), ("a/b", "a/b"), ("/", "/"), ("", "."), (".", "."), ("./a", "a"), ("a/./b", "a/b"),
        ("a//b/", "a/b"), ("/a/../b", "/b"), ("/../a", "/a"), ("a/../../b", "../b"), ("..", ".."), ("a/..", "."),
        ("/a/b/", "/a/b"), ("..a/.b/c..", "..a/.b/c.."), ("//", "/"),
    ])
    func normalizingRemovesDotsAndEmptyComponents(path: String, normal: String) {
        #expect(Path.normalize(path) == normal)
    }

    @Test
    func aNormalPathIsItsOwnNormalFormAndNormalizingTwiceChangesNothing() {
        // Random paths over '/', '.', 'a', 'b': the shortcut for already-normal paths must agree.
        var generator = SplitMix64(seed: 2026)
        let alphabet: [Character] = ["/", ".", "a", "b"]
        for _ in 0..<20_000 {
            let path = String((0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let normal = Path.normalize(path)
            #expect(Path.normalize(normal) == normal, "\(path)")
            guard normal != "/" && normal != "." else { continue }
            var components = normal.split(separator: "/", omittingEmptySubsequences: false)
            if normal.hasPrefix("/") { components.removeFirst() }
            #expect(components.allSatisfy { !$0.isEmpty && $0 != "." }, "\(path)")
            // '..' survives only at the front of a relative path.
            #expect(!components.drop { $0 == ".." && !normal.hasPrefix("/") }.contains(".."), "\(path)")
        }
    }

    @Test(arguments: [
        ("skills/x", nil), ("a/../b", nil), ("", "is empty"), ("/etc", "is absolute"), ("~/x", "starts with '~'"),
        ("a\\b", "contains a backslash"), ("a/../../b", "leaves the pack"), ("..", "leaves the pack"),
    ] as [(String, String?)])
    func aPackRelativePathIsCheckedBeforeUse(path: String, problem: String?) {
        #expect(Path.problemWithRelativePath(path) == problem)
    }
}
