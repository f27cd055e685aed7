import Foundation

/// A new file that appears complete or not at all: `--output` documents and backups.
///
/// The content goes to a hidden temporary file in the same folder, which is made
/// durable and then linked to its name. A crash, a full disk or a refused write leaves
/// no half file under the name a reader opens; a failure removes the temporary file.
/// The link is refused when the name exists, so an output never replaces a file, not
/// even one made while it was being written (a ledger named by mistake is safe).
public enum AtomicFile {
    /// Creates `path` with what `body` writes to the handle it is given.
    /// - Parameter command: the command writing it, as the refusal of an existing file
    ///   names it (`export writes a new file`).
    /// - Throws: ``StoreError`` `.exists` when `path` exists, `.file` with the system's
    ///   reason when it cannot be written; whatever `body` throws.
    public static func create(_ path: String, by command: String, _ body: (FileHandle) throws -> Void) throws {
        try create(path, by: command) { temporary in
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw StoreError.file("cannot create", path, errno: errno) }
            defer { close(descriptor) }
            try body(FileHandle(fileDescriptor: descriptor, closeOnDealloc: false))
            guard fsync(descriptor) == 0 else { throw StoreError.file("cannot write to", path, errno: errno) }
        }
    }

    /// Creates `path` from the file `fill` makes, durably, at the temporary path it is
    /// given (for a writer that opens files itself, such as SQLite's backup).
    /// - Throws: as ``create(_:by:_:)-swift.type.method``.
    public static func create(_ path: String, by command: String, filling fill: (_ temporary: String) throws -> Void) throws {
        try refuseExisting(path, by: command)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        // Once published, the file lives on under its name; the temporary name goes either way.
        defer { unlink(temporary) }
        try fill(temporary)
        try publish(temporary, as: path, by: command)
        syncFolder(folder)
    }

    /// Refuses a name that is taken, even by a dangling symbolic link.
    public static func refuseExisting(_ path: String, by command: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 { throw StoreError(.exists, "\(path) already exists; \(command) writes a new file") }
    }

    /// Gives the finished temporary file its name, unless the name was taken meanwhile.
    private static func publish(_ temporary: String, as path: String, by command: String) throws {
        if link(temporary, path) == 0 { return }
        let code = errno
        if code == EEXIST { throw StoreError(.exists, "\(path) already exists; \(command) writes a new file") }
        // A file system without hard links: rename, after looking once more.
        guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP else { throw StoreError.file("cannot create", path, errno: code) }
        try refuseExisting(path, by: command)
        guard rename(temporary, path) == 0 else { throw StoreError.file("cannot create", path, errno: errno) }
    }

    /// Makes the new name durable: a power cut after the command returns keeps the file.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
