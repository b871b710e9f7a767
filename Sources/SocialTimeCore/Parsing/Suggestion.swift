/// "Did you mean …?" for a mistyped catalogue key.
public enum Suggestion {
    /// The candidate closest to `text` by edit distance, when it is close enough to be a typo.
    public static func closest(to text: String, in candidates: [String]) -> String? {
        let needle = Array(text.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(needle, Array(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, needle.count / 3))
        let isPrefix = needle.count >= 3 && best.candidate.hasPrefix(String(needle))
        return best.distance <= allowed || isPrefix ? best.candidate : nil
    }

    /// Edit distance counting a swap of two neighbours as one edit (optimal string alignment):
    /// `entires` is one slip from `entries`, `lsit` one from `list`.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = Array(0...b.count)
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

/// A catalogue key (network, outcome, alias): lowercase `[a-z0-9._-]{1,32}`, like a handle.
enum CatalogueKey {
    static func validate(_ text: String, what: String) throws(SocialTimeError) -> String {
        let key = text.trimmingWhitespace().lowercased()
        guard !key.isEmpty, key.utf8.count <= 32,
              key.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 46 || $0 == 95 || $0 == 45 }) else {
            throw .invalidInput("invalid \(what) key '\(Text.printable(text))': use 1 to 32 of a-z, 0-9, '.', '_' and '-'")
        }
        return key
    }
}
