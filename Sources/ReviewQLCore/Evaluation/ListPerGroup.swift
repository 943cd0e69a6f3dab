/// `list authority, region, reviews from ... order by reviews desc limit 3 per region`: the
/// rows of each value of `per` together, in the order of those values (missing last), and
/// within each the order `order by` gives (the file's order breaking ties), cut to the first N
/// of each. Rows after the N-th that tie with it are kept by `with ties` and named in a note
/// otherwise, as `limit` does for the whole list (and `limit N per` for groups).
extension Evaluator {
    static func limitRowsPerGroup(_ rows: [Int], per: BoundOutput, limit: Int, keys: [Ties.SortKey], query: BoundQuery,
                                  compiled: CompiledExpressions, notes: inout [ResultNote]) -> [Int] {
        let table = query.dataset.table
        let value = compiled.value(per.expression)
        let sorted = sort(rows, by: [(value, false, per.scale)] + keys)
        var shown: [Int] = []
        var extra = 0
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, value(sorted[end]) == value(sorted[start]) { end += 1 }
            let (first, tied) = Ties.cut(Array(sorted[start..<end]), limit: limit, keys: keys)
            shown += first
            if !tied.isEmpty, let last = first.last {
                if query.limitWithTies {
                    shown += tied
                    extra += tied.count
                } else {
                    // Each named with its group, as several groups may have rows cut.
                    let group = ValueFormatter.plain(value(last))
                    notes.append(.tiesCut(labels: tied.map { ValueFormatter.plain(table.columns.first?.value(at: $0) ?? .missing) + " (\(group))" },
                                          value: ValueFormatter.plain(keys[0].value(last)),
                                          measure: label(of: query.orderBy[0].key, table), unit: "row"))
                }
            }
            start = end
        }
        if extra > 0 { notes.append(.tiesKept(extra: extra, limit: limit, unit: "row")) }
        return shown
    }
}
