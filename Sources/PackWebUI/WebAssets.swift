/// The web management UI's static files, compiled into the binary.
///
/// Every asset is a Swift string literal in this module (`WebAssets+Page.swift`, `WebAssets+Style.swift`,
/// `WebAssets+Script*.swift`), so the server needs no files on disk, no npm and no network. The page
/// talks only to the REST API under `/api/v1`.
///
/// ```swift
/// if let asset = WebAssets.asset(path: request.uri.path) {
///     return Response(status: .ok, headers: [.contentType: asset.contentType], body: asset.body)
/// }
/// ```
public enum WebAssets {
    /// The asset at a URL path ("/" and "/index.html" → the page; "/app.js", "/app.css", ...), or nil.
    ///
    /// A query string or fragment after the path is ignored. Paths are matched exactly (no
    /// directory listing, no `..`), so an unknown path is nil and the caller answers 404.
    /// - Parameter path: The path of the request URL, starting with `/`.
    /// - Returns: The content type (with `charset=utf-8` for text) and the bytes, or nil.
    public static func asset(path: String) -> (contentType: String, body: [UInt8])? {
        var key = Substring(path)
        if let end = key.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            key = key[..<end]
        }
        guard let asset = table[String(key)] else { return nil }
        return (asset.contentType, asset.body)
    }

    /// The Content-Security-Policy every asset is served with: everything from the server itself,
    /// nothing inline, no plugins, no framing, no form posts.
    public static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The URL paths of every asset, sorted; for tests and for listing in documentation.
    public static var paths: [String] {
        table.keys.sorted()
    }

    private struct Asset: Sendable {
        let contentType: String
        let body: [UInt8]

        init(_ contentType: String, _ text: String) {
            self.contentType = contentType
            self.body = Array(text.utf8)
        }
    }

    private static let html = "text/html; charset=utf-8"
    private static let css = "text/css; charset=utf-8"
    private static let javascript = "text/javascript; charset=utf-8"
    private static let svg = "image/svg+xml"

    /// Built once, on first use; the literals are small (tens of kilobytes in all).
    private static let table: [String: Asset] = {
        let page = Asset(html, indexHTML)
        return [
            "/": page,
            "/index.html": page,
            "/app.css": Asset(css, appCSS),
            "/app.js": Asset(javascript, appJS),
            "/core.js": Asset(javascript, coreJS),
            "/packs.js": Asset(javascript, packsJS),
            "/authoring.js": Asset(javascript, authoringJS),
            "/runner.js": Asset(javascript, runnerJS),
            "/rates.js": Asset(javascript, ratesJS),
            "/favicon.svg": Asset(svg, faviconSVG),
        ]
    }()
}
