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

    /// Rules version 2: text that would look like something else when printed.
    @Test(arguments: [
        ("zero\u{200B}width", "U+200B ZERO WIDTH SPACE"), ("mark\u{200E}ed", "U+200E LEFT-TO-RIGHT MARK"),
        ("\u{FEFF}bom", "U+FEFF ZERO WIDTH NO-BREAK SPACE"), ("soft\u{00AD}hyphen", "U+00AD SOFT HYPHEN"),
        ("word\u{2060}joiner", "U+2060 WORD JOINER"), ("line\u{2028}sep", "U+2028 LINE SEPARATOR"),
        ("para\u{2029}sep", "U+2029 PARAGRAPH SEPARATOR"), ("non<FFFE>char", "U+FFFE"), ("non<FDD0>char", "U+FDD0"),
        ("\u{200D}leading joiner", "U+200D ZERO WIDTH JOINER"), ("trailing joiner\u{200D}", "U+200D ZERO WIDTH JOINER"),
        ("a \u{200C} b", "U+200C ZERO WIDTH NON-JOINER"), ("stray tag\u{E0067}", "U+E0067 TAG LATIN SMALL LETTER G"),
        ("\u{1F3F4}\u{E0067}\u{E0062}unterminated", "U+E0067"),
    ])
    func invisibleAndLookAlikeCharactersAreRefusedNamingThem(_ written: String, _ named: String) {
        // Swift's literals cannot hold noncharacters; they are written as <XXXX>.
        let text = written.replacingOccurrences(of: "<FFFE>", with: String(Unicode.Scalar(0xFFFE)!))
            .replacingOccurrences(of: "<FDD0>", with: String(Unicode.Scalar(0xFDD0)!))
        for kind in [Text.Kind.name, .long, .scope] {
            #expect {
                try Text.check(text, "note", as: kind, rules: 2)
            } throws: { error in
                let message = (error as? LedgerError)?.message ?? ""
                return message.hasPrefix("note contains") && message.contains(named) && !message.contains("\n")
            }
        }
        #expect(throws: Never.self, "rules version 1 accepted them") { try Text.check(text, "note", as: .long, rules: 1) }
    }

    @Test(arguments: [
        "\u{1F469}\u{200D}\u{2695}\u{FE0F} nurse", "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} England",
        "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}", "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}",
        "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} family", "\u{0915}\u{094D}\u{200D}\u{0937}",
    ])
    func joinedCharactersAndEmojiTagSequencesAreAllowed(_ text: String) throws {
        #expect(try Text.check(text, "title", as: .name, rules: 2) == text)
    }

    @Test(arguments: ["   ", "\u{3000}", " \u{00A0} "])
    func namesTitlesAndScopesNeedAVisibleCharacter(_ text: String) {
        for kind in [Text.Kind.name, .scope] {
            #expect {
                try Text.check(text, "title", as: kind, rules: 2)
            } throws: { ($0 as? LedgerError)?.message.contains("no visible character") == true }
        }
        #expect(throws: Never.self) { try Text.check(text, "note", as: .long, rules: 2) }
    }

    @Test(arguments: ["GMT+5", "UTC+1", "EST5EDT", "GMT-0", "+01:00", "../etc/passwd", "Europe/London "])
    func zoneNamesThatAreNotTzdataNamesAreRefused(_ name: String) {
        #expect(throws: LedgerError.self) { try PartnershipCalendar.checkZoneName(name) }
    }

    @Test(arguments: ["Europe/London", "UTC", "Etc/GMT+5", "America/Argentina/Buenos_Aires", "GMT"])
    func tzdataZoneAndLinkNamesAreAccepted(_ name: String) throws {
        try PartnershipCalendar.checkZoneName(name)
        #expect(try PartnershipCalendar(timeZoneIdentifier: name).timeZone.identifier.isEmpty == false)
    }
}
