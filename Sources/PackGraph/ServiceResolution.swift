public import PackBasics
import PackModel

/// Services resolved across every pack at once: who provides what, in which order packs start,
/// and which packs cannot be used.
///
/// Resolution looks at all participants together, never at load order, and its result does not
/// depend on the order of the input.
///
/// - A requirement that no pack provides skips the pack when it is required, and degrades it
///   when it is optional. A requirement of a service the pack provides itself is satisfied by
///   the pack and creates no dependency.
/// - A service that two or more packs provide is **ambiguous**: each provider gets an error
///   naming all of them, and consumers treat the service as missing. The providers themselves
///   are not skipped for it; only the service is withheld. When `pinnedProviders[id]` names one
///   of the providers (the host's choice), that pack serves it and the others get a note.
///   Ambiguity is decided on what the packs declare, before anything is skipped, and a pin is
///   consulted only for an ambiguous service.
/// - A skipped pack provides nothing, so skipping cascades: a consumer of a skipped provider is
///   skipped too (required) or degraded (optional). This includes a pinned provider that is
///   skipped: there is no fallback to another provider.
/// - Packs whose requirements form a cycle (`a` requires a service of `b`, `b` one of `a`, or
///   longer) are all skipped, each with a diagnostic spelling a cycle it is on. **Optional
///   requirements count as edges too**: a cycle through an optional requirement is rejected
///   like any other, because no start order can put every provider before its consumers.
///
/// Diagnostics carry a JSON pointer into the pack's manifest (`/services/requires/0`) where one
/// applies.
///
/// Complexity: O((packs + requirements) log packs) to resolve; spelling the cycles costs
/// O(members × edges) of each cycle, which is only paid when there is one.
///
/// ```swift
/// let resolution = ServiceResolution.resolve([
///     ServiceParticipant(pack: "app", requires: [RequiredService(id: "db.v1")]),
///     ServiceParticipant(pack: "postgres", provides: [ProvidedService(id: "db.v1", tool: "query")]),
/// ])
/// resolution.order             // ["postgres", "app"]
/// resolution.providers         // ["db.v1": "postgres"]
/// resolution.status["app"]     // .ready
/// ```
public struct ServiceResolution: Sendable {
    /// Every pack name, providers before their consumers, ties broken by name.
    ///
    /// Packs on a cycle come together, by name, after whatever the cycle depends on.
    public var order: [String]
    /// Service ID → the pack that serves it, for services that are usable.
    public var providers: [String: String]
    /// The status of every pack.
    public var status: [String: ServiceStatus]
    /// The diagnostics of every pack that has any, sorted by location then message.
    public var diagnostics: [String: [Diagnostic]]

    /// Creates a resolution from its parts.
    public init(order: [String], providers: [String: String], status: [String: ServiceStatus],
                diagnostics: [String: [Diagnostic]]) {
        self.order = order
        self.providers = providers
        self.status = status
        self.diagnostics = diagnostics
    }

    /// Resolves the services of `participants`.
    ///
    /// - Parameters:
    ///   - participants: Every pack taking part; a name that appears twice is skipped with an error.
    ///   - pinnedProviders: The host's choice of provider for ambiguous services (service ID → pack name).
    /// - Returns: The order, the usable providers, and a status and diagnostics for every pack.
    public static func resolve(_ participants: [ServiceParticipant],
                               pinnedProviders: [String: String] = [:]) -> ServiceResolution {
        var resolver = ServiceResolver(participants, pinnedProviders: pinnedProviders)
        return resolver.run()
    }
}

/// The working state of one resolution; packs are numbered in name order.
private struct ServiceResolver {
    struct Consumer {
        var pack: Int
        var service: String
        var optional: Bool
        var requirement: Int
    }

    let names: [String]
    let packs: [ServiceParticipant?]        // nil for a name that appears more than once
    let pinnedProviders: [String: String]
    var diagnostics: [[Diagnostic]]
    var skipped: [Bool]
    var reasons: [[String]]
    var missingOptional: [Set<String>]
    var declaredProviders: [String: [Int]] = [:]
    var chosenProvider: [String: Int] = [:]
    var consumers: [[Consumer]]
    var graph: DependencyGraph

    init(_ participants: [ServiceParticipant], pinnedProviders: [String: String]) {
        var byName: [String: [ServiceParticipant]] = [:]
        for participant in participants { byName[participant.pack, default: []].append(participant) }
        names = byName.keys.sorted()
        packs = names.map { name in
            guard let group = byName[name], group.count == 1 else { return nil }
            return group[0]
        }
        self.pinnedProviders = pinnedProviders
        diagnostics = Array(repeating: [], count: names.count)
        skipped = Array(repeating: false, count: names.count)
        reasons = Array(repeating: [], count: names.count)
        missingOptional = Array(repeating: [], count: names.count)
        consumers = Array(repeating: [], count: names.count)
        graph = DependencyGraph(count: names.count)
    }

    mutating func run() -> ServiceResolution {
        for (index, pack) in packs.enumerated() where pack == nil {
            skip(index, because: .duplicateParticipant(names[index]))
        }
        chooseProviders()
        var queue = connectRequirements()
        graph.seal()
        queue += rejectCycles()
        cascade(from: queue)
        return makeResolution()
    }

    /// Finds the declared providers of every service and decides which one serves it.
    mutating func chooseProviders() {
        for (index, pack) in packs.enumerated() {
            guard let pack else { continue }
            for id in Set(pack.provides.map(\.id)) { declaredProviders[id, default: []].append(index) }
        }
        for id in declaredProviders.keys.sorted() {
            guard let providers = declaredProviders[id] else { continue }
            if providers.count == 1 {
                chosenProvider[id] = providers[0]
                continue
            }
            let providerNames = providers.map { names[$0] }
            if let pin = pinnedProviders[id], let chosen = providers.first(where: { names[$0] == pin }) {
                chosenProvider[id] = chosen
                for other in providers where other != chosen {
                    diagnostics[other].append(Diagnostic.notChosenProvider(id, chosen: pin).located(at: provideLocation(id, of: other)))
                }
                continue
            }
            for provider in providers {
                let diagnostic: Diagnostic = if let pin = pinnedProviders[id] {
                    .pinIsNotAProvider(id, pin: pin, providers: providerNames)
                } else {
                    .ambiguousService(id, providers: providerNames)
                }
                diagnostics[provider].append(diagnostic.located(at: provideLocation(id, of: provider)))
            }
        }
    }

    /// Adds a dependency edge for every requirement that a chosen provider serves, and reports
    /// the others; returns the packs skipped for a missing required service.
    mutating func connectRequirements() -> [Int] {
        var newlySkipped: [Int] = []
        for (index, pack) in packs.enumerated() {
            guard let pack else { continue }
            let ownServices = Set(pack.provides.map(\.id))
            var seen = Set<String>()
            for (position, requirement) in pack.requires.enumerated() {
                let id = requirement.id
                guard !ownServices.contains(id), seen.insert(id).inserted else { continue }
                let location = SourceLocation(pointer: "/services/requires/\(position)")
                if let provider = chosenProvider[id] {
                    graph.addEdge(from: index, to: provider)
                    consumers[provider].append(Consumer(pack: index, service: id, optional: requirement.optional, requirement: position))
                    continue
                }
                let providers = (declaredProviders[id] ?? []).map { names[$0] }
                let diagnostic: Diagnostic = switch (providers.count > 1, requirement.optional) {
                case (true, false): .requiredServiceAmbiguous(id, providers: providers)
                case (true, true): .optionalServiceAmbiguous(id, providers: providers)
                case (false, false): .requiredServiceMissing(id)
                case (false, true): .optionalServiceMissing(id)
                }
                if requirement.optional {
                    diagnostics[index].append(diagnostic.located(at: location))
                    missingOptional[index].insert(id)
                } else if skip(index, because: diagnostic.located(at: location)) {
                    newlySkipped.append(index)
                }
            }
        }
        return newlySkipped
    }

    /// Skips every pack on a dependency cycle; returns the packs newly skipped.
    mutating func rejectCycles() -> [Int] {
        var newlySkipped: [Int] = []
        var services: [Int: [Int: [(id: String, requirement: Int)]]] = [:]
        for (provider, list) in consumers.enumerated() {
            for consumer in list { services[consumer.pack, default: [:]][provider, default: []].append((consumer.service, consumer.requirement)) }
        }
        for component in graph.cyclicComponents() {
            let cycles = graph.cycles(through: component)
            for member in component {
                guard let cycle = cycles[member] else { continue }
                var links: [(from: String, services: [String], to: String)] = []
                // Messages spell only the first links of a long cycle.
                for step in 0..<min(cycle.count - 1, cycleSpellingLimit) {
                    let edge = services[cycle[step]]?[cycle[step + 1]] ?? []
                    links.append((names[cycle[step]], edge.map(\.id).sorted(), names[cycle[step + 1]]))
                }
                let next = cycle[(cycle.firstIndex(of: member) ?? 0) + 1]
                let position = services[member]?[next]?.map(\.requirement).min()
                let location = position.map { SourceLocation(pointer: "/services/requires/\($0)") }
                if skip(member, because: Diagnostic.serviceCycle(cycle.map { names[$0] }, links: links).located(at: location)) {
                    newlySkipped.append(member)
                }
            }
        }
        return newlySkipped
    }

    /// Propagates skips from providers to their consumers until nothing changes.
    mutating func cascade(from start: [Int]) {
        let componentNumbers = graph.componentNumbers()
        var queue = start
        var head = 0
        while head < queue.count {
            let provider = queue[head]
            head += 1
            for consumer in consumers[provider] {
                // Within a cycle, the cycle diagnostic already explains everything.
                if componentNumbers[consumer.pack] == componentNumbers[provider] { continue }
                let location = SourceLocation(pointer: "/services/requires/\(consumer.requirement)")
                if consumer.optional {
                    diagnostics[consumer.pack].append(Diagnostic.optionalProviderSkipped(consumer.service, provider: names[provider])
                        .located(at: location))
                    missingOptional[consumer.pack].insert(consumer.service)
                } else if skip(consumer.pack, because: Diagnostic.requiredProviderSkipped(consumer.service, provider: names[provider])
                    .located(at: location)) {
                    queue.append(consumer.pack)
                }
            }
        }
    }

    func makeResolution() -> ServiceResolution {
        var providers: [String: String] = [:]
        for (id, provider) in chosenProvider where !skipped[provider] { providers[id] = names[provider] }
        var status: [String: ServiceStatus] = [:]
        var sortedDiagnostics: [String: [Diagnostic]] = [:]
        for (index, name) in names.enumerated() {
            let list = diagnostics[index].sortedByLocation()
            if !list.isEmpty { sortedDiagnostics[name] = list }
            if skipped[index] {
                status[name] = .skipped(reasons: reasons[index].sorted())
            } else if !missingOptional[index].isEmpty {
                status[name] = .degraded(missingOptional: missingOptional[index].sorted())
            } else {
                status[name] = .ready
            }
        }
        return ServiceResolution(order: graph.dependencyOrder().map { names[$0] }, providers: providers, status: status,
                                 diagnostics: sortedDiagnostics)
    }

    /// Records why `pack` is skipped; returns whether it was not skipped before.
    @discardableResult
    mutating func skip(_ pack: Int, because diagnostic: Diagnostic) -> Bool {
        diagnostics[pack].append(diagnostic)
        reasons[pack].append(diagnostic.message)
        guard !skipped[pack] else { return false }
        skipped[pack] = true
        return true
    }

    func provideLocation(_ id: String, of pack: Int) -> SourceLocation? {
        guard let position = packs[pack]?.provides.firstIndex(where: { $0.id == id }) else { return nil }
        return SourceLocation(pointer: "/services/provides/\(position)")
    }
}
