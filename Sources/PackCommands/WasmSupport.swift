import PackKernel

/// The WebAssembly runtime the commands hand to the kernel.
enum WasmSupport {
    /// `nil` until the WasmKit backend (PackRuntime) is wired in: wasm tools end in `handler_error`.
    static let executor: WasmExecutor? = nil
}
