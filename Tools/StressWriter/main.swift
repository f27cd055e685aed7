// ledger-stress-writer: one of several processes appending to the same ledger at once,
// for the concurrent-writer tests. It appends COUNT progress reports by ACTOR, spread
// over the actions A-1 … A-STREAMS, each run on its own stream order; with --expect it
// states the version it just read, so a writer that loses a race gets a conflict.
//
// Usage: ledger-stress-writer DB ACTOR WRITER COUNT STREAMS [--expect]
// Prints one line per attempt: "ok POSITION EVENT-ID" or "refused CODE MESSAGE".
import Foundation
import LedgerCore
import LedgerStore

let arguments = CommandLine.arguments
guard arguments.count >= 6, let writer = Int(arguments[3]), let count = Int(arguments[4]), let streams = Int(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: ledger-stress-writer DB ACTOR WRITER COUNT STREAMS [--expect]\n".utf8))
    exit(64)
}
let expect = arguments.dropFirst(6).contains("--expect")
var output = ""
do {
    let ledger = try Ledger.open(at: arguments[1], access: .readWrite)
    let actor = try ActorID(arguments[2])
    for i in 0..<count {
        let action = try ActionID("A-\((i * 7 + writer * 3) % streams + 1)")
        var version: Int?
        if expect { version = try ledger.entries(LogFilter(stream: .action(action))).last?.recorded.streamVersion }
        do {
            let entries = try ledger.execute(
                .reportProgress(action, status: .onTrack, note: "writer \(writer) report \(i)", percent: i % 101), by: actor,
                expectVersion: version)
            output += "ok \(entries[0].position) \(entries[0].recorded.eventID)\n"
        } catch let error as StoreError {
            output += "refused \(error.code) \(error.message)\n"
        } catch let error as LedgerError {
            output += "refused \(error.code) \(error.message)\n"
        }
    }
} catch {
    output += "failed \(error)\n"
}
print(output, terminator: "")
