/// `show sql rate of ...` and `explain rate of ...`: a population rate in SQL, and in words.
extension Session {
    func populationRateSQL(_ question: PopulationRateQuery, engine: SQLEngine) throws(Diagnostic) -> Outcome {
        let rate = try populationRateParts(question)
        do { return Outcome(output: .text(try rate.sql(engine: engine))) } catch { throw located(error, question.range) }
    }

    /// The method in words (the counting as `explain` says it, the matching, the division and
    /// the interval), then the rates.
    func explainPopulationRate(_ question: PopulationRateQuery) throws(Diagnostic) -> Outcome {
        let rate = try populationRateParts(question)
        let outcome = try populationRate(question)
        guard case .result(let result)? = outcome.output else { return outcome }
        var text = "In words: " + Explainer(query: Evaluator.gather(rate.events).query).sentence()
        text += "\nThen: " + RateWording.method(per: question.per, column: rate.column, population: rate.population,
                                                  key: rate.key, group: rate.events.groupKeys.first?.label, level: rate.level)
        return Outcome(output: .explained(text, result), diagnostics: outcome.diagnostics)
    }

    private func populationRateParts(_ question: PopulationRateQuery) throws(Diagnostic) -> PopulationRateSQL {
        let groups = question.events.groupBy
        if groups.count > 1 { throw PopulationRateProblem.oneGroup(at: groups[1].range).diagnostic }
        var binder = Binder(datasets: datasets)
        let events = try binder.bind(question.events)
        // The population's column bound as a list of it would be: an unknown name gets its "did you mean".
        let people = Query(verb: .list([Expression(.column(question.column.text), question.column.range)], distinct: false),
                           dataset: question.population, range: question.population.range)
        var peopleBinder = Binder(datasets: datasets)
        let population = try peopleBinder.bind(people).dataset
        let key = try populationKey(question)
        return PopulationRateSQL(events: events, per: question.per, column: question.column.text, population: population.name,
                                 populationColumns: population.table.allColumnNames, key: key?.text, level: StatisticsWording.level(settings.confidence))
    }
}
