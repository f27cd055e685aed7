import NIOPosix

/// Runs a synchronous library call (a fold, a report, a verify) on NIO's thread pool,
/// so that it never holds one of the few threads that every other request's task runs on.
func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
