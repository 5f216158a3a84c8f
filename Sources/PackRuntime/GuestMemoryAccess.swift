import WasmKit

/// Bounds-checked access to a guest's linear memory for host functions.
///
/// WasmKit's `Memory` accessors stop the host process with a precondition when a range is out of
/// bounds, so every pointer a guest hands to the host is checked here first. A bad range throws
/// ``GuestStop/badGuestMemory(function:detail:)``, which stops the guest, never the host.
struct GuestMemoryAccess {
    let memory: Memory
    /// The host function being served, for the failure message (`quiver.log`).
    let function: String

    /// The memory size in bytes.
    var byteCount: Int { memory.byteCount }

    /// Throws unless `[offset, offset + count)` lies inside the memory.
    func check(offset: UInt64, count: UInt64) throws(GuestStop) {
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= UInt64(memory.byteCount) else {
            throw .badGuestMemory(
                function: function,
                detail: "the range of \(count) bytes at offset \(offset) runs past the end of its \(memory.byteCount)-byte memory")
        }
    }

    /// Copies `count` bytes starting at `offset`.
    func read(offset: UInt32, count: UInt32) throws(GuestStop) -> [UInt8] {
        try check(offset: UInt64(offset), count: UInt64(count))
        guard count > 0 else { return [] }
        return memory.withUnsafeBufferPointer(offset: UInt(offset), count: Int(count)) { Array($0) }
    }

    /// Reads a little-endian 32-bit integer at `offset`.
    func readUInt32(at offset: UInt64) throws(GuestStop) -> UInt32 {
        try check(offset: offset, count: 4)
        return memory.withUnsafeBufferPointer(offset: UInt(offset), count: 4) { bytes in
            UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
        }
    }

    /// Reads a little-endian 64-bit integer at `offset`.
    func readUInt64(at offset: UInt64) throws(GuestStop) -> UInt64 {
        let low = try readUInt32(at: offset)
        let high = try readUInt32(at: offset + 4)
        return UInt64(low) | UInt64(high) << 32
    }

    /// Reads one byte at `offset`.
    func readUInt8(at offset: UInt64) throws(GuestStop) -> UInt8 {
        try check(offset: offset, count: 1)
        return memory.withUnsafeBufferPointer(offset: UInt(offset), count: 1) { $0[0] }
    }

    /// Copies `bytes` to `offset`.
    func write(_ bytes: [UInt8], at offset: UInt32) throws(GuestStop) {
        try check(offset: UInt64(offset), count: UInt64(bytes.count))
        guard !bytes.isEmpty else { return }
        memory.withUnsafeMutableBufferPointer(offset: UInt(offset), count: bytes.count) { destination in
            bytes.withUnsafeBytes { destination.copyMemory(from: $0) }
        }
    }
}

extension Caller {
    /// The calling instance's exported memory, checked, for host function `function`.
    func guestMemory(for function: String) throws(GuestStop) -> GuestMemoryAccess {
        guard case .memory(let memory) = instance?.export("memory") else {
            throw .badGuestMemory(function: function, detail: "the module exports no memory named 'memory'")
        }
        return GuestMemoryAccess(memory: memory, function: function)
    }
}
