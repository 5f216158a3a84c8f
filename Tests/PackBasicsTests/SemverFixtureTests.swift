import PackBasics
import Testing

/// node-semver's own fixtures (982 cases in 15 files), run against `Version` and `VersionRange`.
///
/// The corpus lives outside the package, in `../shared/corpora/node-semver-fixtures`; a missing or
/// truncated corpus fails these tests rather than skipping them.
@Suite struct SemverFixtureTests {
    /// The result of running every case of one file.
    struct Outcome {
        var passed = 0
        var failures: [String] = []
    }

    static func run(_ file: SemverFixtureFile) throws -> Outcome {
        var outcome = Outcome()
        for (index, values) in try file.loadCases().enumerated() {
            if let failure = SemverFixtureRunner.failure(in: file, values) {
                outcome.failures.append("\(file) case \(index) \(FixtureValue.array(values)): \(failure)")
            } else {
                outcome.passed += 1
            }
        }
        return outcome
    }

    @Test(arguments: SemverFixtureFile.allCases)
    func everyCaseOfTheFixtureFilePasses(_ file: SemverFixtureFile) throws {
        let outcome = try Self.run(file)
        print("semver fixtures: \(file): \(outcome.passed) passed, \(outcome.failures.count) failed")
        for failure in outcome.failures {
            Issue.record(Comment(rawValue: failure))
        }
        #expect(
            outcome.passed + outcome.failures.count == file.expectedCount,
            "the file does not have the listed number of cases")
    }

    @Test func allNineHundredEightyTwoFixtureCasesPassTogether() throws {
        var passed = 0
        var failed = 0
        for file in SemverFixtureFile.allCases {
            let outcome = try Self.run(file)
            passed += outcome.passed
            failed += outcome.failures.count
        }
        print("semver fixtures: \(passed) passed, \(failed) failed (\(SemverFixtureFile.allCases.count) files)")
        #expect(passed == 982)
        #expect(failed == 0)
    }
}
