import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one `csp-ledger` process, as a user would, and measures its wall time and peak
/// resident set (from `wait4`, which Foundation's `Process` does not expose).
struct Child {
    let executable: String

    struct Outcome {
        var milliseconds: Double
        var peakMegabytes: Double
    }

    /// Runs `arguments` with stdout discarded; a non-zero exit stops the benchmark with
    /// the command's own error.
    func run(_ arguments: [String]) throws -> Outcome {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("csp-ledger-bench-\(getpid()).stderr").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw BenchError("csp-ledger \(arguments.joined(separator: " ")) failed: \(message)")
        }
        return Outcome(milliseconds: elapsed, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}

/// Why the benchmark stopped.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
