import Foundation
import PackJSON
import WasmKit

/// The host functions a guest may import from module `quiver`.
///
/// | import | signature | result |
/// |---|---|---|
/// | `log(ptr, len)` | `(i32, i32) -> ()` | appends one UTF-8 line to the call's log |
/// | `http(req_ptr, req_len, out_ptr, out_cap)` | `(i32, i32, i32, i32) -> i32` | see ``HTTPStatus`` |
/// | `secret(name_ptr, name_len, out_ptr, out_cap)` | `(i32, i32, i32, i32) -> i32` | the secret's length, or -1 |
/// | `kv_get(key_ptr, key_len, out_ptr, out_cap)` | `(i32, i32, i32, i32) -> i32` | the value's length, or -1 when absent |
/// | `kv_set(key_ptr, key_len, value_ptr, value_len)` | `(i32, i32, i32, i32) -> i32` | 0, or -3 (bad key or value), -4 (full), -5 (no store) |
/// | `kv_delete(key_ptr, key_len)` | `(i32, i32) -> i32` | 1 when a value was removed, else 0 |
///
/// `http` takes a JSON request, `{"method": "GET", "url": "https://host/path", "headers": {...},
/// "body": "..."}`. A host that no `net` grant covers is denied (-1). An allowed request is sent
/// (see ``HTTPFetch``: no redirects, a 1 MiB body limit, the call's deadline), and the JSON
/// response `{"status", "headers", "body"}` is copied into `out` when it fits; the result is its
/// length, -4 when it does not fit, or -2 when the request failed (the reason goes to the log).
///
/// `secret` copies the value into `out` when it fits and returns its length either way (so a guest
/// can retry with a larger buffer); -1 means the name is not granted. `kv_get` works the same
/// way over the pack's ``KeyValueSpace`` (bounds documented there). Buffers outside the guest's
/// memory stop the guest. Denied requests are recorded as ``SandboxDenial``s.
final class QuiverImports {
    /// `quiver.http` results below zero.
    enum HTTPStatus {
        /// The host is not covered by a `net` grant.
        static let denied: Int32 = -1
        /// The request was allowed but failed: no connection, a timeout, or a body over the limit.
        static let failed: Int32 = -2
        /// The request is not a JSON object with an absolute `http`/`https` URL.
        static let malformedRequest: Int32 = -3
        /// The response does not fit in the guest's buffer.
        static let responseTooLarge: Int32 = -4
    }

    /// The longest `http` request accepted, in bytes. (64 KiB)
    static let maximumRequestBytes: UInt32 = 64 << 10
    /// The longest secret name accepted, in bytes. (256)
    static let maximumSecretNameBytes: UInt32 = 256
    /// The longest single log line kept, in bytes; longer lines are cut. (4 KiB)
    static let maximumLogLineBytes = 4 << 10

    private let sandbox: SandboxPolicy
    private let log: CapturedStream
    private(set) var denials: [SandboxDenial] = []
    /// The values of the secrets the guest fetched, to redact from what it writes.
    private(set) var fetchedSecrets: Set<String> = []

    private let deadline: ContinuousClock.Instant

    init(sandbox: SandboxPolicy, log: CapturedStream, deadline: ContinuousClock.Instant = .now + .seconds(30)) {
        self.sandbox = sandbox
        self.log = log
        self.deadline = deadline
    }

    /// Defines those of `quiver.log`, `quiver.http` and `quiver.secret` named in `functions`.
    func link(_ functions: Set<String>, to imports: inout Imports, store: Store) {
        if functions.contains("log") { defineLog(in: &imports, store: store) }
        if functions.contains("http") { defineHTTP(in: &imports, store: store) }
        if functions.contains("secret") { defineSecret(in: &imports, store: store) }
        if functions.contains("kv_get") { defineKeyValueGet(in: &imports, store: store) }
        if functions.contains("kv_set") { defineKeyValueSet(in: &imports, store: store) }
        if functions.contains("kv_delete") { defineKeyValueDelete(in: &imports, store: store) }
    }

    private func defineLog(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "log",
            Function(store: store, parameters: [.i32, .i32], results: []) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.log")
                let bytes = try memory.read(offset: arguments[0].i32, count: arguments[1].i32)
                var line = String(decoding: bytes.prefix(Self.maximumLogLineBytes), as: UTF8.self)
                if bytes.count > Self.maximumLogLineBytes { line += " [truncated]" }
                log.appendLine(line)
                return []
            })
    }

    private func defineHTTP(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "http",
            Function(store: store, parameters: [.i32, .i32, .i32, .i32], results: [.i32]) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.http")
                try memory.check(offset: UInt64(arguments[2].i32), count: UInt64(arguments[3].i32))
                guard arguments[1].i32 <= Self.maximumRequestBytes else { return [.i32(UInt32(bitPattern: HTTPStatus.malformedRequest))] }
                let request = try memory.read(offset: arguments[0].i32, count: arguments[1].i32)
                let response: [UInt8]
                switch http(request) {
                case .status(let status): return [.i32(UInt32(bitPattern: status))]
                case .response(let bytes): response = bytes
                }
                guard response.count <= Int(arguments[3].i32) else {
                    return [.i32(UInt32(bitPattern: HTTPStatus.responseTooLarge))]
                }
                try memory.write(response, at: arguments[2].i32)
                return [.i32(UInt32(truncatingIfNeeded: response.count))]
            })
    }

    private func defineSecret(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "secret",
            Function(store: store, parameters: [.i32, .i32, .i32, .i32], results: [.i32]) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.secret")
                try memory.check(offset: UInt64(arguments[2].i32), count: UInt64(arguments[3].i32))
                guard arguments[1].i32 <= Self.maximumSecretNameBytes else { return [.i32(UInt32(bitPattern: -1))] }
                let name = String(decoding: try memory.read(offset: arguments[0].i32, count: arguments[1].i32), as: UTF8.self)
                guard let value = sandbox.secrets[name] else {
                    denials.append(SandboxDenial(capability: .secret, scope: name))
                    return [.i32(UInt32(bitPattern: -1))]
                }
                fetchedSecrets.insert(value)
                let bytes = Array(value.utf8)
                if bytes.count <= Int(arguments[3].i32) {
                    try memory.write(bytes, at: arguments[2].i32)
                }
                return [.i32(UInt32(truncatingIfNeeded: bytes.count))]
            })
    }

    /// `kv_*` results below zero.
    enum KeyValueStatus {
        static let absent: Int32 = -1
        static let malformed: Int32 = -3
        static let full: Int32 = -4
        static let unavailable: Int32 = -5
    }

    private func key(_ memory: GuestMemoryAccess, _ pointer: UInt32, _ length: UInt32) throws -> String? {
        guard length > 0, length <= UInt32(KeyValueSpace.maximumKeyBytes) else { return nil }
        let bytes = try memory.read(offset: pointer, count: length)
        return String(validating: bytes, as: UTF8.self)
    }

    private func defineKeyValueGet(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "kv_get",
            Function(store: store, parameters: [.i32, .i32, .i32, .i32], results: [.i32]) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.kv_get")
                try memory.check(offset: UInt64(arguments[2].i32), count: UInt64(arguments[3].i32))
                guard let key = try key(memory, arguments[0].i32, arguments[1].i32) else {
                    return [.i32(UInt32(bitPattern: KeyValueStatus.malformed))]
                }
                guard let value = sandbox.keyValues?.value(forKey: key) else { return [.i32(UInt32(bitPattern: KeyValueStatus.absent))] }
                if value.count <= Int(arguments[3].i32) { try memory.write(value, at: arguments[2].i32) }
                return [.i32(UInt32(truncatingIfNeeded: value.count))]
            })
    }

    private func defineKeyValueSet(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "kv_set",
            Function(store: store, parameters: [.i32, .i32, .i32, .i32], results: [.i32]) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.kv_set")
                guard let space = sandbox.keyValues else { return [.i32(UInt32(bitPattern: KeyValueStatus.unavailable))] }
                guard let key = try key(memory, arguments[0].i32, arguments[1].i32),
                      arguments[3].i32 <= UInt32(KeyValueSpace.maximumValueBytes)
                else { return [.i32(UInt32(bitPattern: KeyValueStatus.malformed))] }
                let value = try memory.read(offset: arguments[2].i32, count: arguments[3].i32)
                return [.i32(UInt32(bitPattern: space.setValue(value, forKey: key) ? 0 : KeyValueStatus.full))]
            })
    }

    private func defineKeyValueDelete(in imports: inout Imports, store: Store) {
        imports.define(
            module: "quiver", name: "kv_delete",
            Function(store: store, parameters: [.i32, .i32], results: [.i32]) { [self] caller, arguments in
                let memory = try caller.guestMemory(for: "quiver.kv_delete")
                guard let key = try key(memory, arguments[0].i32, arguments[1].i32) else {
                    return [.i32(UInt32(bitPattern: KeyValueStatus.malformed))]
                }
                return [.i32(sandbox.keyValues?.removeValue(forKey: key) == true ? 1 : 0)]
            })
    }

    /// Decides an HTTP request (denied or malformed), and performs it when allowed.
    private enum HTTPOutcome {
        case response([UInt8])
        case status(Int32)
    }

    /// The host as a connection would use it: lower case, no IPv6 brackets, no final dot.
    private static func comparable(_ host: String) -> String {
        var host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        while host.hasSuffix(".") { host.removeLast() }
        return host
    }

    private func http(_ request: [UInt8]) -> HTTPOutcome {
        guard case .object(let object)? = try? JSONParser.parse(request, options: .init(maxDepth: 16)),
            let text = object["url"]?.stringValue, let target = HTTPTarget(url: text), let url = URL(string: text),
            // The host Foundation will connect to must be the host the grant was checked against.
            let host = url.host, Self.comparable(host) == Self.comparable(target.host)
        else { return .status(HTTPStatus.malformedRequest) }
        guard sandbox.allowsConnection(toHost: target.host, port: target.port) else {
            denials.append(SandboxDenial(capability: .net, scope: target.scope))
            return .status(HTTPStatus.denied)
        }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18
        guard seconds > 0.01 else { return .status(HTTPStatus.failed) }
        do throws(HTTPFetch.Failure) {
            let response = try HTTPFetch.perform(try HTTPFetch.request(from: object, url: url, timeout: min(seconds, 30)))
            return .response(Array(response.serialized().utf8))
        } catch {
            switch error {
            case .malformed(let message):
                log.appendLine("quiver.http: \(message)")
                return .status(HTTPStatus.malformedRequest)
            case .transport(let message):
                log.appendLine("quiver.http \(target.scope): \(message)")
                return .status(HTTPStatus.failed)
            case .bodyTooLarge:
                log.appendLine("quiver.http \(target.scope): the response body is over \(HTTPFetch.maximumBodyBytes) bytes")
                return .status(HTTPStatus.failed)
            }
        }
    }
}

/// The host and port an `http` or `https` URL connects to.
struct HTTPTarget: Hashable {
    /// The host, lower-cased, without brackets for IPv6 literals.
    var host: String
    /// The explicit port, or 80 for `http` and 443 for `https`.
    var port: Int

    /// `host:port` as a `net` grant writes it.
    var scope: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Parses an absolute URL; `nil` for other schemes, user information (`user@host`, which can
    /// disguise the real host), an empty host, or a bad port.
    init?(url: String) {
        let lowered = url.lowercased()
        let defaultPort: Int
        let rest: Substring
        if lowered.hasPrefix("https://") {
            defaultPort = 443
            rest = url.dropFirst(8)
        } else if lowered.hasPrefix("http://") {
            defaultPort = 80
            rest = url.dropFirst(7)
        } else {
            return nil
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@"), !authority.contains("\\") else { return nil }
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty, hostPart.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x25 }) else { return nil }
        var host = hostPart.lowercased()
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }
        if let portPart {
            guard let value = Int(portPart), (1...65_535).contains(value) else { return nil }
            port = value
        } else {
            port = defaultPort
        }
        self.host = host
    }
}
