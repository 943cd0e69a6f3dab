import ReviewQLCore

/// What the line editor does with completion candidates, apart from any C library, so the
/// plain line reader's build has it too and the tests check it in both.
extension LineEditor {
    /// Turns our candidates into libedit's: `Completion` may start the word earlier than
    /// libedit, which breaks at spaces and `&` (our `"Barking & D`, its `D`), or later. Each
    /// word becomes the replacement for libedit's word, `line[wordStart..<cursor]`; a word
    /// whose beginning does not match what is typed between the two starts is dropped.
    static func replacements(for candidates: Completion.Candidates, line: [UInt8], wordStart: Int) -> [String] {
        let start = candidates.start
        guard (0...line.count).contains(start), (0...line.count).contains(wordStart) else { return [] }
        var seen = Set<String>()
        if wordStart <= start {
            let lead = String(decoding: line[wordStart..<start], as: UTF8.self)
            return candidates.words.map { lead + $0 }.filter { seen.insert($0).inserted }
        }
        let typed = String(decoding: line[start..<wordStart], as: UTF8.self).lowercased()
        return candidates.words.compactMap { word -> String? in
            let bytes = Array(word.utf8)
            let skip = wordStart - start
            guard bytes.count >= skip,
                  String(decoding: bytes[..<skip], as: UTF8.self).lowercased() == typed else { return nil }
            return String(decoding: bytes[skip...], as: UTF8.self)
        }.filter { seen.insert($0).inserted }
    }

    /// What replaces the typed word when several candidates fit: their longest common
    /// beginning (ignoring case), or the typed word itself when that is no longer.
    static func commonBeginning(_ words: [String], typed: String) -> String {
        guard var common = words.first.map(Array.init) else { return typed }
        for word in words.dropFirst() {
            let other = Array(word)
            var length = 0
            while length < min(common.count, other.count),
                  String(common[length]).lowercased() == String(other[length]).lowercased() {
                length += 1
            }
            common = Array(common[..<length])
        }
        return common.count > typed.count ? String(common) : typed
    }

    /// A value that closes a quote, or a function's `(`, is complete as it stands; anything
    /// else gets a space so the next word can follow.
    static func appendsSpace(after word: String) -> Bool {
        !(word.hasSuffix("\"") || word.hasSuffix("(") || word.hasSuffix("'"))
    }
}
