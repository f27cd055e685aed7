import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore
import Yams

/// Reads a plan file (YAML or JSON, Schemas/plan.schema.json) strictly.
///
/// Strict, because a plan file is an instruction to append: a misspelt key
/// (`actoins:`) quietly ignored would leave a plan half-imported without anyone
/// noticing. Unknown keys, duplicate keys and fractions are refused with
/// the path of the offending value.
public enum PlanFile {
    /// Plan files larger than this are refused before they are parsed.
    public static let maximumBytes = 10 * 1024 * 1024

    /// - Throws: ``StoreError`` `.file` naming the file and the system's reason when it
    ///   cannot be read; ``LedgerError`` `.invalidInput` naming the file and what is
    ///   wrong with its contents.
    public static func load(path: String) throws -> PlanDefinition {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw StoreError.file("cannot read the plan file", path, error)
        }
        return try parse(data, name: path)
    }

    public static func parse(_ data: Data, name: String) throws(LedgerError) -> PlanDefinition {
        func refuse(_ reason: String) -> LedgerError { LedgerError(.invalidInput, "plan file \(name): \(reason)") }
        guard data.count <= maximumBytes else { throw refuse("it is \(data.count) bytes; plan files are at most \(maximumBytes)") }
        guard let text = String(validating: data, as: UTF8.self) else { throw refuse("it is not valid UTF-8 text") }
        guard !text.contains("\u{0}") else { throw refuse("it contains a NUL character") }
        let tree: JSONValue
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            do { tree = try JSONValue.parse(data) } catch { throw refuse("\(error)") }
        } else {
            do { tree = try YAMLTree.json(from: text) } catch let error as LedgerError {
                throw refuse(error.message)
            } catch {
                throw refuse("invalid YAML: \(String(describing: error).split(separator: "\n").joined(separator: " "))")
            }
        }
        let definition: PlanDefinition
        do { definition = try CanonicalJSONDecoder().decode(PlanDefinition.self, from: tree.canonical) } catch {
            throw refuse(describe(error))
        }
        if let unknown = unknownKey(in: tree, comparedWith: definition) {
            throw refuse("unknown key '\(unknown)'; see Schemas/plan.schema.json")
        }
        return definition
    }

    /// The first key path in `tree` that the decoded definition does not use.
    private static func unknownKey(in tree: JSONValue, comparedWith definition: PlanDefinition) -> String? {
        guard let known = try? JSONValueEncoder().encode(definition) else { return nil }
        return firstExtraKey(tree, known, path: "")
    }

    private static func firstExtraKey(_ given: JSONValue, _ known: JSONValue, path: String) -> String? {
        switch (given, known) {
        case (.object(let g), .object(let k)):
            for key in g.keys.sorted() {
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                guard let knownChild = k[key] else {
                    if g[key] == .null { continue }
                    return childPath
                }
                if let extra = firstExtraKey(g[key]!, knownChild, path: childPath) { return extra }
            }
        case (.array(let g), .array(let k)):
            for (i, (a, b)) in zip(g, k).enumerated() {
                if let extra = firstExtraKey(a, b, path: "\(path)[\(i)]") { return extra }
            }
        default:
            break
        }
        return nil
    }

    private static func describe(_ error: any Error) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            let parent = path(context.codingPath)
            return "\(parent == "the top level" ? "" : parent + ": ")the key '\(key.stringValue)' is required"
        case .typeMismatch(let type, let context)?, .valueNotFound(let type, let context)?:
            return "\(path(context.codingPath)): expected \(Self.noun(for: type))"
        case .dataCorrupted(let context)?:
            return "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func noun(for type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        default: "a \(type) value"
        }
    }
}
