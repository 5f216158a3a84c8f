import PackBasics
import PackJSON
@testable import PackLoading
import PackTestSupport
import Testing

/// The front-matter shortcut (flat `key: value` lines read without libyaml) must agree with the
/// YAML reader on everything it accepts, and leave everything else to the reader.
@Suite(.tags(.small))
struct SkillFrontMatterTests {
    static let accepted: [String] = [
        "name: guide\ndescription: How to do things. Use when doing things.\n",
        "name: guide\ndescription: Fetch https://example.com/a:b and more\n",
        "name: guide\ndescription: trailing spaces   \n",
        "name: guide\ndescription:    leading spaces are not part of it\n",
        "name: guide\ndescription: interior   spaces, commas, [brackets] {braces} stay\n",
        "name: guide\ndescription: a#b is not a comment\nlicense: MIT\n",
        "name: guide\ndescription: numbers later 12 are text\nallowed-tools: Bash Read\n",
        "name: guide\ndescription: no final newline",
        "name: guide\ndescription: nothing\nmetadata_x: 42\n",
        "name: guide\ndescription: d\nflag: offline\n",
        "name: guide\ndescription: d\nversion: 7\n",
    ]

    static let leftToTheReader: [String] = [
        "name: guide\ndescription: a comment follows # here\n",
        "name: guide\ndescription: 'quoted'\n",
        "name: guide\ndescription: \"double quoted\"\n",
        "name: guide\ndescription: >\n  folded\n  text\n",
        "name: guide\ndescription: first line\n  continued on the next\n",
        "name: guide\n\ndescription: after a blank line\n",
        "name: guide\ndescription: d\nmetadata:\n  author: me\n",
        "name: guide\ndescription: [a, b]\n",
        "name: guide\ndescription: *alias\n",
        "name: guide\ndescription: d\nname: twice\n",
        "name: guide\ndescription: mapping: inside\n",
        "name: guide\ndescription: ends with a colon:\n",
        "name: guide\ndescription: d\ntrue: key\n",
        "name: guide\ndescription: d\nversion: 1.5\n",
        "name: guide\ndescription: d\nversion: -7\n",
        "name: guide\ndescription: null\n",
        "name: guide\ndescription: tab\there\n",
        "name: guide\r\ndescription: d\r\n",
        "name: guide\ndescription: caf\u{E9}\n",
        "name:guide\ndescription: d\n",
        "name : guide\ndescription: d\n",
        " name: guide\ndescription: d\n",
    ]

    @Test(arguments: accepted)
    func theShortcutReadsWhatTheYAMLReaderReads(_ text: String) throws {
        let shortcut = try #require(SkillFrontMatter.simpleMapping(ArraySlice(text.utf8), limits: .default))
        let (read, _) = try YAMLReader(limits: .default, recordPositions: false).read(Array(text.utf8))
        #expect(JSONValue.object(shortcut) == read)
        #expect(shortcut.keys == read.objectValue?.keys)
    }

    @Test(arguments: leftToTheReader)
    func anythingElseIsLeftToTheYAMLReader(_ text: String) {
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(text.utf8), limits: .default) == nil)
    }

    @Test
    func randomFrontMattersReadTheSameWithAndWithoutTheShortcut() throws {
        // Lines from a small alphabet of YAML's troublemakers; whenever the shortcut answers,
        // the reader must give the same mapping (the reader also sees the documents it refuses).
        var generator = SplitMix64(seed: 20261207)
        let troublemakers = Array(":#-'\"\t[]{},&*!|>%@`.~+?".utf8)
        let plain = Array("ab1 ./".utf8)
        var answered = 0
        for _ in 0..<20_000 {
            var text: [UInt8] = []
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                text += Array(["name", "description", "k-1", "true", "x_y"].randomElement(using: &generator)!.utf8)
                text += Array([": ", ":", " : ", ":  "].randomElement(using: &generator)!.utf8)
                for _ in 0..<Int.random(in: 0...8, using: &generator) {
                    let pool = Int.random(in: 0..<4, using: &generator) == 0 ? troublemakers : plain
                    text.append(pool.randomElement(using: &generator)!)
                }
                text.append(UInt8(ascii: "\n"))
            }
            guard let shortcut = SkillFrontMatter.simpleMapping(ArraySlice(text), limits: .default) else { continue }
            answered += 1
            let read = try? YAMLReader(limits: .default, recordPositions: false).read(text).0
            #expect(read == .object(shortcut), "\(String(decoding: text, as: UTF8.self))")
            #expect(read?.objectValue?.keys == shortcut.keys)
        }
        #expect(answered > 500)
    }

    @Test
    func keysTheReaderRefusesOrSearchesItselfAreLeftToIt() {
        let longKey = String(repeating: "k", count: 1025) + ": value\n"
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(longKey.utf8), limits: .default) == nil)
        let longestKey = String(repeating: "k", count: 1024) + ": value\n"
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(longestKey.utf8), limits: .default) != nil)
        let many = (0..<(SkillFrontMatter.maximumKeys + 1)).map { "key\($0): value\n" }.joined()
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(many.utf8), limits: .default) == nil)
        let flat = "name: guide\n"
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(flat.utf8), limits: DocumentLimits(maxBytes: 1 << 20, maxDepth: 0, maxNodes: 100)) == nil)
    }

    @Test
    func theBodyIsWhatFollowsTheFrontMatter() {
        #expect(SkillFrontMatter.body(of: "---\nname: guide\ndescription: d\n---\n\n# Guide\nSteps.\n") == "# Guide\nSteps.")
        #expect(SkillFrontMatter.body(of: "---\nname: guide\n---") == "")
        #expect(SkillFrontMatter.body(of: "# No front matter\n") == "# No front matter")
    }

    @Test
    func theShortcutKeepsToTheNodeLimit() {
        let text = (0..<10).map { "key\($0): value\n" }.joined()
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(text.utf8), limits: DocumentLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 21)) != nil)
        #expect(SkillFrontMatter.simpleMapping(ArraySlice(text.utf8), limits: DocumentLimits(maxBytes: 1 << 20, maxDepth: 64, maxNodes: 20)) == nil)
    }

    @Test
    func aDuplicateKeyIsStillReportedWithItsLine() throws {
        let text = "---\nname: guide\ndescription: d\nname: again\n---\n# Guide\n"
        #expect(throws: DocumentError.self) { try SkillFrontMatter.parse(text) }
        do {
            _ = try SkillFrontMatter.parse(text)
        } catch {
            #expect(error.message.contains("duplicate key 'name'"))
            #expect(error.line == 4)
        }
    }
}
