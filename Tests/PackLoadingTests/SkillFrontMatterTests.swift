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
