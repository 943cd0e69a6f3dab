/// What a statement other than a plain query means, in words, for the handout's "meaning"
/// line (a plain query's is `Explainer.sentence`, worked out as it runs). Conditions are
/// quoted as written. Statements with no question in them (set, load, save ...) have none.
extension Session {
    func meaning(of statement: Statement) -> String? {
        switch statement {
        case .withConfidence(let level, let inner):
            return meaning(of: inner).map { String($0.dropLast()) + ", at \(StatisticsWording.level(level)) confidence." }
        case .showSQL(let query, let engine):
            var binder = Binder(datasets: datasets)
            return (try? binder.bind(query)).map { "The same question in \(engine.title)'s SQL: " + Explainer(query: $0).sentence() }
        case .proportion(let question):
            let groups = question.base.groupBy.compactMap { currentSource?.oneLine($0.range) }
            let among = question.base.filter.flatMap { currentSource?.oneLine($0.range) }.map { ", among those where " + $0 } ?? ""
            let what = "the percent of \(question.base.dataset.text) where \(words(question.event))\(among)"
            if question.base.presentation == .funnel {
                return "Place each \(groups.joined(separator: " and ")) by \(what) against its number of \(question.base.dataset.text), "
                    + "with 95% and 99.8% control limits around the overall percent."
            }
            return "Work out \(what)" + (groups.isEmpty ? "" : ", for each " + groups.joined(separator: " and ")) + ", with its confidence interval."
        case .proportionCounts(let pair):
            return "Work out \(pair.successes) of \(pair.trials) as a percent" + (pair.label.map { " (\($0))" } ?? "") + ", with its confidence interval."
        case .compareCounts(let first, let second):
            func side(_ pair: CountPair) -> String { "\(pair.successes) of \(pair.trials)" + (pair.label.map { " (\($0))" } ?? "") }
            return "Compare \(side(first)) with \(side(second)): the difference between the two percents, its interval and a test."
        case .compareGroups(let question):
            let by = question.split.flatMap { currentSource?.oneLine($0.range) } ?? question.splitText ?? "the groups"
            return "Compare the percent of \(question.base.dataset.text) where \(words(question.event)) between the two groups of \(by): "
                + "the difference, its interval and a test."
        case .compareDatasets(let first, let second):
            return "Compare the percent of \(first.base.dataset.text) where \(words(first.event)) with the percent of "
                + "\(second.base.dataset.text) where \(words(second.event)): the difference, its interval and a test."
        case .rate(let question):
            return meaning(ofRate: question)
        case .rateOfDataset(let question):
            return meaning(ofPopulationRate: question)
        default:
            return nil
        }
    }

    /// A condition as written in the statement.
    private func words(_ condition: Expression) -> String {
        currentSource?.oneLine(condition.range) ?? "the condition"
    }
}
