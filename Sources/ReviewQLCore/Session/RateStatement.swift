/// `rate 12 of 45000 per 10000`: a rate with its exact interval; `rate ... with ...`: two rates,
/// their ratio with its interval and an exact test (`Rates`, worded by `RateWording`).
extension Session {
    func rateCommand(_ question: RateQuestion) throws(Diagnostic) -> Outcome {
        let confidence = settings.confidence
        let pairs = [question.first] + (question.second.map { [$0] } ?? [])
        for pair in pairs where pair.trials == 0 {
            throw Diagnostic.error("a rate needs a population above 0: \(pair.successes) of 0", at: pair.range,
                                   help: "for example: rate 12 of 45000 per 10000")
        }
        let rates = pairs.map { Rates.rate(events: $0.successes, population: $0.trials, confidence: confidence) }
        let labels = pairs.enumerated().map { $1.label ?? (pairs.count == 1 ? "rate" : ["first", "second"][$0]) }
        let per = Double(question.per)
        let level = StatisticsWording.level(confidence)
        let perWords = RateWording.per(question.per)
        let table = Table(name: "rate", columns: [
            Column(name: "group", values: labels.map { .text($0) }),
            Column(name: "count", values: rates.map { .integer(Int64($0.events)) }),
            Column(name: "of", values: rates.map { .integer(Int64($0.population)) }),
            Column(name: "rate \(perWords)", values: rates.map { .decimal($0.estimate * per) }),
            Column(name: "\(level) CI from", values: rates.map { .decimal($0.lower * per) }),
            Column(name: "to", values: rates.map { .decimal($0.upper * per) }),
        ])
        var output = QueryResult(table: table, decimals: [nil, nil, nil, 2, 2, 2],
                                 roles: [.label, .count, .base, .percent, .intervalLow, .intervalHigh])
        output.statistics = [.init("method", .text(RateWording.intervalMethod))]
        if let threshold = settings.suppressBelow {
            let suppression = Suppression(threshold: threshold)
            suppression.apply(to: &output)
            output.notes.insert(.statistic(RateWording.intervalNote(level: level, per: question.per,
                                                                    rates: output.suppressed.isEmpty ? rates : [])), at: 0)
            if !output.suppressed.isEmpty, rates.count == 2 { output.notes.append(.hiddenNoTest(what: "the rate ratio and its test")) }
            suppression.finish(&output)
        } else {
            output.notes.append(.statistic(RateWording.intervalNote(level: level, per: question.per, rates: rates)))
        }
        if rates.count == 1, output.suppressed.isEmpty {
            output.summary = RateWording.summary(rates[0], per: question.per, level: level)
        }
        if rates.count == 2, output.suppressed.isEmpty {
            if rates[1].events == 0 {
                throw Diagnostic.error("the second rate is 0, so the first is no number of times it", at: question.second?.range,
                                       help: "put the rate with events second: rate \(pairs[1].successes) of \(pairs[1].trials) with \(pairs[0].successes) of \(pairs[0].trials)")
            }
            let ratio = Rates.ratio(rates[0], rates[1], confidence: confidence)
            output.notes += RateWording.ratioNotes(ratio, labels: (labels[0], labels[1]), rates: (rates[0], rates[1]),
                                                   level: level, alpha: 1 - confidence).map(ResultNote.statistic)
            output.statistics += [
                .init("rate ratio", .decimal(ratio.estimate)),
                .init("rate ratio \(level) CI from", .decimal(ratio.lower)),
                .init("rate ratio to", ratio.upper.isFinite ? .decimal(ratio.upper) : .missing),
                .init("p", .decimal(ratio.p)),
                .init("test method", .text(RateWording.testMethod)),
            ]
        }
        output.intervalLevel = level
        lastResult = output
        lastQueryText = nil
        return Outcome(output: .result(output))
    }
}
