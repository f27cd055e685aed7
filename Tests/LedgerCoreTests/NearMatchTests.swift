import LedgerCore
import Testing

@Suite struct NearMatchTests {
    @Test func aDifferentCaseIsTheBestMatch() {
        #expect(NearMatch.best(for: "soc-1", among: ["SOC-1", "SOC-2", "soc-11"]) == "SOC-1")
        #expect(NearMatch.best(for: "kent-polce", among: ["kent-police", "kent-fire"]) == "kent-police")
    }

    @Test func farOrTiedCandidatesSuggestNothing() {
        #expect(NearMatch.best(for: "A-9", among: ["B-77", "council"]) == nil)
        #expect(NearMatch.best(for: "A-3", among: ["A-1", "A-2"]) == nil, "two at one edit: no guess")
        #expect(NearMatch.best(for: "A-1", among: ["A-1"]) == nil, "the id itself is not a suggestion")
        #expect(NearMatch.best(for: "x", among: [String]()) == nil)
    }

    @Test func theLimitGrowsWithTheLength() {
        #expect(NearMatch.best(for: "PR-9", among: ["PR-1"]) == "PR-1")
        #expect(NearMatch.best(for: "P-12", among: ["P-1"]) == "P-1")
        #expect(NearMatch.best(for: "ab", among: ["xy"]) == nil)
        #expect(NearMatch.best(for: "police.lede", among: ["police.lead"]) == "police.lead")
    }

    @Test func theRefusalNamesTheSuggestion() {
        let error = LedgerError(
            .unknown, "action 'soc-1' does not exist; check the id", hint: .listActions, missing: .action(ActionID(trusted: "soc-1")))
        let suggested = error.suggesting("SOC-1")
        #expect(suggested.message == "action 'soc-1' does not exist; did you mean 'SOC-1'?")
        #expect(suggested.suggestion == "SOC-1")
        #expect(suggested.hint == nil, "the suggestion is the remedy")
        #expect(error.suggesting(nil) == error)
    }
}
