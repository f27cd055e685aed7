import Foundation

/// How `csp-ledger serve` runs: where it listens, what it opens to readers without a
/// credential, and which proxy it trusts.
///
/// The rules that keep a partnership's server from being exposed by a typo live here,
/// checked by ``validate(environment:)`` before anything listens: a non-loopback address
/// needs `--behind-proxy ADDR` (TLS ends at that proxy) or an explicit `--insecure-http`,
/// and a clock set with `CSP_LEDGER_NOW` needs `--test-clock`.
public struct ServerSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The plan and the plan report, without notes or people's names, for readers
    /// without a credential.
    public var publicRead: Bool
    /// The reverse proxy's address: its `X-Forwarded-For` names the client.
    public var trustedProxy: String?
    /// Plain HTTP on a non-loopback address, and session cookies without `Secure`.
    public var insecureHTTP: Bool
    /// Take the clock from `CSP_LEDGER_NOW` (a test-clock ledger only).
    public var testClock: Bool

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicRead: Bool = false, trustedProxy: String? = nil,
        insecureHTTP: Bool = false, testClock: Bool = false
    ) {
        (self.host, self.port, self.publicRead) = (host, port, publicRead)
        (self.trustedProxy, self.insecureHTTP, self.testClock) = (trustedProxy, insecureHTTP, testClock)
    }

    /// Whether the server listens on this machine only.
    public var bindsLoopback: Bool { Self.isLoopback(host) }

    /// The address the server listens at, as a browser takes it.
    public var address: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/" }

    /// Whether cookies are marked `Secure`: everywhere but plain HTTP.
    public var secureCookies: Bool { !insecureHTTP }

    /// Checks the settings before the server starts.
    /// - Parameter environment: the process environment (`CSP_LEDGER_NOW`).
    /// - Throws: ``ServerError`` `.settings` naming the flag to add or remove.
    public func validate(environment: [String: String]) throws(ServerError) {
        guard (1...65_535).contains(port) else {
            throw ServerError(.settings, "--port must be from 1 to 65535, not \(port)")
        }
        if trustedProxy != nil && insecureHTTP {
            throw ServerError(.settings, "--behind-proxy and --insecure-http cannot be used together; give one")
        }
        if !bindsLoopback && trustedProxy == nil && !insecureHTTP {
            throw ServerError(
                .settings,
                "serving on \(host) would send tokens over plain HTTP; put a TLS proxy in front and give --behind-proxy ADDR, or say --insecure-http"
            )
        }
        if environment["CSP_LEDGER_NOW"] != nil && !testClock {
            throw ServerError(
                .settings,
                "CSP_LEDGER_NOW is set: a server records the system clock's time; unset it, or give --test-clock on a test ledger")
        }
        if testClock && environment["CSP_LEDGER_NOW"] == nil {
            throw ServerError(.settings, "--test-clock needs CSP_LEDGER_NOW, the instant the clock reads")
        }
    }

    /// Whether `host` is a loopback address or name.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
