/// A bitmap that grows as rows are read; `Bitmap` has a fixed size, known only at the end.
struct GrowableBitmap {
    private var words: [UInt64] = []

    @inline(__always)
    mutating func set(_ index: Int) {
        let word = index >> 6
        while words.count <= word { words.append(0) }
        words[word] |= 1 << UInt64(index & 63)
    }

    mutating func assign(_ index: Int, _ value: Bool) {
        if value { set(index); return }
        let word = index >> 6
        if word < words.count { words[word] &= ~(1 << UInt64(index & 63)) }
    }

    func contains(_ index: Int) -> Bool {
        let word = index >> 6
        return word < words.count && words[word] & (1 << UInt64(index & 63)) != 0
    }

    var hasSetBits: Bool { words.contains { $0 != 0 } }

    /// Calls `body` with the index of every set bit, in order.
    func forEachSetBit(_ body: (Int) -> Void) {
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                body(wordIndex << 6 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
    }

    /// The bits as a `Bitmap` of `count` rows, or nil when none is set.
    func bitmap(count: Int) -> Bitmap? {
        guard words.contains(where: { $0 != 0 }) else { return nil }
        var bitmap = Bitmap(count: count)
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var remaining = word
            while remaining != 0 {
                bitmap[wordIndex << 6 + remaining.trailingZeroBitCount] = true
                remaining &= remaining - 1
            }
        }
        return bitmap
    }
}
