/// Errors the host throws out of a host function to stop the guest; the runner maps each to a
/// ``HandlerFailure``.
///
/// WasmKit passes any error that is not a WASI errno straight out of the running call, so throwing
/// one of these from inside `fd_write` or `quiver.log` ends the guest at that point.
enum GuestStop: Error, Sendable {
    /// stdout reached ``RuntimeLimits/outputBytes``.
    case outputLimitReached(limit: Int)
    /// The guest asked to sleep past its deadline (`poll_oneoff` with a clock timeout).
    case sleepPastDeadline
    /// The guest passed a pointer or length outside its linear memory, or had no memory export.
    case badGuestMemory(function: String, detail: String)
}
