import Testing

/// Every suite of this target, run one test at a time.
///
/// Many of these guests burn a core each until the runtime stops them, and the machines this runs
/// on have two cores shared with other work; run side by side, they would starve the runtime's
/// watchdog and turn the time-limit checks into a measure of the machine's load. The suites are
/// CPU-bound either way, so running them in sequence costs little wall time.
@Suite(.serialized) enum AllRuntimeTests {}
