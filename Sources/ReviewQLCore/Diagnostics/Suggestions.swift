/// "Did you mean ...": the nearest names to a misspelt one, by edit distance.
public enum Suggestions {
    /// Candidates within a small edit distance of `word`, nearest first (case-insensitive).
    public static func nearest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
        // Nothing is "near" a very long word; and lengths that differ by more than the allowed
        // distance cannot be near, so the quadratic edit distance runs only on short pairs.
        guard word.utf8.count <= 100 else { return [] }
        let target = Array(word.lowercased())
        let allowed = max(1, min(3, target.count / 3 + 1))
        var scored: [(String, Int)] = []
        for (position, candidate) in candidates.enumerated() {
            // A Ctrl-C ends the search; the statement then stops as cancelled.
            if position & 0xFFF == 0 && Cancellation.isRequested { break }
            let lowered = candidate.lowercased()
            let isPrefixCandidate = lowered.hasPrefix(word.lowercased()) && target.count >= 3
            guard isPrefixCandidate || abs(lowered.count - target.count) <= allowed else { continue }
            let distance = editDistance(target, Array(lowered))
            if distance <= allowed || isPrefixCandidate { scored.append((candidate, isPrefixCandidate ? min(distance, 1) : distance)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0.lowercased() < $1.0.lowercased() }
        var seen = Set<String>()
        return scored.map(\.0).filter { seen.insert($0.lowercased()).inserted }.prefix(limit).map { $0 }
    }

    /// A "did you mean" sentence, or nil when nothing is near.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String? {
        let near = nearest(to: word, in: candidates)
        guard !near.isEmpty else { return nil }
        return didYouMean(near)
    }

    /// The "did you mean" sentence for names already chosen.
    public static func didYouMean(_ names: [String]) -> String {
        "did you mean " + names.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
    }

    /// Levenshtein distance, with a transposition counting as one edit.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
