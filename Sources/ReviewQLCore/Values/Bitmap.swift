/// A fixed-length set of bits, one per row: marks missing values and selected rows.
public struct Bitmap: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public let count: Int

    public init(count: Int, value: Bool = false) {
        self.count = count
        let wordCount = (count + 63) >> 6
        words = Array(repeating: value ? ~0 : 0, count: wordCount)
        if value, count & 63 != 0 { words[wordCount - 1] = (1 << UInt64(count & 63)) - 1 }
    }

    @inline(__always)
    public subscript(index: Int) -> Bool {
        get { words[index >> 6] & (1 << UInt64(index & 63)) != 0 }
        set {
            if newValue { words[index >> 6] |= 1 << UInt64(index & 63) }
            else { words[index >> 6] &= ~(1 << UInt64(index & 63)) }
        }
    }

    /// How many bits are set.
    public var population: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The indexes of the set bits, in order.
    public var setIndexes: [Int] {
        var result: [Int] = []
        result.reserveCapacity(population)
        for (wordIndex, word) in words.enumerated() where word != 0 {
            var w = word
            while w != 0 {
                result.append(wordIndex << 6 + w.trailingZeroBitCount)
                w &= w - 1
            }
        }
        return result
    }
}
