import PackBasics
import PackJSON
import PackModel

extension ManifestDecoder {
    /// Every top-level key of format 1, in documentation order.
    static let topLevelKeys = [
        "format", "name", "version", "description", "kernel", "tier", "license", "authors", "keywords", "homepage",
        "capabilities", "schemas", "tools", "skills", "instructions", "mcp", "plugins", "detect",
        "templates", "recipes", "routing", "safety", "services", "hooks", "background",
    ]

    /// Decodes the whole manifest; returns `nil` only when identity cannot be read at all.
    mutating func decode(_ root: JSONValue) -> Manifest? {
        guard case .object(let top) = root else {
            error("a manifest must be a mapping of keys such as 'name' and 'version', not \(Self.describe(root)); "
                  + "start from 'quiver create'", at: "")
            return nil
        }
        checkKeys(top, at: "", known: Self.topLevelKeys, what: "the manifest", warnOnly: true)

        var format = 1
        if let value = top["format"] {
            if case .number(let number) = value, let int = number.intValue {
                if int != 1 { error(ManifestMessages.unsupportedFormat(int), at: "/format") }
                format = int
            } else {
                error(ManifestMessages.wrongType("'format'", expected: "the integer 1", found: Self.describe(value)), at: "/format")
            }
        } else {
            error("the manifest is missing 'format'; add 'format: 1' (by convention the first line)", at: "")
        }

        let name = nonEmptyString(top, "name", at: "", what: "the manifest", required: true) ?? ""
        if !name.isEmpty && !Identifiers.isPackName(name) {
            error(ManifestMessages.invalidPackName(name), at: "/name")
        }

        var version = Version(0, 0, 0)
        if let value = top["version"] {
            switch value {
            case .string(let text):
                do {
                    version = try Version(text)
                } catch {
                    self.error("'version': \(error.message)", at: "/version")
                }
            case .number(let number):
                error("'version' is the number \(number), not a semantic version; write MAJOR.MINOR.PATCH such as '1.0.0' "
                      + "(quote it when YAML would read it as a number)", at: "/version")
            default:
                error(ManifestMessages.wrongType("'version'", expected: "a string such as '1.0.0'", found: Self.describe(value)),
                      at: "/version")
            }
        } else {
            error(ManifestMessages.missingKey("version", in: "the manifest"), at: "")
        }

        let description = nonEmptyString(top, "description", at: "", what: "the manifest", required: true) ?? ""
        if description.count > 1024 {
            error("'description' is \(description.count) characters; keep it under 1024 and move details to README.md",
                  at: "/description")
        }

        var kernel: VersionRange?
        if let text = string(top, "kernel", at: "", what: "the manifest") {
            do {
                kernel = try VersionRange(text)
            } catch {
                self.error("'kernel': \(error.message)", at: "/kernel")
            }
        }

        var tier: Tier?
        if let text = string(top, "tier", at: "", what: "the manifest") {
            tier = Tier(rawValue: text)
            if tier == nil {
                error("tier '\(text)' is not known; use one of 'built-in', 'verified', 'community'", at: "/tier")
            }
        }

        let license = string(top, "license", at: "", what: "the manifest")
        let homepage = string(top, "homepage", at: "", what: "the manifest")
        let authors = decodeAuthors(top["authors"])
        var keywords: [String] = []
        if let list = strings(top, "keywords", at: "", what: "the manifest") {
            var seen = Set<String>()
            for (index, keyword) in list.enumerated() where !seen.insert(keyword).inserted {
                error(ManifestMessages.duplicate("keyword", keyword), at: "/keywords/\(index)")
            }
            keywords = list
        }

        var manifest = Manifest(
            format: format, name: name, version: version, description: description, kernel: kernel, tier: tier,
            license: license, authors: authors, keywords: keywords, homepage: homepage)
        manifest.capabilities = decodeCapabilities(top["capabilities"])
        manifest.schemas = decodeSchemas(top["schemas"])
        manifest.tools = decodeTools(top["tools"])
        manifest.skills = decodeSkills(top["skills"])
        manifest.instructions = string(top, "instructions", at: "", what: "the manifest")
        manifest.mcpServers = decodeMCPServers(top["mcp"])
        manifest.plugins = strings(top, "plugins", at: "", what: "the manifest") ?? []
        manifest.detect = decodeDetect(top["detect"])
        manifest.templates = decodeTemplates(top["templates"])
        manifest.recipes = decodeRecipes(top["recipes"])
        manifest.routing = decodeRouting(top["routing"])
        manifest.safety = decodeSafety(top["safety"])
        manifest.services = decodeServices(top["services"])
        manifest.hooks = decodeHooks(top["hooks"])
        manifest.background = decodeBackground(top["background"])
        return manifest
    }

    private mutating func decodeAuthors(_ value: JSONValue?) -> [Author] {
        guard let value else { return [] }
        guard let items = array(value, at: "/authors", what: "'authors'") else { return [] }
        var authors: [Author] = []
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/authors", index)
            switch item {
            case .string(let text):
                authors.append(Author(parsing: text))
            case .object(let object):
                checkKeys(object, at: pointer, known: ["name", "email"], what: "an author")
                if let name = nonEmptyString(object, "name", at: pointer, what: "an author", required: true) {
                    authors.append(Author(name: name, email: string(object, "email", at: pointer, what: "an author")))
                }
            default:
                error(ManifestMessages.wrongType("an author", expected: "a string 'Name <email>' or a mapping with 'name'",
                                                 found: Self.describe(item)), at: pointer)
            }
        }
        return authors
    }

    private mutating func decodeCapabilities(_ value: JSONValue?) -> [CapabilityRequest] {
        guard let value, let items = array(value, at: "/capabilities", what: "'capabilities'") else { return [] }
        var requests: [CapabilityRequest] = []
        let kinds = CapabilityKind.allCases.map(\.rawValue)
        for (index, item) in items.enumerated() {
            let pointer = Self.child("/capabilities", index)
            // Either "- exec" or "- net: [hosts]" with an optional "reason:" beside it.
            if case .string(let bare) = item {
                guard let kind = CapabilityKind(rawValue: bare) else {
                    error(unknownCapability(bare, kinds: kinds), at: pointer)
                    continue
                }
                if kind.takesScopes {
                    error("capability '\(bare)' needs scopes; write '- \(bare): [...]' with \(kind.scopeDescription)", at: pointer)
                    continue
                }
                requests.append(CapabilityRequest(kind: kind))
                continue
            }
            guard let object = object(item, at: pointer, what: "a capability") else { continue }
            let kindKeys = object.keys.filter { $0 != "reason" }
            guard kindKeys.count == 1, let key = kindKeys.first else {
                error("a capability entry must name exactly one capability (found \(kindKeys.count)); "
                      + "write one '- kind: [scopes]' per entry, with an optional 'reason:'", at: pointer)
                continue
            }
            guard let kind = CapabilityKind(rawValue: key) else {
                error(unknownCapability(key, kinds: kinds), at: Self.child(pointer, key), key: true)
                continue
            }
            let reason = string(object, "reason", at: pointer, what: "capability '\(key)'")
            var scopes: [String] = []
            let scopePointer = Self.child(pointer, key)
            switch object[key] {
            case nil:
                continue
            case .bool(true)?, .null?:
                if kind.takesScopes {
                    error("capability '\(key)' needs scopes; list \(kind.scopeDescription)", at: scopePointer)
                    continue
                }
            case let scopeValue?:
                guard let list = strings(scopeValue, at: scopePointer, what: "the scopes of '\(key)'", allowSingle: true) else {
                    continue
                }
                if !kind.takesScopes {
                    error("capability '\(key)' takes no scopes; write '- \(key): true'", at: scopePointer)
                    continue
                }
                if list.isEmpty {
                    error("capability '\(key)' has an empty scope list; list \(kind.scopeDescription)", at: scopePointer)
                    continue
                }
                for (scopeIndex, scope) in list.enumerated() {
                    if let problem = CapabilitySyntax.problem(with: scope, kind: kind) {
                        error("scope '\(scope)' of capability '\(key)' \(problem)", at: Self.child(scopePointer, scopeIndex))
                    }
                }
                scopes = list
            }
            if reason == nil {
                warning("capability '\(key)' has no reason; add 'reason:' so users see why at consent time", at: pointer)
            }
            requests.append(CapabilityRequest(kind: kind, scopes: scopes, reason: reason))
        }
        return requests
    }

    private func unknownCapability(_ key: String, kinds: [String]) -> String {
        if let suggestion = Suggestion.closest(to: key, in: kinds) {
            return "unknown capability '\(key)'; did you mean '\(suggestion)'?"
        }
        return "unknown capability '\(key)'; use one of " + kinds.map { "'\($0)'" }.joined(separator: ", ")
    }
}
