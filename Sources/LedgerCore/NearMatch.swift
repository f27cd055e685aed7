/// The id someone most likely meant when they named one that does not exist: `soc-1`
/// for `SOC-1`, `kent-polce` for `kent-police`.
///
/// Ids are case-sensitive, so a different case is a different id; but a person who
/// types `soc-1` means `SOC-1`, and saying so beats "check the id". A candidate that
/// differs only in case wins; otherwise the one nearest in edit distance (letters
/// compared without case), if it is near enough: at most one edit for ids up to four
/// characters, two for longer ones. A tie suggests nothing rather than guess.
public enum NearMatch {
    /// The candidate `id` most likely meant, or nil when none is near.
    public static func best(for id: String, among candidates: some Sequence<String>) -> String? {
        let folded = Array(id.lowercased().unicodeScalars)
        let limit = folded.count <= 4 ? 1 : 2
        var best: (id: String, distance: Int)?
        var tied = false
        for candidate in candidates where candidate != id {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - folded.count) <= limit else { continue }
            let distance = editDistance(folded, other, limit: limit)
            guard distance <= limit else { continue }
            if let current = best, distance >= current.distance {
                if distance == current.distance { tied = true }
                continue
            }
            (best, tied) = ((candidate, distance), false)
        }
        return tied ? nil : best?.id
    }

    /// Levenshtein distance, stopping early once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j] + (x == y ? 0 : 1), previous[j + 1] + 1, current[j] + 1)
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
