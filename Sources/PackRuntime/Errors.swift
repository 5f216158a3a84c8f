/// The catalogue of specific handler failures, so that each message is written once.
///
/// Messages follow the project's style: lower case, no final full stop, names in single quotes,
/// and the remedy after `; `.
extension HandlerFailure {
    // MARK: Modules

    static func notWebAssembly(_ detail: String) -> Self {
        Self(.invalidModule("it is not a valid WebAssembly binary (\(detail)); build it for wasm32-wasi"))
    }

    static func unsupportedImport(module: String, name: String) -> Self {
        Self(
            .invalidModule(
                "it imports '\(module).\(name)', which this host does not provide; "
                    + "import only WASI preview 1 and 'quiver.log', 'quiver.http' or 'quiver.secret'"))
    }

    static var noMemoryExport: Self {
        Self(.invalidModule("it exports no memory named 'memory'; build it as a WASI command, which exports its memory"))
    }

    static var noStartFunction: Self {
        Self(.invalidModule("it exports no '_start' function; build it as a WASI command (clang --target=wasm32-wasi)"))
    }

    static var startFunctionHasSignature: Self {
        Self(.invalidModule("its '_start' function takes or returns values; '_start' must take and return nothing"))
    }

    static func moduleDoesNotValidate(_ detail: String) -> Self {
        Self(.invalidModule("it does not validate (\(detail)); rebuild it with a wasm32-wasi toolchain"))
    }

    static func validationUnavailable(_ detail: String) -> Self {
        Self(.invalidModule("the host could not prepare WASI to check it (\(detail)); retry"))
    }

    static func moduleTooLarge(size: Int, limit: Int) -> Self {
        Self(.invalidModule("it is \(Self.size(size)), more than the \(Self.size(limit)) this host loads; make the module smaller"))
    }

    static func digestMismatch(actual: String, pinned: String) -> Self {
        Self(
            .invalidModule(
                "its SHA-256 is '\(actual)' but the manifest pins '\(pinned)'; "
                    + "rebuild the pack or update 'sha256' in the tool's handler"))
    }

    // MARK: Sandbox

    static func directoryUnavailable(_ detail: String) -> Self {
        Self(
            .permissionDenied(
                "a granted directory cannot be opened (\(detail)); check that every granted host directory exists and is readable"))
    }

    static func relativeHostPath(guestPath: String, hostPath: String) -> String {
        "directory grant '\(guestPath)' has host path '\(hostPath)', which is not absolute; grant an absolute host path"
    }

    static func unusableGuestPath(_ guestPath: String) -> String {
        "directory grant '\(guestPath)' is not an absolute guest path without '.' or '..'; use a path such as '/data'"
    }

    // MARK: Running

    static var threadUnavailable: Self {
        Self(.crashed(exitStatus: nil, message: "the host could not start a thread for the handler; retry later"))
    }

    static var watchdogUnavailable: Self {
        Self(.crashed(exitStatus: nil, message: "the host could not start its watchdog thread; retry later"))
    }

    static func badGuestMemory(function: String, detail: String) -> Reason {
        .crashed(exitStatus: nil, message: "'\(function)' was passed memory it cannot use: \(detail)")
    }
}
