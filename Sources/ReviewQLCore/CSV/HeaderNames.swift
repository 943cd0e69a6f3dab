/// The column names a header row gives, made usable: a blank name becomes `column_N` (N its
/// position) and a name repeated (ignoring case) gets `_2`, `_3`, as pandas, R and DuckDB do.
/// Each change is kept, so the loader can say so in a note (`LoadNote`).
public struct HeaderNames: Sendable, Equatable {
    /// One name the header did not give as it is used.
    public enum Change: Sendable, Equatable {
        /// Column `column` (1-based) had no name.
        case blank(column: Int, now: String)
        /// Column `column` repeats the name of `earlierColumn`.
        case repeated(name: String, column: Int, earlierColumn: Int, now: String)
    }

    /// The names the table's columns get, in order.
    var names: [String]
    var changes: [Change]

    /// The usable names for the header's `raw` names (already trimmed).
    init(_ raw: [String]) {
        var taken = Set(raw.map { $0.lowercased() })
        var firstIndexOfName: [String: Int] = [:]
        names = []
        changes = []
        /// `base`, or `base_2`, `base_3`… the first not yet taken.
        func unused(_ base: String, from start: Int) -> String {
            var number = start
            var candidate = start == 1 ? base : base + "_\(start)"
            while taken.contains(candidate.lowercased()) {
                number += 1
                candidate = base + "_\(number)"
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
        for (index, name) in raw.enumerated() {
            if name.isEmpty {
                let now = unused("column_\(index + 1)", from: 1)
                names.append(now)
                changes.append(.blank(column: index + 1, now: now))
                continue
            }
            let key = name.lowercased()
            if let earlier = firstIndexOfName[key] {
                let now = unused(name, from: 2)
                names.append(now)
                changes.append(.repeated(name: name, column: index + 1, earlierColumn: earlier + 1, now: now))
                continue
            }
            firstIndexOfName[key] = index
            names.append(name)
        }
    }

    /// The 0-based indexes of the columns whose name was blank.
    var blankColumns: [Int] {
        changes.compactMap { if case .blank(let column, _) = $0 { column - 1 } else { nil } }
    }
}
