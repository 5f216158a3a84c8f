#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CQuiverSystem
import Foundation
import PackBasics

/// A child started by ``ChildSpawn/start(path:arguments:environment:directory:)``: its process ID
/// and the host's ends of its standard streams (close-on-exec; the caller closes them).
public struct SpawnedChild: Sendable {
    /// The process ID, which is also its process group ID.
    public let pid: pid_t
    /// Writes to the child's standard input.
    public let input: Int32
    /// Reads the child's standard output.
    public let output: Int32
    /// Reads the child's standard error.
    public let error: Int32
}

/// How every Quiver child process is started (process handlers and MCP servers alike), so the
/// rules live in one place: `posix_spawn` in a process group of its own (a timeout kills the whole
/// group), SIGPIPE back to its default and no signal blocked, the given working directory, standard
/// streams on pipes, and **no other descriptor of the host** (closed from 3 up in the child).
public enum ChildSpawn {
    /// Why a child could not be started.
    public enum Failure: Error, Sendable {
        /// A pipe could not be created (the `errno` text).
        case pipes(String)
        /// The working directory could not be set (the `errno` text).
        case workingDirectory(String)
        /// `posix_spawn` failed (the `errno` text).
        case spawn(String)

        /// What went wrong, in words.
        public var message: String {
            switch self {
            case .pipes(let message), .workingDirectory(let message), .spawn(let message): message
            }
        }
    }

    /// Creates a private working directory for one child (mode 0700, in the temporary directory);
    /// the caller removes it when the child has ended.
    public static func makeWorkingDirectory(prefix: String) -> Result<String, Failure> {
        let directory = Path.join(NSTemporaryDirectory(), "\(prefix)-\(UUID().uuidString)")
        guard mkdir(directory, 0o700) == 0 else {
            return .failure(.workingDirectory("cannot create a working directory in \(NSTemporaryDirectory()): "
                                              + String(cString: strerror(errno))))
        }
        return .success(directory)
    }

    /// A child's environment with `TMPDIR`, and `HOME` unless the environment sets one, in its
    /// working directory.
    public static func environment(_ environment: [String: String], workingDirectory: String) -> [String: String] {
        var environment = environment
        environment["HOME"] = environment["HOME"] ?? workingDirectory
        environment["TMPDIR"] = workingDirectory
        return environment
    }

    /// Makes a write to a pipe whose reader has gone (a child that exited without reading its
    /// input, a client that hung up) fail with `EPIPE` instead of killing the whole host with
    /// `SIGPIPE`. Process-wide and once; children get the default action back (see ``start``).
    public static func ignoreBrokenPipes() {
        _ = brokenPipesIgnored
    }

    private static let brokenPipesIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()

    /// Starts `path` with `arguments` (the first is argv[0]) and exactly `environment`.
    public static func start(path: String, arguments: [String], environment: [String: String], directory: String)
        -> Result<SpawnedChild, Failure>
    {
        // The host writes the child's input; a child that exits first must not take the host down.
        ignoreBrokenPipes()
        var stdinPipe: [Int32] = [-1, -1], stdoutPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard quiver_pipe_cloexec(&stdinPipe) == 0, quiver_pipe_cloexec(&stdoutPipe) == 0,
              quiver_pipe_cloexec(&stderrPipe) == 0 else {
            let message = String(cString: strerror(errno))
            for fd in stdinPipe + stdoutPipe + stderrPipe where fd >= 0 { close(fd) }
            return .failure(.pipes(message))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        // The pipes above are close-on-exec already; this covers descriptors other code in the
        // host opened without it (their contents, or other children's pipe ends kept open).
        _ = quiver_spawn_add_closefrom(&actions, 3)
        let chdir = quiver_spawn_add_chdir(&actions, directory)
        guard chdir == 0 else {
            for fd in stdinPipe + stdoutPipe + stderrPipe { close(fd) }
            return .failure(.workingDirectory(String(cString: strerror(chdir))))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stdoutPipe[0]); close(stderrPipe[0])
            return .failure(.spawn(String(cString: strerror(spawned))))
        }
        return .success(SpawnedChild(pid: pid, input: stdinPipe[1], output: stdoutPipe[0], error: stderrPipe[0]))
    }
}
