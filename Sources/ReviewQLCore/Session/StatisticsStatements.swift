/// The teaching statements: proportions with confidence intervals, comparisons of two
/// proportions, and the wording that goes with them. The counting is done by ordinary queries
/// through the binder and evaluator; the statistics by `Statistics/`.
extension Session {
    typealias Words = StatisticsWording

    // MARK: proportion

    /// `proportion of reviews where judgement = inadequate [among ...] [group by ...]`: for each
    /// group, how many rows meet the condition, of how many, as a percent with a Wilson interval.
    func proportion(_ question: ProportionQuery) throws(Diagnostic) -> Outcome {
        if question.base.presentation == .funnel { return try funnel(question) }
        let (groups, warnings) = try countGroups(question)
        let keys = groups.keys
        let confidence = settings.confidence
        let level = Words.level(confidence)
        var counts: [Value] = [], totals: [Value] = [], percents: [Value] = []
        var lows: [Value] = [], highs: [Value] = [], flags: [Value] = []
        for (x, n) in zip(groups.events, groups.totals) {
            counts.append(.integer(Int64(x)))
            totals.append(.integer(Int64(n)))
            if let interval = try? Proportion.wilson(successes: x, trials: n, confidence: confidence) {
                percents.append(.decimal(interval.estimate * 100))
                lows.append(.decimal(interval.lower * 100))
                highs.append(.decimal(interval.upper * 100))
            } else {
                percents.append(.missing)
                lows.append(.missing)
                highs.append(.missing)
            }
            flags.append(n < 10 ? .text(n == 0 ? "no rows" : "n < 10: interval very wide") : .missing)
        }
        var columns = keys.indices.map { i in Column(name: keys[i].label, values: groups.keyValues.map { $0[i] }, scale: keys[i].scale) }
        columns += [Column(name: "count", values: counts), Column(name: "of", values: totals),
                    Column(name: "percent", values: percents), Column(name: "\(level) CI from", values: lows),
                    Column(name: "to", values: highs)]
        if !keys.isEmpty { columns.append(Column(name: "note", values: flags)) }
        var result = QueryResult(table: Table(name: "proportion", columns: columns),
                                 decimals: Array(repeating: nil, count: keys.count) + [nil, nil, 1, 1, 1] + (keys.isEmpty ? [] : [nil]),
                                 roles: Array(repeating: .label, count: keys.count) + [.count, .base, .percent, .intervalLow, .intervalHigh]
                                     + (keys.isEmpty ? [] : [.remark]))
        let noun = groups.noun
        result.notes += groups.notes
        let suppression = settings.suppressBelow.map { Suppression(threshold: $0) }
        suppression?.apply(to: &result)
        if keys.isEmpty, let n = groups.totals.first, let x = groups.events.first {
            result.isSingleValue = true
            let interval = try? Proportion.wilson(successes: x, trials: n, confidence: confidence)
            if result.suppressed.isEmpty {
                result.summary = "\(x) of \(n) \(noun) = " + (interval.map {
                    "\(Words.percent($0.estimate)) (\(level) CI \(Words.percent($0.lower)) to \(Words.percent($0.upper)))"
                } ?? "no percent: there are no rows to count")
            } else {
                let shown = { (column: Int, value: Int) in result.marker(row: 0, column: column) ?? String(value) }
                result.summary = "\(shown(0, x)) of \(shown(1, n)) \(noun): the percent is hidden with the count"
            }
            if interval != nil, result.suppressed.isEmpty { result.notes.append(.wilsonOne(successes: x, trials: n)) }
            if n > 0, n < 10 { result.notes.append(.fewRows(count: String(n), noun: noun)) }
        } else {
            result = try sorted(result, by: question.base.orderBy, limit: question.base.limit, withTies: question.base.limitWithTies)
            result.notes.append(.wilsonGroups(level: level))
        }
        suppression?.finish(&result)
        result.intervalLevel = level
        result.statistics = [.init("method", .text(Words.wilsonMethod))]
        if question.base.presentation == .chart {
            result.isChart = true
            let event = currentSource?.oneLine(question.event.range).map { " where " + $0 } ?? ""
            let inWords = "Percent of \(noun)\(event)" + (keys.isEmpty ? "" : ", by " + keys.map(\.label).joined(separator: " and "))
            try dressChart(&result, query: question.base, period: Self.periodFunction(keys), inWords: inWords)
        }
        lastResult = result
        lastQueryText = queryText(question.base)
        return Outcome(output: .result(result), diagnostics: warnings)
    }

    /// The counts behind a proportion: for each group, the rows that meet the condition and all
    /// the rows, each counted by an ordinary grouped `count` query.
    func countGroups(_ question: ProportionQuery) throws(Diagnostic) -> (CountedGroups, [Diagnostic]) {
        var base = question.base
        base.orderBy = []
        base.limit = nil
        base.presentation = .table
        var event = base
        event.filter = base.filter.map { Expression(.and($0, question.event), $0.range.union(question.event.range)) } ?? question.event

        var baseBinder = Binder(datasets: datasets)
        let gathered = Evaluator.gather(try baseBinder.bind(base))
        let boundBase = gathered.query
        var eventBinder = Binder(datasets: datasets)
        var boundEvent = try eventBinder.bind(event)
        // The two counts read the same joined rows: gathered once.
        if boundEvent.join != nil {
            boundEvent.dataset = boundBase.dataset
            boundEvent.joinNotes = boundBase.joinNotes
            boundEvent.join = nil
        }
        let totals = try Evaluator.run(boundBase)
        let events = try Evaluator.run(boundEvent)
        let keyCount = boundBase.groupKeys.count

        // A counted table's count can be unknown (a missing count): then there is no honest
        // proportion, and a smaller denominator would be a lie.
        let unknown = (events.notes + totals.notes).first { if case .weightMissing = $0 { true } else { false } }
        if let unknown { throw Diagnostic.error("no proportion: " + unknown.text, at: question.base.range,
                                                 help: "leave out the rows whose count is missing with where, or group so that the catalog's totals cover them") }
        var eventCount: [[Value]: Int] = [:]
        for row in 0..<events.table.rowCount {
            let values = events.table.row(row)
            eventCount[Array(values.prefix(keyCount))] = Int(values[keyCount].number ?? 0)
        }
        var keyValues: [[Value]] = [], xs: [Int] = [], ns: [Int] = []
        for row in 0..<totals.table.rowCount {
            let values = totals.table.row(row)
            let key = Array(values.prefix(keyCount))
            keyValues.append(key)
            ns.append(Int(values[keyCount].number ?? 0))
            xs.append(eventCount[key] ?? 0)
        }
        let weighted = totals.notes.compactMap { if case .weighted(let column, _, _) = $0 { column } else { nil } }.first
        // Warnings from either binding (a value that matches nothing), once each.
        var seen = Set<String>()
        let warnings = (eventBinder.warnings(following: gathered.warnings) + baseBinder.warnings(following: gathered.warnings))
            .filter { seen.insert($0.message).inserted }
        let noun = weighted ?? question.base.dataset.text
        let notes = totals.notes.filter { if case .weighted = $0 { true } else { false } }
        return (CountedGroups(keys: boundBase.groupKeys, keyValues: keyValues, events: xs, totals: ns, noun: noun, notes: notes), warnings)
    }

    /// The counts behind a proportion, with what they count.
    struct CountedGroups {
        var keys: [BoundOutput]
        var keyValues: [[Value]]
        var events: [Int]
        var totals: [Int]
        /// What is counted: the dataset's rows, or what a counted table's column stands for.
        var noun: String
        var notes: [ResultNote]
    }

    /// Sorts a statistics result by the columns `order by` names (a group column, `count`, `of`
    /// or `percent`), then cuts it to `limit`.
    /// An `order by` that names no column of the table is an error, never ignored.
    private func sorted(_ result: QueryResult, by order: [OrderItem], limit: Int?, withTies: Bool) throws(Diagnostic) -> QueryResult {
        var result = result
        var keys: [Ties.SortKey] = []
        var rankedColumns: [Int] = []
        for item in order {
            let found: Int?
            switch item.expression.kind {
            case .word(let word), .column(let word): found = result.table.columnIndex(named: word)
            case .literal(.text(let name)): found = result.table.columnIndex(named: name)
            case .aggregate(.count, nil, _): found = result.column(withRole: .count)
            default: found = nil
            }
            guard let index = found else {
                let names = result.table.columns.map(\.name)
                throw Diagnostic.error("a proportion is ordered by one of its columns: " + names.joined(separator: ", "),
                                       at: item.expression.range,
                                       help: "for example: order by percent desc")
            }
            rankedColumns.append(index)
            let column = result.table.columns[index]
            keys.append(({ column.value(at: $0) }, item.descending, column.scale))
        }
        // Hidden counts are missing values, so they sort last, in the groups' own order.
        var rows = Evaluator.sort(Array(0..<result.table.rowCount), by: keys)
        let hiddenRows = Set(result.suppressed.filter { rankedColumns.contains($0.column) }.map(\.row))
        if let limit, rows.count > limit {
            result.notes.append(.showingGroups(shown: limit, of: rows.count))
            let (shown, tied) = Ties.cut(rows, limit: limit, keys: keys)
            rows = shown
            if !tied.isEmpty, !hiddenRows.contains(shown[shown.count - 1]) {
                if withTies {
                    rows += tied
                    result.notes.append(.tiesKept(extra: tied.count, limit: limit, unit: "group"))
                } else {
                    let labels = tied.map { row in
                        result.roles.indices.filter { result.roles[$0] == .label }
                            .map { ValueFormatter.plain(result.table.columns[$0].value(at: row)) }.joined(separator: " / ")
                    }
                    result.notes.append(.tiesCut(labels: labels, value: ValueFormatter.plain(keys[0].value(shown[shown.count - 1])),
                                                 measure: result.table.columns[rankedColumns[0]].name, unit: "group"))
                }
            }
        }
        let unranked = rows.filter(hiddenRows.contains).count
        if unranked > 0 { result.notes.append(.hiddenNotRanked(groups: unranked)) }
        result.gatherRows(rows)
        return result
    }

    // MARK: compare

    /// `compare 20 of 50 with 59 of 173`.
    func compare(_ first: CountPair, _ second: CountPair) throws(Diagnostic) -> Outcome {
        try comparison(first: (first.label ?? "first", first.successes, first.trials),
                       second: (second.label ?? "second", second.successes, second.trials),
                       noun: nil, warnings: [], range: first.range.union(second.range))
    }

    /// `compare reviews where EVENT [among BASE] by COLUMN`: the column must have two groups.
    func compareGroups(_ question: ProportionQuery) throws(Diagnostic) -> Outcome {
        if let split = question.split {
            // The rows where the condition holds against the rest, each an ungrouped proportion.
            func among(_ condition: Expression) -> ProportionQuery {
                var part = question
                part.split = nil
                part.base.filter = question.base.filter.map { Expression(.and($0, condition), $0.range.union(condition.range)) } ?? condition
                return part
            }
            let (inside, insideWarnings) = try countGroups(among(split))
            let (outside, _) = try countGroups(among(Expression(.not(split), split.range)))
            let label = question.splitText ?? "the condition"
            return try comparison(first: (label, inside.events[0], inside.totals[0]),
                                  second: ("the rest", outside.events[0], outside.totals[0]),
                                  noun: inside.noun, warnings: insideWarnings, range: question.base.range)
        }
        let (groups, warnings) = try countGroups(question)
        let present = groups.totals.indices.filter { groups.totals[$0] > 0 }
        guard present.count == 2 else {
            let names = present.map { ValueFormatter.plain(groups.keyValues[$0][0]) }
            let column = groups.keys.first?.label ?? "the column"
            throw Diagnostic.error("compare needs exactly two groups, but \(column) has \(present.count)"
                                   + (names.isEmpty ? "" : ": " + names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", ..." : "")),
                                   at: question.base.range,
                                   help: "pick two with among, e.g. among \(column) in (\(names.prefix(2).map(Completion.typed).joined(separator: ", ")))")
        }
        let (a, b) = (present[0], present[1])
        return try comparison(first: (ValueFormatter.plain(groups.keyValues[a][0]), groups.events[a], groups.totals[a]),
                              second: (ValueFormatter.plain(groups.keyValues[b][0]), groups.events[b], groups.totals[b]),
                              noun: groups.noun, warnings: warnings, range: question.base.range)
    }

    /// `compare DATASET where ... with DATASET where ...`: one proportion from each.
    func compareDatasets(_ first: ProportionQuery, _ second: ProportionQuery) throws(Diagnostic) -> Outcome {
        let (a, warningsA) = try countGroups(first)
        let (b, warningsB) = try countGroups(second)
        return try comparison(first: (first.base.dataset.text, a.events[0], a.totals[0]),
                              second: (second.base.dataset.text, b.events[0], b.totals[0]),
                              noun: nil, warnings: warningsA + warningsB, range: first.base.range.union(second.base.range))
    }

    private func comparison(first: (String, Int, Int), second: (String, Int, Int), noun: String?,
                            warnings: [Diagnostic], range: SourceRange) throws(Diagnostic) -> Outcome {
        let result: TwoProportionComparison
        do {
            result = try TwoProportions.compare(firstSuccesses: first.1, firstTrials: first.2,
                                                secondSuccesses: second.1, secondTrials: second.2,
                                                confidence: settings.confidence)
        } catch {
            throw Diagnostic.error(Self.describe(error), at: range)
        }
        let level = Words.level(settings.confidence)
        let rows = [(first.0, result.first), (second.0, result.second)]
        let table = Table(name: "compare", columns: [
            Column(name: "group", values: rows.map { .text($0.0) }),
            Column(name: "count", values: rows.map { .integer(Int64($0.1.successes)) }),
            Column(name: "of", values: rows.map { .integer(Int64($0.1.trials)) }),
            Column(name: "percent", values: rows.map { .decimal($0.1.estimate * 100) }),
            Column(name: "\(level) CI from", values: rows.map { .decimal($0.1.lower * 100) }),
            Column(name: "to", values: rows.map { .decimal($0.1.upper * 100) }),
        ])
        var output = QueryResult(table: table, decimals: [nil, nil, nil, 1, 1, 1],
                                 roles: [.label, .count, .base, .percent, .intervalLow, .intervalHigh])
        if let noun { output.notes.append(.proportionsOf(noun: noun)) }
        if let threshold = settings.suppressBelow {
            let suppression = Suppression(threshold: threshold)
            suppression.apply(to: &output)
            if !output.suppressed.isEmpty { output.notes.append(.hiddenNoTest(what: "the difference and the tests")) }
            suppression.finish(&output)
        }
        output.statistics = [.init("method", .text(Words.wilsonMethod))]
        if output.suppressed.isEmpty {
            output.notes.insert(contentsOf: testNotes(result), at: output.notes.isEmpty ? 0 : 1)
            output.statistics += testStatistics(result)
        }
        output.intervalLevel = level
        lastResult = output
        // No query text to title a saved chart with: it takes its own title.
        lastQueryText = nil
        return Outcome(output: .result(output), diagnostics: warnings)
    }

    /// The difference between two proportions and the tests of it, as values for CSV and JSON.
    private func testStatistics(_ result: TwoProportionComparison) -> [QueryResult.Statistic] {
        let level = Words.level(settings.confidence)
        return [
            .init("difference", .decimal(result.difference * 100)),
            .init("difference \(level) CI from", .decimal(result.differenceLower * 100)),
            .init("difference to", .decimal(result.differenceUpper * 100)),
            .init("difference method", .text(Words.newcombeMethod)),
            .init("chi-square", .decimal(result.chiSquare)),
            .init("df", .integer(1)),
            .init("chi-square p", .decimal(result.chiSquareP)),
            .init("chi-square method", .text(Words.chiSquareMethod)),
            .init("z", .decimal(result.z)),
            .init("fisher p", result.fisherP.isNaN ? .missing : .decimal(result.fisherP)),
            .init("fisher method", .text(Words.fisherMethod)),
            .init("test to read", .text(result.recommendedTest == .fisherExact ? Words.fisherMethod : Words.chiSquareMethod)),
        ]
    }

    /// The difference between two proportions and the tests of it, as notes.
    private func testNotes(_ result: TwoProportionComparison) -> [ResultNote] {
        let level = Words.level(settings.confidence)
        let points = { (x: Double) in ValueFormatter.fixed(x * 100, decimals: 1) }
        let alpha = 1 - settings.confidence
        return [
            "difference: \(points(result.difference)) percentage points (\(level) CI \(points(result.differenceLower)) to \(points(result.differenceUpper)), Newcombe's hybrid score interval, no continuity correction)",
            "chi-square test (Pearson's, no continuity correction): χ² = \(ValueFormatter.fixed(result.chiSquare, decimals: 2)) on 1 degree of freedom, \(Words.pValue(result.chiSquareP, alpha: alpha)); two-proportion z = \(ValueFormatter.fixed(result.z, decimals: 2))",
            result.fisherP.isNaN
                ? "Fisher's exact test: not computed: with these counts it would add up more than \(TwoProportions.maximumExactTables) tables, and the chi-square test is accurate for counts this large"
                : "Fisher's exact test: \(Words.pValue(result.fisherP, alpha: alpha))",
            "which test: " + result.recommendationReason,
            "in plain English: " + TwoProportions.plainEnglish(result),
        ].map(ResultNote.statistic)
    }

    // MARK: Intervals and tests on ordinary results

    /// `with ci`: adds interval columns to a grouped percent, each group's count out of the
    /// denominator the percent is of.
    func addIntervals(_ result: inout QueryResult) throws(Diagnostic) {
        guard let base = result.percentBase, let percentIndex = result.column(withRole: .percent),
              let countIndex = result.roles.firstIndex(where: { $0 == .count || $0 == .sum })
        else {
            throw Diagnostic.error("`with ci` needs a grouped count with a percent column",
                                   help: "for example: count reviews join authorities group by region with ci")
        }
        let level = Words.level(settings.confidence)
        var lows: [Value] = [], highs: [Value] = []
        for row in 0..<result.table.rowCount {
            let x = result.table.columns[countIndex].value(at: row).number
            if let x, x == x.rounded(), let interval = try? Proportion.wilson(successes: Int(x), trials: Int(base), confidence: settings.confidence) {
                lows.append(.decimal(interval.lower * 100))
                highs.append(.decimal(interval.upper * 100))
            } else {
                lows.append(.missing)
                highs.append(.missing)
            }
        }
        result.insertColumn(Column(name: "to", values: highs), at: percentIndex + 1, role: .intervalHigh, decimals: 1)
        result.insertColumn(Column(name: "\(level) CI from", values: lows), at: percentIndex + 1, role: .intervalLow, decimals: 1)
        // An interval gives its hidden count away as surely as the percent would.
        for cell in result.suppressed where cell.column == countIndex && cell.row >= 0 {
            result.suppressed.insert(QueryResult.Cell(row: cell.row, column: percentIndex + 1))
            result.suppressed.insert(QueryResult.Cell(row: cell.row, column: percentIndex + 2))
        }
        result.notes.append(.wilsonEach(level: level, base: ValueFormatter.decimal(base)))
        result.statistics.append(.init("interval method", .text(Words.wilsonMethod)))
        if let threshold = settings.suppressBelow { result.notes = Suppression(threshold: threshold).hidingCounts(in: result.notes) }
        result.intervalLevel = level
    }

    /// `as crosstab with chi-square`: the test of independence under the table.
    func addIndependenceTest(_ result: inout QueryResult) throws(Diagnostic) {
        if !result.suppressed.isEmpty {
            result.notes.append(.hiddenNoTest(what: "the chi-square test"))
            return
        }
        guard let counts = result.crosstabCounts else {
            throw Diagnostic.error("`with chi-square` tests a crosstab of counts",
                                   help: "for example: count reviews join authorities group by region, judgement as crosstab with chi-square")
        }
        let test: IndependenceTest
        do {
            test = try Independence.chiSquareTest(counts)
        } catch {
            throw Diagnostic.error(Self.describe(error))
        }
        let columnNames = result.table.columns.dropFirst().dropLast().map(\.name)
        let rowNames = (0..<result.table.rowCount).map { ValueFormatter.plain(result.table.columns[0].value(at: $0)) }
        let alpha = 1 - settings.confidence
        result.statistics += [.init("chi-square", .decimal(test.statistic)), .init("df", .integer(Int64(test.degreesOfFreedom))),
                              .init("chi-square p", .decimal(test.p)), .init("chi-square method", .text(Words.chiSquareMethod))]
        result.notes.append(.statistic("chi-square test of independence (Pearson's): χ² = \(ValueFormatter.fixed(test.statistic, decimals: 2)) on \(test.degreesOfFreedom) degrees of freedom, \(Words.pValue(test.p, alpha: alpha))"))
        let dropped = test.droppedColumns.map { columnNames[$0] } + test.droppedRows.map { rowNames[$0] }
        if !dropped.isEmpty {
            result.notes.append(.statistic("left out of the test, having no rows at all: " + dropped.joined(separator: ", ")))
        }
        if let warning = test.warning {
            result.notes.append(.statistic("caution: \(warning)"))
        }
        let rowName = result.table.columns[0].name
        result.notes.append(.statistic("in plain English: " + (test.p < alpha
            ? "differences between the \(rowName) rows this large would rarely arise by chance alone, so the mix of \(result.crosstabColumnName ?? "columns") seems to differ between them"
            : "differences between the \(rowName) rows this large would often arise by chance, so these figures do not show that the mix of \(result.crosstabColumnName ?? "columns") differs between them")
            + (test.warning == nil ? "." : ", though with so many small expected counts even that is uncertain.")))
    }

    static func describe(_ error: StatisticsError) -> String {
        switch error {
        case .noTrials: return "there are no rows to take a proportion of"
        case .negativeCount(let n): return "a count cannot be negative (\(n))"
        case .successesExceedTrials(let x, let n): return "\(x) of \(n) is more than all of them"
        case .confidenceOutOfRange(let c): return "a confidence level must be between 0 and 100% (got \(c))"
        case .raggedTable: return "the table's rows are not all the same length"
        case .tooFewCategories(let rows, let columns):
            return "a test of independence needs at least two rows and two columns with counts (there are \(rows) and \(columns))"
        case .countTooLarge(let n): return "\(n) is too large a count for the tests (the largest is 2^53, 9,007,199,254,740,992)"
        case .tooManyTablesForExactTest(let tables):
            return "an expected count is below 5, so Fisher's exact test is needed, but with these counts it would add up \(tables) tables, more than the \(TwoProportions.maximumExactTables) it can (the chi-square test is not reliable here either)"
        }
    }
}
