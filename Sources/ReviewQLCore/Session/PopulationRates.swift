/// `rate of reviews join authorities group by region per 10000 children from population`: the
/// events are counted by group with an ordinary `count` query, the population is summed by the
/// same group from another dataset, and the two are matched after grouping; each group's rate has
/// its exact Poisson interval (`Rates`). Every choice (groups without a population, groups of the
/// population without events, names matched ignoring case, rows summed) is a note.
extension Session {
    func populationRate(_ question: PopulationRateQuery) throws(Diagnostic) -> Outcome {
        let groups = question.events.groupBy
        if groups.count > 1 { throw PopulationRateProblem.oneGroup(at: groups[1].range).diagnostic }
        var eventBinder = Binder(datasets: datasets)
        let boundEvents = try eventBinder.bind(question.events)
        let events = try Evaluator.run(boundEvents)
        if let unknown = events.notes.first(where: { if case .weightMissing = $0 { true } else { false } }) {
            throw PopulationRateProblem.countUnknown(unknown.text, at: question.events.range).diagnostic
        }
        let population = try populationByGroup(question, groupLabel: boundEvents.groupKeys.first?.label)
        let countColumn = events.column(withRole: .count) ?? groups.count
        var rows: [PopulationRateRow] = []
        var matched = Set<String>()
        var caseDiffers: [String] = []
        for row in 0..<events.table.rowCount {
            let values = events.table.row(row)
            let key = groups.isEmpty ? Value.text(question.events.dataset.text) : values[0]
            let match = groups.isEmpty ? population.groups.first : population.group(for: key)
            if let match {
                matched.insert(match.key)
                if !groups.isEmpty, match.label != ValueFormatter.plain(key) { caseDiffers.append("\(ValueFormatter.plain(key)) = \(match.label)") }
            }
            rows.append(PopulationRateRow(key: key, events: Int(values[countColumn].number ?? 0), population: match?.people))
        }
        if !groups.isEmpty, matched.isEmpty, events.table.rowCount > 0 {
            throw PopulationRateProblem.nothingMatches(groups: events.table.rowCount, label: boundEvents.groupKeys.first?.label ?? "",
                                                       dataset: question.population.text, key: population.keyName,
                                                       at: groups[0].range).diagnostic
        }
        let unused = population.groups.filter { !matched.contains($0.key) }
        rows += unused.map { PopulationRateRow(key: .text($0.label), events: 0, population: $0.people) }
        var notes: [PopulationNote] = []
        let noun = question.events.dataset.text
        if !unused.isEmpty { notes.append(.populationWithoutEvents(groups: unused.map(\.label), events: noun)) }
        let noPopulation = rows.filter { $0.population == nil }.map { ValueFormatter.plain($0.key) }
        if !noPopulation.isEmpty { notes.append(.eventsWithoutPopulation(groups: noPopulation, dataset: question.population.text)) }
        let unknown = population.groups.filter { $0.people == nil && matched.contains($0.key) }.map(\.label)
        if !unknown.isEmpty { notes.append(.populationMissing(groups: unknown, column: question.column.text)) }
        if !caseDiffers.isEmpty { notes.append(.matchedIgnoringCase(pairs: caseDiffers)) }
        if population.rows > population.groups.count {
            notes.append(.summed(column: question.column.text, rows: population.rows, dataset: question.population.text,
                                 groups: population.groups.count, by: population.keyName))
        }
        var output = populationRateResult(rows, question: question, groupLabel: boundEvents.groupKeys.first?.label)
        output.notes = events.notes.filter { if case .weighted = $0 { true } else { false } }
        output.notes.append(.populationRate(.method(level: StatisticsWording.level(settings.confidence), per: question.per,
                                                     column: question.column.text, dataset: question.population.text,
                                                     by: groups.isEmpty ? nil : population.keyName)))
        output.notes += notes.map(ResultNote.populationRate)
        if let threshold = settings.suppressBelow {
            let suppression = Suppression(threshold: threshold)
            suppression.apply(to: &output)
            // The total less the groups shown would give a hidden count away.
            if !output.suppressed.isEmpty, output.totalRow != nil {
                output.totalRow = nil
                output.notes.append(.populationRate(.totalHidden))
            }
            suppression.finish(&output)
        }
        lastResult = output
        lastQueryText = nil
        let warnings = eventBinder.warnings(following: [])
        return Outcome(output: .result(output), diagnostics: warnings)
    }

    /// The table: a row a group (its count, its population, the rate and its interval) and, when
    /// grouped, a total over the groups whose population is known.
    private func populationRateResult(_ rows: [PopulationRateRow], question: PopulationRateQuery, groupLabel: String?) -> QueryResult {
        let confidence = settings.confidence
        let per = Double(question.per)
        let rates = rows.map { row in row.population.flatMap { $0 > 0 ? Rates.rate(events: row.events, population: $0, confidence: confidence) : nil } }
        func scaled(_ value: (Rates.Rate) -> Double) -> [Value] { rates.map { $0.map { .decimal(value($0) * per) } ?? .missing } }
        let level = StatisticsWording.level(confidence)
        let table = Table(name: "rate", columns: [
            Column(name: groupLabel ?? "group", values: rows.map(\.key)),
            Column(name: "count", values: rows.map { .integer(Int64($0.events)) }),
            Column(name: question.column.text, values: rows.map { $0.population.map { .integer(Int64($0)) } ?? .missing }),
            Column(name: "rate \(RateWording.per(question.per))", values: scaled(\.estimate)),
            Column(name: "\(level) CI from", values: scaled(\.lower)),
            Column(name: "to", values: scaled(\.upper)),
        ])
        var output = QueryResult(table: table, decimals: [nil, nil, nil, 2, 2, 2],
                                 roles: [.label, .count, .base, .percent, .intervalLow, .intervalHigh])
        output.statistics = [.init("method", .text(RateWording.intervalMethod))]
        output.intervalLevel = level
        let known = rows.filter { ($0.population ?? 0) > 0 }
        let events = known.reduce(0) { $0 + $1.events }, people = known.reduce(0) { $0 + ($1.population ?? 0) }
        if groupLabel != nil, people > 0 {
            let total = Rates.rate(events: events, population: people, confidence: confidence)
            output.totalRow = [.text("Total"), .integer(Int64(events)), .integer(Int64(people)),
                               .decimal(total.estimate * per), .decimal(total.lower * per), .decimal(total.upper * per)]
        }
        if groupLabel == nil, let rate = rates.first ?? nil {
            output.isSingleValue = true
            output.summary = RateWording.summary(rate, per: question.per, level: level)
        }
        return output
    }

    /// The population's column that holds the groups: `on`'s, or the group's own name.
    func populationKey(_ question: PopulationRateQuery) throws(Diagnostic) -> Name? {
        var keyName: Name?
        if let group = question.events.groupBy.first {
            if let key = question.key {
                keyName = key
            } else if case .word(let word) = group.kind {
                keyName = Name(word, group.range)
            } else if case .column(let word) = group.kind {
                keyName = Name(word, group.range)
            } else {
                throw PopulationRateProblem.groupNeedsOn(at: group.range).diagnostic
            }
            if let keyName {
                let table = datasets.first { $0.name.lowercased() == question.population.text.lowercased() }?.table
                if question.key == nil, let table, table.columnIndex(named: keyName.text) == nil {
                    throw PopulationRateProblem.keyNotInPopulation(key: keyName.text, dataset: question.population.text,
                                                                   columns: table.columns.map(\.name), at: group.range).diagnostic
                }
            }
        }
        return keyName
    }

    /// The population summed by the group's column (or `on` column), each value a group.
    private func populationByGroup(_ question: PopulationRateQuery, groupLabel: String?) throws(Diagnostic) -> PopulationGroups {
        var items = [Expression(.column(question.column.text), question.column.range)]
        let keyName = try populationKey(question)
        if let keyName { items.insert(Expression(.column(keyName.text), keyName.range), at: 0) }
        let query = Query(verb: .list(items, distinct: false), dataset: question.population, range: question.population.range)
        var binder = Binder(datasets: datasets)
        let listed = try Evaluator.run(try binder.bind(query))
        let peopleColumn = keyName == nil ? 0 : 1
        var result = PopulationGroups(keyName: keyName?.text ?? "", rows: listed.table.rowCount)
        for row in 0..<listed.table.rowCount {
            let values = listed.table.row(row)
            let label = keyName == nil ? question.population.text : ValueFormatter.plain(values[0])
            if keyName != nil, values[0].isMissing { continue }
            var people: Int?
            switch values[peopleColumn] {
            case .missing: people = nil
            case .integer(let n) where n >= 0: people = Int(n)
            case .decimal(let d) where d >= 0 && d == d.rounded() && d < 9e15: people = Int(d)
            default:
                throw PopulationRateProblem.notPeople(column: question.column.text, dataset: question.population.text,
                                                      value: ValueFormatter.plain(values[peopleColumn]), at: question.column.range).diagnostic
            }
            result.add(label: label, people: people)
        }
        return result
    }
}

/// One group of a population rate: its key, its events, its population (nil: unknown).
struct PopulationRateRow {
    var key: Value
    var events: Int
    var population: Int?
}

/// A population summed by group; a group with any row whose count is missing is unknown.
struct PopulationGroups {
    struct Group {
        var key: String
        var label: String
        var people: Int?
    }
    var keyName: String
    var rows: Int
    var groups: [Group] = []
    private var index: [String: Int] = [:]

    init(keyName: String, rows: Int) {
        self.keyName = keyName
        self.rows = rows
    }

    /// Groups match ignoring case and the spaces around them (`Yorkshire and The Humber` is
    /// `Yorkshire and the Humber`); the result's notes say so when the two differ.
    static func matchKey(_ label: String) -> String {
        String(label.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()).lowercased()
    }

    mutating func add(label: String, people: Int?) {
        let key = Self.matchKey(label)
        if let at = index[key] {
            let before = groups[at].people
            groups[at].people = before.flatMap { a in people.map { a + $0 } }
        } else {
            index[key] = groups.count
            groups.append(Group(key: key, label: label, people: people))
        }
    }

    func group(for value: Value) -> Group? {
        guard !value.isMissing else { return nil }
        return index[Self.matchKey(ValueFormatter.plain(value))].map { groups[$0] }
    }
}

/// A line under a population rate, as a value; worded here only.
public enum PopulationNote: Sendable, Equatable {
    case method(level: String, per: Int, column: String, dataset: String, by: String?)
    case populationWithoutEvents(groups: [String], events: String)
    case eventsWithoutPopulation(groups: [String], dataset: String)
    case populationMissing(groups: [String], column: String)
    case matchedIgnoringCase(pairs: [String])
    case summed(column: String, rows: Int, dataset: String, groups: Int, by: String)
    case totalHidden

    var text: String {
        switch self {
        case .method(let level, let per, let column, let dataset, let by):
            let joined = by.map { "; \(column) is summed from \(dataset) by \($0) after the counting, and matched to each group" } ?? ""
            return "rates \(RateWording.per(per)) \(column), each with its \(level) \(RateWording.intervalMethod), as R's poisson.test(count, \(column)) gives (times \(per))" + joined
        case .populationWithoutEvents(let groups, let events):
            return "\(PopulationNote.list(groups)) of the population \(groups.count == 1 ? "has" : "have") no \(events): shown with a count of 0"
        case .eventsWithoutPopulation(let groups, let dataset):
            return "no population in \(dataset) for \(PopulationNote.list(groups)): no rate, and left out of the total"
        case .populationMissing(let groups, let column):
            return "\(column) is missing in a row of \(PopulationNote.list(groups)): no rate, and left out of the total"
        case .totalHidden:
            return "no total row: with the groups shown, it would give the hidden counts away"
        case .matchedIgnoringCase(let pairs):
            return "matched ignoring case: \(pairs.joined(separator: ", "))"
        case .summed(let column, let rows, let dataset, let groups, let by):
            return by.isEmpty ? "\(column) is the sum of all \(rows) rows of \(dataset)"
                : "\(column) is the sum of \(rows) rows of \(dataset), by the \(groups) values of \(by)"
        }
    }

    private static func list(_ items: [String]) -> String {
        items.count <= 6 ? items.joined(separator: ", ") : items.prefix(6).joined(separator: ", ") + " and \(items.count - 6) more"
    }
}

/// Why a population rate cannot be given; worded here only.
enum PopulationRateProblem {
    case oneGroup(at: SourceRange)
    case groupNeedsOn(at: SourceRange)
    case countUnknown(String, at: SourceRange)
    case notPeople(column: String, dataset: String, value: String, at: SourceRange)
    case keyNotInPopulation(key: String, dataset: String, columns: [String], at: SourceRange)
    case nothingMatches(groups: Int, label: String, dataset: String, key: String, at: SourceRange)

    var diagnostic: Diagnostic {
        switch self {
        case .oneGroup(let range):
            return .error("a rate with a population takes one group: the population is matched by it", at: range,
                          help: "for example: rate of reviews join authorities group by region per 10000 children from population")
        case .groupNeedsOn(let range):
            return .error("the group is worked out, so the population's column to match it is not known", at: range,
                          help: "name it with on: ... per 10000 children from population on area")
        case .countUnknown(let why, let range):
            return .error("no rate: " + why, at: range,
                          help: "leave out the rows whose count is missing with where")
        case .keyNotInPopulation(let key, let dataset, let columns, let range):
            return .error("\(dataset) has no column \(key) to match the groups with (its columns: \(columns.joined(separator: ", ")))", at: range,
                          help: "name the column of \(dataset) that holds the groups with on: ... from \(dataset) on \(columns.first ?? "area")")
        case .nothingMatches(let groups, let label, let dataset, let key, let range):
            return .error("none of the \(groups) values of \(label) is a value of \(key) in \(dataset), so there is no rate to give", at: range,
                          help: "group by the column whose values \(dataset)'s \(key) holds, or name another column of \(dataset) with on")
        case .notPeople(let column, let dataset, let value, let range):
            return .error("\(column) in \(dataset) must hold whole numbers of people 0 or more (found \(value))", at: range,
                          help: "name the column of \(dataset) that holds the population: per 10000 COLUMN from \(dataset)")
        }
    }
}
