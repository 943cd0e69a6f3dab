/// What the `reorganisations` dataset says about a join key that matched nothing: an authority
/// of 2008-09 that was split, merged or replaced, so a 2008-09 row finds no row of today's
/// table. The join keeps its rows either way; this only says why (a note under the result, and
/// the `why` column of `show unmatched`).
///
/// The dataset is one row per old authority and one authority it became, with the old
/// authority's name, three-digit code and GSS code (any of which a join may use as its key),
/// the date, and the change (`split`, `merged`, `replaced`, or `part` for part of its area).
struct Reorganisations {
    /// The note for each old authority, by each of its keys (normalized as join keys are).
    private(set) var notes: [String: ResultNote] = [:]

    static let datasetName = "reorganisations"
    static let keyColumns = ["authority", "la_code", "gss_code"]

    /// Reads the dataset named `reorganisations` among `datasets`; nil when it is not loaded
    /// or lacks a column this needs.
    init?(_ datasets: [Dataset]) {
        guard let dataset = datasets.first(where: { $0.name.lowercased() == Self.datasetName }) else { return nil }
        let table = dataset.table
        func column(_ name: String) -> Column? { table.columnIndex(named: name).map { table.columns[$0] } }
        guard let authority = column("authority"), let date = column("date"), let change = column("change"),
              let became = column("became") else { return nil }
        var rowsOf: [String: [Int]] = [:]
        var order: [String] = []
        for row in 0..<table.rowCount where !authority.isMissing(row) {
            let name = ValueFormatter.plain(authority.value(at: row))
            if rowsOf[name] == nil { order.append(name) }
            rowsOf[name, default: []].append(row)
        }
        for name in order {
            let rows = rowsOf[name]!
            func text(_ column: Column, _ row: Int) -> String { column.isMissing(row) ? "" : ValueFormatter.plain(column.value(at: row)) }
            let whole = rows.filter { text(change, $0).lowercased() != "part" }
            let note = ResultNote.reorganised(
                authority: name, change: whole.first.map { text(change, $0).lowercased() } ?? "replaced",
                date: Self.longDate(date, rows[0]),
                became: whole.map { text(became, $0) },
                part: rows.filter { text(change, $0).lowercased() == "part" }.map { text(became, $0) })
            for keyName in Self.keyColumns {
                guard let keys = column(keyName) else { continue }
                for row in rows where !keys.isMissing(row) { notes[JoinPlan.normalized(keys.value(at: row))] = note }
            }
        }
    }

    /// The notes for the keys that `rowOf` (a right dataset's index) does not hold: the ones a
    /// join to it can miss.
    func notes(missingFrom rowOf: [String: Int]) -> [String: ResultNote] {
        notes.filter { rowOf[$0.key] == nil }
    }

    /// "1 April 2009" for a date cell, or the cell as written.
    private static func longDate(_ column: Column, _ row: Int) -> String {
        guard !column.isMissing(row) else { return "an unknown date" }
        if case .date(let day) = column.value(at: row) {
            let date = CivilDate.components(day)
            return "\(date.day) \(CivilDate.monthName(date.month)) \(date.year)"
        }
        return ValueFormatter.plain(column.value(at: row))
    }
}
