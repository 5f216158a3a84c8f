public import PackModel

/// One pack taking part in service resolution: its name and the services it provides and requires.
public struct ServiceParticipant: Sendable, Hashable {
    /// The pack name.
    public var pack: String
    /// The services the pack provides.
    public var provides: [ProvidedService]
    /// The services the pack requires, required or optional.
    public var requires: [RequiredService]

    /// Creates a participant.
    public init(pack: String, provides: [ProvidedService] = [], requires: [RequiredService] = []) {
        self.pack = pack
        self.provides = provides
        self.requires = requires
    }

    /// Creates a participant from a manifest's name and `services` section.
    public init(_ manifest: Manifest) {
        self.init(pack: manifest.name, provides: manifest.services.provides, requires: manifest.services.requires)
    }
}

/// What service resolution decided for one pack.
public enum ServiceStatus: Sendable, Hashable {
    /// Every service the pack requires is available.
    case ready
    /// Every required service is available, but these optional ones (service IDs, sorted) are not.
    case degraded(missingOptional: [String])
    /// The pack cannot be used: a required service is missing, or the pack is on a service cycle.
    ///
    /// `reasons` are the messages of the pack's error diagnostics, sorted.
    case skipped(reasons: [String])

    /// Whether the pack is skipped.
    public var isSkipped: Bool {
        if case .skipped = self { return true }
        return false
    }
}
