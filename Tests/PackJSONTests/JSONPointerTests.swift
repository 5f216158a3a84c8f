import PackJSON
import Testing

@Suite struct JSONPointerTests {
    /// The example document of RFC 6901, section 5.
    static let document: JSONValue = [
        "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, "k\"l": 6,
        " ": 7, "m~n": 8,
    ]

    @Test(arguments: [
        ("", nil), ("/foo", nil), ("/foo/0", "bar"), ("/", 0), ("/a~1b", 1), ("/c%d", 2), ("/e^f", 3),
        ("/g|h", 4), ("/i\\j", 5), ("/k\"l", 6), ("/ ", 7), ("/m~0n", 8),
    ] as [(String, JSONValue?)])
    func rfc6901ExamplesResolve(text: String, expected: JSONValue?) throws {
        let pointer = try #require(JSONPointer(text))
        let resolved = try #require(pointer.resolve(in: Self.document))
        switch text {
        case "": #expect(resolved == Self.document)
        case "/foo": #expect(resolved == ["bar", "baz"])
        default: #expect(resolved == expected)
        }
        #expect(pointer.description == text)
    }

    @Test(arguments: [
        ("#", ""), ("#/foo", "/foo"), ("#/foo/0", "/foo/0"), ("#/", "/"), ("#/a~1b", "/a~1b"),
        ("#/c%25d", "/c%d"), ("#/e%5Ef", "/e^f"), ("#/g%7Ch", "/g|h"), ("#/i%5Cj", "/i\\j"),
        ("#/k%22l", "/k\"l"), ("#/%20", "/ "), ("#/m~0n", "/m~0n"),
    ])
    func rfc6901FragmentExamplesMapToPointers(fragment: String, text: String) throws {
        let fromFragment = try #require(JSONPointer(uriFragment: fragment))
        #expect(fromFragment == JSONPointer(text))
        #expect(fromFragment.uriFragment == fragment)
    }

    @Test func unicodeTokensArePercentEncodedAsUTF8() throws {
        let pointer = JSONPointer(tokens: ["properties", "é"])
        #expect(pointer.uriFragment == "#/properties/%C3%A9")
        #expect(JSONPointer(uriFragment: "#/properties/%c3%a9") == pointer)
    }

    @Test(arguments: ["a", "/~", "/~2", "/a~"])
    func malformedPointerTextIsRejected(text: String) {
        #expect(JSONPointer(text) == nil)
    }

    @Test(arguments: ["#/%", "#/%G0", "#/%C3", "/a%2"])
    func malformedFragmentsAreRejected(fragment: String) {
        #expect(JSONPointer(uriFragment: fragment) == nil)
    }

    @Test func escapingAppliesTildeBeforeSlash() {
        #expect(JSONPointer.escape("~1") == "~01")
        #expect(JSONPointer.unescape("~01") == "~1")
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
        #expect(JSONPointer.unescape("a~1b~0c") == "a/b~c")
        #expect(JSONPointer.unescape("~") == nil)
    }

    @Test func appendingBuildsPointersTokenByToken() {
        let pointer = JSONPointer.root.appending("properties").appending("a/b").appending(index: 3)
        #expect(pointer.description == "/properties/a~1b/3")
        #expect(pointer.uriFragment == "#/properties/a~1b/3")
        #expect(pointer.parent?.description == "/properties/a~1b")
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer.root.appending(pointer) == pointer)
    }

    @Test(arguments: ["/foo/2", "/foo/-", "/foo/01", "/foo/+1", "/foo/bar", "/foo/0/x", "/nope", "/foo/99999999999999999999"])
    func unresolvablePointersGiveNil(text: String) throws {
        #expect(try #require(JSONPointer(text)).resolve(in: Self.document) == nil)
    }

    @Test func valuesCanBeSubscriptedWithPointers() throws {
        #expect(Self.document[try #require(JSONPointer("/foo/1"))] == "baz")
    }
}
