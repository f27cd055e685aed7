import Foundation
import LedgerTestSupport
import Testing

/// `Tools/verify_ledger.py`'s own tests: ledgers it builds itself with sqlite3, with
/// every kind of stored value it must refuse cleanly and every text it must accept.
@Suite(.enabled(if: which("python3") != nil, "needs python3; .ci/run installs it"))
struct PythonVerifierTests {
    @Test func thePythonVerifiersOwnTestsPass() throws {
        let result = try run(which("python3")!, [packageRoot + "/Tools/test_verify_ledger.py"])
        #expect(result.status == 0, "\(result)")
    }
}
