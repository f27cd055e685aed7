import Foundation

/// The built `csp-ledger` executable, run as a user would run it.
public struct CLI: Sendable {
    /// The executable beside the test bundle (`swift test` builds it, since the
    /// end-to-end tests depend on it), or `$CSP_LEDGER_BIN`.
    public static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["CSP_LEDGER_BIN"] { return path }
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for directory in candidates {
            let path = directory.appendingPathComponent("csp-ledger").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        preconditionFailure("csp-ledger executable not found near \(candidates.map(\.path)); set CSP_LEDGER_BIN")
    }()

    public let db: String
    /// `CSP_LEDGER_NOW` for every call, so runs are reproducible.
    public var now: String

    public init(db: String, now: String = "2023-04-03T09:00:00Z") {
        self.db = db
        self.now = now
    }

    /// Runs `csp-ledger ARGUMENTS --db DB` (the `--db` is left out when `withDB` is false).
    @discardableResult
    public func callAsFunction(_ arguments: String..., environment: [String: String] = [:], withDB: Bool = true) throws -> ProcessResult {
        try run(arguments, environment: environment, withDB: withDB)
    }

    public func run(_ arguments: [String], environment: [String: String] = [:], withDB: Bool = true) throws -> ProcessResult {
        var env = ["CSP_LEDGER_NOW": now]
        env.merge(environment) { $1 }
        return try LedgerTestSupport.run(CLI.binary, arguments + (withDB ? ["--db", db] : []), environment: env)
    }

    /// Runs `csp-ledger ARGUMENTS` (no `--db` added) with both outputs on one
    /// pseudo-terminal from `script`, `columns` wide, and returns what the terminal
    /// received as its standard output. Needs `script` (util-linux's bsdutils).
    public func onATerminal(_ arguments: [String], columns: Int = 60, environment: [String: String] = [:]) throws -> ProcessResult {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var env = ["COLUMNS": String(columns), "CSP_LEDGER_NOW": now]
        env.merge(environment) { $1 }
        return try LedgerTestSupport.run(which("script")!, ["-qc", quoted.joined(separator: " "), "/dev/null"], environment: env)
    }

    /// ``initialiseStandard()``, then the police lead's progress reports on A-1 at
    /// each of `percents`, on track.
    public func initialiseStandard(reportingProgress percents: [Int]) throws {
        try initialiseStandard()
        for percent in percents {
            let step = ["action", "progress", "A-1", "--status", "on-track", "--percent", String(percent), "--actor", "police.lead"]
            let result = try run(step)
            guard result.status == 0 else { throw CLIFailure(arguments: step, result: result) }
        }
    }

    /// ``initialiseStandard()``, then the police lead's progress report on A-1 with
    /// `options` (`--status`, `--note`, `--effective`, …), recorded at `instant`.
    /// - Returns: this CLI with its clock at `instant`.
    public func initialiseStandard(reportingAt instant: String, _ options: [String]) throws -> CLI {
        try initialiseStandard()
        var later = self
        later.now = instant
        let step = ["action", "progress", "A-1"] + options + ["--actor", "police.lead"]
        let result = try later.run(step)
        guard result.status == 0 else { throw CLIFailure(arguments: step, result: result) }
        return later
    }

    /// Sets up a small ledger through the CLI: the same cast as ``Fixture``.
    public func initialiseStandard() throws {
        let steps: [[String]] = [
            [
                "init", "--partnership", "Test CSP", "--coordinator", "coord", "--coordinator-name", "Casey", "--partner", "council",
                "--partner-name", "Test Council", "--responsible-authority", "--test-clock",
            ],
            ["partner", "add", "police", "--name", "Test Police", "--responsible-authority", "--actor", "coord"],
            ["partner", "add", "fire", "--name", "Test Fire", "--actor", "coord"],
            ["actor", "add", "police.lead", "--name", "Pat Lead", "--partner", "police", "--role", "lead", "--actor", "coord"],
            ["actor", "add", "police.helper", "--name", "Hal Helper", "--partner", "police", "--role", "contributor", "--actor", "coord"],
            ["actor", "add", "fire.lead", "--name", "Fran Fire", "--partner", "fire", "--role", "lead", "--actor", "coord"],
            ["actor", "add", "auditor", "--name", "Ann Auditor", "--partner", "council", "--role", "auditor", "--actor", "coord"],
            ["assessment", "record", "SA-2023", "--year", "2023", "--title", "Assessment 2023", "--actor", "coord"],
            [
                "plan", "adopt", "P-1", "--title", "Plan 2023/24", "--from", "2023-04-01", "--to", "2024-03-31", "--assessment", "SA-2023",
                "--actor", "coord",
            ],
            ["priority", "add", "PR-1", "--plan", "P-1", "--title", "Priority one", "--actor", "coord"],
            ["action", "create", "A-1", "--priority", "PR-1", "--title", "Do the thing", "--due", "2024-03-31", "--actor", "coord"],
            ["action", "assign", "A-1", "--lead", "police", "--support", "council", "--owner", "police.lead", "--actor", "coord"],
            ["action", "create", "A-2", "--priority", "PR-1", "--title", "Another thing", "--actor", "coord"],
        ]
        for step in steps {
            let result = try run(step)
            guard result.status == 0 else { throw CLIFailure(arguments: step, result: result) }
        }
    }

    /// The head digest and event count, as `verify --format json` reports them.
    public func fingerprint() throws -> String {
        let result = try run(["verify", "--format", "json"])
        return result.stdout
    }
}

public struct CLIFailure: Error, CustomStringConvertible {
    public let arguments: [String]
    public let result: ProcessResult
    public var description: String { "csp-ledger \(arguments.joined(separator: " ")) failed: \(result)" }
}
