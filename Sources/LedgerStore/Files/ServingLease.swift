import Foundation
import Synchronization

/// The lease a server holds on the ledger it serves: an exclusive lock on the file
/// `LEDGER.serving` beside it, for as long as the server's process lives.
///
/// A ledger is served by one server at a time: a second `serve` of the same file is
/// refused, naming the first. And a release that would upgrade the file (run
/// migrations) refuses while a server holds it, since that server, of another release,
/// would then be answering from a file it does not know. The lock is the kernel's
/// (`flock`), so a server that crashes or is killed leaves no stale lease behind; the
/// file's text (release, process, start) only says who holds it.
public final class ServingLease: Sendable {
    public let path: String
    private let descriptor: Int32

    /// The ledgers this process serves: opening them for writing is this server's own.
    private static let held = Mutex<Set<String>>([])

    private init(path: String, descriptor: Int32) { (self.path, self.descriptor) = (path, descriptor) }

    deinit {
        _ = Self.held.withLock { $0.remove(path) }
        close(descriptor)
    }

    /// The lease file of the ledger at `ledger`.
    static func file(of ledger: String) -> String { ledger + ".serving" }

    /// Takes the lease on the ledger at `ledger` for this process.
    /// - Parameter release: this build's release, written for whoever is refused.
    /// - Throws: ``StoreError`` `.served` when a server holds it, `.file` when the lease
    ///   file cannot be made.
    public static func acquire(_ ledger: String, release: String, now: Date = Date()) throws -> ServingLease {
        let file = file(of: ledger)
        // Never through a link: a lease file planted as a symbolic or hard link to the
        // ledger would otherwise have the ledger truncated by the write below.
        let descriptor = open(file, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StoreError.file("cannot create", file, errno: errno) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 else {
            close(descriptor)
            throw StoreError(.file, "\(file) is not a plain file of its own (a link, or another kind of file); remove it, then serve again")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = description(of: descriptor)
            close(descriptor)
            throw StoreError(.served, "\(ledger) is already served by \(holder); a ledger is served by one server: stop that one first")
        }
        let text = "csp-ledger \(release), process \(getpid()), since \(ISO8601DateFormatter().string(from: now))\n"
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, text, text.utf8.count, 0) == text.utf8.count else {
            close(descriptor)
            throw StoreError.file("cannot write to", file, errno: errno)
        }
        held.withLock { _ = $0.insert(ledger) }
        return ServingLease(path: ledger, descriptor: descriptor)
    }

    /// Who holds the lease on the ledger at `ledger`, if another process does.
    static func holder(of ledger: String) -> String? {
        if held.withLock({ $0.contains(ledger) }) { return nil }
        let descriptor = open(file(of: ledger), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_SH | LOCK_NB) != 0 else { return nil }
        return description(of: descriptor)
    }

    /// The holder as its lease file names it.
    private static func description(of descriptor: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 200)
        let count = pread(descriptor, &bytes, bytes.count, 0)
        let text = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "another server" : text
    }
}
