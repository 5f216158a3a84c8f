public import PackBasics
public import PackJSON
public import PackModel

/// A contribution found through a ``TemplateIndex``, with the pack that declares it.
public struct IndexedContribution<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The pack that declares the contribution.
    public var pack: String
    /// The contribution's name inside that pack.
    public var name: String
    /// The contribution.
    public var value: Value

    /// Creates an indexed contribution.
    public init(pack: String, name: String, value: Value) {
        self.pack = pack
        self.name = name
        self.value = value
    }

    /// The catalog ID, `pack/name`.
    public var qualifiedID: String { "\(pack)/\(name)" }
}

/// The outcome of looking up a schema reference.
public enum SchemaLookup: Sendable, Hashable {
    /// The schema document.
    case found(JSONValue)
    /// Why the schema is not available, as a phrase ("pack 'x' declares no schema 'y'").
    case notFound(String)
}

/// Step templates, gate templates, tools and schemas of a set of packs, looked up by the names
/// manifests use.
///
/// A bare name (`build`) means the pack doing the lookup; `other-pack/build` names another pack.
/// The index is pure: it never reads files. Schemas that a manifest gives as a file path
/// (`SchemaSource.file`, `SchemaReference.file`) are looked up in `schemaFiles`, a map from pack
/// name to the pack's schema documents keyed by their path relative to the pack root, exactly as
/// written in the manifest (`schemas/model_ref.json`). The caller (the kernel) reads those files
/// when it loads the pack; a file it did not supply is reported as not found.
///
/// ```swift
/// let index = TemplateIndex(manifests: [releaseFlow, dbt], schemaFiles: ["dbt": ["schemas/x.json": schema]])
/// index.stepTemplate("dbt/build_model", from: "release-flow")?.qualifiedID   // "dbt/build_model"
/// ```
public struct TemplateIndex: Sendable {
    private var manifests: [String: Manifest] = [:]
    private let schemaFiles: [String: [String: JSONValue]]
    /// Problems with the input: a pack name given twice (the first one is kept).
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an index of packs under the given names.
    ///
    /// - Parameters:
    ///   - packs: Pack names and manifests; when a name repeats, the first is kept and an error
    ///     is added to ``diagnostics``.
    ///   - schemaFiles: Pack name → (path relative to the pack root → parsed schema document).
    public init(packs: [(name: String, manifest: Manifest)], schemaFiles: [String: [String: JSONValue]] = [:]) {
        self.schemaFiles = schemaFiles
        for (name, manifest) in packs {
            if manifests[name] == nil {
                manifests[name] = manifest
            } else {
                diagnostics.append(.duplicateIndexedPack(name))
            }
        }
    }

    /// Creates an index of manifests under their own names.
    public init(manifests: [Manifest], schemaFiles: [String: [String: JSONValue]] = [:]) {
        self.init(packs: manifests.map { ($0.name, $0) }, schemaFiles: schemaFiles)
    }

    /// The names of the indexed packs, sorted.
    public var packNames: [String] { manifests.keys.sorted() }

    /// The manifest of `pack`, if indexed.
    public func manifest(of pack: String) -> Manifest? { manifests[pack] }

    /// Splits `reference` into a pack and a name: `other/name`, or `name` of `pack`.
    public static func split(_ reference: String, from pack: String) -> (pack: String, name: String) {
        guard let slash = reference.firstIndex(of: "/") else { return (pack, reference) }
        return (String(reference[..<slash]), String(reference[reference.index(after: slash)...]))
    }

    /// The step template `reference` names, seen from `pack`.
    public func stepTemplate(_ reference: String, from pack: String) -> IndexedContribution<StepTemplate>? {
        let (owner, name) = Self.split(reference, from: pack)
        guard let template = manifests[owner]?.templates.steps.first(where: { $0.id == name }) else { return nil }
        return IndexedContribution(pack: owner, name: name, value: template)
    }

    /// The gate template `reference` names, seen from `pack`.
    public func gateTemplate(_ reference: String, from pack: String) -> IndexedContribution<GateTemplate>? {
        let (owner, name) = Self.split(reference, from: pack)
        guard let template = manifests[owner]?.templates.gates.first(where: { $0.id == name }) else { return nil }
        return IndexedContribution(pack: owner, name: name, value: template)
    }

    /// The tool `reference` names, seen from `pack`.
    public func tool(_ reference: String, from pack: String) -> IndexedContribution<Tool>? {
        let (owner, name) = Self.split(reference, from: pack)
        guard let tool = manifests[owner]?.tools.first(where: { $0.name == name }) else { return nil }
        return IndexedContribution(pack: owner, name: name, value: tool)
    }

    /// The schema document `reference` designates, seen from `pack`.
    ///
    /// `.named(id)` and `.named("other-pack/id")` look in the `schemas:` of that pack; `.file`
    /// looks in `schemaFiles` of `pack`; `.inline` is the schema itself.
    public func schema(_ reference: SchemaReference, from pack: String) -> SchemaLookup {
        switch reference {
        case .inline(let schema):
            return .found(schema)
        case .file(let path):
            return file(path, of: pack)
        case .named(let reference):
            let (owner, id) = Self.split(reference, from: pack)
            guard let manifest = manifests[owner] else { return .notFound("pack '\(owner)' is not loaded") }
            guard let definition = manifest.schemas.first(where: { $0.id == id }) else {
                return .notFound("pack '\(owner)' declares no schema '\(id)'")
            }
            switch definition.source {
            case .inline(let schema): return .found(schema)
            case .file(let path): return file(path, of: owner)
            }
        }
    }

    private func file(_ path: String, of pack: String) -> SchemaLookup {
        if let schema = schemaFiles[pack]?[path] { return .found(schema) }
        return .notFound("schema file '\(path)' of pack '\(pack)' was not supplied to the template index")
    }
}
