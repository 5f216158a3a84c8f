import PackBasics
import PackJSON
import PackKernel
import PackModel

/// The catalog as the REST API shows it: packs with their reports, tools with their contracts.
struct CatalogViews: Sendable {
    let catalog: Catalog
    /// Each offered pack's report, by `name@version`.
    private let reports: [String: InstallReport]

    init(catalog: Catalog) {
        self.catalog = catalog
        reports = Dictionary(catalog.reports.map { ($0.pack, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every pack offered to the host, installed or refused, sorted by name then version.
    func packSummaries() -> [JSONValue] {
        var summaries: [JSONValue] = []
        var seen = Set<String>()
        for pack in catalog.packs {
            let identity = pack.manifest.identity.description
            seen.insert(identity)
            summaries.append(summary(of: pack, report: report(for: identity)))
        }
        for report in catalog.reports where !seen.contains(report.pack) && report.status == .refused {
            summaries.append(summary(ofRefused: report))
        }
        return summaries
    }

    /// One pack: the newest stable version (or the newest of a major line), its report and tools.
    func packDetail(name: String, major: Int? = nil) throws(APIError) -> JSONValue {
        let versions = catalog.packs.filter { $0.manifest.name == name }
        guard !versions.isEmpty else {
            if let report = catalog.report(for: name) {
                return ["pack": summary(ofRefused: report), "report": report.jsonValue, "tools": [], "versions": []]
            }
            throw APIError.notFound("no pack named '\(name)' is installed; GET /api/v1/packs lists them")
        }
        let chosen: CatalogPack
        if let major {
            let line = versions.filter { $0.manifest.version.major == major }
            guard let newest = Self.newest(line) else {
                let known = versions.map { "v\($0.manifest.version.major)" }
                throw APIError.notFound("'\(name)' has no release in the v\(major) line; installed lines: \(Array(Set(known)).sorted().joined(separator: ", "))")
            }
            chosen = newest
        } else {
            chosen = versions.first(where: \.isDefaultVersion) ?? Self.newest(versions)!
        }
        let identity = chosen.manifest.identity.description
        let tools = chosen.manifest.tools.compactMap { catalog.tools["\(identity)/\($0.name)"] }.map(toolView)
        var object: JSONObject = [
            "pack": summary(of: chosen, report: report(for: identity)),
            "tools": .array(tools),
            "versions": .array(versions.map(\.manifest.version).sorted().map { .string($0.description) }),
        ]
        if let report = report(for: identity) { object["report"] = report.jsonValue }
        return .object(object)
    }

    /// The release `packs` resolves to, by the catalog's rule for default versions.
    static func newest(_ packs: [CatalogPack]) -> CatalogPack? {
        Catalog.preferredRelease(packs, version: \.manifest.version)
    }

    /// The tools models see (the catalog's exposed names, default versions), sorted by ID.
    func toolList() -> [JSONValue] {
        Set(catalog.exposedTools.values).sorted().compactMap { catalog.tools[$0] }.map(toolView)
    }

    /// A tool by pack (a name, or `name@version`) and tool name.
    func tool(pack: String, name: String) throws(APIError) -> CatalogTool {
        if let tool = catalog.tools["\(pack)/\(name)"] { return tool }
        if catalog.packs.contains(where: { $0.manifest.name == pack || $0.manifest.identity.description == pack }) {
            throw APIError.notFound("the pack '\(pack)' has no tool '\(name)'; GET /api/v1/packs/\(pack) lists its tools")
        }
        throw APIError.notFound("no pack '\(pack)' is installed; GET /api/v1/tools lists the tools")
    }

    /// The tool ID of the newest release of `pack`'s `major` line.
    func toolID(pack: String, major: Int, tool name: String) throws(APIError) -> String {
        let line = catalog.packs.filter { $0.manifest.name == pack && $0.manifest.version.major == major }
        guard let newest = Self.newest(line) else {
            throw APIError.notFound("'\(pack)' has no release in the v\(major) line; GET /api/v1/packs/\(pack) lists its versions")
        }
        let id = "\(newest.manifest.identity.description)/\(name)"
        guard catalog.tools[id] != nil else {
            throw APIError.notFound("'\(newest.manifest.identity.description)' has no tool '\(name)'")
        }
        return id
    }

    func toolView(_ tool: CatalogTool) -> JSONValue {
        var object: JSONObject = [
            "id": .string(tool.id),
            "name": .string(tool.exposedName ?? tool.id),
            "pack": .string(tool.pack.name),
            "version": .string(tool.pack.version.description),
            "description": .string(tool.tool.description),
            "handler": .string(tool.tool.handler.kind),
            "input_schema": tool.inputSchema,
            "output_schema": tool.outputSchema ?? .null,
        ]
        object["tests"] = .array(tool.tool.tests.enumerated().map { index, test in
            ["name": .string(test.name ?? "case \(index + 1)"), "input": test.input]
        })
        return .object(object)
    }

    private func report(for identity: String) -> InstallReport? {
        reports[identity]
    }

    private func summary(of pack: CatalogPack, report: InstallReport?) -> JSONValue {
        let manifest = pack.manifest
        var object: JSONObject = [
            "name": .string(manifest.name),
            "version": .string(manifest.version.description),
            "description": .string(manifest.description),
            "tier": .string(pack.tier.rawValue),
            "default": .bool(pack.isDefaultVersion),
            "status": .string(report?.status.rawValue ?? InstallReport.Status.installed.rawValue),
            "tools": .array(manifest.tools.map { .string($0.name) }),
            "skills": .array(manifest.skills.map { .string($0.name) }),
            "diagnostics": .number(JSONNumber(report?.diagnostics.count ?? 0)),
        ]
        object["granted"] = .array(pack.grants.decisions.filter(\.isGranted).map { .string(Self.describe($0.request.kind.rawValue, $0.grantedScopes)) })
        object["denied"] = .array(pack.grants.decisions.filter { $0.denialReason != nil }.map {
            .string(Self.describe($0.request.kind.rawValue, $0.deniedScopes))
        })
        return .object(object)
    }

    private func summary(ofRefused report: InstallReport) -> JSONValue {
        let parts = report.pack.split(separator: "@", maxSplits: 1).map(String.init)
        return [
            "name": .string(parts.first ?? report.pack), "version": .string(parts.count > 1 ? parts[1] : ""),
            "description": "", "tier": .string(report.tier.rawValue), "default": false,
            "status": .string(report.status.rawValue), "granted": [], "denied": [], "tools": [], "skills": [],
            "diagnostics": .number(JSONNumber(report.diagnostics.count)),
        ]
    }

    static func describe(_ kind: String, _ scopes: [String]) -> String {
        scopes.isEmpty ? kind : "\(kind) \(scopes.joined(separator: ", "))"
    }
}
