/// The symbols official statistics write in a number's place, and what each means: the one
/// home of that vocabulary. The loader reads a column of numbers that holds them as numbers,
/// each symbol a missing value that keeps its symbol (`Column.symbols`); every format shows
/// the symbol as written, `describe` counts them, and a measure says how many it left out.
///
/// Sources of the meanings:
/// - GSS / Analysis Function, "Using symbols and shorthand" (11 January 2022,
///   gss.civilservice.gov.uk/policy-store/symbols-in-tables-definitions-and-help/): shorthand
///   in square brackets, `[c]` confidential, `[x]` not available, `[z]` not applicable, `[u]`
///   low reliability, `[low]` a low figure that rounds to zero; it advises against `:` and `..`.
/// - StatsWales, "Shorthand for labelling data values" (stats.gov.wales/en-GB/shorthand): the
///   same letters, with `k` "a low figure that appears as a zero when rounded".
/// - Explore Education Statistics, as its screener checks files (dfe-analytical-services/
///   eesyscreener, and the screener app's `global.R`): `c` suppressed, `x` not available, `z`
///   not applicable, `low` rounds to zero; `~` and `:` are the older ("legacy") symbols.
///
/// Only these exact spellings are symbols (lower case, as the guidance writes them), after
/// the cell is trimmed of spaces: `C` or `n/a` are text, which keeps a column of them text.
public struct OfficialSymbol: Sendable, Hashable {
    /// The symbol as the file writes it: `c`, `[c]`, `low`, `..`.
    public let written: String
    public let meaning: Meaning

    /// What a symbol says about the missing number.
    public enum Meaning: String, Sendable, CaseIterable {
        case suppressed = "suppressed"
        case notAvailable = "not available"
        case notApplicable = "not applicable"
        case lowReliability = "low reliability"
        case roundsToZero = "rounds to zero"
    }

    /// Every symbol, in the order `describe` and notes list them. A column stores a symbol as
    /// its position here plus one (`Column.symbols`), 0 meaning none, so the order is fixed
    /// for a run, not a file format: nothing is written with these codes.
    public static let all: [OfficialSymbol] = [
        .init(written: "c", meaning: .suppressed),
        .init(written: "[c]", meaning: .suppressed),
        .init(written: "x", meaning: .notAvailable),
        .init(written: "[x]", meaning: .notAvailable),
        .init(written: ":", meaning: .notAvailable),
        .init(written: "..", meaning: .notAvailable),
        .init(written: "z", meaning: .notApplicable),
        .init(written: "[z]", meaning: .notApplicable),
        .init(written: "u", meaning: .lowReliability),
        .init(written: "[u]", meaning: .lowReliability),
        .init(written: "low", meaning: .roundsToZero),
        .init(written: "[low]", meaning: .roundsToZero),
        .init(written: "k", meaning: .roundsToZero),
        .init(written: "[k]", meaning: .roundsToZero),
        .init(written: "~", meaning: .roundsToZero),
    ]

    /// The symbol with code `code` (1-based; see `all`).
    public static func withCode(_ code: UInt8) -> OfficialSymbol { all[Int(code) - 1] }

    /// "suppressed (c)": the words every note and `describe` use for a symbol.
    public var described: String { "\(meaning.rawValue) (\(written))" }

    /// The code of a cell (already trimmed of spaces) that is a symbol, or nil. Only called
    /// for a cell that is not a number, so plain files never pay for it.
    static func code(of cell: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard !cell.isEmpty, cell.count <= 5 else { return nil }
        for (index, symbol) in all.enumerated() where symbol.written.utf8.elementsEqual(cell) {
            return UInt8(index + 1)
        }
        return nil
    }

    /// The code of a symbol written as text (`c`, `[x]`), or nil.
    static func code(of text: String) -> UInt8? {
        all.firstIndex { $0.written == text }.map { UInt8($0 + 1) }
    }

    /// "2 suppressed (c), 1 not available (x)": counts of symbols in `all`'s order.
    static func counted(_ counts: [UInt8: Int]) -> String {
        counts.keys.sorted().map { "\(counts[$0]!) \(withCode($0).described)" }.joined(separator: ", ")
    }
}
