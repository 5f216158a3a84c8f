public import PackModel

/// The limits one handler call runs under: wall-clock time, memory, output size and fuel.
///
/// Build it from a tool's manifest limits with ``init(_:)``; fields the manifest leaves out take
/// the defaults below. Values outside the ranges the manifest validator accepts are clamped into
/// them, so a limit can never be zero, negative or large enough to overflow.
///
/// ```swift
/// let limits = RuntimeLimits(tool.limits)          // timeout_ms, memory_mb, output_kb, fuel
/// let result = try await runner.run(module: module, input: input, sandbox: sandbox, limits: limits)
/// ```
public struct RuntimeLimits: Sendable, Hashable {
    /// The wall-clock limit of one call, from instantiation to exit. (Default: 2000 milliseconds)
    public var timeout: Duration
    /// The most linear memory the guest may have, in bytes. (Default: 64 MiB)
    public var memoryBytes: Int
    /// The most the guest may write to stdout, in bytes; writing more stops it. (Default: 256 KiB)
    public var outputBytes: Int
    /// The instruction budget in fuel units, roughly one per WebAssembly operator.
    /// (Default: 10 000 000 000, which the default timeout reaches first)
    public var fuel: UInt64
    /// How much of stderr and of the `quiver.log` import is kept, in bytes each; the rest is
    /// dropped and counted, and the guest keeps running. (Default: 64 KiB)
    public var diagnosticBytes: Int

    /// The longest timeout accepted: one day; longer ones are shortened to it.
    public static let maximumTimeout: Duration = .seconds(86_400)
    /// The default wall-clock limit: 2000 milliseconds.
    public static let defaultTimeout: Duration = .milliseconds(2000)
    /// The default memory limit: 64 MiB.
    public static let defaultMemoryBytes = 64 << 20
    /// The default output limit: 256 KiB.
    public static let defaultOutputBytes = 256 << 10
    /// The default fuel budget: 10 000 000 000 units.
    public static let defaultFuel: UInt64 = 10_000_000_000
    /// The default stderr and log capture: 64 KiB each.
    public static let defaultDiagnosticBytes = 64 << 10

    /// Creates limits; every argument has the default documented on its property.
    ///
    /// Values too small to run anything are raised: the timeout to 1 millisecond, memory to one
    /// 64 KiB page, output and fuel to 1. The timeout is shortened to ``maximumTimeout``.
    public init(
        timeout: Duration = defaultTimeout, memoryBytes: Int = defaultMemoryBytes,
        outputBytes: Int = defaultOutputBytes, fuel: UInt64 = defaultFuel,
        diagnosticBytes: Int = defaultDiagnosticBytes
    ) {
        self.timeout = min(max(timeout, .milliseconds(1)), Self.maximumTimeout)
        self.memoryBytes = max(memoryBytes, 1 << 16)
        self.outputBytes = max(outputBytes, 1)
        self.fuel = max(fuel, 1)
        self.diagnosticBytes = max(diagnosticBytes, 0)
    }

    /// Maps a tool's manifest limits over the defaults.
    ///
    /// `timeoutMilliseconds` is in milliseconds, `memoryMegabytes` in MiB, `outputKilobytes` in KiB
    /// and `fuel` in fuel units; `nil` keeps the default. Each value is clamped into the range
    /// ``ResourceLimits`` documents (for example `memoryRange`, 1...4096 MiB).
    public init(_ limits: ResourceLimits) {
        let timeout = limits.timeoutMilliseconds.map { Duration.milliseconds(clamp($0, ResourceLimits.timeoutRange)) }
        let memory = limits.memoryMegabytes.map { clamp($0, ResourceLimits.memoryRange) << 20 }
        let output = limits.outputKilobytes.map { clamp($0, ResourceLimits.outputRange) << 10 }
        let fuel = limits.fuel.map { UInt64(clamp($0, ResourceLimits.fuelRange)) }
        self.init(
            timeout: timeout ?? Self.defaultTimeout, memoryBytes: memory ?? Self.defaultMemoryBytes,
            outputBytes: output ?? Self.defaultOutputBytes, fuel: fuel ?? Self.defaultFuel)
    }
}

private func clamp(_ value: Int, _ range: ClosedRange<Int>) -> Int {
    min(max(value, range.lowerBound), range.upperBound)
}
