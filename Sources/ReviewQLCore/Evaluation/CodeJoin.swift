/// A join on a text key matched once per distinct value of the key (its dictionary), not once
/// per row: 10 million reviews of 150 authorities look 150 names up in the other dataset, and
/// each joined column is built from the key's codes.
///
/// It gives what `JoinPlan.gather`'s row-by-row matching gives: the same partner row for every
/// row, the same unmatched keys with the same counts in the order their first rows come.
struct CodeJoin {
    /// For each code of the left key, the matching row of the right dataset, or -1.
    let partnerOfCode: [Int]
    let codes: DictionaryCodes
    let missing: Bitmap?

    /// Nil when the left key is not text.
    init?(leftKey: Column, rowOf: [String: Int]) {
        guard case .text(let codes, let dictionary) = leftKey.storage else { return nil }
        partnerOfCode = dictionary.map { rowOf[JoinPlan.normalized(.text($0))] ?? -1 }
        self.codes = codes
        missing = leftKey.missing
    }

    /// The right dataset's column as joined: each left row holds its partner's value, missing
    /// when it has none.
    func joined(_ right: Column) -> Column {
        right.gathering(partnerOfCode).expanded(by: codes, missingRows: missing)
    }

    /// The keys that matched nothing (as `gather` shows them) with their row counts, in the
    /// order of their first rows.
    func unmatched(_ dictionary: [String]) -> [(key: String, rows: Int)] {
        var rows = [Int](repeating: 0, count: partnerOfCode.count + 1)
        var firstRow = [Int](repeating: -1, count: partnerOfCode.count + 1)
        let missingCode = partnerOfCode.count
        for row in 0..<codes.count {
            let code = missing?[row] == true ? missingCode : codes[row]
            guard code == missingCode || partnerOfCode[code] < 0 else { continue }
            if rows[code] == 0 { firstRow[code] = row }
            rows[code] += 1
        }
        return rows.indices.filter { rows[$0] > 0 }.sorted { firstRow[$0] < firstRow[$1] }.map { code in
            (code == missingCode ? JoinPlan.missingKey : ValueFormatter.plain(.text(dictionary[code])), rows[code])
        }
    }
}

extension Column {
    /// A column with a row for each of `codes`: row `codes[row]` of this column (which has a row
    /// per code), missing where this column's row is or `missingRows` says.
    func expanded(by codes: DictionaryCodes, missingRows: Bitmap?) -> Column {
        let count = codes.count
        var rowMissing = missingRows ?? Bitmap(count: count)
        let codeMissing = (0..<self.count).map(isMissing)
        if codeMissing.contains(true) {
            for row in 0..<count where codeMissing[codes[row]] { rowMissing[row] = true }
        }
        func map<T>(_ values: [T]) -> [T] {
            switch codes {
            case .bytes(let c): c.map { values[Int($0)] }
            case .shorts(let c): c.map { values[Int($0)] }
            case .words(let c): c.map { values[Int($0)] }
            }
        }
        let storage: Storage
        switch self.storage {
        case .integer(.narrow(let v)): storage = .integer(.narrow(map(v)))
        case .integer(.wide(let v)): storage = .integer(.wide(map(v)))
        case .decimal(let v): storage = .decimal(map(v))
        case .date(let v): storage = .date(map(v))
        case .boolean(let v): storage = .boolean(map(v))
        case .text(let small, let dictionary):
            storage = .text(codes: codes.renumbered(small.widened, distinct: dictionary.count), dictionary: dictionary)
        }
        // A row with no partner holds no symbol, whatever its placeholder code points at.
        let expandedSymbols = symbols.map(map).map { symbols in
            var symbols = symbols
            for row in missingRows?.setIndexes ?? [] { symbols[row] = 0 }
            return symbols
        }
        var column = Column(name: name, storage: storage, missing: rowMissing, scale: scale,
                            symbols: expandedSymbols.flatMap { $0.contains { $0 != 0 } ? $0 : nil })
        column.unit = unit
        return column
    }
}
