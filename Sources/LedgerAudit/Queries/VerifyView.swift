import CanonicalJSON
import LedgerStore

/// A verify report as `verify --format json` and the server's `/api/verify` print it.
public enum VerifyView {
    /// - Parameters:
    ///   - checkpoint: what `verify --checkpoint` found of a signed checkpoint, if one was given.
    ///   - problem: how the front end words the problem (the command line adds the
    ///     remedy it names); the report's own message when nil.
    public static func json(_ report: VerifyReport, checkpoint: CheckpointReport? = nil, problem: String? = nil) -> JSONValue {
        .object([
            "ok": .bool(report.isSound), "events": .int(Int64(report.eventCount)), "testClock": .bool(report.testClock),
            "position": .int(report.digest.position), "hash": .string(report.digest.hash),
            "problem": report.problem.map { .string(problem ?? $0.message) } ?? .null,
            "badPosition": report.problem?.position.map { .int($0) } ?? .null, "treeRoot": .string(report.treeRoot.base64),
            "quick": .bool(report.quick), "checks": .array(report.checks.map { .string($0.rawValue) }),
            "skipped": .array(report.skipped.map { .string($0.rawValue) }),
            "checkpoint": checkpoint.map { checked in
                .object([
                    "size": .int(checked.checkpoint.size), "root": .string(checked.checkpoint.root.base64),
                    "key": checked.key.map { .string($0.text) } ?? .null, "problem": checked.problem.map { .string($0) } ?? .null,
                ])
            } ?? .null,
        ])
    }
}
