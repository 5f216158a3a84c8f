import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Adversarial guests against the memory, output, fuel and stack limits. Kept forever.
    @Suite struct ResourceLimitTests {
        @Test func aLoopThatRunsOutOfFuelReportsTheBudget() async throws {
            let limits = RuntimeLimits(timeout: .seconds(60), fuel: 1_000_000)
            let failure = try #require(await RuntimeFixtures.failure("adversarial/infinite_loop", limits: limits))
            #expect(failure.reason == .fuelExhausted(budget: 1_000_000))
            #expect(failure.outcome == .resourceExhausted)
        }

        @Test(arguments: [4 << 20, 8 << 20])
        func aMemoryBombHitsTheMemoryLimit(bytes: Int) async throws {
            let limits = RuntimeLimits(timeout: .seconds(60), memoryBytes: bytes)
            let failure = try #require(await RuntimeFixtures.failure("adversarial/memory_bomb", limits: limits))
            #expect(failure.reason == .memoryLimitExceeded)
            #expect(failure.outcome == .resourceExhausted)
            #expect(failure.standardError.hasPrefix("allocation failed after "))
        }

        @Test func anInitialMemoryAboveTheLimitIsRefusedAtInstantiation() async throws {
            let failure = try #require(await RuntimeFixtures.failure("adversarial/huge_memory"))
            #expect(failure.reason == .memoryLimitExceeded)
        }

        @Test func theSameModuleRunsWhenTheMemoryLimitAllowsIt() async throws {
            let limits = RuntimeLimits(timeout: .seconds(60), memoryBytes: 256 << 20)
            let result = try await RuntimeFixtures.run("adversarial/huge_memory", limits: limits)
            #expect(result.output.isEmpty)
        }

        @Test(arguments: [1 << 10, 64 << 10])
        func anOutputBombIsStoppedAtTheOutputLimit(bytes: Int) async throws {
            let limits = RuntimeLimits(timeout: .seconds(60), outputBytes: bytes)
            let clock = ContinuousClock()
            let started = clock.now
            let failure = try #require(await RuntimeFixtures.failure("adversarial/output_bomb", limits: limits))
            #expect(failure.reason == .outputTooLarge(limit: bytes))
            #expect(failure.outcome == .resourceExhausted)
            // Stopped by the cap, long before the timeout would have stopped it.
            #expect(started.duration(to: clock.now) < .seconds(30))
        }

        @Test func unboundedRecursionTrapsWithTheFirstLineOfTheTrap() async throws {
            let failure = try #require(await RuntimeFixtures.failure("adversarial/stack_overflow"))
            #expect(failure.reason == .crashed(exitStatus: nil, message: "call stack exhausted"))
            #expect(failure.message == "handler trapped: call stack exhausted")
        }

        @Test func aCallStartedAfterCancellationDoesNotRun() async throws {
            let module = try await RuntimeFixtures.module("bench/echo")
            let task = Task {
                while !Task.isCancelled { await Task.yield() }
                return await RuntimeFixtures.result(of: module)
            }
            task.cancel()
            #expect(await task.value.failure?.reason == .cancelled)
        }
    }
}
