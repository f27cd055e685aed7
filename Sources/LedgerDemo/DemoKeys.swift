import LedgerCore
import LedgerStore

/// The demo's keys: a ledger key and two partners' witness keys, made from fixed seeds
/// so that the demo signs and cosigns the same checkpoints on every run.
///
/// DEMO ONLY. Their seeds are in this file, so anyone can sign with them: they prove
/// nothing, and a real ledger never uses them (`key generate` and `witness key generate`
/// make random keys, kept outside the ledger). Nothing outside `demo` reaches them.
enum DemoKeys {
    /// The partners whose witnesses cosign the demo's checkpoints.
    static let witnessPartners = [try! PartnerID("kent-police"), try! PartnerID("rising-sun")]

    /// The demo's ledger key, named after the ledger's checkpoint origin.
    static func ledgerKey(origin: String) throws -> NoteSigningKey {
        try NoteSigningKey(name: origin, seed: seed(1), type: .ed25519)
    }

    /// The demo-only witness key of `partner`.
    static func witnessKey(_ partner: PartnerID) throws -> NoteSigningKey {
        let index = UInt64(witnessPartners.firstIndex(of: partner)! + 2)
        return try NoteSigningKey(name: "csp-ledger-demo-only/witness/\(partner)", seed: seed(index), type: .cosignature)
    }

    /// 32 bytes from a fixed seed.
    private static func seed(_ n: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: 0xDE30_0000 + n)
        return (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next().littleEndian) { Array($0) } }
    }
}
