import CanonicalJSON
import LedgerTestSupport
import Testing

/// The JSON a successful command printed; a failed command is recorded as an issue.
func json(_ result: ProcessResult) throws -> JSONValue {
    #expect(result.status == 0, "\(result)")
    return try JSONValue.parse(result.stdout)
}
