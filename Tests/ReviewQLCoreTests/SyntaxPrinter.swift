@testable import ReviewQLCore

/// Prints a syntax tree in a compact, parenthesised form, so that parser tests compare the
/// whole tree with a line of text (as Crafting Interpreters' `AstPrinter` does):
/// `count reviews where judgement = inadequate group by authority` prints as
/// `(count reviews (where (= judgement inadequate)) (group authority))`.
///
/// Bare words print bare, `backquoted` names in backquotes, text values in double quotes;
/// a query prints as `(VERB DATASET CLAUSE ...)`, where VERB is `count`, a measure such as
/// `(sum children)`, several measures in brackets, or `list` with its columns.
enum SyntaxPrinter {
    static func print(_ statement: Statement) -> String {
        switch statement {
        case .query(let query): return print(query)
        case .explain(let query): return "(explain \(print(query)))"
        case .showSQL(let query, let engine):
            return engine == .sqlite ? "(sql \(print(query)))" : "(sql \(engine.rawValue) \(print(query)))"
        case .proportion(let proportion): return "(proportion \(print(proportion)))"
        case .compareCounts(let first, let second): return "(compare \(print(first)) \(print(second)))"
        case .proportionCounts(let pair): return "(proportion \(print(pair)))"
        case .withConfidence(let level, let inner): return "(confidence \(level) \(print(inner)))"
        case .rate(let question): return "(rate \(print(question.first))\(question.second.map { " " + print($0) } ?? "") per \(question.per))"
        case .rateOfDataset(let question):
            return "(rate-of \(print(question.events)) per \(question.per) \(question.column.text) \(question.population.text)\(question.key.map { " on " + $0.text } ?? ""))"
        case .explainRate(let question): return "(explain \(print(.rateOfDataset(question))))"
        case .showSQLRate(let question, let engine): return "(sql \(engine.rawValue) \(print(.rateOfDataset(question))))"
        case .compareGroups(let proportion): return "(compare \(print(proportion)))"
        case .compareDatasets(let first, let second): return "(compare \(print(first)) \(print(second)))"
        case .record(let request, _):
            switch request {
            case .start(let path, let title, let keepsErrors):
                return "(record \(quoted(path))\(title.map { " (titled \(quoted($0)))" } ?? "")\(keepsErrors ? " (with errors)" : ""))"
            case .stop: return "(record off)"
            case .undo: return "(record undo)"
            }
        case .runScript(let path, let stepByStep, _): return "(run \(quoted(path))\(stepByStep ? " step-by-step" : ""))"
        case .pause: return "(pause)"
        case .load(let path, let sheet, let name, let counts, let options):
            let separator = options.separator.map { " (separator \(quoted(String(UnicodeScalar($0)))))" } ?? ""
            let header = options.headerLine.map { " (header line \($0))" } ?? ""
            let encoding = options.encoding.map { " (encoding \($0.rawValue))" } ?? ""
            return "(load \(quoted(path))\(sheet.map { " (sheet \(quoted($0)))" } ?? "") \(name.text)\(counts.map { " (counts \($0.text))" } ?? "")\(separator)\(header)\(encoding))"
        case .datasets: return "(datasets)"
        case .describe(let name): return "(describe \(name.text))"
        case .set(let setting, let value): return "(set \(setting.text) \(value.text))"
        case .setScale(let column, let dataset, let levels):
            return "(set-scale \(column.text) \(dataset.text) " + levels.map(\.text).joined(separator: " ") + ")"
        case .setDateOrder(let column, let dataset, let order, _): return "(set-dates \(column.text) \(dataset.text) \(order.rawValue))"
        case .help(let topic): return "(help\(topic.map { " " + quoted($0) } ?? ""))"
        case .save(let path, let format, let replacing, _):
            return "(save \(quoted(path))\(format.map { " " + $0.text } ?? "")\(replacing ? " replacing" : ""))"
        case .quit: return "(quit)"
        case .showUnmatched: return "(show unmatched)"
        case .showLast: return "(show last)"
        case .copyLast: return "(copy last)"
        case .saveChart(let path, _): return "(save-chart \(quoted(path)))"
        case .setParameter(let name, let value, _): return "(set-parameter \(name.text) \(value.kind.rawValue) \(quoted(value.text)))"
        case .showParameters: return "(show parameters)"
        }
    }

    static func print(_ query: Query) -> String {
        var parts = [verb(query.verb), query.dataset.text]
        for join in query.joins {
            parts.append("(join \(join.dataset.text)" + (join.on.map { " (on \($0.left.text) \($0.right.text))" } ?? "") + ")")
        }
        if let filter = query.filter { parts.append("(where \(print(filter)))") }
        if !query.groupBy.isEmpty { parts.append("(group " + query.groupBy.map(print).joined(separator: " ") + ")") }
        if let having = query.having { parts.append("(having \(print(having)))") }
        if !query.orderBy.isEmpty {
            let items = query.orderBy.map { $0.descending ? "(desc \(print($0.expression)))" : print($0.expression) }
            parts.append("(order " + items.joined(separator: " ") + ")")
        }
        if let limit = query.limit { parts.append("(limit \(limit)\(query.limitWithTies ? " ties" : ""))") }
        switch query.presentation {
        case .table: break
        case .chart: parts.append("(as chart)")
        case .funnel: parts.append("(as funnel)")
        case .crosstab(let percent): parts.append("(as crosstab\(percent == .none ? "" : " " + percent.rawValue))")
        }
        if query.withIntervals { parts.append("(with ci)") }
        if query.withTest { parts.append("(with chi-square)") }
        return "(" + parts.joined(separator: " ") + ")"
    }

    static func print(_ proportion: ProportionQuery) -> String {
        var text = print(proportion.base) + " (event \(print(proportion.event)))"
        if let split = proportion.split { text += " (by \(print(split)))" }
        return text
    }

    static func print(_ pair: CountPair) -> String {
        "(\(pair.successes) of \(pair.trials)\(pair.label.map { " " + quoted($0) } ?? ""))"
    }

    static func print(_ expression: Expression) -> String {
        switch expression.kind {
        case .word(let word): return word
        case .column(let name): return "`\(name)`"
        case .literal(let value): return print(value)
        case .call(let function, let argument): return "(\(function.text) \(print(argument)))"
        case .aggregate(let function, let argument, let distinct):
            guard let argument else { return distinct ? "(\(function.rawValue) distinct)" : function.rawValue }
            return "(\(function.rawValue)\(distinct ? " distinct" : "") \(print(argument)))"
        case .compare(let comparison, let left, let right): return "(\(comparison.rawValue) \(print(left)) \(print(right)))"
        case .inList(let left, let values, let negated):
            return "(\(negated ? "not-in" : "in") \(print(left))" + values.map { " " + print($0) }.joined() + ")"
        case .between(let value, let low, let high, let negated):
            return "(\(negated ? "not-between" : "between") \(print(value)) \(print(low)) \(print(high)))"
        case .textMatch(let match, let left, let right, let negated):
            let name = match.rawValue.split(separator: " ").joined(separator: "-")
            return "(\(negated ? "not-" : "")\(name) \(print(left)) \(print(right)))"
        case .isMissing(let value, let negated): return "(\(negated ? "not-missing" : "missing") \(print(value)))"
        case .and(let left, let right): return "(and \(print(left)) \(print(right)))"
        case .or(let left, let right): return "(or \(print(left)) \(print(right)))"
        case .not(let inner): return "(not \(print(inner)))"
        case .named(let inner, let name): return "(as \(print(inner)) \(name.text))"
        case .arithmetic(let arithmetic):
            switch arithmetic {
            case .operation(let op, let left, let right): return "(\(op.rawValue) \(print(left)) \(print(right)))"
            case .negate(let inner): return "(neg \(print(inner)))"
            case .round(let inner, let digits): return "(round \(print(inner)) \(digits))"
            case .dateDifference(let unit, let from, let to): return "(\(unit.rawValue) \(print(from)) \(print(to)))"
            }
        }
    }

    private static func verb(_ verb: Query.Verb) -> String {
        switch verb {
        case .aggregate(let measures):
            let printed = measures.map(print)
            return printed.count == 1 ? printed[0] : "[" + printed.joined(separator: " ") + "]"
        case .list(let items, let distinct):
            let word = distinct ? "list-distinct" : "list"
            guard let items else { return word }
            return "(\(word) " + items.map(print).joined(separator: " ") + ")"
        }
    }

    private static func print(_ measure: Measure) -> String {
        let printed = measure.computed.map(print)
            ?? print(Expression(.aggregate(measure.function, measure.argument, distinct: measure.distinct), measure.range))
        return measure.name.map { "(as \(printed) \($0.text))" } ?? printed
    }

    private static func print(_ value: Value) -> String {
        switch value {
        case .missing: return "missing"
        case .integer(let integer): return String(integer)
        case .decimal(let decimal): return String(decimal)
        case .date(let day): return CivilDate.iso(day)
        case .boolean(let flag): return flag ? "yes" : "no"
        case .text(let text): return quoted(text)
        }
    }

    private static func quoted(_ text: String) -> String { "\"" + text + "\"" }
}
