/// What one handler call may reach: directories, environment variables, HTTP hosts and secrets.
///
/// Callers derive a policy from the pack's grants (deny by default); the runtime passes exactly
/// this to the guest and never widens it. ``none`` gives a guest nothing but stdin, stdout, stderr,
/// clocks and random bytes.
///
/// ```swift
/// let sandbox = SandboxPolicy(
///     directories: [.init(hostPath: projectRoot + "/models", guestPath: "/models")],   // read-only
///     environment: ["SNOWFLAKE_ACCOUNT": "acme"],
///     allowedHosts: [HostPattern("*.snowflakecomputing.com:443")].compactMap { $0 },
///     secrets: ["SNOWFLAKE_TOKEN": token])
/// ```
///
/// Secret values never appear in ``description``, `dump` or logs: they print as `<redacted>`.
///
/// Directories are separate grants: a read-only directory that lies inside a writable one can still
/// be changed through the writable one, so callers should not grant both.
public struct SandboxPolicy: Sendable, Hashable {
    /// A host directory the guest sees at `guestPath` (a WASI preopen).
    public struct Directory: Sendable, Hashable {
        /// The absolute host path of the directory.
        public var hostPath: String
        /// The absolute path the guest opens it by, such as `/data`.
        public var guestPath: String
        /// Whether every change is refused: creating, writing, truncating, renaming, linking,
        /// removing and changing timestamps. (Default: `true`)
        public var isReadOnly: Bool

        /// Creates a directory grant; read-only unless `readOnly` is `false`.
        public init(hostPath: String, guestPath: String, readOnly: Bool = true) {
            self.hostPath = hostPath
            self.guestPath = guestPath
            self.isReadOnly = readOnly
        }
    }

    /// The directories the guest can open, in preopen order (file descriptors 3, 4, …).
    public var directories: [Directory]
    /// The whole environment the guest sees; nothing of the host's environment is added.
    public var environment: [String: String]
    /// The hosts `quiver.http` may reach; any other host is denied.
    public var allowedHosts: [HostPattern]
    /// The secrets `quiver.secret` returns, by name; any other name is denied.
    public var secrets: [String: String]
    /// The pack's key-value space behind `quiver.kv_*`; without one, `kv_get` finds nothing and
    /// `kv_set` fails with -5.
    public var keyValues: KeyValueSpace?

    /// Creates a policy; every argument defaults to nothing granted.
    public init(
        directories: [Directory] = [], environment: [String: String] = [:],
        allowedHosts: [HostPattern] = [], secrets: [String: String] = [:], keyValues: KeyValueSpace? = nil
    ) {
        self.keyValues = keyValues
        self.directories = directories
        self.environment = environment
        self.allowedHosts = allowedHosts
        self.secrets = secrets
    }

    /// A policy that grants nothing.
    public static let none = SandboxPolicy()

    /// Whether `quiver.http` may connect to `host` on `port`.
    public func allowsConnection(toHost host: String, port: Int) -> Bool {
        allowedHosts.contains { $0.matches(host: host, port: port) }
    }

    /// Checks that every directory grant can be handed to the guest.
    ///
    /// - Returns: A message for the first unusable grant, or `nil` when all are usable.
    func problem() -> String? {
        for directory in directories {
            guard directory.hostPath.hasPrefix("/") else {
                return HandlerFailure.relativeHostPath(guestPath: directory.guestPath, hostPath: directory.hostPath)
            }
            guard directory.guestPath.hasPrefix("/"),
                !directory.guestPath.split(separator: "/").contains(where: { $0 == ".." || $0 == "." })
            else {
                return HandlerFailure.unusableGuestPath(directory.guestPath)
            }
        }
        return nil
    }
}

extension SandboxPolicy: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// A summary that names secrets but never shows their values.
    public var description: String {
        let directories = directories.map { "\($0.guestPath)=\($0.hostPath)\($0.isReadOnly ? " (read-only)" : "")" }
        return "SandboxPolicy(directories: \(directories), environment: \(environment.keys.sorted()), "
            + "allowedHosts: \(allowedHosts.map(\.pattern)), secrets: \(secrets.keys.sorted()) <redacted>)"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror whose secret values read `<redacted>`, so `dump` and debuggers do not show them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "directories": directories, "environment": environment, "allowedHosts": allowedHosts,
                "secrets": secrets.mapValues { _ in "<redacted>" },
            ])
    }
}
