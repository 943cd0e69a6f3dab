/// The handout's "meaning" line for the `rate` statements, as `meaning(of:)` gives it for
/// proportions and comparisons: counts as typed, conditions and groups quoted as written.
extension Session {
    /// `rate 173 of 52196381 per 1000000`, and two rates compared with `with`.
    func meaning(ofRate question: RateQuestion) -> String {
        func side(_ pair: CountPair) -> String { "\(pair.successes) of \(pair.trials)" + (pair.label.map { " (\($0))" } ?? "") }
        let per = RateWording.per(question.per)
        guard let second = question.second else {
            return "Work out \(side(question.first)) as a rate \(per), with its exact Poisson interval."
        }
        return "Compare the rate of \(side(question.first)) with the rate of \(side(second)), \(per): "
            + "the rate ratio, its interval and an exact test."
    }

    /// `rate of reviews join authorities group by region per 10000 children from population`.
    func meaning(ofPopulationRate question: PopulationRateQuery) -> String {
        let events = question.events
        let condition = events.filter.flatMap { currentSource?.oneLine($0.range) }.map { " where " + $0 } ?? ""
        let groups = events.groupBy.compactMap { currentSource?.oneLine($0.range) }
        let each = groups.isEmpty ? "" : " for each " + groups.joined(separator: " and ")
        let people = question.column.text
        return "Work out the rate of \(events.dataset.text)\(condition) \(RateWording.per(question.per)) \(people)\(each), "
            + "with the \(people) added up from \(question.population.text), and each rate's exact Poisson interval."
    }
}
