// The fuzzing harness: what libFuzzer feeds bytes to, and what the corpus replay runs.
//
// Built with -sanitize=fuzzer -DFUZZING by Tools/fuzz, it is a libFuzzer binary for the
// target named by CSP_FUZZ_TARGET (plan, event or export). Built normally, it is
// `csp-ledger-fuzz TARGET FILE-OR-FOLDER...`, which runs the same code on saved inputs:
// the seed corpus and every crash ever found, as regression tests.
import CanonicalJSON
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

enum FuzzTarget: String, CaseIterable {
    case plan, event, export

    /// Feeds one input to the parser; anything but a clean refusal or a consistent
    /// result is a crash.
    func run(_ data: Data) {
        switch self {
        case .plan:
            _ = try? PlanFile.parse(data, name: "fuzz")
        case .event:
            // The first byte picks the type and the second the schema version; the rest is the payload.
            guard data.count >= 2 else { return }
            let type = Event.typeNames[Int(data[data.startIndex]) % Event.typeNames.count]
            let version = Int(data[data.startIndex + 1] % 4)
            guard let event = try? Event(type: type, schemaVersion: version, payload: data.dropFirst(2)) else { return }
            let again = try? Event(type: type, schemaVersion: event.schemaVersion, payload: Data(event.canonicalPayload().utf8))
            precondition(again == event, "a decoded \(type) does not survive its own canonical payload")
        case .export:
            if let value = try? JSONValue.parse(data) {
                precondition((try? JSONValue.parse(value.canonical)) == value, "canonical JSON does not parse back to the same value")
            }
            _ = try? ExportLine.parse(data, number: 1)
        }
    }
}

#if FUZZING
    /// libFuzzer's entry point for a program that has its own `main`, as SwiftPM
    /// executables do.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    @main
    struct Fuzz {
        static func main() {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
                    let name = ProcessInfo.processInfo.environment["CSP_FUZZ_TARGET"] ?? "plan"
                    guard let target = FuzzTarget(rawValue: name) else { fatalError("CSP_FUZZ_TARGET must be plan, event or export") }
                    target.run(Data(bytes: bytes, count: count))
                    return 0
                })
        }
    }
#else
    @main
    struct CorpusReplay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
                FileHandle.standardError.write(Data("usage: csp-ledger-fuzz plan|event|export FILE-OR-FOLDER...\n".utf8))
                exit(64)
            }
            var count = 0
            for path in arguments.dropFirst() {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                let files =
                    isFolder.boolValue
                    ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" } : [path]
                for file in files {
                    guard let data = FileManager.default.contents(atPath: file) else { continue }
                    target.run(data)
                    count += 1
                }
            }
            print("\(name): \(count) inputs replayed, no crash")
        }
    }
#endif
