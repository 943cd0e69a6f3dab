/// Numbers written with a decimal comma (`1234,5`, `0,34`, `1.234,5`), as files separated by
/// semicolons are written where the comma marks decimals: R's `write.csv2`, Excel and
/// LibreOffice in much of Europe. Tried on a semicolon file's text columns once it is read,
/// from their distinct values, after every other reading has left them text.
///
/// A column is read so when every value is such a number, at least one has a comma, and at
/// least one shows the comma is no thousands separator: a comma followed by other than three
/// digits (`1234,5`), or dots grouping thousands (`1.234,5`). When every comma is followed by
/// exactly three digits (`1,250`), the value could be either: the column stays text, with a
/// note saying so. Each choice is a note (`FormatNote`).
enum DecimalComma {
    /// What `column` becomes (`WrittenValues.Outcome`).
    static func reread(_ column: Column) -> WrittenValues.Outcome {
        guard column.scale == nil, case .text(let codes, let dictionary) = column.storage else { return .unchanged }
        var parsed: [Parsed?] = []
        parsed.reserveCapacity(dictionary.count)
        for value in dictionary {
            let trimmed = value.trimmingSpaces
            if trimmed.isEmpty { parsed.append(nil); continue }
            guard let number = parse(Substring(trimmed)) else { return .unchanged }
            parsed.append(number)
        }
        let present = parsed.indices.filter { parsed[$0] != nil }
        guard let withComma = present.first(where: { parsed[$0]!.hasComma }) else { return .unchanged }
        let example = dictionary[withComma].trimmingSpaces
        guard let proof = present.first(where: { parsed[$0]!.provesDecimalComma }) else {
            return .keptAsText(.decimalCommaOrThousands(column: column.name, example: example))
        }
        var missing = Bitmap(count: codes.count)
        var values = [Double](repeating: 0, count: codes.count)
        for row in 0..<codes.count {
            if column.isMissing(row) { missing[row] = true; continue }
            if let number = parsed[codes[row]] { values[row] = number.value } else { missing[row] = true }
        }
        let converted = Column(name: column.name, storage: .decimal(values), missing: missing)
        return .converted(converted, [.decimalCommaRead(column: column.name, example: dictionary[proof].trimmingSpaces)])
    }

    struct Parsed {
        var value: Double
        var hasComma: Bool
        var provesDecimalComma: Bool
    }

    /// `-?` then digits (or 1–3 digits and groups of `.ddd`), then optionally `,` and digits.
    static func parse(_ text: Substring) -> Parsed? {
        var rest = text
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let groups = whole.split(separator: ".", omittingEmptySubsequences: false)
        let allDigits: (Substring) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }
        guard groups.allSatisfy(allDigits) else { return nil }
        let dotted = groups.count > 1
        if dotted {
            guard (1...3).contains(groups[0].count), groups[0].first != "0" || groups[0].count == 1,
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let fraction = parts.count > 1 ? parts[1] : nil
        if let fraction, !allDigits(fraction) { return nil }
        guard let value = Double(groups.joined() + (fraction.map { "." + $0 } ?? "")) else { return nil }
        return Parsed(value: negative ? -value : value, hasComma: fraction != nil,
                      provesDecimalComma: dotted || (fraction.map { $0.count != 3 } ?? false))
    }
}
