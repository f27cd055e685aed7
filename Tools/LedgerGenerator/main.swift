// csp-ledger-generate: a deterministic, realistic ledger of any size, for measuring.
//
// Usage: swift run -c release csp-ledger-generate --events 1000000 --db big.sqlite [--seed 7] [--shape wide|long-lived]
//        [--every-event-type]
//
// The events are those of the benchmark's workload (Tools/Workload), appended one
// simulated day per batch, so a generated ledger is the one csp-ledger-bench measures
// with the same --shape (wide: many short actions; long-lived: twenty years of actions
// reported on weekly); with --every-event-type, the workload's variant holding every type the fold knows.
import Foundation
import LedgerCore
import LedgerStore
import LedgerWorkload
import Synchronization

struct Options {
    var events = 100_000
    var db = "csp-ledger-generated.sqlite"
    var seed: UInt64 = 7
    var everyEventType = false
    var shape = Workload.Shape.wide

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            if arguments[i] == "--every-event-type" {
                everyEventType = true
                i += 1
                continue
            }
            switch arguments[i] {
            case "--events": events = Int(value) ?? events
            case "--db": db = value
            case "--seed": seed = UInt64(value) ?? seed
            case "--shape" where Workload.Shape(rawValue: value) != nil: shape = Workload.Shape(rawValue: value)!
            default:
                FileHandle.standardError.write(
                    Data("usage: csp-ledger-generate --events N --db PATH [--seed S] [--shape wide|long-lived] [--every-event-type]\n".utf8)
                )
                exit(64)
            }
            i += 2
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if FileManager.default.fileExists(atPath: options.db) {
    FileHandle.standardError.write(Data("\(options.db) exists; give --db a new path\n".utf8))
    exit(1)
}
let workload = Workload(events: options.events, seed: options.seed, everyEventType: options.everyEventType, shape: options.shape)
let clockTime = Mutex(workload.createdAt)
let ledger = try workload.createLedger(at: options.db, clock: LedgerClock { clockTime.withLock { $0 } })
try workload.forEachBatch { batch in
    clockTime.withLock { $0 = batch.recordedAt }
    try ledger.append(batch.events)
}
let digest = try ledger.digest()
let state = try ledger.state()
print("generated \(options.db): \(digest.position) events, \(state.actions.count) actions; head \(digest.text)")
