import PackHTTP
import PackJSON
import Testing

@Suite("Host and Origin checks, bearer tokens", .serialized)
struct GuardAndAuthTests {
    @Test("a request for a foreign host name is refused (DNS rebinding)", arguments: ["evil.example", "evil.example:7878", "127.0.0.1.nip.io", "127.evil.example"])
    func foreignHost(host: String) async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/health", host: host)
            #expect(response.status == 403)
            #expect(response["/error/code"] == "forbidden_host")
            #expect(response["/error/message"]?.stringValue?.contains("--allow-host") == true)
        }
    }

    @Test("loopback names are accepted in Host", arguments: ["localhost", "127.0.0.1", "[::1]", "127.0.0.2", "app.localhost"])
    func loopbackHost(name: String) async throws {
        try await withServer { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/health", host: "\(name):\(port)")
            #expect(response.status == 200)
        }
    }

    @Test("tokens are required unless the listening address is a loopback literal or name",
          arguments: [("127.0.0.1", false), ("127.1.2.3", false), ("::1", false), ("localhost", false),
                      ("0.0.0.0", true), ("192.168.1.4", true), ("127.evil.example", true), ("127.0.0.1.nip.io", true),
                      ("127.0.0.256", true)])
    func tokenRequirement(host: String, required: Bool) {
        #expect(ServerConfiguration(host: host).requiresToken == required)
    }

    @Test("a cross-site Origin is refused and the server's own origin is accepted")
    func origins() async throws {
        try await withServer { port in
            let foreign = try await RawHTTP.request(port: port, "POST", "/api/v1/tools/echo-tools/echo/invoke",
                                              headers: ["Origin": "http://evil.example"], body: #"{"input": {}}"#)
            #expect(foreign.status == 403)
            #expect(foreign["/error/code"] == "forbidden_origin")
            let null = try await RawHTTP.request(port: port, "GET", "/api/v1/health", headers: ["Origin": "null"])
            #expect(null.status == 403)
            let own = try await RawHTTP.request(port: port, "GET", "/api/v1/health", headers: ["Origin": "http://localhost:\(port)"])
            #expect(own.status == 200)
        }
    }

    @Test("--allow-host admits another name")
    func allowedHost() async throws {
        try await withServer(configuration: ServerConfiguration(allowedHosts: ["quiver.test"])) { port in
            let response = try await RawHTTP.request(port: port, "GET", "/api/v1/health", host: "quiver.test:\(port)")
            #expect(response.status == 200)
        }
    }

    @Test("when tokens are required, invoking needs a valid bearer token and reading does not")
    func tokens() async throws {
        let services = ServerServices(verifyToken: { $0 == "qvr_good" })
        try await withServer(configuration: ServerConfiguration(tokens: .always), services: services) { port in
            let body = #"{"input": {"text": "a b"}}"#
            let path = "/api/v1/tools/text-tools/text_stats/invoke"
            let none = try await RawHTTP.request(port: port, "POST", path, body: body)
            #expect(none.status == 401)
            #expect(none["/error/code"] == "unauthorized")
            #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(none["/error/message"]?.stringValue?.contains("quiver token create") == true)
            let bad = try await RawHTTP.request(port: port, "POST", path, headers: ["Authorization": "Bearer qvr_bad"], body: body)
            #expect(bad.status == 401)
            #expect(bad["/error/code"] == "invalid_token")
            let good = try await RawHTTP.request(port: port, "POST", path, headers: ["Authorization": "Bearer qvr_good"], body: body)
            #expect(good.status == 200)
            #expect(good["/outcome"] == "ok")
            let read = try await RawHTTP.request(port: port, "GET", "/api/v1/tools")
            #expect(read.status == 200)
            let health = try await RawHTTP.request(port: port, "GET", "/api/v1/health")
            #expect(health["/auth_required"] == true)
        }
    }

    @Test("a server listening beyond loopback requires tokens by default")
    func beyondLoopback() {
        #expect(ServerConfiguration(host: "0.0.0.0").requiresToken)
        #expect(ServerConfiguration(host: "192.168.1.5").requiresToken)
        #expect(!ServerConfiguration(host: "127.0.0.1").requiresToken)
        #expect(!ServerConfiguration(host: "::1").requiresToken)
        #expect(ServerConfiguration(host: "127.0.0.1", tokens: .always).requiresToken)
    }
}
