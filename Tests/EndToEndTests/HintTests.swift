import LedgerCore
import LedgerStore
import Testing

@testable import csp_ledger

/// The command line names the flag or command for every remedy the libraries hint at,
/// continuing their message into one line.
@Suite struct HintTests {
    @Test func everyHintOfTheLibrariesHasTheCommandLinesWords() {
        #expect(Set(Hints.ledger.keys) == Set(LedgerError.Hint.allCases))
        #expect(Set(Hints.store.keys) == Set(StoreError.Hint.allCases))
        for text in Array(Hints.ledger.values) + Array(Hints.store.values) + Array(Hints.ledgerCodes.values)
            + Array(Hints.storeCodes.values)
        {
            #expect(
                text.hasPrefix("; ") || text.hasPrefix(" (") || text.hasPrefix(", ") || text.hasPrefix(": ") || text.hasPrefix(" "),
                "\(text)")
            #expect(
                text.contains("--") || text.contains("csp-ledger ") || text.contains("CSP_LEDGER_") || text.contains(" init "), "\(text)")
        }
    }

    @Test func aHintIsPreferredToItsCodesText() {
        #expect(
            LedgerError(.unknown, "action 'A-9' does not exist; check the id", hint: .listActions).line
                == "action 'A-9' does not exist; check the id (csp-ledger state lists actions)")
        #expect(
            LedgerError(.clockBehind, "the clock is behind; have a coordinator accept it").line
                == "the clock is behind; have a coordinator accept it with --accept-clock-behind")
        #expect(
            StoreError(.missingFile, "no ledger at x.sqlite").line
                == "no ledger at x.sqlite; create one with csp-ledger init, or give --db the path of an existing ledger")
        #expect(
            StoreError(.missingFile, "no ledger at x.sqlite", hint: .unfinishedImportPath).line
                == "no ledger at x.sqlite; give --db the path of the unfinished import")
        #expect(LedgerError(.invalidInput, "a priority is listed twice").line == "a priority is listed twice")
    }

    @Test func theCommandLinesOwnCodesHaveStableNamesAndExitCodes() {
        #expect(CommandLineError.Code.allCases.map(\.description) == ["invalid-input", "usage", "verify-mismatch", "unexpected"])
        #expect(CommandLineError.Code.allCases.map(\.exitStatus) == [1, 64, 65, 1])
    }
}
