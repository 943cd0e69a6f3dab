/// Makes the column headings of a result distinct, so that every export loads back.
///
/// `list authority, judgement, authority from reviews` would otherwise give two columns called
/// `authority`: JSON with a key twice (most readers keep only one) and a CSV file whose
/// repeated header ReviewQL's own loader refuses. A repeated heading becomes `authority_2`,
/// `authority_3` ..., skipping any name the result already has. Names are compared ignoring
/// case, as column names are everywhere else.
enum ResultLabels {
    /// `labels` with each repeat renamed; `reserved` are names the result will have anyway.
    static func unique(_ labels: [String], reserved: [String] = []) -> [String] {
        var taken = Set((labels + reserved).map { $0.lowercased() })
        var used = Set(reserved.map { $0.lowercased() })
        var result: [String] = []
        for label in labels {
            guard used.contains(label.lowercased()) else {
                used.insert(label.lowercased())
                result.append(label)
                continue
            }
            var number = 2
            while taken.contains("\(label)_\(number)".lowercased()) { number += 1 }
            let renamed = "\(label)_\(number)"
            taken.insert(renamed.lowercased())
            used.insert(renamed.lowercased())
            result.append(renamed)
        }
        return result
    }

    /// Renames repeated headings among a query's group keys, shown measures and list outputs.
    /// A grouped query whose one measure gets a `percent` column keeps that name for it, so a
    /// group key called `percent` is the one renamed. Whether a sum gets a percent depends on
    /// its values (`Aggregator.percentBase`): `rows` gives the table with its rows, asked for
    /// only then (for a join, it gathers them).
    static func makeDistinct(groupKeys: inout [BoundOutput], kind: inout BoundQuery.Kind, rows: () -> Table) {
        switch kind {
        case .list(let outputs?, let distinct):
            let labels = unique(outputs.map(\.label))
            kind = .list(zip(outputs, labels).map { output, label in
                var renamed = output
                renamed.label = label
                return renamed
            }, distinct: distinct)
        case .list(nil, _):
            break
        case .aggregate(var measures):
            let shown = measures.indices.filter { !measures[$0].hidden }
            var reserved: [String] = []
            if shown.count == 1, groupKeys.contains(where: { $0.label.lowercased() == "percent" }),
               Aggregator.percentBase(of: measures[shown[0]], in: rows()) != nil {
                reserved = ["percent"]
            }
            let labels = unique(groupKeys.map(\.label) + shown.map { measures[$0].label }, reserved: reserved)
            for i in groupKeys.indices { groupKeys[i].label = labels[i] }
            for (position, i) in shown.enumerated() { measures[i].label = labels[groupKeys.count + position] }
            kind = .aggregate(measures)
        }
    }
}
