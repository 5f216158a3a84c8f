// WasmKit 0.4.2 can hand a guest custom stdin/stdout/stderr objects only through
// `FileSystemOptions.withStdio(stdin:stdout:stderr:)` taking `any WASIFile`, which is
// `@_spi(WASIPlatform)`. The public alternative takes host file descriptors, which would mean
// pipes, a reader thread per call, and the host's own stdio as the default (a guest could reach
// the host's stdout, the MCP channel). Every use of that SPI is in this file, so a WasmKit update
// that changes it breaks here and nowhere else; the version is pinned exactly in Package.swift.
@_spi(WASIPlatform) import WASI
import Synchronization
import WasmKitWASI

/// The guest's standard streams: stdin serves the input bytes, stdout and stderr write into
/// bounded ``CapturedStream``s. None of them touches a host file descriptor.
enum GuestStdio {
    /// A WASI bridge whose stdio are the given streams and whose preopens are the sandbox's
    /// directories.
    ///
    /// - Throws: The WASI error when a preopened directory cannot be opened.
    static func makeBridge(
        arguments: [String], environment: [String: String], directories: [SandboxPolicy.Directory],
        input: [UInt8], stdout: CapturedStream, stderr: CapturedStream
    ) throws -> WASIBridgeToHost {
        let preopens = directories.map { WASIBridgeToHost.Preopen(guestPath: $0.guestPath, hostPath: $0.hostPath) }
        let options = WASIBridgeToHost.FileSystemOptions.host()
            .withStdio(stdin: InputFile(input), stdout: OutputFile(stdout), stderr: OutputFile(stderr))
            .withPreopens(preopens)
        return try WASIBridgeToHost(args: arguments, environment: environment, fileSystem: options)
    }
}

/// Attributes shared by the three streams: a stream of unknown type (not a terminal, so the C
/// library buffers stdout fully), with no seeking and nothing to sync.
private protocol GuestStream: WASIFile {
    var rights: WASIAbi.Rights { get }
}

extension GuestStream {
    var isBorrowed: Bool { true }

    func attributes() throws -> WASIAbi.Filestat {
        WASIAbi.Filestat(dev: 0, ino: 0, filetype: .UNKNOWN, nlink: 0, size: 0, atim: 0, mtim: 0, ctim: 0)
    }
    func fileType() throws -> WASIAbi.FileType { .UNKNOWN }
    func status() throws -> WASIAbi.Fdflags { [] }
    func fdStat() throws -> WASIAbi.FdStat {
        WASIAbi.FdStat(fsFileType: .UNKNOWN, fsFlags: [], fsRightsBase: rights, fsRightsInheriting: [])
    }
    func setTimes(atim: WASIAbi.Timestamp, mtim: WASIAbi.Timestamp, fstFlags: WASIAbi.FstFlags) throws {
        throw WASIAbi.Errno.ENOTSUP
    }
    func advise(offset: WASIAbi.FileSize, length: WASIAbi.FileSize, advice: WASIAbi.Advice) throws {}
    func close() throws {}
    func setFdStatFlags(_ flags: WASIAbi.Fdflags) throws {}
    func setFilestatSize(_ size: WASIAbi.FileSize) throws { throw WASIAbi.Errno.EINVAL }
    func sync() throws {}
    func datasync() throws {}
    func tell() throws -> WASIAbi.FileSize { throw WASIAbi.Errno.ESPIPE }
    func seek(offset: WASIAbi.FileDelta, whence: WASIAbi.Whence) throws -> WASIAbi.FileSize {
        throw WASIAbi.Errno.ESPIPE
    }
    func pwrite(vectored buffers: GuestBuffers, offset: WASIAbi.FileSize) throws -> WASIAbi.Size {
        throw WASIAbi.Errno.ESPIPE
    }
    func pread(into buffers: GuestBuffers, offset: WASIAbi.FileSize) throws -> WASIAbi.Size {
        throw WASIAbi.Errno.ESPIPE
    }
}

/// stdin: the call's input, read once from the start.
private final class InputFile: GuestStream {
    private let input: [UInt8]
    private let position = Mutex(0)

    init(_ input: [UInt8]) { self.input = input }

    var rights: WASIAbi.Rights { .FD_READ }

    func write(vectored buffers: GuestBuffers) throws -> WASIAbi.Size { throw WASIAbi.Errno.EBADF }

    func read(into buffers: GuestBuffers) throws -> WASIAbi.Size {
        var total = 0
        for index in 0..<buffers.count {
            let copied = try buffers.withHostBuffer(at: index) { destination in
                position.withLock { position in
                    let count = min(destination.count, input.count - position)
                    guard count > 0 else { return 0 }
                    input.withUnsafeBytes { source in
                        destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + count)]))
                    }
                    position += count
                    return count
                }
            }
            total += copied
            if copied == 0 { break }
        }
        return WASIAbi.Size(total)
    }
}

/// stdout or stderr: appends to a captured stream, which stops the guest past the stdout limit.
private final class OutputFile: GuestStream {
    private let sink: CapturedStream

    init(_ sink: CapturedStream) { self.sink = sink }

    var rights: WASIAbi.Rights { .FD_WRITE }

    func read(into buffers: GuestBuffers) throws -> WASIAbi.Size { throw WASIAbi.Errno.EBADF }

    func write(vectored buffers: GuestBuffers) throws -> WASIAbi.Size {
        var total = 0
        for index in 0..<buffers.count {
            total += try buffers.withHostBuffer(at: index) { chunk in
                try sink.append(UnsafeRawBufferPointer(chunk))
                return chunk.count
            }
        }
        return WASIAbi.Size(truncatingIfNeeded: total)
    }
}
