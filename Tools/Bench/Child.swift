import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one `csp-ledger` process, as a user would, and measures its wall time and peak
/// resident set.
///
/// Linux counts the memory of the process that spawned a child in the child's peak
/// (`ru_maxrss` keeps the high-water mark of the address space it replaced), so the
/// benchmark, holding a whole workload, does not spawn the command itself: it spawns
/// a second, small copy of itself (``Child/launch(_:)``), which spawns the command and
/// reports the command's own figures.
struct Child {
    let executable: String

    struct Outcome {
        var milliseconds: Double
        var peakMegabytes: Double
    }

    static let launchFlag = "--launch-and-measure"

    /// Runs `arguments` with stdout discarded; a non-zero exit stops the benchmark with
    /// the command's own error.
    func run(_ arguments: [String]) throws -> Outcome {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("csp-ledger-bench-\(getpid())").path
        let (errors, figures) = (temporary + ".stderr", temporary + ".figures")
        defer { for file in [errors, figures] { try? FileManager.default.removeItem(atPath: file) } }
        let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let status = try Child.spawn(own, [Child.launchFlag, figures, executable] + arguments, stdout: "/dev/null", stderr: errors)
        guard status.exit == 0, let text = try? String(contentsOfFile: figures, encoding: .utf8) else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw BenchError("csp-ledger \(arguments.joined(separator: " ")) failed: \(message)")
        }
        let numbers = text.split(separator: " ").compactMap { Double($0) }
        guard numbers.count == 2 else { throw BenchError("the launcher reported '\(text)'") }
        return Outcome(milliseconds: numbers[0], peakMegabytes: numbers[1] / 1024)
    }

    /// The launcher: `--launch-and-measure FIGURES EXECUTABLE ARGUMENTS…` runs the
    /// command with this process's stdout and stderr, writes "milliseconds peak-kB" to
    /// FIGURES, and exits with the command's status.
    static func launch(_ arguments: [String]) -> Never {
        guard arguments.count >= 2 else { exit(64) }
        let start = DispatchTime.now().uptimeNanoseconds
        guard let status = try? spawn(arguments[1], Array(arguments.dropFirst(2)), stdout: nil, stderr: nil) else { exit(70) }
        let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        _ = FileManager.default.createFile(atPath: arguments[0], contents: Data("\(milliseconds) \(status.peakKilobytes)".utf8))
        exit(status.exit)
    }

    /// Spawns `executable` and waits for it; nil `stdout` or `stderr` keeps this
    /// process's own.
    static func spawn(_ executable: String, _ arguments: [String], stdout: String?, stderr: String?) throws -> (
        exit: Int32, peakKilobytes: Int
    ) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdout { posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY, 0) }
        if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let exited = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exited, usage.ru_maxrss)
    }
}

/// Why the benchmark stopped.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
