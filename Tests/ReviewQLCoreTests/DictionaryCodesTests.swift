import Testing
@testable import ReviewQLCore

/// Text columns' codes in one, two or four bytes a row (Values/DictionaryCodes.swift).
struct DictionaryCodesTests {
    /// The width follows the dictionary's size: 256 values fit a byte, 65,536 two bytes.
    @Test(arguments: [(1, 1), (256, 1), (257, 2), (65_536, 2), (65_537, 4)])
    func widthFollowsTheDictionary(_ distinct: Int, _ width: Int) {
        let codes = (0..<3).map { UInt32(min($0 * 1000, distinct - 1)) }
        let narrowed = DictionaryCodes(codes, distinct: distinct)
        #expect(narrowed.width == width)
        #expect(narrowed.widened == codes)
        #expect((0..<3).map { narrowed[$0] } == codes.map(Int.init))
    }

    /// Gathering, renumbering and finding keep every code, whatever the width.
    @Test func operationsKeepTheCodes() {
        let codes = DictionaryCodes([2, 0, 1, 2], distinct: 3)
        #expect(codes.gathering([3, -1, 1]).widened == [2, 0, 0])
        #expect(codes.renumbered([2, 0, 1], distinct: 3).widened == [1, 2, 0, 1])
        #expect(codes.firstRow(of: 1) == 2)
        #expect(codes.firstRow(of: 5) == nil)
        #expect(DictionaryCodes.words([7, 300]).narrowed(distinct: 301).width == 2)
    }

    /// The one-byte comparison (16 codes a compare with SSE2 when 64 are readable) gives the
    /// same bits as comparing one code at a time, for every count and for codes that differ
    /// from the wanted one only in their top bit (a signed compare would confuse them).
    @Test(arguments: [1, 17, 63, 64])
    func byteCodesMatchOneByOne(_ count: Int) {
        var random: UInt64 = 0x1234_5678
        var codes = [UInt8](repeating: 0, count: 64)
        for index in codes.indices {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            codes[index] = [3, 131, 200, 255][Int(random >> 62)]
        }
        for wanted: UInt32 in [3, 131, 255, 256, 7] {
            var expected: UInt64 = 0
            for index in 0..<count where UInt32(codes[index]) == wanted { expected |= 1 << UInt64(index) }
            let bits = codes.withUnsafeBufferPointer { CodeMatch.equal($0.baseAddress!, count, wanted) }
            #expect(bits == expected, "wanted \(wanted), \(count) codes")
        }
    }
}

/// Integer columns in four or eight bytes a value (Values/IntegerValues.swift).
struct IntegerValuesTests {
    /// Four bytes exactly when every value fits in 32 bits, the limits included.
    @Test(arguments: [
        ([0, -5, 7], 4), ([Int64(Int32.max), Int64(Int32.min)], 4),
        ([Int64(Int32.max) + 1], 8), ([Int64(Int32.min) - 1, 0], 8), ([], 4),
    ] as [([Int64], Int)])
    func widthFollowsTheValues(_ values: [Int64], _ width: Int) {
        let stored = IntegerValues(values)
        #expect(stored.width == width)
        #expect(stored.widened == values)
        #expect(stored.gathering([-1] + values.indices.reversed()).widened == [0] + values.reversed())
    }
}
