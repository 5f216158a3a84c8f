import Foundation
import PackHTTP
import Synchronization
import PackJSON
import PackKernel
import PackState
import PackTestSupport
import Testing

@Suite("The REST API over the example packs", .serialized)
struct RESTAPITests {
    @Test("health reports the version, the counts and whether auth is required")
    func health() async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/health")
            #expect(response.status == 200)
            #expect(response.headers["content-type"]?.hasPrefix("application/json") == true)
            #expect(response["/status"] == "ok")
            #expect(response["/auth_required"] == false)
            if case .number(let tools)? = response["/tools"] { #expect(tools > JSONNumber(3)) } else { Issue.record("no tool count") }
        }
    }

    @Test("the packs list shows each example pack with tier, status and grants")
    func listsPacks() async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/packs")
            #expect(response.status == 200)
            guard case .array(let packs)? = response["/packs"] else { Issue.record("no packs array: \(response.text)"); return }
            let names = packs.compactMap { pack -> String? in if case .string(let name)? = pack["name"] { name } else { nil } }
            #expect(names.contains("echo-tools"))
            #expect(names.contains("text-tools"))
            let textTools = packs.first { $0["name"] == "text-tools" }
            #expect(textTools?["status"] == "installed")
            #expect(textTools?["granted"]?.arrayValue?.contains { $0.stringValue?.hasPrefix("fs.read") == true } == true)
        }
    }

    @Test("a pack's page has its install report, tools and versions; the v{major} line resolves")
    func showsPack() async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/packs/text-tools")
            #expect(response.status == 200)
            #expect(response["/pack/name"] == "text-tools")
            #expect(response["/report/status"] == "installed")
            #expect(response["/tools"]?.arrayValue?.isEmpty == false)
            let version = response["/pack/version"]?.stringValue ?? ""
            let major = version.split(separator: ".").first.map(String.init) ?? "0"
            let line = try await RawHTTP.request(port: port, "GET", "/api/v1/packs/text-tools/v\(major)")
            #expect(line.status == 200)
            #expect(line["/pack/version"]?.stringValue == version)
            let missing = try await RawHTTP.request(port: port, "GET", "/api/v1/packs/text-tools/v99")
            #expect(missing.status == 404)
            #expect(missing["/error/code"] == "not_found")
            #expect(missing["/error/message"]?.stringValue?.contains("v99") == true)
        }
    }

    @Test("unknown packs, tools and routes are JSON errors with 404")
    func notFound() async throws {
        try await withServer { port in
            for path in ["/api/v1/packs/no-such-pack", "/api/v1/tools/no-such-pack/x", "/api/v1/nothing-here"] {
                let response = try await RawHTTP.request(port: port, "GET", path)
                #expect(response.status == 404, "\(path)")
                #expect(response["/error/code"] == "not_found", "\(path): \(response.text)")
                #expect(response["/error/message"]?.stringValue?.isEmpty == false)
            }
        }
    }

    @Test("invoking a wasm tool runs the pipeline and records the model from X-Quiver-Model")
    func invokes() async throws {
        let recorder = CollectingRecorder()
        try await withServer(recorder: recorder) { port in
            let response = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/text-tools/text_stats/invoke",
                                               headers: ["X-Quiver-Model": "test-model"], body: #"{"input": {"text": "one two three"}}"#)
            #expect(response.status == 200)
            #expect(response["/outcome"] == "ok", "\(response.text)")
            #expect(response["/output/words"] == 3)
            if case .number? = response["/latency_ms"] {} else { Issue.record("latency_ms is not a number: \(response.text)") }
        }
        let records = recorder.records.withLock { $0 }
        #expect(records.count == 1)
        #expect(records.first?.caller == "test-model")
        #expect(records.first?.tool == "text-tools/text_stats")
    }

    @Test("bad input is an input_invalid outcome with validation errors, not an HTTP error")
    func invalidInput() async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/text-tools/text_stats/invoke", body: #"{"input": {"text": 42}}"#)
            #expect(response.status == 200)
            #expect(response["/outcome"] == "input_invalid")
            #expect(response["/validation_errors"]?.arrayValue?.first?.stringValue?.contains("/text") == true, "\(response.text)")
        }
    }

    @Test("malformed bodies get 400 with a code that says why")
    func malformedBodies() async throws {
        try await withServer { port in
            let broken = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/text-tools/text_stats/invoke", body: #"{"input": "#)
            #expect(broken.status == 400)
            #expect(broken["/error/code"] == "invalid_json")
            let noInput = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/text-tools/text_stats/invoke", body: #"{"text": "x"}"#)
            #expect(noInput.status == 400)
            #expect(noInput["/error/message"]?.stringValue?.contains("input") == true)
            let tooLarge = try await RawHTTP.request(port: port, "POST", "/api/v1/validate",
                                               body: #"{"schema": {}, "instance": ""# + String(repeating: "x", count: 1 << 20 + 10) + #""}"#)
            #expect(tooLarge.status == 413)
            #expect(tooLarge["/error/code"] == "payload_too_large")
        }
    }

    @Test("live validation answers valid, lists errors, and refuses a schema that does not compile")
    func validates() async throws {
        try await withServer { port in
            let valid = try await RawHTTP.request(port: port, "POST", "/api/v1/validate",
                                            body: #"{"schema": {"type": "object", "properties": {"age": {"minimum": 18}}}, "instance": {"age": 30}}"#)
            #expect(valid.status == 200)
            #expect(valid["/valid"] == true)
            let invalid = try await RawHTTP.request(port: port, "POST", "/api/v1/validate",
                                              body: #"{"schema": {"type": "object", "properties": {"age": {"minimum": 18}}}, "instance": {"age": 17}}"#)
            #expect(invalid["/valid"] == false)
            #expect(invalid["/errors/0/instanceLocation"] == "/age")
            #expect(invalid["/errors/0/error"]?.stringValue?.contains("18") == true)
            let broken = try await RawHTTP.request(port: port, "POST", "/api/v1/validate", body: #"{"schema": {"type": 12}, "instance": 1}"#)
            #expect(broken.status == 422)
            #expect(broken["/error/code"] == "schema_invalid")
            let toolInput = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/text-tools/text_stats/validate", body: #"{"instance": {}}"#)
            #expect(toolInput["/valid"] == false)
        }
    }

    @Test("the OpenAPI document lists exactly the routes the server answers")
    func openAPIMatchesRoutes() async throws {
        try await withServer { port in
            let document = try await RawHTTP.request(port: port, "GET", "/api/v1/openapi.json")
            #expect(document.status == 200)
            #expect(document["/openapi"] == "3.1.0")
            guard case .object(let paths)? = document["/paths"] else { Issue.record("no paths"); return }
            #expect(paths.count >= 10)
            for (path, item) in paths {
                guard case .object(let operations) = item else { continue }
                for method in operations.keys {
                    let concrete = path.replacingOccurrences(of: "{name}", with: "text-tools").replacingOccurrences(of: "{pack}", with: "text-tools")
                        .replacingOccurrences(of: "{tool}", with: "text_stats").replacingOccurrences(of: "{major}", with: "0")
                    let response = try await RawHTTP.request(port: port, method.uppercased(), concrete, body: method == "post" ? "{}" : nil)
                    // A route that exists may refuse the empty body (400) but never answers "no such route".
                    #expect(!(response.status == 404 && response["/error/message"]?.stringValue?.contains("no such route") == true),
                            "\(method) \(path) is documented but not routed")
                    #expect(response.status != 405, "\(method) \(path)")
                }
            }
            // And an undocumented path is not routed.
            let unknown = try await RawHTTP.request(port: port, "GET", "/api/v1/undocumented")
            #expect(unknown.status == 404)
        }
    }

    @Test("the web UI is served at / with a content security policy")
    func servesUI() async throws {
        try await withServer { port in
            let page = try await RawHTTP.request(port: port, "GET", "/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(page.headers["content-security-policy"]?.contains("default-src 'self'") == true)
            #expect(page.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
            // One policy, in the header: the page carries no second one in a meta tag.
            #expect(!page.text.contains("http-equiv=\"Content-Security-Policy\""))
            #expect(page.text.contains("Quiver"))
            let script = try await RawHTTP.request(port: port, "GET", "/app.js")
            #expect(script.status == 200)
            #expect(script.headers["content-type"]?.contains("javascript") == true)
            let head = try await RawHTTP.request(port: port, "HEAD", "/app.css")
            #expect(head.status == 200)
            let missing = try await RawHTTP.request(port: port, "GET", "/no-such-asset.js")
            #expect(missing.status == 404)
        }
    }
}

@Suite("Records through the server, in SQLite")
struct RecordedStatsTests {
    @Test("calls made over HTTP fill the success rates per tool and model, flagged below 80%")
    func statsFill() async throws {
        let directory = try TestPaths.temporaryDirectory("http-state")
        let store = try StateStore.open(at: directory + "/quiver.db")
        try await withServer(services: ServerServices(store: store), recorder: store) { port in
            let path = "/api/v1/tools/text-tools/text_stats/invoke"
            for _ in 0..<3 {
                _ = try await RawHTTP.request(port: port, "POST", path, headers: ["X-Quiver-Model": "model-a"], body: #"{"input": {"text": "a b"}}"#)
            }
            _ = try await RawHTTP.request(port: port, "POST", path, headers: ["X-Quiver-Model": "model-b"], body: #"{"input": {"text": 1}}"#)
            let stats = try await RawHTTP.request(port: port, "GET", "/api/v1/stats")
            #expect(stats.status == 200)
            guard case .array(let rates)? = stats["/rates"] else { Issue.record("no rates: \(stats.text)"); return }
            let a = rates.first { $0["model"] == "model-a" }
            let b = rates.first { $0["model"] == "model-b" }
            #expect(a?["calls"] == 3)
            #expect(a?["rate"] == 1)
            #expect(a?["flagged"] == false)
            #expect(b?["calls"] == 1)
            #expect(b?["flagged"] == true)
            if case .number(let upper)? = b?["ci95"]?["upper"] { #expect(upper < JSONNumber(1)) } else { Issue.record("no upper bound") }
            let recent = try await RawHTTP.request(port: port, "GET", "/api/v1/invocations?limit=2")
            #expect(recent["/invocations"]?.arrayValue?.count == 2)
            #expect(recent["/invocations/0/model"] == "model-b")
            let badLimit = try await RawHTTP.request(port: port, "GET", "/api/v1/invocations?limit=0")
            #expect(badLimit.status == 400)
        }
        await store.flush()
    }
}
