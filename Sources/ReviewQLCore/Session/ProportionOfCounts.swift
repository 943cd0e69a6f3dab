/// `proportion 20 of 50`: one proportion written as numbers, as `compare` takes two, with
/// its Wilson interval at the statement's (or `set confidence`'s) level.
extension Session {
    func proportion(of pair: CountPair) throws(Diagnostic) -> Outcome {
        let (x, n) = (pair.successes, pair.trials)
        let confidence = settings.confidence
        let level = Words.level(confidence)
        let interval = try? Proportion.wilson(successes: x, trials: n, confidence: confidence)
        var columns: [Column] = []
        if let label = pair.label { columns.append(Column(name: "group", values: [.text(label)])) }
        columns += [Column(name: "count", values: [.integer(Int64(x))]), Column(name: "of", values: [.integer(Int64(n))]),
                    Column(name: "percent", values: [interval.map { .decimal($0.estimate * 100) } ?? .missing]),
                    Column(name: "\(level) CI from", values: [interval.map { .decimal($0.lower * 100) } ?? .missing]),
                    Column(name: "to", values: [interval.map { .decimal($0.upper * 100) } ?? .missing])]
        let labelled = pair.label == nil ? 0 : 1
        var result = QueryResult(table: Table(name: "proportion", columns: columns),
                                 decimals: Array(repeating: nil, count: labelled) + [nil, nil, 1, 1, 1],
                                 roles: Array(repeating: .label, count: labelled) + [.count, .base, .percent, .intervalLow, .intervalHigh])
        let suppression = settings.suppressBelow.map { Suppression(threshold: $0) }
        suppression?.apply(to: &result)
        result.isSingleValue = true
        if result.suppressed.isEmpty {
            result.summary = (pair.label.map { $0 + ": " } ?? "") + "\(x) of \(n) = " + (interval.map {
                "\(Words.percent($0.estimate)) (\(level) CI \(Words.percent($0.lower)) to \(Words.percent($0.upper)))"
            } ?? "no percent: the total is 0")
        } else {
            result.summary = "the count or its total is small, so the proportion is hidden"
        }
        if n > 0, n < 10 { result.notes.append(.fewRows(count: String(n), noun: "rows")) }
        suppression?.finish(&result)
        result.intervalLevel = level
        result.statistics = [.init("method", .text(Words.wilsonMethod))]
        lastResult = result
        return Outcome(output: .result(result))
    }
}
