/// `proportion of reviews where judgement = inadequate group by authority as funnel`: each
/// group's proportion against its denominator, with the overall proportion and the 95% and
/// 99.8% control limits of `FunnelLimits` (Spiegelhalter, 2005), and the groups outside them
/// named: the standard answer to a league table of small numbers. The table shows each
/// group's limits and where it sits; `save chart` and an HTML handout draw the funnel.
extension Session {
    func funnel(_ question: ProportionQuery) throws(Diagnostic) -> Outcome {
        let range = question.base.range
        guard question.base.groupBy.count == 1 else {
            throw Diagnostic.error("a funnel plot needs one column to group by", at: range,
                                   help: "for example: proportion of reviews where judgement = inadequate group by authority as funnel")
        }
        guard question.base.limit == nil, question.base.orderBy.isEmpty else {
            throw Diagnostic.error("a funnel plot shows every group, in no rank order: leave out order by and limit", at: range)
        }
        guard settings.suppressBelow == nil else {
            throw Diagnostic.error("a funnel plot places every group by its count, which would give hidden counts away", at: range,
                                   help: "set suppress off to draw it for yourself, or share a proportion as chart, which hides small counts")
        }
        let (groups, warnings) = try countGroups(question)
        let points = zip(groups.keyValues, zip(groups.events, groups.totals)).compactMap { key, counts -> FunnelData.Point? in
            counts.1 > 0 ? FunnelData.Point(label: ValueFormatter.display(key[0]), events: counts.0, trials: counts.1) : nil
        }
        let events = points.reduce(0) { $0 + $1.events }, trials = points.reduce(0) { $0 + $1.trials }
        guard trials > 0 else { throw Diagnostic.error("nothing to plot: no group has any \(groups.noun)", at: range) }
        let data = FunnelData(points: points, events: events, trials: trials, noun: groups.noun,
                              groupName: groups.keys[0].label,
                              event: currentSource?.oneLine(question.event.range) ?? "")
        var result = data.table()
        result.notes = groups.notes + data.notes(emptyGroups: groups.totals.filter { $0 == 0 }.count)
        result.funnel = data
        result.captions = question.base.captions
        lastResult = result
        lastQueryText = queryText(question.base)
        return Outcome(output: .result(result), diagnostics: warnings)
    }
}

/// A funnel plot's numbers: each group's count of events and rows, and the overall proportion.
public struct FunnelData: Sendable {
    public struct Point: Sendable {
        public var label: String
        public var events: Int
        public var trials: Int
        public var proportion: Double { Double(events) / Double(trials) }
    }

    public var points: [Point]
    public var events: Int
    public var trials: Int
    /// What is counted ("reviews") and what the groups are ("authority").
    public var noun: String
    public var groupName: String
    /// The condition counted, as written ("judgement = inadequate").
    public var event: String

    public var overall: Double { Double(events) / Double(trials) }

    func limits(_ point: Point) -> FunnelLimits.Limits { FunnelLimits.limits(n: point.trials, p0: overall) }

    func position(_ point: Point) -> FunnelLimits.Position {
        FunnelLimits.Position(events: point.events, trials: point.trials, p0: overall)
    }

    /// One row a group: its counts, percent, limits in percent, and where it sits.
    func table() -> QueryResult {
        let limits = points.map(self.limits)
        func percents(_ value: (FunnelLimits.Limits) -> Double) -> Column {
            Column(name: "", values: limits.map { .decimal(value($0) * 100) })
        }
        var columns = [Column(name: groupName, values: points.map { .text($0.label) }),
                       Column(name: "count", values: points.map { .integer(Int64($0.events)) }),
                       Column(name: "of", values: points.map { .integer(Int64($0.trials)) }),
                       Column(name: "percent", values: points.map { .decimal($0.proportion * 100) })]
        let named = [("95% limits from", percents(\.lower95)), ("to", percents(\.upper95)),
                     ("99.8% limits from", percents(\.lower998)), ("to", percents(\.upper998))]
        for (name, column) in named {
            var column = column
            column.name = name
            columns.append(column)
        }
        columns.append(Column(name: "where", values: points.map { .text(position($0).rawValue) }))
        return QueryResult(table: Table(name: "funnel", columns: columns), decimals: [nil, nil, nil, 1, 1, 1, 1, 1, nil],
                           roles: [.label, .count, .base, .percent, .measure, .measure, .measure, .measure, .remark])
    }

    /// What the funnel says, in words: the overall percent, the method, the groups outside
    /// the limits by name, and how many chance alone would put outside.
    func notes(emptyGroups: Int) -> [ResultNote] {
        let percent = StatisticsWording.percent(overall)
        var lines = ["overall: \(events) of \(trials) \(noun) = \(percent); the limits are where a group's percent falls by chance alone, "
                        + "for its number of \(noun), if its true percent were \(percent)",
                     "limits: 95% and 99.8%, exact binomial with interpolation (Spiegelhalter, Statistics in Medicine 2005); "
                        + "a group is outside when chance alone gives a count as far out less than 2.5% (0.1%) of the time, by the exact binomial tail"]
        for (name, outside) in [("99.8%", [FunnelLimits.Position.above998, .below998]), ("95%", [.above95, .below95])] {
            let found = points.filter { outside.contains(position($0)) }
            let listed = found.map { "\($0.label) (\($0.events) of \($0.trials), \(position($0) == outside[0] ? "above" : "below"))" }
            lines.append("outside the \(name) limits\(name == "95%" ? " only" : ""): " + (listed.isEmpty ? "none" : listed.joined(separator: ", ")))
        }
        let expected = ValueFormatter.fixed(Double(points.count) / 20, decimals: 1)
        lines.append("with \(points.count) groups, about \(expected) would fall outside the 95% limits by chance alone: a group there is a question to ask, not a verdict")
        if emptyGroups > 0 { lines.append("\(emptyGroups) group\(emptyGroups == 1 ? "" : "s") with no \(noun) left out") }
        return lines.map { .statistic($0) }
    }
}
