/// Whether `message` names something of the command line: a flag (`--effective`), a
/// command (`csp-ledger init`) or one of its environment variables (`CSP_LEDGER_NOW`).
///
/// The libraries' messages never do: they say what is wrong in the domain's words, and
/// the command line adds the flag or command that puts it right. The product's name
/// alone (`a csp-ledger ledger`) is not a command.
public func namesTheCommandLine(_ message: String) -> Bool {
    message.contains("--") || message.contains("CSP_LEDGER_") || message.contains(/csp-ledger (?!ledger)[a-z]/)
}
