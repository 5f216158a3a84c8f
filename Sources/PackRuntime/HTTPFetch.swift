import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PackJSON

/// Performs one HTTP request for `quiver.http`, blocking the guest's thread (which is its own).
///
/// The request is JSON: `{"method": "GET", "url": "https://host/path", "headers": {…}, "body": "…"}`;
/// the response is JSON: `{"status": 200, "headers": {…}, "body": "…"}` with header names in lower
/// case, and `body_base64` instead of `body` when the body is not UTF-8. Redirects are not
/// followed (the guest sees the 3xx and may ask again, through the same host check). The body is
/// cut off at ``maximumBodyBytes`` (the transfer is cancelled), and the request gives up at the
/// call's deadline.
enum HTTPFetch {
    /// The largest response body accepted. (1 MiB)
    static let maximumBodyBytes = 1 << 20

    enum Failure: Error {
        case malformed(String)
        case transport(String)
        case bodyTooLarge
    }

    /// Parses the guest's request; `nil` fields keep defaults.
    static func request(from object: JSONObject, url: URL, timeout: TimeInterval) throws(Failure) -> URLRequest {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        if let method = object["method"] {
            guard let name = method.stringValue, ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].contains(name.uppercased()) else {
                throw .malformed("'method' must be GET, HEAD, POST, PUT, PATCH or DELETE")
            }
            request.httpMethod = name.uppercased()
        }
        if let headers = object["headers"] {
            guard let fields = headers.objectValue else { throw .malformed("'headers' must be an object of strings") }
            for (name, value) in fields {
                guard let text = value.stringValue else { throw .malformed("header '\(name)' must be a string") }
                request.setValue(text, forHTTPHeaderField: name)
            }
        }
        if let body = object["body"] {
            guard let text = body.stringValue else { throw .malformed("'body' must be a string") }
            request.httpBody = Data(text.utf8)
        }
        return request
    }

    /// Sends `request` and waits for the whole response, or fails.
    static func perform(_ request: URLRequest) throws(Failure) -> JSONValue {
        let collector = Collector()
        let session = URLSession(configuration: .ephemeral, delegate: collector, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        session.dataTask(with: request).resume()
        let waitSeconds = request.timeoutInterval + 1
        guard collector.done.wait(timeout: .now() + waitSeconds) == .success else {
            throw .transport("no response within \(Int(request.timeoutInterval * 1000)) ms")
        }
        let (response, body, error, tooLarge) = collector.state.withLock { ($0.response, $0.body, $0.error, $0.tooLarge) }
        if tooLarge { throw .bodyTooLarge }
        if let error { throw .transport(error) }
        guard let response else { throw .transport("no response") }
        var headers = JSONObject()
        for (name, value) in response.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = .string(value) }
        }
        var result: JSONObject = ["status": .number(JSONNumber(response.statusCode)), "headers": .object(headers)]
        if let text = String(validating: body, as: UTF8.self) {
            result["body"] = .string(text)
        } else {
            result["body_base64"] = .string(Data(body).base64EncodedString())
        }
        return .object(result)
    }

    /// Gathers one response, refusing redirects and oversized bodies.
    private final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        struct State {
            var response: HTTPURLResponse?
            var body: [UInt8] = []
            var error: String?
            var tooLarge = false
        }
        let state = LockedState(State())
        let done = DispatchSemaphore(value: 0)

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            state.withLock { $0.response = response as? HTTPURLResponse }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let over = state.withLock { state in
                if state.body.count + data.count > HTTPFetch.maximumBodyBytes {
                    state.tooLarge = true
                    return true
                }
                state.body += data
                return false
            }
            if over { dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            state.withLock { state in
                if let error, !state.tooLarge { state.error = error.localizedDescription }
            }
            done.signal()
        }
    }
}

/// A value behind a lock, for delegate callbacks that arrive on URLSession's queue.
final class LockedState<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
