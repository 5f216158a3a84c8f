import PackBasics
import PackGraph
import PackModel
import Testing

@Suite struct ServiceResolutionTests {
    /// audit stands alone; base provides net.v1 to postgres and redis; app needs both of those.
    static let diamond = [
        participant("app", requires: ["db.v1", "cache.v1"]),
        participant("audit"),
        participant("base", provides: ["net.v1"]),
        participant("postgres", provides: ["db.v1"], requires: ["net.v1"]),
        participant("redis", provides: ["cache.v1"], optional: ["net.v1"]),
    ]

    /// Input orders of the diamond, as positions in ``diamond``.
    static let inputOrders: [[Int]] = [
        [0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [3, 0, 4, 2, 1], [2, 4, 0, 1, 3], [1, 3, 0, 4, 2], [0, 4, 1, 3, 2],
    ]

    @Test(arguments: inputOrders)
    func providersComeBeforeConsumersWhateverTheInputOrder(_ positions: [Int]) {
        let resolution = ServiceResolution.resolve(positions.map { Self.diamond[$0] })
        #expect(resolution.order == ["audit", "base", "postgres", "redis", "app"])
        #expect(resolution.providers == ["net.v1": "base", "db.v1": "postgres", "cache.v1": "redis"])
        #expect(resolution.status.values.allSatisfy { $0 == .ready })
        #expect(resolution.status.count == 5)
        #expect(resolution.diagnostics.isEmpty)
    }

    @Test func aMissingRequiredServiceSkipsThePack() {
        let resolution = ServiceResolution.resolve([
            participant("app", requires: ["db.v1"]),
            participant("other", provides: ["cache.v1"]),
        ])
        let message = "required service 'db.v1' is not provided by any pack; install a pack that provides it, or mark the requirement 'optional: true'"
        #expect(resolution.status["app"] == .skipped(reasons: [message]))
        #expect(resolution.status["other"] == .ready)
        #expect(resolution.diagnostics["app"] == [Diagnostic.error(message, at: SourceLocation(pointer: "/services/requires/0"))])
        #expect(resolution.providers == ["cache.v1": "other"])
        #expect(resolution.order == ["app", "other"])
    }

    @Test func aMissingOptionalServiceDegradesThePack() {
        let resolution = ServiceResolution.resolve([participant("app", requires: ["db.v1"], optional: ["metrics.v1"]),
                                                    participant("db", provides: ["db.v1"])])
        #expect(resolution.status["app"] == .degraded(missingOptional: ["metrics.v1"]))
        expectDiagnostics(resolution.diagnostics["app"] ?? [], [(.warning, "optional service 'metrics.v1' is not provided by any pack")])
        #expect(resolution.diagnostics["app"]?.first?.location?.pointer == "/services/requires/1")
        #expect(resolution.order == ["db", "app"])
    }

    @Test func skippingCascadesToConsumersUntilNothingChanges() {
        // a lacks m.v1; b needs a's service; c optionally uses b's; d needs c's.
        let resolution = ServiceResolution.resolve([
            participant("d", requires: ["c.v1"]),
            participant("c", provides: ["c.v1"], optional: ["b.v1"]),
            participant("b", provides: ["b.v1"], requires: ["a.v1"]),
            participant("a", provides: ["a.v1"], requires: ["m.v1"]),
        ])
        #expect(resolution.status["a"]?.isSkipped == true)
        #expect(resolution.status["b"] == .skipped(reasons: ["required service 'a.v1' comes from 'a', which is skipped; fix 'a' first"]))
        #expect(resolution.status["c"] == .degraded(missingOptional: ["b.v1"]))
        #expect(resolution.status["d"] == .ready)
        expectDiagnostics(resolution.diagnostics["c"] ?? [], [(.warning, "optional service 'b.v1' comes from 'b', which is skipped")])
        #expect(resolution.diagnostics["d"] == nil)
        #expect(resolution.providers == ["c.v1": "c"])
        #expect(resolution.order == ["a", "b", "c", "d"])
    }

    @Test func anAmbiguousServiceIsWithheldFromEveryConsumerWithoutAPin() {
        let resolution = ServiceResolution.resolve([
            participant("pg", provides: ["db.v1"]),
            participant("mysql", provides: ["db.v1"]),
            participant("app", requires: ["db.v1"]),
            participant("report", optional: ["db.v1"]),
        ])
        let ambiguity = "service 'db.v1' is provided by 'mysql' and 'pg', so no pack gets it"
        expectDiagnostics(resolution.diagnostics["pg"] ?? [], [(.error, ambiguity)])
        expectDiagnostics(resolution.diagnostics["mysql"] ?? [], [(.error, ambiguity)])
        #expect(resolution.status["pg"] == .ready)
        #expect(resolution.status["mysql"] == .ready)
        #expect(resolution.status["app"] == .skipped(reasons: [
            "required service 'db.v1' is ambiguous: 'mysql' and 'pg' provide it; pin one provider under 'services.pin' in the host policy",
        ]))
        #expect(resolution.status["report"] == .degraded(missingOptional: ["db.v1"]))
        #expect(resolution.providers.isEmpty)
    }

    @Test func aPinnedProviderResolvesTheAmbiguity() {
        let resolution = ServiceResolution.resolve([
            participant("app", requires: ["db.v1"]),
            participant("mysql", provides: ["db.v1"]),
            participant("pg", provides: ["db.v1"]),
        ], pinnedProviders: ["db.v1": "pg"])
        #expect(resolution.providers == ["db.v1": "pg"])
        #expect(resolution.status == ["app": .ready, "mysql": .ready, "pg": .ready])
        expectDiagnostics(resolution.diagnostics["mysql"] ?? [], [(.note, "the host policy pins 'pg' as its provider")])
        #expect(resolution.diagnostics["pg"] == nil)
        #expect(resolution.order == ["mysql", "pg", "app"])
    }

    @Test func aPinNamingAPackThatDoesNotProvideTheServiceLeavesItAmbiguous() {
        let resolution = ServiceResolution.resolve([
            participant("app", requires: ["db.v1"]),
            participant("mysql", provides: ["db.v1"]),
            participant("pg", provides: ["db.v1"]),
        ], pinnedProviders: ["db.v1": "oracle"])
        #expect(resolution.providers.isEmpty)
        #expect(resolution.status["app"]?.isSkipped == true)
        expectDiagnostics(resolution.diagnostics["pg"] ?? [], [(.error, "the host policy pins 'oracle' for service 'db.v1', but it is provided by 'mysql' and 'pg'")])
    }

    @Test func aSkippedPinnedProviderDoesNotFallBackToAnother() {
        let resolution = ServiceResolution.resolve([
            participant("app", requires: ["db.v1"]),
            participant("mysql", provides: ["db.v1"]),
            participant("pg", provides: ["db.v1"], requires: ["disk.v1"]),
        ], pinnedProviders: ["db.v1": "pg"])
        #expect(resolution.providers.isEmpty)
        #expect(resolution.status["pg"]?.isSkipped == true)
        #expect(resolution.status["app"] == .skipped(reasons: ["required service 'db.v1' comes from 'pg', which is skipped; fix 'pg' first"]))
    }

    @Test func aTwoPackCycleIsRejectedAndSpelledOut() {
        let resolution = ServiceResolution.resolve([
            participant("b", provides: ["y.v1"], requires: ["x.v1"]),
            participant("a", provides: ["x.v1"], requires: ["y.v1"]),
        ])
        let message = "service cycle: a -> b -> a (a requires 'y.v1' from b, b requires 'x.v1' from a); remove one of these requirements"
        #expect(resolution.status["a"] == .skipped(reasons: [message]))
        #expect(resolution.status["b"] == .skipped(reasons: [message]))
        #expect(resolution.diagnostics["a"] == [Diagnostic.error(message, at: SourceLocation(pointer: "/services/requires/0"))])
        #expect(resolution.providers.isEmpty)
        #expect(resolution.order == ["a", "b"])
    }

    @Test func aThreePackCycleIsRejectedAndItsConsumersCascade() {
        let resolution = ServiceResolution.resolve([
            participant("c", provides: ["z.v1"], requires: ["x.v1"]),
            participant("a", provides: ["x.v1"], requires: ["y.v1"]),
            participant("b", provides: ["y.v1"], requires: ["z.v1"]),
            participant("app", requires: ["x.v1"]),
            participant("base", provides: ["base.v1"]),
        ])
        let message = "service cycle: a -> b -> c -> a (a requires 'y.v1' from b, b requires 'z.v1' from c, c requires 'x.v1' from a); remove one of these requirements"
        for pack in ["a", "b", "c"] {
            #expect(resolution.status[pack] == .skipped(reasons: [message]), "pack \(pack)")
        }
        #expect(resolution.status["app"] == .skipped(reasons: ["required service 'x.v1' comes from 'a', which is skipped; fix 'a' first"]))
        #expect(resolution.status["base"] == .ready)
        #expect(resolution.providers == ["base.v1": "base"])
        #expect(resolution.order == ["a", "b", "c", "app", "base"])
    }

    @Test func anOptionalRequirementClosesACycleToo() {
        let resolution = ServiceResolution.resolve([
            participant("a", provides: ["x.v1"], optional: ["y.v1"]),
            participant("b", provides: ["y.v1"], requires: ["x.v1"]),
        ])
        #expect(resolution.status["a"]?.isSkipped == true)
        #expect(resolution.status["b"]?.isSkipped == true)
        expectDiagnostics(resolution.diagnostics["a"] ?? [], [(.error, "service cycle: a -> b -> a")])
    }

    @Test func onlyThePacksOnACycleAreBlamedForIt() {
        // a <-> b form a cycle; c depends on a but is not part of the cycle.
        let resolution = ServiceResolution.resolve([
            participant("a", provides: ["x.v1"], requires: ["y.v1"]),
            participant("b", provides: ["y.v1"], requires: ["x.v1"]),
            participant("c", provides: ["z.v1"], optional: ["x.v1"]),
        ])
        #expect(resolution.status["c"] == .degraded(missingOptional: ["x.v1"]))
        expectDiagnostics(resolution.diagnostics["c"] ?? [], [(.warning, "optional service 'x.v1' comes from 'a', which is skipped")])
    }

    @Test func requiringAServiceThePackProvidesItselfIsNotACycle() {
        let resolution = ServiceResolution.resolve([participant("a", provides: ["x.v1"], requires: ["x.v1"])])
        #expect(resolution.status["a"] == .ready)
        #expect(resolution.providers == ["x.v1": "a"])
        #expect(resolution.diagnostics.isEmpty)
    }

    @Test func aPackListedTwiceIsSkipped() {
        let resolution = ServiceResolution.resolve([participant("a", provides: ["x.v1"]), participant("a"),
                                                    participant("b", requires: ["x.v1"])])
        #expect(resolution.status["a"]?.isSkipped == true)
        #expect(resolution.status["b"]?.isSkipped == true)
        expectDiagnostics(resolution.diagnostics["a"] ?? [], [(.error, "pack 'a' takes part in service resolution more than once")])
        #expect(resolution.order == ["a", "b"])
    }

    @Test(arguments: [[0, 1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1, 0], [3, 6, 0, 5, 1, 4, 2]])
    func theWholeResolutionIsTheSameWhateverTheInputOrder(_ positions: [Int]) {
        let packs = [
            participant("a", provides: ["x.v1"], requires: ["y.v1"]),
            participant("b", provides: ["y.v1"], requires: ["x.v1"]),
            participant("c", provides: ["db.v1"]),
            participant("d", provides: ["db.v1"]),
            participant("e", requires: ["db.v1"], optional: ["x.v1"]),
            participant("f", provides: ["f.v1"], requires: ["missing.v1"]),
            participant("g", requires: ["f.v1"]),
        ]
        let reference = ServiceResolution.resolve(packs, pinnedProviders: ["db.v1": "d"])
        let shuffled = ServiceResolution.resolve(positions.map { packs[$0] }, pinnedProviders: ["db.v1": "d"])
        #expect(shuffled.order == reference.order)
        #expect(shuffled.providers == reference.providers)
        #expect(shuffled.status == reference.status)
        #expect(shuffled.diagnostics == reference.diagnostics)
        #expect(reference.order == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(reference.status["e"] == .degraded(missingOptional: ["x.v1"]))
    }

    @Test(.timeLimit(.minutes(1)))
    func longChainsAndLargeCyclesResolveWithoutRecursion() {
        let count = 20_000
        let chain = (0..<count).map { index in
            participant(padded("p", index), provides: ["s\(index).v1"], requires: index > 0 ? ["s\(index - 1).v1"] : [])
        }
        let resolution = ServiceResolution.resolve(chain.reversed())
        #expect(resolution.order == chain.map(\.pack))
        #expect(resolution.status.values.allSatisfy { $0 == .ready })

        let ring = (0..<2_000).map { index in
            participant(padded("r", index), provides: ["s\(index).v1"], requires: ["s\((index + 1) % 2_000).v1"])
        }
        let cycle = ServiceResolution.resolve(ring)
        #expect(cycle.status.values.allSatisfy { $0.isSkipped })
        let message = cycle.diagnostics["r01000"]?.first?.message ?? ""
        #expect(message.hasPrefix("service cycle: r00000 -> r00001 -> "))
        #expect(message.contains("(1988 more) -> r00000 (r00000 requires 's1.v1' from r00001"))
    }
}

/// `prefix` and `number` padded to five digits, so names sort numerically.
private func padded(_ prefix: String, _ number: Int) -> String {
    let digits = String(number)
    return prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
}
