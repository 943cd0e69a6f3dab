/// What a text column holds when its values look like numbers.
///
/// Official statistics files put symbols in count columns (`c` for a suppressed count, `x`
/// for not available), so a column of counts loads as text, and text compares letter by
/// letter: `"964" > "11247"`. The binder uses this to refuse `<` and `>` against a number and
/// to warn when `min`, `max` or `order by` would sort numbers as text.
struct NumbersInText: Equatable {
    /// A few of the distinct values that are not numbers, in the order the file first has them.
    let nonNumberExamples: [String]
    /// How many distinct values are not numbers.
    let nonNumberCount: Int
    /// How many distinct values are numbers.
    let numberCount: Int
    /// Two numbers that sort the wrong way round as text, worded for a reader:
    /// `"964" comes after "11247"`.
    let misordered: String?

    static let exampleCount = 3

    /// The analysis of a text column's distinct values (empty cells are missing, not symbols).
    init(dictionary: [String]) {
        var examples: [String] = []
        var nonNumbers = 0
        var numbers: [(text: String, value: Double)] = []
        for entry in dictionary where !entry.trimmingSpaces.isEmpty {
            if let value = Self.number(entry) {
                numbers.append((entry, value))
            } else {
                nonNumbers += 1
                if examples.count < Self.exampleCount { examples.append(entry) }
            }
        }
        nonNumberExamples = examples
        nonNumberCount = nonNumbers
        numberCount = numbers.count
        misordered = Self.misorderedPair(numbers)
    }

    /// Most of the column's distinct values are numbers, so a reader takes it for a number
    /// column.
    var isMostlyNumbers: Bool { numberCount >= 2 && numberCount > nonNumberCount }

    /// Whether the first distinct values are mostly numbers: a quick look before the whole
    /// dictionary (which may hold a million names) is read, on every `order by` of text.
    static func mayBeMostlyNumbers(_ dictionary: [String]) -> Bool {
        let sample = dictionary.lazy.filter { !$0.trimmingSpaces.isEmpty }.prefix(100)
        let numbers = sample.filter { number($0) != nil }.count
        return numbers >= 2 && numbers * 2 > sample.count
    }

    /// The number a cell holds, or nil (`c`, `x`, `nan`, `1,234`, empty): what the loader would
    /// have read as a number had the column held nothing else.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingSpaces
        guard trimmed.utf8.contains(where: { (0x30...0x39).contains($0) }), let value = Double(trimmed),
              value.isFinite else { return nil }
        return value
    }

    /// The largest (or else smallest, or else any neighbouring) pair of numbers whose text order
    /// differs from their order as numbers.
    private static func misorderedPair(_ numbers: [(text: String, value: Double)]) -> String? {
        guard numbers.count >= 2 else { return nil }
        // The order ReviewQL gives text: ignoring case, as `ValueOrder` compares it.
        let byText = numbers.sorted { $0.text.lowercased() < $1.text.lowercased() }
        let largest = numbers.max { $0.value < $1.value }!, smallest = numbers.min { $0.value < $1.value }!
        if byText.last!.value != largest.value {
            return "\"\(byText.last!.text)\" comes after \"\(largest.text)\""
        }
        if byText.first!.value != smallest.value {
            return "\"\(byText.first!.text)\" comes before \"\(smallest.text)\""
        }
        for (a, b) in zip(byText, byText.dropFirst()) where a.value > b.value {
            return "\"\(a.text)\" comes before \"\(b.text)\""
        }
        return nil
    }
}
