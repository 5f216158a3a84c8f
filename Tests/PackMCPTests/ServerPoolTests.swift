import Foundation
import PackJSON
@testable import PackKernel
import PackMCP
import Testing

/// The pool's own deadlines, with servers that misbehave before any tool runs.
@Suite(.serialized)
struct ServerPoolTests {
    @Test("a server that never answers 'initialize' is stopped at the start deadline", .timeLimit(.minutes(1)))
    func silentServerIsStoppedAtTheStartDeadline() async throws {
        // `sleep` reads nothing and writes nothing: the handshake can only end by the deadline.
        let launch = MCPServerLaunch(
            key: "test/silent", displayName: "test/silent",
            transport: .stdio(.init(executable: "/bin/sleep", environment: [:], arguments: { _ in ["sleep", "30"] })))
        let pool = MCPServerPool(startTimeout: .milliseconds(300))
        let clock = ContinuousClock()
        let start = clock.now
        let result = await pool.call("anything", arguments: [:], on: launch, timeout: .seconds(20))
        let elapsed = clock.now - start
        guard case .failure(let failure) = result else {
            Issue.record("a silent server produced a result")
            return
        }
        #expect(failure.message.contains("did not answer 'initialize' within"), "\(failure.message)")
        #expect(elapsed < .seconds(5), "the start deadline was 300 ms, the call took \(elapsed)")
        #expect(await pool.runningCount == 0)
        await pool.shutdown()
    }
}
