import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// The event catalogue of the LedgerStore documentation is written by hand; these
/// tests keep it from going stale as event types are added or change shape.
@Suite struct EventCatalogueArticleTests {
    /// The catalogue's sections: each `### TypeName` heading and the lines under it.
    static func sections() throws -> [(name: String, lines: [String])] {
        let path = packageRoot + "/Sources/LedgerStore/LedgerStore.docc/EventCatalogue.md"
        var sections: [(name: String, lines: [String])] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                sections.append((String(line.dropFirst(4)), []))
            } else if line.hasPrefix("#") {
                continue
            } else if !sections.isEmpty {
                sections[sections.count - 1].lines.append(String(line))
            }
        }
        return sections
    }

    @Test func everyEventTypeHasASectionInCatalogueOrder() throws {
        #expect(try Self.sections().map(\.name) == Event.typeNames)
    }

    @Test func eachSectionStatesItsTypesCurrentSchemaVersion() throws {
        let versions = Dictionary(uniqueKeysWithValues: Event.payloadTypes.map { ($0.typeName, $0.schemaVersion) })
        for section in try Self.sections() {
            let stated = section.lines.first { $0.hasPrefix("- Schema version: ") }
            #expect(stated?.hasPrefix("- Schema version: \(versions[section.name] ?? 0).") == true, "\(section.name): \(stated ?? "none")")
        }
    }
}
