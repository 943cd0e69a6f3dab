/// A text column's dictionary codes, each held in the fewest bytes that fit its dictionary:
/// one byte a row for up to 256 distinct values (an authority, a region, a judgement), two
/// for up to 65,536, four beyond. Ten million rows of a 150-value column take 10 MB, not 40;
/// that is most of the difference between a loaded table's memory and the CSV file's size.
///
/// Every code is below the dictionary's size (a missing cell's placeholder is 0), which is
/// what makes the narrowing below exact.
public enum DictionaryCodes: Sendable, Equatable {
    case bytes([UInt8])
    case shorts([UInt16])
    case words([UInt32])

    /// The widest dictionary each width holds.
    static let byteLimit = 1 << 8
    static let shortLimit = 1 << 16

    /// `codes` (each below `distinct`) in the narrowest width that holds them.
    public init(_ codes: [UInt32], distinct: Int) {
        if distinct <= Self.byteLimit {
            self = .bytes(codes.map { UInt8(truncatingIfNeeded: $0) })
        } else if distinct <= Self.shortLimit {
            self = .shorts(codes.map { UInt16(truncatingIfNeeded: $0) })
        } else {
            self = .words(codes)
        }
    }

    /// `codes` as they are, for a dictionary of `distinct` values, or narrowed when a narrower
    /// width holds them (the four-byte array is then freed).
    init(words codes: [UInt32], distinct: Int) {
        self = distinct <= Self.shortLimit ? DictionaryCodes(codes, distinct: distinct) : .words(codes)
    }

    public var count: Int {
        switch self {
        case .bytes(let c): c.count
        case .shorts(let c): c.count
        case .words(let c): c.count
        }
    }

    /// The code of `row`.
    @inline(__always)
    public subscript(row: Int) -> Int {
        switch self {
        case .bytes(let c): Int(c[row])
        case .shorts(let c): Int(c[row])
        case .words(let c): Int(c[row])
        }
    }

    /// Every code, four bytes each.
    public var widened: [UInt32] {
        switch self {
        case .bytes(let c): c.map(UInt32.init)
        case .shorts(let c): c.map(UInt32.init)
        case .words(let c): c
        }
    }

    /// Bytes a row.
    public var width: Int {
        switch self {
        case .bytes: 1
        case .shorts: 2
        case .words: 4
        }
    }

    /// The codes of the rows at `indexes`, in that order (-1 gives code 0).
    func gathering(_ indexes: [Int]) -> DictionaryCodes {
        func pick<T: FixedWidthInteger>(_ codes: [T]) -> [T] { indexes.map { $0 < 0 ? 0 : codes[$0] } }
        switch self {
        case .bytes(let c): return .bytes(pick(c))
        case .shorts(let c): return .shorts(pick(c))
        case .words(let c): return .words(pick(c))
        }
    }

    /// Each code replaced by `mapping[code]`, for a dictionary of `distinct` values.
    func renumbered(_ mapping: [UInt32], distinct: Int) -> DictionaryCodes {
        switch self {
        case .bytes(let c): return DictionaryCodes(c.map { mapping[Int($0)] }, distinct: distinct)
        case .shorts(let c): return DictionaryCodes(c.map { mapping[Int($0)] }, distinct: distinct)
        case .words(let c): return DictionaryCodes(c.map { mapping[Int($0)] }, distinct: distinct)
        }
    }

    /// The first row with `code`, or nil.
    func firstRow(of code: Int) -> Int? {
        switch self {
        case .bytes(let c): c.firstIndex { Int($0) == code }
        case .shorts(let c): c.firstIndex { Int($0) == code }
        case .words(let c): c.firstIndex { Int($0) == code }
        }
    }
}

extension DictionaryCodes {
    /// Four-byte codes narrowed when a dictionary of `distinct` values allows; others as they are.
    func narrowed(distinct: Int) -> DictionaryCodes {
        if case .words(let codes) = self { return DictionaryCodes(words: codes, distinct: distinct) }
        return self
    }
}
