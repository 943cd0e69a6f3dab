/// Resolves a parsed query against the loaded datasets before anything runs.
///
/// Finds the dataset and every column (reporting unknown names with a position and a "did you
/// mean"), decides whether each bare word is a column or a value, converts values to the type
/// of the column they are compared with, checks that measures get columns they can work on,
/// and warns when a text value matches nothing in its column. For a join it makes a plan
/// (`Joiner`) and binds against the joined columns; the evaluator gathers the rows.
public struct Binder {
    public let datasets: [Dataset]
    /// Warnings found while binding (a value that matches nothing, say), in order, as values;
    /// the query still runs. Every value that matches nothing is here: `warnings(following:)`
    /// lists the first few.
    private(set) var problems: [BindingError] = []
    /// Where the count of values that match nothing beyond the first few points.
    private var filterRange: SourceRange?

    /// The warnings, worded, when no join warned before them.
    public var warnings: [Diagnostic] { warnings(following: []) }

    /// `joinWarnings` (gathering the joined rows warns of rows that matched nothing, and the
    /// joins come first in a query), then the binder's warnings: a value that matches nothing
    /// is listed while fewer than five warnings come before it, and the rest are counted in
    /// one warning at the end.
    public func warnings(following joinWarnings: [Diagnostic]) -> [Diagnostic] {
        var warnings = joinWarnings
        var unlisted = 0
        for warning in problems {
            if case .unmatchedValue = warning.problem, warnings.count >= Self.listedUnmatched {
                unlisted += 1
            } else {
                warnings.append(warning.diagnostic)
            }
        }
        if unlisted > 0 { warnings.append(BindingProblem.moreUnmatched(count: unlisted).diagnostic(at: filterRange)) }
        return warnings
    }

    var table: Table = Table(name: "", columns: [])
    var measures: [BoundMeasure] = []
    var groupKeys: [BoundOutput] = []
    /// Names given with `as` (ExpressionBinding.swift): expressions of a list or group by, and
    /// measures by index.
    var expressionNames: [String: Expression] = [:]
    var measureNames: [String: Int] = [:]
    /// Whether measures may appear in the arithmetic being bound (in having, order by, and a
    /// measure worked out from others).
    var measuresAllowed = false
    private var groupKeySources: [Expression] = []
    /// Where each column of `table` came from, and the query's join keys: where a value that
    /// matches nothing may be found under another name (`AliasLookup`).
    private var origins: [ColumnOrigin] = []
    private var joinKeys: [(left: ColumnOrigin, right: ColumnOrigin)] = []

    public init(datasets: [Dataset]) {
        self.datasets = datasets
    }

    /// The dataset called `name` (case-insensitive), or an error with the nearest names.
    public func dataset(named name: Name) throws(Diagnostic) -> Dataset {
        do { return try find(name) } catch { throw error.diagnostic }
    }

    func find(_ name: Name) throws(BindingError) -> Dataset {
        if let found = datasets.first(where: { $0.name.lowercased() == name.text.lowercased() }) { return found }
        throw BindingError(.unknownDataset(name: name.text, known: datasets.map(\.name)), at: name.range)
    }

    /// Binds `query`, or reports the first problem found as a diagnostic.
    public mutating func bind(_ query: Query) throws(Diagnostic) -> BoundQuery {
        do { return try check(query) } catch { throw error.diagnostic }
    }

    /// Binds `query`, or throws the first problem found as a value (what the tests assert).
    mutating func check(_ query: Query) throws(BindingError) -> BoundQuery {
        var dataset = try find(query.dataset)
        var presence: [BoundPresence] = []
        if !query.presence.isEmpty {
            let found = try BoundPresence.apply(query.presence, to: dataset, datasets: datasets)
            (dataset, presence) = (found.dataset, found.presence)
            problems += found.warnings
        }
        var plan: JoinPlan?
        origins = dataset.table.columns.map { ColumnOrigin(dataset: dataset.name, column: $0.name) }
        joinKeys = []
        if !query.joins.isEmpty {
            let planned = try Joiner(datasets: datasets).plan(dataset, query.joins, binder: self)
            dataset = planned.schema
            plan = planned.plan
            origins = planned.origins
            joinKeys = planned.joinKeys
        }
        table = dataset.table
        measures = []
        groupKeys = []
        groupKeySources = query.groupBy
        collectNames(query)

        let filter = try query.filter.map { (e) throws(BindingError) in try condition(e, allowMeasures: false) }
        for key in query.groupBy {
            let (expression, type, scale) = try scalar(key, role: "group by")
            groupKeys.append(BoundOutput(expression: expression, label: label(of: key), type: type, scale: scale))
        }

        var kind: BoundQuery.Kind
        switch query.verb {
        case .aggregate(let written):
            for measure in written { measures.append(try bindMeasure(measure)) }
            kind = .aggregate([])
        case .list(let items, let distinct):
            if let first = query.groupBy.first {
                throw BindingError(.listGrouped(dataset: dataset.name), at: first.range)
            }
            var outputs: [BoundOutput]?
            if let items {
                outputs = []
                for item in items {
                    let (expression, type, scale) = try scalar(item, role: "list")
                    outputs!.append(BoundOutput(expression: expression, label: label(of: item), type: type, scale: scale))
                }
            }
            kind = .list(outputs, distinct: distinct)
        }

        let isAggregate: Bool
        if case .aggregate = kind { isAggregate = true } else { isAggregate = false }
        let having = try query.having.map { (e) throws(BindingError) in try condition(e, allowMeasures: true) }
        let order = try orderKeys(query.orderBy, isAggregate: isAggregate)
        if isAggregate { kind = .aggregate(measures) }
        let per = try partition(query, isAggregate: isAggregate)
        filterRange = query.filter?.range
        if case .crosstab = query.presentation {
            let shown = measures.filter { !$0.hidden }
            guard isAggregate, groupKeys.count == 2, shown.count == 1 else {
                throw BindingError(.crosstabShape, at: query.range)
            }
            // A cell left out would show as 0 and its totals would be wrong.
            guard query.having == nil, query.limit == nil else {
                throw BindingError(.crosstabLeavesCellsOut(clause: query.having != nil ? "having" : "limit"), at: query.range)
            }
        }
        // Headings are made distinct last: `having` and `order by` above find keys and measures
        // by the names the query wrote.
        ResultLabels.makeDistinct(groupKeys: &groupKeys, kind: &kind, rows: { plan?.gather().dataset.table ?? dataset.table })
        var bound = BoundQuery(dataset: dataset, kind: kind, filter: filter, groupKeys: groupKeys, having: having,
                               orderBy: order, limit: query.limit, limitWithTies: query.limitWithTies,
                               join: plan, origins: origins, joinKeys: joinKeys, source: query)
        bound.presence = presence
        (bound.per, bound.limitPerGroup, bound.within) = (per, query.limitPerGroup, query.within)
        bound.rowsPer = try rowsPartition(query, isAggregate: isAggregate)
        return bound
    }

    // MARK: Measures

    /// `count rows from ethnicity`: the rows of a counted table, as they are, when the table
    /// has no column called rows.
    private func isCountOfRows(_ measure: Measure) -> Bool {
        guard measure.function == .count, !measure.distinct, case .word(let word)? = measure.argument?.kind,
              word.lowercased() == "rows" else { return false }
        return table.columnIndex(named: word) == nil
    }

    private mutating func bindMeasure(_ measure: Measure) throws(BindingError) -> BoundMeasure {
        if measure.computed != nil || measure.name != nil { return try bindNamedMeasure(measure) }
        return try bindPlainMeasure(measure)
    }

    mutating func bindPlainMeasure(_ measure: Measure) throws(BindingError) -> BoundMeasure {
        guard let argument = measure.argument else {
            return BoundMeasure(function: .count, argument: nil, distinct: false, label: "count", resultType: .integer)
        }
        if isCountOfRows(measure) {
            var rows = BoundMeasure(function: .count, argument: nil, distinct: false, label: "count", resultType: .integer)
            rows.countsRows = true
            return rows
        }
        let (expression, type, _) = try scalar(argument, role: measure.function.rawValue)
        if measure.function.needsNumbers && !type.isNumeric {
            if let content = numbersAmongSymbols(expression) {
                throw BindingError(.measureOfNumbersAsText(function: measure.function.rawValue, column: label(of: argument),
                                                           content: content), at: argument.range)
            }
            let numeric = table.columns.filter { $0.type.isNumeric && ColumnNaming.isMeasure($0.name) }.map(\.name)
            throw BindingError(.measureNeedsNumbers(function: measure.function.rawValue, column: label(of: argument), type: type,
                                                    table: table.name, numeric: numeric), at: argument.range)
        }
        if measure.function == .min || measure.function == .max {
            warnIfNumbersSortAsText(expression, use: measure.function.rawValue, at: argument.range)
        }
        if measure.function.needsNumbers { warnIfNotAMeasure(expression, function: measure.function, at: argument.range) }
        let resultType: ColumnType
        switch measure.function {
        case .count: resultType = .integer
        case .sum: resultType = type
        case .average, .median: resultType = .decimal
        case .min, .max: resultType = type
        }
        let inner = label(of: argument)
        let text = measure.function.rawValue + "(" + (measure.distinct ? "distinct " : "") + inner + ")"
        return BoundMeasure(function: measure.function, argument: expression, distinct: measure.distinct,
                            label: text, resultType: resultType)
    }

    /// The measure an aggregate expression in `having` or `order by` refers to; one the query
    /// does not show is computed alongside, without a column of its own.
    mutating func measureIndex(_ expression: Expression) throws(BindingError) -> Int {
        guard case .aggregate(let function, let argument, let distinct) = expression.kind else { return -1 }
        let bound = try bindMeasure(Measure(function: function, argument: argument, distinct: distinct, range: expression.range))
        if let index = measures.firstIndex(where: { $0.label == bound.label }) { return index }
        var hidden = bound
        hidden.hidden = true
        measures.append(hidden)
        return measures.count - 1
    }

    private mutating func aggregateOrderKey(_ expression: Expression) throws(BindingError) -> BoundExpression {
        if case .aggregate = expression.kind { return .measure(try measureIndex(expression)) }
        if let index = groupKeyIndex(expression) { return .groupKey(index) }
        if let bound = try measureExpression(expression) { return bound }
        if case .word(let word) = expression.kind, word.lowercased() == "percent" || word.lowercased() == "percentage" {
            return .percent
        }
        let choices = groupKeys.map(\.label) + measures.map(\.label)
        throw BindingError(.cannotOrderBy(label: label(of: expression), choices: choices), at: expression.range)
    }

    /// The sort keys of `order by`: groups, measures or `percent` in an aggregate, columns (or
    /// functions of them) in a list; a warning when numbers held as text would sort as text.
    private mutating func orderKeys(_ items: [OrderItem], isAggregate: Bool) throws(BindingError)
        -> [(key: BoundExpression, descending: Bool)] {
        var order: [(key: BoundExpression, descending: Bool)] = []
        for item in items {
            let key = isAggregate ? try aggregateOrderKey(item.expression) : try scalar(item.expression, role: "order by").0
            if case .groupKey(let index) = key {
                warnIfNumbersSortAsText(groupKeys[index].expression, use: "order by", at: item.expression.range)
            } else if !isAggregate {
                warnIfNumbersSortAsText(key, use: "order by", at: item.expression.range)
            }
            order.append((key, item.descending))
        }
        return order
    }

    /// The group key `per` names (`limit 3 per region`, `with rank per region`), with what the
    /// values down the rows need: groups, an order to rank by, a count or sum to add up.
    private func partition(_ query: Query, isAggregate: Bool) throws(BindingError) -> Int? {
        guard query.per != nil || !query.within.isEmpty else { return nil }
        if isListCutPerGroup(query, isAggregate: isAggregate) { return nil }
        let what = query.within.first?.rawValue ?? "per"
        guard isAggregate, !groupKeys.isEmpty else { throw BindingError(.withinNeedsGroups(what: what), at: query.range) }
        if case .crosstab = query.presentation { throw BindingError(.withinInCrosstab(what: what), at: query.range) }
        if query.within.contains(.rank), query.orderBy.isEmpty { throw BindingError(.rankNeedsOrder, at: query.range) }
        let measure = measures.first { !$0.hidden }
        for item in query.within where item != .rank {
            // A count of distinct values does not add up across groups (one value may be in several).
            let adds = (measure?.function == .count && measure?.distinct == false) || measure?.function == .sum
            guard let measure, measure.resultType.isNumeric, adds || item == .change else {
                throw BindingError(.withinNeedsCountOrSum(what: item.rawValue, measure: measure?.label ?? "none"), at: query.range)
            }
        }
        guard let per = query.per else { return nil }
        guard let index = groupKeyIndex(per) else {
            throw BindingError(.perNotAGroup(label: label(of: per), groups: groupKeys.map(\.label)), at: per.range)
        }
        if let limit = query.limit, !query.limitPerGroup {
            throw BindingError(.limitNeedsPer(limit: limit, per: groupKeys[index].label), at: query.range)
        }
        return index
    }

    private func groupKeyIndex(_ expression: Expression) -> Int? {
        let wanted = label(of: expression).lowercased()
        return groupKeys.firstIndex { $0.label.lowercased() == wanted }
    }

    // MARK: Conditions

    private mutating func condition(_ expression: Expression, allowMeasures: Bool) throws(BindingError) -> BoundExpression {
        switch expression.kind {
        case .and(let left, let right):
            return .and(try condition(left, allowMeasures: allowMeasures), try condition(right, allowMeasures: allowMeasures))
        case .or(let left, let right):
            return .or(try condition(left, allowMeasures: allowMeasures), try condition(right, allowMeasures: allowMeasures))
        case .not(let inner):
            return .not(try condition(inner, allowMeasures: allowMeasures))
        case .compare(let comparison, let left, let right):
            return try compare(comparison, left, right, allowMeasures: allowMeasures)
        case .inList(let subject, let values, let negated):
            let operand = try conditionSubject(subject, allowMeasures: allowMeasures)
            var converted: [Value] = []
            for value in values {
                converted.append(try constant(value, for: operand, ordering: false))
            }
            warnIfUnmatched(converted, operand: operand, subject: subject, values: values)
            return .inList(operand.expression, converted, negated: negated)
        case .between(let subject, let low, let high, let negated):
            let operand = try conditionSubject(subject, allowMeasures: allowMeasures)
            return .between(operand.expression, try constant(low, for: operand, ordering: true),
                            try constant(high, for: operand, ordering: true), negated: negated)
        case .textMatch(let match, let subject, let pattern, let negated):
            let operand = try conditionSubject(subject, allowMeasures: allowMeasures)
            guard operand.type == .text else {
                throw BindingError(.textMatchNeedsText(match: match.rawValue, column: label(of: subject), type: operand.type),
                                   at: subject.range)
            }
            let text = try plainText(pattern)
            if let column = operand.columnIndex, let dictionary = table.columns[column].dictionary {
                let needle = text.lowercased()
                let found = dictionary.contains { entry in
                    let lowered = entry.lowercased()
                    switch match {
                    case .contains: return lowered.contains(needle)
                    case .startsWith: return lowered.hasPrefix(needle)
                    case .endsWith: return lowered.hasSuffix(needle)
                    }
                }
                if !found {
                    problems.append(BindingError(.patternMatchesNothing(column: table.columns[column].name, dataset: table.name,
                                                                        match: match == .contains ? "contains" : match.rawValue,
                                                                        pattern: text), at: pattern.range))
                }
            }
            return .textMatch(match, operand.expression, text, negated: negated)
        case .isMissing(let subject, let negated):
            let operand = try conditionSubject(subject, allowMeasures: allowMeasures)
            return .isMissing(operand.expression, negated: negated)
        default:
            throw BindingError(.expectedCondition, at: expression.range)
        }
    }

    /// What a condition is about: a column, a function of one, or (in `having`) a measure.
    private struct Operand {
        var expression: BoundExpression
        var type: ColumnType
        var scale: [String]?
        var columnIndex: Int?
        var label: String
    }

    private mutating func conditionSubject(_ expression: Expression, allowMeasures: Bool) throws(BindingError) -> Operand {
        if case .aggregate = expression.kind {
            guard allowMeasures else {
                throw BindingError(.measureInWhere, at: expression.range)
            }
            let index = try measureIndex(expression)
            return Operand(expression: .measure(index), type: measures[index].resultType, label: measures[index].label)
        }
        if allowMeasures {
            if let index = groupKeyIndex(expression) {
                let key = groupKeys[index]
                return Operand(expression: .groupKey(index), type: key.type, scale: key.scale, label: key.label)
            }
            if case .word(let word) = expression.kind, word.lowercased() == "percent" {
                return Operand(expression: .percent, type: .decimal, label: "percent")
            }
            if let bound = try measureExpression(expression) {
                return Operand(expression: bound, type: boundType(bound), label: label(of: expression))
            }
            throw BindingError(.notAGroupOrMeasure(label: label(of: expression), groups: groupKeys.map(\.label)), at: expression.range)
        }
        let (bound, type, scale) = try scalar(expression, role: "where")
        var columnIndex: Int?
        if case .column(let index) = bound { columnIndex = index }
        return Operand(expression: bound, type: type, scale: scale, columnIndex: columnIndex, label: label(of: expression))
    }

    private mutating func compare(_ comparison: Comparison, _ left: Expression, _ right: Expression,
                                  allowMeasures: Bool) throws(BindingError) -> BoundExpression {
        // A comparison of two columns (or functions of them) is allowed when their types agree.
        if isColumnLike(right), isColumnLike(left) {
            let l = try conditionSubject(left, allowMeasures: allowMeasures)
            let r = try conditionSubject(right, allowMeasures: allowMeasures)
            guard l.type == r.type || (l.type.isNumeric && r.type.isNumeric) else {
                throw BindingError(.cannotCompareColumns(left: l.label, leftType: l.type, right: r.label, rightType: r.type),
                                   at: left.range.union(right.range))
            }
            return .compare(comparison, l.expression, r.expression)
        }
        if !isColumnLike(left), isColumnLike(right) {
            return try compare(comparison.flipped, right, left, allowMeasures: allowMeasures)
        }
        let operand = try conditionSubject(left, allowMeasures: allowMeasures)
        let value = try constant(right, for: operand, ordering: comparison != .equal && comparison != .notEqual)
        if comparison == .equal || comparison == .notEqual {
            warnIfUnmatched([value], operand: operand, subject: left, values: [right])
        }
        return .compare(comparison, operand.expression, .constant(value))
    }

    /// Whether an expression names a column (rather than being a value): a backquoted name, a
    /// function call, a measure, or a bare word that is a column of the dataset.
    private func isColumnLike(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .column, .call, .aggregate, .arithmetic, .named: return true
        case .word(let word): return table.columnIndex(named: word) != nil || isName(word)
        default: return false
        }
    }

    /// Warnings about values that match nothing beyond the first few are counted, not listed.
    private static let listedUnmatched = 5

    /// Warns when a text value compared with `=` or `in` is not in the column at all.
    private mutating func warnIfUnmatched(_ values: [Value], operand: Operand, subject: Expression, values written: [Expression]) {
        guard let column = operand.columnIndex, let dictionary = table.columns[column].dictionary else { return }
        let present = Set(dictionary.map { $0.lowercased() })
        for (value, expression) in zip(values, written) {
            guard case .text(let text) = value, !present.contains(text.lowercased()) else { continue }
            problems.append(BindingError(.unmatchedValue(column: table.columns[column].name, dataset: table.name, value: text,
                                                         hint: unmatchedHint(text, column: column)), at: expression.range))
        }
    }

    /// The best help for a value that matches nothing in a column: the value it is another
    /// name for, else the nearest spellings, else (for a short list) every value.
    private func unmatchedHint(_ text: String, column: Int) -> BindingProblem.UnmatchedHint? {
        let dictionary = table.columns[column].dictionary ?? []
        if column < origins.count,
           let alias = AliasLookup(datasets: datasets).name(for: text, origin: origins[column], joins: joinKeys),
           let held = dictionary.first(where: { $0.lowercased() == alias.name.lowercased() }) {
            return .alias(of: held, alias: alias.alias, dataset: alias.dataset)
        }
        let near = Suggestions.nearest(to: text, in: dictionary)
        if !near.isEmpty { return .nearest(near) }
        return dictionary.count <= 12 ? .oneOf(dictionary) : nil
    }

    /// Warns when `min`, `max` or `order by` would sort a text column that holds mostly
    /// numbers: as text, "964" comes after "11247".
    private mutating func warnIfNumbersSortAsText(_ expression: BoundExpression, use: String, at range: SourceRange) {
        guard case .column(let index) = expression, table.columns[index].scale == nil,
              let dictionary = table.columns[index].dictionary, NumbersInText.mayBeMostlyNumbers(dictionary) else { return }
        let content = NumbersInText(dictionary: dictionary)
        guard content.isMostlyNumbers, content.misordered != nil else { return }
        let problem = BindingProblem.numbersSortedAsText(column: table.columns[index].name, use: use, content: content)
        // Once, though min, max and order by may each sort the column.
        if !problems.contains(where: { $0.problem == problem }) { problems.append(BindingError(problem, at: range)) }
    }

    /// Warns when `sum`, `average` or `median` reads a column whose name marks it as a code
    /// (`old_la_code`, `school_urn`) or the period column: digits that are not quantities.
    private mutating func warnIfNotAMeasure(_ expression: BoundExpression, function: AggregateFunction, at range: SourceRange) {
        guard case .column(let index) = expression, !ColumnNaming.isMeasure(table.columns[index].name) else { return }
        let name = table.columns[index].name
        let problem = BindingProblem.codeAsMeasure(function: function.rawValue, column: name, mark: ColumnNaming.codeMark(name),
            measures: table.columns.filter { $0.type.isNumeric && ColumnNaming.isMeasure($0.name) }.map(\.name))
        if !problems.contains(where: { $0.problem == problem }) { problems.append(BindingError(problem, at: range)) }
    }

    /// What a text column holds when it is numbers among symbols (c, x), the shape of an
    /// official statistics download; nil for any other expression or column.
    private func numbersAmongSymbols(_ expression: BoundExpression) -> NumbersInText? {
        guard case .column(let index) = expression, table.columns[index].scale == nil,
              let dictionary = table.columns[index].dictionary, NumbersInText.mayBeMostlyNumbers(dictionary) else { return nil }
        let content = NumbersInText(dictionary: dictionary)
        return content.isMostlyNumbers && content.nonNumberCount > 0 ? content : nil
    }

    /// The column an expression reads directly (a group key's column, in `having`), if any.
    private func sourceColumn(_ expression: BoundExpression) -> Column? {
        switch expression {
        case .column(let index): return table.columns[index]
        case .groupKey(let index): return sourceColumn(groupKeys[index].expression)
        default: return nil
        }
    }

    /// A value written in a condition, converted to the type of what it is compared with.
    private func constant(_ expression: Expression, for operand: Operand, ordering: Bool) throws(BindingError) -> Value {
        let written: Value
        switch expression.kind {
        case .literal(let value): written = value
        case .word(let word): written = .text(word)
        case .column, .call:
            throw BindingError(.expectedValue(column: operand.label, found: label(of: expression)), at: expression.range)
        default:
            throw BindingError(.expectedValue(column: operand.label, found: nil), at: expression.range)
        }
        let wrongType = BindingError(.valueOfWrongType(column: operand.label, type: operand.type, value: ValueFormatter.plain(written)),
                                     at: expression.range)
        switch operand.type {
        case .text:
            let text = ValueFormatter.plain(written)
            if let scale = operand.scale {
                if let level = scale.first(where: { $0.lowercased() == text.lowercased() }) { return .text(level) }
                if let period = OfficialPeriods.level(writtenAs: text, on: scale) { return .text(period) }
                if ordering {
                    throw BindingError(.notOnScale(value: text, column: operand.label, scale: scale), at: expression.range)
                }
            }
            // A number against text would be compared letter by letter ("964" > "11247"): an
            // error when written as a number, or in quotes against numbers among symbols (c, x);
            // text in quotes against words or codes is compared as text on purpose. `=` and `in`
            // still match the text as written.
            if ordering, operand.scale == nil, written.number != nil || NumbersInText.number(text) != nil {
                let content = sourceColumn(operand.expression)?.dictionary.map { NumbersInText(dictionary: $0) }
                if written.number != nil || (content.map { $0.isMostlyNumbers && $0.nonNumberCount > 0 } ?? false) {
                    throw BindingError(.textComparedWithNumber(column: operand.label, value: text, content: content),
                                       at: expression.range)
                }
            }
            // Without a scale, < and > would compare a column's words by their letters: "adequate" <
            // "good" < "inadequate". (What year_month and year_quarter give sorts in time order.)
            if ordering, operand.scale == nil, let column = operand.columnIndex {
                let dataset = origins[column].dataset
                throw BindingError(.textHasNoOrder(column: operand.label, value: text, dataset: dataset), at: expression.range)
            }
            return .text(text)
        case .integer, .decimal:
            switch written {
            case .integer, .decimal: return written
            case .text(let text):
                if let integer = Int64(text) { return .integer(integer) }
                if let decimal = Double(text) { return .decimal(decimal) }
                if let code = OfficialSymbol.code(of: text) {
                    throw BindingError(.symbolComparedWithNumber(column: operand.label, symbol: OfficialSymbol.withCode(code),
                                                                 dataset: table.name), at: expression.range)
                }
                throw wrongType
            default: throw wrongType
            }
        case .date:
            switch written {
            case .date: return written
            case .text(let text):
                if case .date(let day) = CivilDate.parse(Substring(text)) { return .date(day) }
                throw wrongType
            default: throw wrongType
            }
        case .boolean:
            if case .text(let text) = written {
                switch text.lowercased() {
                case "yes", "true": return .boolean(true)
                case "no", "false": return .boolean(false)
                default: break
                }
            }
            throw wrongType
        }
    }

    private func plainText(_ expression: Expression) throws(BindingError) -> String {
        switch expression.kind {
        case .literal(let value): return ValueFormatter.plain(value)
        case .word(let word): return word
        default: throw BindingError(.expectedText, at: expression.range)
        }
    }
}
