/// The server's caps on what one request may send or cost.
enum Limits {
    /// A request body: a plan import is the largest write, and a plan file is capped
    /// at 10 MiB (`PlanFile.maximumBytes`); anything else is far smaller.
    static let bodyBytes = 10 * 1024 * 1024
    /// A client that sends nothing for this long is disconnected.
    static let idleSeconds: Int64 = 30
}
