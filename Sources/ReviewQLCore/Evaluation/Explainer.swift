/// `explain <query>`: the query in plain English, then how many rows are left after each step
/// ("173 reviews → 59 where judgement is Inadequate → 42 groups by authority"), pointing out
/// rows a condition left out only because a value was missing.
struct Explainer {
    let query: BoundQuery
    /// The columns of the table the query reads, for naming them.
    var table: Table { query.dataset.table }

    /// `suppression`: the rows left after each step are counts too (of an aggregate; a list
    /// shows its rows anyway), so see `shownCounts`.
    func explain(result: QueryResult, datasetRows: Int, suppression: Suppression? = nil) -> String {
        var lines = ["In words: " + sentence()]
        let compiled = CompiledExpressions(table: table)
        let noun = query.dataset.name
        var counts = [datasetRows] + query.presence.map(\.rowsAfter)
        var conditions: [String] = []
        var unknowns: [Int] = []
        var rows = Array(0..<table.rowCount)
        for condition in conjuncts(query.filter) {
            let test = compiled.predicate(condition)
            var kept: [Int] = []
            var unknown = 0
            for row in rows {
                switch test(row) {
                case true?: kept.append(row)
                case nil: unknown += 1
                case false?: break
                }
            }
            counts.append(kept.count)
            conditions.append(describe(condition))
            unknowns.append(unknown)
            rows = kept
        }
        var hides = suppression
        if case .list = query.kind { hides = nil }
        let shown = Self.shownCounts(counts, hides)
        var steps = ["\(shown[0]) \(noun)"]
        for (index, presence) in query.presence.enumerated() {
            steps.append("\(shown[index + 1]) \(presence.without ? "without" : "with") a match in \(presence.otherInWords)")
        }
        let firstCondition = query.presence.count + 1
        for join in query.source.joins {
            steps.append("joined with \(join.dataset.text) (every \(noun) row kept)")
        }
        var missingNotes: [String] = []
        for (index, condition) in conditions.enumerated() {
            steps.append("\(shown[index + firstCondition]) \(index == 0 ? "where" : "and") \(condition)")
            let unknown = unknowns[index]
            if unknown > 0 {
                let count = hides?.isSmall(.integer(Int64(unknown))) == true ? Suppression.marker : String(unknown)
                missingNotes.append("\(count) row\(unknown == 1 ? " was" : "s were") left out by \"\(condition)\" only because a value was missing")
            }
        }
        switch query.kind {
        case .aggregate:
            if !query.groupKeys.isEmpty {
                let groups = result.groupCount ?? result.table.rowCount
                steps.append("\(groups) group\(groups == 1 ? "" : "s") by " + query.groupKeys.map(\.label).joined(separator: ", "))
                if query.having != nil || query.limit != nil {
                    steps.append("\(result.table.rowCount) shown")
                }
            } else {
                steps.append("1 answer")
            }
        case .list:
            if query.limit != nil || isDistinct { steps.append("\(result.table.rowCount) shown") }
        }
        lines.append("Steps: " + steps.joined(separator: " → "))
        lines += missingNotes.map { "Note: " + $0 }
        return lines.joined(separator: "\n")
    }

    /// The rows left after each step, as shown: under suppression a count is hidden when it is
    /// small, or when its difference from another count shown is (59 then 57 would give a 2
    /// away). The last step is decided first, since the answer shows it anyway.
    static func shownCounts(_ counts: [Int], _ suppression: Suppression?) -> [String] {
        guard let suppression, let last = counts.indices.last else { return counts.map(String.init) }
        let isSmall = { (n: Int) in suppression.isSmall(.integer(Int64(abs(n)))) }
        var shown: [Int] = []
        var text = [String](repeating: Suppression.marker, count: counts.count)
        for index in [last] + Array(counts.indices.dropLast()) {
            let n = counts[index]
            guard !isSmall(n), !shown.contains(where: { isSmall($0 - n) }) else { continue }
            shown.append(n)
            text[index] = String(n)
        }
        return text
    }

    private var isDistinct: Bool {
        if case .list(_, let distinct) = query.kind { return distinct }
        return false
    }

    /// The top-level conditions joined by `and`, in order.
    private func conjuncts(_ expression: BoundExpression?) -> [BoundExpression] {
        guard let expression else { return [] }
        if case .and(let left, let right) = expression { return conjuncts(left) + conjuncts(right) }
        return [expression]
    }

    /// The whole query as a sentence.
    func sentence() -> String {
        var text: String
        let noun = query.dataset.name
        switch query.kind {
        case .aggregate(let measures):
            let shown = measures.filter { !$0.hidden }
            let what = shown.map { measure -> String in
                if let computed = measure.computed { return "work out \(measure.label) as " + Self.unwrapped(describe(computed)) }
                switch measure.function {
                case .count where measure.argument == nil: return "count the \(noun)"
                case .count: return "count the " + (measure.distinct ? "different values of " : "values of ") + inner(measure.label)
                case .sum: return "add up " + inner(measure.label)
                case .average: return "average " + inner(measure.label)
                case .median: return "find the median of " + inner(measure.label)
                case .min: return "find the smallest " + inner(measure.label)
                case .max: return "find the largest " + inner(measure.label)
                }
            }
            text = joinWords(what)
            if shown.first?.function != .count || shown.first?.argument != nil { text += " in \(noun)" }
        case .list(let outputs, let distinct):
            let columns = outputs.map { joinWords($0.map(\.label)) } ?? "every column"
            text = "list " + (distinct ? "the different rows of " : "") + columns + " of the \(noun)"
        }
        for presence in query.presence {
            text += presence.without ? " that have no matching row in " : " that have a matching row in "
            text += presence.otherInWords + " (\(presence.left.column) = \(presence.right.column))"
        }
        for join in query.source.joins { text += ", with the matching row of \(join.dataset.text)" }
        if let filter = query.filter { text += " where " + describe(filter) }
        if !query.groupKeys.isEmpty { text += ", one row for each " + joinWords(query.groupKeys.map(\.label)) }
        if let having = query.having { text += ", keeping groups where " + describe(having) }
        if !query.orderBy.isEmpty {
            text += ", sorted by " + joinWords(query.orderBy.map { describe($0.key) + ($0.descending ? " (largest first)" : "") })
        }
        let per = query.per.map { query.groupKeys[$0].label } ?? query.rowsPer.map(\.label)
        if let limit = query.limit {
            text += ", showing at most \(limit) row\(limit == 1 ? "" : "s")" + (query.limitPerGroup ? " for each \(per ?? "group")" : "")
        }
        if !query.within.isEmpty {
            let words: [String] = query.within.map { item in
                switch item {
                case .rank: return "its rank"
                case .runningTotal: return "the running total"
                case .cumulativePercent: return "the cumulative percent"
                case .change: return "the change from the row above"
                }
            }
            text += ", with " + joinWords(words) + " on each row" + (per.map { " (within each \($0))" } ?? "")
        }
        return text + "."
    }

    /// A condition or value in words: "judgement is Inadequate", "letter_date is on or after 2009-01-01".
    func describe(_ expression: BoundExpression) -> String {
        switch expression {
        case .column(let index): return table.columns[index].name
        case .constant(let value): return value.isMissing ? "missing" : ValueFormatter.plain(value)
        case .function(let function, let argument): return "\(function.rawValue)(\(describe(argument)))"
        case .measure(let index):
            if case .aggregate(let measures) = query.kind { return measures[index].label }
            return "the measure"
        case .groupKey(let index): return query.groupKeys[index].label
        case .percent: return "percent"
        case .compare(let comparison, let left, let right):
            let words: String
            switch comparison {
            case .equal: words = "is"
            case .notEqual: words = "is not"
            case .less: words = isDate(left) ? "is before" : "is less than"
            case .lessEqual: words = isDate(left) ? "is on or before" : "is at most"
            case .greater: words = isDate(left) ? "is after" : "is more than"
            case .greaterEqual: words = isDate(left) ? "is on or after" : "is at least"
            }
            return "\(describe(left)) \(words) \(describe(right))"
        case .inList(let subject, let values, let negated):
            let list = values.map(ValueFormatter.plain)
            let choices = list.count <= 1 ? (list.first ?? "nothing")
                : list.dropLast().joined(separator: ", ") + " or " + list.last!
            return "\(describe(subject)) is \(negated ? "not " : "")\(choices)"
        case .between(let subject, let low, let high, let negated):
            return "\(describe(subject)) is \(negated ? "not " : "")between \(ValueFormatter.plain(low)) and \(ValueFormatter.plain(high))"
        case .textMatch(let match, let subject, let pattern, let negated):
            let verb = match == .contains ? "contains" : match == .startsWith ? "starts with" : "ends with"
            return "\(describe(subject)) \(negated ? "does not " + (match == .contains ? "contain" : match == .startsWith ? "start with" : "end with") : verb) \"\(pattern)\""
        case .isMissing(let subject, let negated):
            return "\(describe(subject)) is \(negated ? "not " : "")missing"
        case .and(let left, let right): return "\(describe(left)) and \(describe(right))"
        case .or(let left, let right): return "(\(describe(left)) or \(describe(right)))"
        case .not(let inner): return "not (\(describe(inner)))"
        case .computed(let computation): return computation.words(describe)
        }
    }

    /// Words without the parentheses around the whole of them.
    static func unwrapped(_ words: String) -> String {
        guard words.hasPrefix("("), words.hasSuffix(")") else { return words }
        var depth = 0
        for (offset, character) in words.enumerated() {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0 && offset < words.count - 1 { return words }
        }
        return String(words.dropFirst().dropLast())
    }

    private func isDate(_ expression: BoundExpression) -> Bool {
        if case .column(let index) = expression { return table.columns[index].type == .date }
        return false
    }

    private func inner(_ label: String) -> String {
        guard let open = label.firstIndex(of: "("), label.hasSuffix(")") else { return label }
        let text = label[label.index(after: open)..<label.index(before: label.endIndex)]
        return text.hasPrefix("distinct ") ? String(text.dropFirst(9)) : String(text)
    }

    private func joinWords(_ words: [String]) -> String {
        words.count <= 1 ? (words.first ?? "") : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}
