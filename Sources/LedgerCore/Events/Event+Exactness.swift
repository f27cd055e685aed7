import CanonicalJSON

extension Event {
    /// Whether `payload` is exactly what the payload type of `type` at `schemaVersion`
    /// writes: nothing more (a key the version does not have, such as `evidence` in a
    /// version-1 progress report), nothing less and nothing else.
    ///
    /// Reading is lenient, as decoding ignores keys a type does not know, so `verify`
    /// asks this of every stored payload: otherwise a key added by hand would travel
    /// with the event, shown by some readers and not others.
    ///
    /// `self` is the event as read from `payload` (upcast to the current version).
    public func isExact(schemaVersion: Int, payload: String) -> Bool {
        func exact<T: Codable>(_: T.Type) -> Bool {
            guard let value = try? CanonicalJSONDecoder().decode(T.self, from: Array(payload.utf8)),
                let written = try? JSONValueEncoder().encode(value)
            else { return false }
            return written.canonical == payload
        }
        if let earlier = Upcasting.earlierShape(of: typeName, version: schemaVersion) { return exact(earlier) }
        return schemaVersion == self.schemaVersion && canonicalPayload() == payload
    }
}
