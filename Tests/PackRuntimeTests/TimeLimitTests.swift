import Foundation
import PackBasics
import PackModel
import PackRuntime
import Testing

extension AllRuntimeTests {
    /// Guests that would run forever: loops, sleeps, blocked reads, and cancelled callers. Kept forever.
    ///
    /// The bounds are generous (the limit plus a second) and checked on the duration the runtime
    /// measures, from the call's start until the guest stopped or was abandoned, so that they test
    /// "stopped" rather than speed (see ``AllRuntimeTests`` for why nothing runs beside them).
    @Suite struct TimeLimitTests {
        static let margin: Duration = .seconds(1)

        /// Runs `name` under `limits` and checks it timed out within the margin.
        private func expectTimeout(_ name: String, input: String = "{}", sandbox: SandboxPolicy = .none, limit: Duration) async throws {
            let module = try await RuntimeFixtures.module(name)
            let clock = ContinuousClock()
            let started = clock.now
            let failure = try #require(
                await RuntimeFixtures.result(
                    of: module, input: Array(input.utf8), sandbox: sandbox, limits: RuntimeLimits(timeout: limit)
                ).failure)
            #expect(failure.reason == .timedOut(after: limit))
            #expect(failure.outcome == .timeout)
            let duration = try #require(failure.duration)
            #expect(duration < limit + Self.margin, "stopped after \(duration)")
            // The caller got its answer (the wall clock includes the test runner's own scheduling).
            #expect(started.duration(to: clock.now) < limit + .seconds(10))
        }

        @Test(arguments: [200, 500])
        func anInfiniteLoopIsStoppedAtTheTimeout(milliseconds: Int) async throws {
            try await expectTimeout("adversarial/infinite_loop", limit: .milliseconds(milliseconds))
        }

        @Test func theDefaultTimeoutStopsAnInfiniteLoopAfterTwoSeconds() async throws {
            let module = try await RuntimeFixtures.module("adversarial/infinite_loop")
            let failure = try #require(await RuntimeFixtures.result(of: module, limits: RuntimeLimits()).failure)
            #expect(failure.reason == .timedOut(after: .seconds(2)))
            #expect(failure.message == "handler did not finish within 2000 ms; make it faster or raise 'timeout_ms' in the tool's limits")
            let duration = try #require(failure.duration)
            #expect(duration >= .seconds(2))
            #expect(duration < .seconds(2) + Self.margin)
        }

        @Test func aGuestSleepingPastTheDeadlineIsStoppedAtOnce() async throws {
            let module = try await RuntimeFixtures.module("adversarial/sleeper")
            let failure = try #require(
                await RuntimeFixtures.result(of: module, limits: RuntimeLimits(timeout: .seconds(5))).failure)
            #expect(failure.reason == .timedOut(after: .seconds(5)))
            #expect(try #require(failure.duration) < .seconds(5))
        }

        @Test func aGuestBlockedOpeningAFIFOIsAbandonedAtItsDeadline() async throws {
            let root = try RuntimeFixtures.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let fifo = Path.join(root, "pipe")
            #expect(mkfifo(fifo, 0o600) == 0)
            let sandbox = SandboxPolicy(directories: [.init(hostPath: root, guestPath: "/data")])
            // Abandoned half a second after the deadline, inside the margin.
            try await expectTimeout("adversarial/fs_probe", input: #"{"read": ["/data/pipe"]}"#, sandbox: sandbox, limit: .milliseconds(300))
            // Let the abandoned guest's open return, so that its thread can trap and end.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
        }

        @Test func cancellingTheCallerStopsTheGuest() async throws {
            let module = try await RuntimeFixtures.module("adversarial/infinite_loop")
            let task = Task { await RuntimeFixtures.result(of: module, limits: RuntimeLimits(timeout: .seconds(60))) }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            let failure = try #require(await task.value.failure)
            #expect(failure.reason == .cancelled)
            #expect(try #require(failure.duration) < .milliseconds(200) + Self.margin)
        }

        @Test func severalGuestsTimingOutTogetherAreAllStopped() async throws {
            let module = try await RuntimeFixtures.module("adversarial/infinite_loop")
            let limits = RuntimeLimits(timeout: .milliseconds(300))
            let failures = await withTaskGroup(of: HandlerFailure?.self) { group -> [HandlerFailure?] in
                for _ in 0..<4 {
                    group.addTask { await RuntimeFixtures.result(of: module, limits: limits).failure }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(failures.map(\.?.reason) == Array(repeating: .timedOut(after: .milliseconds(300)), count: 4))
            for failure in failures {
                #expect(try #require(failure?.duration) < .milliseconds(300) + Self.margin)
            }
        }
    }
}
