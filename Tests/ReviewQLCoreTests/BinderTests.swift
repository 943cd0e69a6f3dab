import Testing
@testable import ReviewQLCore

/// The binder: names resolved against the datasets (case-insensitively, with "did you mean"),
/// types and scales checked, joins planned from the catalog or `on`. Each error is asserted by
/// its case and the part of the query it points at, not by its words.
@Suite struct BinderTests {
    static let bundled = Bundled.session().datasets

    /// The query of `text`, parsed.
    static func query(_ text: String) -> Query {
        guard case .statement(.query(let query))? = ParsedStatement.all(in: SourceText(text: text)).first?.content else {
            preconditionFailure("not a query: \(text)")
        }
        return query
    }

    /// The binder after binding `text`, and the bound query.
    static func bind(_ text: String, datasets: [Dataset] = bundled) throws(BindingError) -> (Binder, BoundQuery) {
        var binder = Binder(datasets: datasets)
        let bound = try binder.check(query(text))
        return (binder, bound)
    }

    /// The error binding `text` gives (nil when it binds).
    static func error(_ text: String, datasets: [Dataset] = bundled) -> BindingError? {
        do {
            _ = try bind(text, datasets: datasets)
            return nil
        } catch {
            return error
        }
    }

    /// Where the `occurrence`-th (from 1) `part` is in `text`, in bytes.
    static func span(_ part: String, in text: String, occurrence: Int = 1) -> SourceRange {
        let bytes = Array(text.utf8), wanted = Array(part.utf8)
        var found = 0
        for start in 0...(bytes.count - wanted.count) where Array(bytes[start..<start + wanted.count]) == wanted {
            found += 1
            if found == occurrence { return SourceRange(start, start + wanted.count) }
        }
        preconditionFailure("\(part) is not in \(text)")
    }

    static func dataset(_ name: String, _ columns: [Column]) -> Dataset {
        Dataset(table: Table(name: name, columns: columns), path: name + ".csv")
    }

    // MARK: Names

    @Test func datasetsAndColumnsAreFoundWhateverTheirCase() throws {
        let (_, bound) = try Self.bind("count REVIEWS group by JUDGEMENT")
        #expect(bound.dataset.name == "reviews")
        #expect(bound.groupKeys.map(\.label) == ["judgement"], "a key is headed with the column's own spelling")
    }

    @Test func unknownDatasetSuggestsTheNearest() {
        let text = "count reveiws group by judgement"
        let error = Self.error(text)
        guard case .unknownDataset(let name, let known)? = error?.problem else {
            Issue.record("expected unknownDataset, got \(String(describing: error))")
            return
        }
        #expect(name == "reveiws")
        #expect(known.contains("reviews"))
        #expect(error?.range == Self.span("reveiws", in: text))
        #expect(error?.diagnostic.help == Suggestions.didYouMean("reveiws", in: known))
    }

    @Test func unknownColumnSuggestsTheNearest() {
        let text = "count reviews group by judgment"
        let error = Self.error(text)
        guard case .unknownColumn(let name, let table, let known)? = error?.problem else {
            Issue.record("expected unknownColumn, got \(String(describing: error))")
            return
        }
        #expect(name == "judgment" && table == "reviews")
        #expect(known == ["authority", "judgement", "letter_date"])
        #expect(error?.range == Self.span("judgment", in: text))
        #expect(error?.diagnostic.help == Suggestions.didYouMean("judgment", in: known))
    }

    @Test func unknownFunction() {
        let text = "count reviews group by yeer(letter_date)"
        let error = Self.error(text)
        guard case .unknownFunction(let name, _)? = error?.problem else {
            Issue.record("expected unknownFunction, got \(String(describing: error))")
            return
        }
        #expect(name == "yeer")
        #expect(error?.range == Self.span("yeer", in: text))
    }

    // MARK: Types

    @Test func functionOfTheWrongType() {
        let text = "count reviews group by year(authority)"
        let error = Self.error(text)
        #expect(error?.problem == .functionArgumentType(function: "year", expected: .date, column: "authority", type: .text))
        #expect(error?.range == Self.span("authority", in: text))
    }

    @Test func measureOfTextNeedsNumbers() {
        let text = "sum judgement from reviews"
        let error = Self.error(text)
        #expect(error?.problem == .measureNeedsNumbers(function: "sum", column: "judgement", type: .text, table: "reviews", numeric: []))
        #expect(error?.range == Self.span("judgement", in: text))
    }

    @Test func valueOfTheWrongType() {
        let text = "count reviews where letter_date > yesterday"
        let error = Self.error(text)
        #expect(error?.problem == .valueOfWrongType(column: "letter_date", type: .date, value: "yesterday"))
        #expect(error?.range == Self.span("yesterday", in: text))
    }

    @Test func textMatchNeedsText() {
        let text = "count reviews where letter_date contains 2008"
        let error = Self.error(text)
        #expect(error?.problem == .textMatchNeedsText(match: "contains", column: "letter_date", type: .date))
        #expect(error?.range == Self.span("letter_date", in: text))
    }

    @Test func columnsOfTypesThatDoNotCompare() {
        let text = "count reviews where letter_date = authority"
        let error = Self.error(text)
        #expect(error?.problem == .cannotCompareColumns(left: "letter_date", leftType: .date, right: "authority", rightType: .text))
        #expect(error?.range == Self.span("letter_date = authority", in: text))
    }

    @Test func aDateIsConvertedToTheColumnsType() throws {
        let (_, bound) = try Self.bind("count reviews where letter_date >= 2009-01-01")
        guard case .compare(.greaterEqual, .column, .constant(.date))? = bound.filter else {
            Issue.record("expected a date constant, got \(String(describing: bound.filter))")
            return
        }
    }

    // MARK: Scales

    @Test func anOrderedComparisonUsesTheScalesSpelling() throws {
        let (_, bound) = try Self.bind("count reviews where judgement >= adequate")
        guard case .compare(.greaterEqual, .column, .constant(.text("Adequate")))? = bound.filter else {
            Issue.record("expected the level as the scale spells it, got \(String(describing: bound.filter))")
            return
        }
    }

    @Test func anOrderedComparisonWithAValueOffTheScale() {
        let text = "count reviews where judgement > Great"
        let error = Self.error(text)
        #expect(error?.problem == .notOnScale(value: "Great", column: "judgement",
                                              scale: ["Inadequate", "Adequate", "Good", "Outstanding"]))
        #expect(error?.range == Self.span("Great", in: text))
    }

    // MARK: Shapes of a query

    @Test func measureInWhere() {
        let text = "count reviews where count > 2"
        let error = Self.error(text)
        #expect(error?.problem == .measureInWhere)
        #expect(error?.range == Self.span("count", in: text, occurrence: 2))
    }

    @Test func listCannotBeGrouped() {
        let text = "list reviews group by judgement"
        let error = Self.error(text)
        #expect(error?.problem == .listGrouped(dataset: "reviews"))
        #expect(error?.range == Self.span("judgement", in: text))
    }

    @Test func crosstabNeedsTwoKeys() {
        let text = "count reviews group by judgement as crosstab"
        let error = Self.error(text)
        #expect(error?.problem == .crosstabShape)
        #expect(error?.range == Self.query(text).range)
    }

    @Test func orderByWhatIsNotAGroupOrMeasure() {
        let text = "count reviews group by judgement order by authority"
        let error = Self.error(text)
        #expect(error?.problem == .cannotOrderBy(label: "authority", choices: ["judgement", "count"]))
        #expect(error?.range == Self.span("authority", in: text))
    }

    @Test func havingOnWhatIsNotAGroupOrMeasure() {
        let text = "count reviews group by judgement having authority = Barnet"
        let error = Self.error(text)
        #expect(error?.problem == .notAGroupOrMeasure(label: "authority", groups: ["judgement"]))
        #expect(error?.range == Self.span("authority", in: text))
    }

    @Test func aValueThatMatchesNothingIsAWarningAtTheValue() throws {
        let text = "count reviews where judgement = Grood"
        let (binder, _) = try Self.bind(text)
        #expect(binder.warnings.count == 1)
        #expect(binder.warnings.first?.severity == .warning)
        #expect(binder.warnings.first?.range == Self.span("Grood", in: text))
    }

    @Test func valuesThatMatchNothingAreListedFiveWarningsDeepThenCounted() throws {
        let text = "count reviews where authority in (q1, q2, q3, q4, q5, q6, q7)"
        let (binder, _) = try Self.bind(text)
        #expect(binder.problems.count == 7)
        #expect(binder.problems.allSatisfy { if case .unmatchedValue = $0.problem { true } else { false } })
        #expect(binder.problems.map(\.range) == (1...7).map { Self.span("q\($0)", in: text) })
        let warnings = binder.warnings
        #expect(warnings.count == 6)
        #expect(warnings.last?.message == BindingProblem.moreUnmatched(count: 2).diagnostic(at: nil).message)
        #expect(warnings.last?.range == Self.query(text).filter?.range)
        // A join's warning comes first and is one of the five.
        let join = Diagnostic.warning("a join's", at: nil)
        let afterJoin = binder.warnings(following: [join])
        #expect(afterJoin.count == 6)
        #expect(afterJoin.last?.message == BindingProblem.moreUnmatched(count: 3).diagnostic(at: nil).message)
    }

    // MARK: Joins

    @Test func joinOnTheCatalogsKeys() throws {
        let (binder, bound) = try Self.bind("count reviews join authorities group by region")
        #expect(bound.joinKeys.count == 1)
        #expect(bound.joinKeys.first?.left == ColumnOrigin(dataset: "reviews", column: "authority"))
        #expect(bound.joinKeys.first?.right == ColumnOrigin(dataset: "authorities", column: "name"))
        #expect(bound.groupKeys.map(\.label) == ["region"])
        #expect(binder.warnings.isEmpty)
        let gathered = Evaluator.gather(bound)
        #expect(gathered.unmatched == nil && gathered.warnings.isEmpty, "every review's authority is in authorities")
    }

    @Test func theBinderPlansAJoinAndTheEvaluatorGathersItsRows() throws {
        let (_, bound) = try Self.bind("list authority, region from reviews join authorities")
        let reviews = Self.bundled.first { $0.name == "reviews" }!
        let authorities = Self.bundled.first { $0.name == "authorities" }!
        #expect(bound.join != nil)
        #expect(bound.dataset.table.rowCount == 0, "binding joins no rows")
        #expect(bound.dataset.table.columns.map(\.name)
                == reviews.table.columns.map(\.name) + authorities.table.columns.map(\.name))
        let gathered = Evaluator.gather(bound).query
        #expect(gathered.join == nil)
        #expect(gathered.dataset.table.rowCount == reviews.table.rowCount)
        #expect(gathered.dataset.table.columns.map(\.name) == bound.dataset.table.columns.map(\.name))
    }

    @Test func showSQLOfAPlannedJoinIsTheSQLOfTheGatheredRows() throws {
        let datasets = [Self.dataset("a", [Column(name: "k", values: [.text("p"), .text("q"), .text("q")])]),
                        Self.dataset("b", [Column(name: "k", values: [.text("p"), .text("q"), .text("r")]),
                                           Column(name: "v", values: [.integer(-5), .integer(3), .integer(-1)])])]
        for text in ["sum v from a join b on k = k group by b_k", "count a join b on k = k group by v",
                     "list a join b on k = k where v > 0", "sum v from a join b on k = k where v > 0 group by b_k"] {
            let (_, bound) = try Self.bind(text, datasets: datasets)
            #expect(try SQLGenerator.sql(for: bound) == SQLGenerator.sql(for: Evaluator.gather(bound).query), "\(text)")
        }
        let (_, negative) = try Self.bind("sum v from a join b on k = k group by b_k", datasets: datasets)
        #expect(try !SQLGenerator.sql(for: negative).contains("percent"), "a negative value leaves the sum without a percent")
    }

    @Test func aKeyCalledPercentIsRenamedOnlyWhenTheJoinedSumHasAPercent() throws {
        func datasets(_ values: [Int64]) -> [Dataset] {
            [Self.dataset("a", [Column(name: "k", values: [.text("p"), .text("q")])]),
             Self.dataset("b", [Column(name: "k", values: [.text("p"), .text("q")]),
                                Column(name: "percent", values: [.text("x"), .text("y")]),
                                Column(name: "v", values: values.map { .integer($0) })])]
        }
        let text = "sum v from a join b on k = k group by percent"
        #expect(try Self.bind(text, datasets: datasets([-5, 3])).1.groupKeys.map(\.label) == ["percent"],
                "a negative value: no percent column, so the key keeps its name")
        #expect(try Self.bind(text, datasets: datasets([5, 3])).1.groupKeys.map(\.label) != ["percent"])
    }

    @Test func aRightColumnNamedLikeALeftOneIsPrefixed() throws {
        let datasets = [Self.dataset("a", [Column(name: "k", values: [.text("p")]), Column(name: "v", values: [.integer(1)])]),
                        Self.dataset("b", [Column(name: "k", values: [.text("p")]), Column(name: "v", values: [.integer(2)])])]
        let (_, bound) = try Self.bind("list a join b on k = k", datasets: datasets)
        #expect(bound.dataset.table.columns.map(\.name) == ["k", "v", "b_k", "b_v"])
        #expect(Evaluator.gather(bound).query.dataset.table.row(0) == [.text("p"), .integer(1), .text("p"), .integer(2)])
    }

    @Test func joinOnWrittenColumnsEitherWayRound() throws {
        for text in ["count statements join authorities on board = name group by region",
                     "count statements join authorities on name = board group by region"] {
            let (_, bound) = try Self.bind(text)
            #expect(bound.joinKeys.first?.left == ColumnOrigin(dataset: "statements", column: "board"))
            #expect(bound.joinKeys.first?.right == ColumnOrigin(dataset: "authorities", column: "name"))
        }
    }

    @Test func unmatchedJoinKeysAreAWarningAndKeptForShowUnmatched() throws {
        let text = "count statements join authorities group by region"
        let (_, bound) = try Self.bind(text)
        let gathered = Evaluator.gather(bound)
        #expect(gathered.unmatched != nil)
        #expect(gathered.warnings.count == 1)
        #expect(gathered.warnings.first?.severity == .warning)
        #expect(gathered.warnings.first?.range == Self.query(text).joins[0].range)
        #expect(!gathered.query.joinNotes.isEmpty)
    }

    @Test func unknownColumnInOn() {
        let text = "count reviews join authorities on authority = nme"
        let error = Self.error(text)
        guard case .unknownColumn(let name, let table, _)? = error?.problem else {
            Issue.record("expected unknownColumn, got \(String(describing: error))")
            return
        }
        #expect(name == "nme" && table == "authorities")
        #expect(error?.range == Self.span("nme", in: text))
    }

    @Test func joinWithNoWayToMatchRows() {
        let datasets = [Self.dataset("a", [Column(name: "x", values: [.integer(1)])]),
                        Self.dataset("b", [Column(name: "y", values: [.integer(1)])])]
        let text = "count a join b"
        let error = Self.error(text, datasets: datasets)
        #expect(error?.problem == .joinKeysUnknown(left: "a", right: "b", example: "join b on x = y"))
        #expect(error?.range == Self.query(text).joins[0].range)
    }

    @Test func joinOnAKeyThatRepeats() {
        let datasets = [Self.dataset("a", [Column(name: "k", values: [.text("p"), .text("q")])]),
                        Self.dataset("b", [Column(name: "k", values: [.text("p"), .text("P ")]),
                                           Column(name: "v", values: [.integer(1), .integer(2)])])]
        let text = "count a join b group by v"
        let error = Self.error(text, datasets: datasets)
        #expect(error?.problem == .duplicateJoinKey(value: "P ", dataset: "b", column: "k"),
                "keys match ignoring case and surrounding spaces")
        #expect(error?.range == Self.query(text).joins[0].range)
    }

    @Test func bindReportsTheProblemsWords() {
        var binder = Binder(datasets: Self.bundled)
        let text = "count reviews group by judgment"
        #expect(throws: Diagnostic.self) { try binder.bind(Self.query(text)) }
        do {
            _ = try binder.bind(Self.query(text))
        } catch {
            #expect(error.message == Self.error(text)?.diagnostic.message)
        }
    }
}
