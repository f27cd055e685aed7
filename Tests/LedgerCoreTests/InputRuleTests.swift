import LedgerCore
import Testing

@Suite struct InputRuleTests {
    @Test(arguments: ["SOC-3", "kent-police", "a", "A.b_c-1", String(repeating: "x", count: 64)])
    func idsThatFollowTheRuleAreAccepted(_ id: String) throws {
        #expect(try ActionID(id).rawValue == id)
    }

    @Test(arguments: ["", "-lead", ".x", "_x", "a b", "café", "a/b", "a'b", String(repeating: "x", count: 65), "a\u{0}"])
    func idsOutsideTheRuleAreRefused(_ id: String) {
        #expect(throws: LedgerError.self) { try PartnerID(id) }
    }

    @Test func idsSortByCodePoint() throws {
        let ids = try ["b", "B", "a-2", "a-10", "Z"].map { try ActionID($0) }.sorted()
        #expect(ids.map(\.rawValue) == ["B", "Z", "a-10", "a-2", "b"])
    }

    @Test(arguments: ["O'Brien", "'; DROP TABLE events; --", "Dydd Gŵyl Dewi", "Łódź", "שלום", "مرحبا", "🚓 patrol", "\"quoted\""])
    func anyPrintableUnicodeIsAText(_ text: String) throws {
        #expect(try Text.check(text, "name", as: .name, rules: 2) == text)
    }

    @Test func lineBreaksAreAllowedInNotesOnly() throws {
        #expect(try Text.check("line one\nline two\tindented", "note", as: .long, rules: 2) == "line one\nline two\tindented")
        #expect(throws: LedgerError.self) { try Text.check("two\nlines", "title", as: .name, rules: 2) }
        #expect(throws: LedgerError.self) { try Text.check("carriage\rreturn", "note", as: .long, rules: 2) }
    }

    @Test(arguments: ["bell\u{7}", "nul\u{0}", "esc\u{1B}[31m", "rlo\u{202E}txt", "isolate\u{2066}x", "del\u{7F}"])
    func controlAndBidiCharactersAreRefused(_ text: String) {
        #expect(throws: LedgerError.self) { try Text.check(text, "note", as: .long, rules: 2) }
    }

    @Test func lengthsCountCodePoints() throws {
        #expect(try Text.check(String(repeating: "🚓", count: 300), "title", as: .name, rules: 2).unicodeScalars.count == 300)
        #expect(throws: LedgerError.self) { try Text.check(String(repeating: "é", count: 301), "title", as: .name, rules: 2) }
        #expect(throws: LedgerError.self) { try Text.check("", "title", as: .name, rules: 2) }
        #expect(try Text.check(String(repeating: "n", count: 10_000), "note", as: .long, rules: 2).count == 10_000)
        #expect(throws: LedgerError.self) { try Text.check(String(repeating: "n", count: 10_001), "note", as: .long, rules: 2) }
    }
}
