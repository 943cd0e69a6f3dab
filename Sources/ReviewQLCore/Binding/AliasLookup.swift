/// Finds the value a column holds under another name, for a "did you mean" that knows the
/// other spellings a dataset declares (`aliases name: alias` in the catalog).
///
/// A journalist writes `authority = "Kingston upon Thames"`; reviews spell it `Kingston`, and
/// authorities (which reviews join to) gives "Kingston upon Thames" as its alias. The lookup
/// only suggests: the value the user wrote is never replaced.
struct AliasLookup {
    let datasets: [Dataset]

    /// What `value` is another name for, where the column at `origin` holds it: in the
    /// column's own dataset, or in a dataset it joins to (by the catalog or in the query).
    /// Gives the name, the alias as the dataset spells it, and the dataset.
    func name(for value: String, origin: ColumnOrigin, joins: [(left: ColumnOrigin, right: ColumnOrigin)])
        -> (name: String, alias: String, dataset: String)? {
        let wanted = Self.normalized(value)
        guard !wanted.isEmpty else { return nil }
        var places = [origin]
        if let own = dataset(origin.dataset) {
            for join in own.joins where join.left.lowercased() == origin.column.lowercased() {
                places.append(ColumnOrigin(dataset: join.dataset, column: join.right))
            }
        }
        places += joins.filter { $0.left == origin }.map(\.right)
        for place in places {
            guard let dataset = dataset(place.dataset) else { continue }
            for declared in dataset.aliases where declared.column.lowercased() == place.column.lowercased() {
                guard let names = dataset.table.column(named: declared.column),
                      let aliases = dataset.table.column(named: declared.aliases) else { continue }
                for row in 0..<dataset.table.rowCount where !aliases.isMissing(row) && !names.isMissing(row) {
                    let alias = ValueFormatter.plain(aliases.value(at: row))
                    if Self.spellings(of: alias).contains(wanted) {
                        return (ValueFormatter.plain(names.value(at: row)), alias, dataset.name)
                    }
                }
            }
        }
        return nil
    }

    private func dataset(_ name: String) -> Dataset? {
        datasets.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The forms of an alias a person may write: as it is, and, for the inverted form official
    /// lists use ("Kingston upon Hull, City of"), the name before the comma.
    static func spellings(of alias: String) -> [String] {
        var forms = [normalized(alias)]
        if let comma = alias.lastIndex(of: ",") { forms.append(normalized(String(alias[..<comma]))) }
        return forms
    }

    /// Case, hyphens and runs of spaces set aside: "Kingston-upon-Thames" is "kingston upon thames".
    static func normalized(_ text: String) -> String {
        text.lowercased().replacingAll("-", with: " ").split(separator: " ").joined(separator: " ")
    }
}
