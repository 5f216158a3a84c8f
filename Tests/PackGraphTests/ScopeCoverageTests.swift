import PackGraph
import Testing

@Suite struct ScopeCoverageTests {
    @Test(arguments: [
        ("${project}/**", "${project}/models/**", true),
        ("${project}/**", "${project}", true),
        ("${project}/out/**", "${project}/out/reports/*.json", true),
        ("${project}/out/*", "${project}/out/a.json", true),
        ("${project}/out/*.json", "${project}/out/a.json", true),
        ("${project}/{out,dist}/**", "${project}/dist/x", true),
        ("${project}/CHANGELOG.md", "${project}/CHANGELOG.md", true),
        ("${project}/*", "${project}/**", false),
        ("${project}/*", "${project}/a/b", false),
        ("${project}/a?", "${project}/a*", false),
        ("${project}/*.json", "${project}/*", false),
        ("${project}/out/**", "${project}/src/x", false),
        ("${project}/**", "${home}/x", false),
        ("${pack}/**", "${project}/x", false),
        ("${project}/out/**", "${project}/**", false),
    ] as [(String, String, Bool)])
    func pathPatternsCoverOnlyWhatTheyCertainlyInclude(_ wide: String, _ narrow: String, _ covers: Bool) {
        #expect(ScopeCoverage.pathPattern(wide, covers: narrow) == covers)
    }

    @Test(arguments: [
        ("*.example.com:443", "api.example.com:443", true),
        ("*.example.com", "api.example.com:8080", true),
        ("*.example.com:*", "*.eu.example.com:443", true),
        ("API.example.com", "api.example.com", true),
        ("*", "anything.org:1", true),
        ("*.example.com:443", "example.com:443", false),
        ("*.example.com:443", "api.example.com:80", false),
        ("*.example.com:443", "api.example.com", false),
        ("api.example.com:443", "*.example.com:443", false),
        ("*.example.com", "evilexample.com", false),
    ] as [(String, String, Bool)])
    func hostPatternsCoverOnlyWhatTheyCertainlyInclude(_ wide: String, _ narrow: String, _ covers: Bool) {
        #expect(ScopeCoverage.hostPattern(wide, covers: narrow) == covers)
    }
}
