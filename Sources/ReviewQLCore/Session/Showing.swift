/// The `show` statements: `show last`, `show unmatched` and `show sql`.
extension Session {
    /// `show last`: the last result, every row of it whatever `maxrows` says.
    func showLastCommand() -> Outcome {
        guard let result = lastResult else {
            return Outcome(output: .text("there is no result yet"))
        }
        return Outcome(output: .result(result), showAllRows: true)
    }

    /// `show unmatched`: the keys the last join could not match.
    func showUnmatchedCommand() -> Outcome {
        guard let unmatched = lastUnmatched else {
            return Outcome(output: .text("the last join matched every row"))
        }
        return Outcome(output: .result(unmatched))
    }

    /// `show sql [for ENGINE] QUERY`: the SQL that gives the same answer in that engine; the
    /// query is bound, not run.
    func showSQLCommand(_ query: Query, engine: SQLEngine) throws(Diagnostic) -> Outcome {
        var binder = Binder(datasets: datasets)
        let bound = try binder.bind(query)
        do {
            return Outcome(output: .text(try SQLGenerator.sql(for: bound, engine: engine)))
        } catch {
            throw located(error, query.range)
        }
    }
}
