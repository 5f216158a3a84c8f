import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Parsing and validating once per digest, eviction, pinned digests, and modules that are not
    /// usable handlers.
    @Suite struct WasmModuleCacheTests {
        static let trapDigest = "1f0e060efd5b829ecba7217065fcc39f41acd2b8fb79906f5a40c0476072e314"

        @Test func aModuleIsParsedOncePerDigest() async throws {
            let cache = WasmModuleCache()
            let bytes = try RuntimeFixtures.bytes("adversarial/trap")
            let first = try await cache.module(for: bytes)
            let second = try await cache.module(for: bytes)
            #expect(first.sha256 == Self.trapDigest)
            #expect(second.sha256 == first.sha256)
            #expect(first.byteCount == bytes.count)
            #expect(cache.statistics == WasmModuleCache.Statistics(hits: 1, misses: 1, evictions: 0))
            #expect(cache.contains(sha256: Self.trapDigest.uppercased()))
        }

        @Test func theLeastRecentlyUsedModuleIsEvicted() async throws {
            let cache = WasmModuleCache(capacity: 2)
            var modules: [WasmModule] = []
            for name in ["adversarial/trap", "bench/echo", "bench/fib"] {
                modules.append(try await cache.module(for: RuntimeFixtures.bytes(name)))
            }
            _ = try await cache.module(for: RuntimeFixtures.bytes("bench/echo"))
            _ = try await cache.module(for: RuntimeFixtures.bytes("bench/sum"))
            #expect(cache.count == 2)
            #expect(!cache.contains(sha256: modules[0].sha256))
            #expect(!cache.contains(sha256: modules[2].sha256))
            #expect(cache.contains(sha256: modules[1].sha256))
            #expect(cache.statistics.evictions == 2)
            cache.removeAll()
            #expect(cache.count == 0)
        }

        @Test func aPinnedDigestMustMatch() async throws {
            let cache = WasmModuleCache()
            let bytes = try RuntimeFixtures.bytes("adversarial/trap")
            #expect(try await cache.module(for: bytes, expectedSHA256: Self.trapDigest.uppercased()).sha256 == Self.trapDigest)
            await #expect(throws: HandlerFailure(
                .invalidModule(
                    "its SHA-256 is '\(Self.trapDigest)' but the manifest pins '\(String(repeating: "0", count: 64))'; "
                        + "rebuild the pack or update 'sha256' in the tool's handler"))
            ) {
                try await cache.module(for: bytes, expectedSHA256: String(repeating: "0", count: 64))
            }
            #expect(cache.count == 1)
        }

        @Test(arguments: [
            ("adversarial/no_start", "it exports no '_start' function; build it as a WASI command (clang --target=wasm32-wasi)"),
            (
                "adversarial/unknown_import",
                "it imports 'quiver.launch_missiles', which this host does not provide; "
                    + "import only WASI preview 1 and 'quiver.log', 'quiver.http' or 'quiver.secret'"
            ),
        ])
        func aModuleOutsideTheHandlerContractIsInvalid(name: String, detail: String) async throws {
            let cache = WasmModuleCache()
            await #expect(throws: HandlerFailure(.invalidModule(detail))) {
                try await cache.module(for: RuntimeFixtures.bytes(name))
            }
            #expect(cache.count == 0)
        }

        /// Hand-made binaries: not WebAssembly, truncated, an import of memory, no memory export,
        /// `_start` with a parameter, and a function body that does not type-check.
        static let brokenBinaries: [(String, [UInt8], String)] = [
            ("text", Array("not wasm at all".utf8), "it is not a valid WebAssembly binary"),
            ("empty", [], "it is not a valid WebAssembly binary"),
            ("truncated", [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05], "it is not a valid WebAssembly binary"),
            (
                "memory import",
                header + section(2, [0x01] + name("env") + name("memory") + [0x02, 0x00, 0x01]),
                "it imports 'env.memory', which this host does not provide"
            ),
            (
                "no memory export",
                header + section(1, [0x01, 0x60, 0x00, 0x00]) + section(3, [0x01, 0x00])
                    + section(7, [0x01] + name("_start") + [0x00, 0x00]) + section(10, [0x01, 0x02, 0x00, 0x0B]),
                "it exports no memory named 'memory'"
            ),
            (
                "start with a parameter",
                header + section(1, [0x01, 0x60, 0x01, 0x7F, 0x00]) + section(3, [0x01, 0x00]) + section(5, [0x01, 0x00, 0x01])
                    + section(7, [0x02] + name("_start") + [0x00, 0x00] + name("memory") + [0x02, 0x00])
                    + section(10, [0x01, 0x02, 0x00, 0x0B]),
                "its '_start' function takes or returns values"
            ),
            (
                "ill-typed body",
                header + section(1, [0x01, 0x60, 0x00, 0x00]) + section(3, [0x01, 0x00]) + section(5, [0x01, 0x00, 0x01])
                    + section(7, [0x02] + name("_start") + [0x00, 0x00] + name("memory") + [0x02, 0x00])
                    + section(10, [0x01, 0x04, 0x00, 0x41, 0x01, 0x0B]),
                "it does not validate"
            ),
        ]

        @Test(arguments: brokenBinaries)
        func aBrokenBinaryIsAnInvalidModule(label: String, bytes: [UInt8], detail: String) async {
            do {
                _ = try await WasmModuleCache().module(for: bytes)
                Issue.record("\(label) was accepted")
            } catch {
                guard case .invalidModule(let message) = error.reason else {
                    Issue.record("expected an invalid module, got \(error.reason)")
                    return
                }
                #expect(message.hasPrefix(detail), "\(message)")
                #expect(error.outcome == .handlerError)
            }
        }

        @Test func runningModuleBytesGoesThroughTheCache() async throws {
            let runner = WasmRunner(cache: WasmModuleCache())
            let bytes = try RuntimeFixtures.bytes("bench/echo")
            for _ in 0..<2 {
                let result = try await runner.run(moduleBytes: bytes, input: Array("hi".utf8), limits: RuntimeFixtures.relaxed)
                #expect(result.text == "hi")
            }
            #expect(runner.cache.statistics == WasmModuleCache.Statistics(hits: 1, misses: 1, evictions: 0))
        }

        @Test func concurrentRequestsForOneModuleShareOneCompilation() async throws {
            let cache = WasmModuleCache()
            let bytes = try RuntimeFixtures.bytes("files")
            let digests = await withTaskGroup(of: String?.self) { group -> [String?] in
                for _ in 0..<6 {
                    group.addTask { try? await cache.module(for: bytes).sha256 }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(digests).count == 1)
            #expect(digests.allSatisfy { $0 != nil })
            #expect(cache.statistics.misses == 1)
            #expect(cache.statistics.hits == 5)
        }

        @Test func aCachedModuleIsFoundByItsDigestAlone() async throws {
            let cache = WasmModuleCache()
            #expect(cache.cachedModule(sha256: Self.trapDigest) == nil)
            _ = try await cache.module(for: RuntimeFixtures.bytes("adversarial/trap"))
            #expect(cache.cachedModule(sha256: Self.trapDigest)?.sha256 == Self.trapDigest)
        }

        private static let header: [UInt8] = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]

        private static func section(_ id: UInt8, _ content: [UInt8]) -> [UInt8] {
            [id, UInt8(content.count)] + content
        }

        private static func name(_ text: String) -> [UInt8] {
            [UInt8(text.utf8.count)] + Array(text.utf8)
        }
    }
}
