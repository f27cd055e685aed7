import ArgumentParser
import Foundation
import Hummingbird
import LedgerServer
import LedgerStore
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger to the partnership: the JSON API and the web pages.",
        discussion: """
            Listens on 127.0.0.1:8080 by default. Any other address needs --behind-proxy ADDR (a TLS proxy at ADDR, \
            whose X-Forwarded-For is trusted) or --insecure-http. Stops on SIGINT or SIGTERM once the requests in \
            flight are answered. Request logs go to standard error, one line each, without tokens, cookies or notes. \
            The clock is the system's: with CSP_LEDGER_NOW set, serve refuses to start unless given --test-clock, \
            which only a test-clock ledger accepts. A ledger is served by one server: the lock file LEDGER.serving \
            beside it says which, and a second serve, or another release's upgrade of the file, is refused until \
            that server stops.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Let readers without a credential see the plan and the plan report, without notes or people's names.")
    var publicRead = false
    @Option(help: ArgumentHelp("The TLS proxy in front of the server; its X-Forwarded-For names the client.", valueName: "address"))
    var behindProxy: String?
    @Flag(help: "Serve plain HTTP on a non-loopback address, and send session cookies without Secure.") var insecureHTTP = false
    @Flag(help: "Take the clock from CSP_LEDGER_NOW; only a ledger made with init --test-clock or by demo accepts it.")
    var testClock = false

    func validate() throws {
        try requireRange(port, 1...65_535, "--port")
    }

    func run() async throws {
        let settings = ServerSettings(
            host: host, port: port, publicRead: publicRead, trustedProxy: behindProxy, insecureHTTP: insecureHTTP, testClock: testClock)
        do { try settings.validate(environment: ProcessInfo.processInfo.environment) } catch {
            throw CommandLineError(.invalidInput, error.message)
        }
        // Held until the process ends: taken before the file is opened, and so upgraded, by this release.
        let lease = try ServingLease.acquire(database.path, release: releaseVersion)
        defer { withExtendedLifetime(lease) {} }
        let ledger = try database.open(.readWrite, keepsPlanInMemory: true)
        var logger = Logger(label: "csp-ledger.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        let path = database.path
        try await buildApplication(ledger: ledger, settings: settings, logger: logger) { address in
            // On standard output, where a person starting the server looks; the request log is on standard error.
            let line = "serving \(path) at \(address): open it in a browser and sign in with a token (csp-ledger token issue)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }.runService()
    }
}
