import Testing
@testable import ReviewQLCore

/// The parser, case by case: the shape each statement becomes, and the errors it reports.
@Suite struct ParserTests {
    static func query(_ text: String) throws -> Query {
        guard case .query(let query) = try Parser.parse(text) else {
            Issue.record("not a query: \(text)")
            throw Diagnostic.error("not a query")
        }
        return query
    }

    @Test func countWithClauses() throws {
        let q = try Self.query("count reviews where judgement = inadequate group by authority order by count desc limit 5")
        #expect(q.dataset.text == "reviews")
        guard case .aggregate(let measures) = q.verb else { Issue.record("not an aggregate"); return }
        #expect(measures.map(\.function) == [.count])
        guard case .compare(.equal, let left, let right)? = q.filter?.kind else { Issue.record("no comparison"); return }
        #expect(left.kind == .word("judgement"))
        #expect(right.kind == .word("inadequate"))
        #expect(q.groupBy.map(\.kind) == [.word("authority")])
        #expect(q.orderBy.count == 1 && q.orderBy[0].descending)
        #expect(q.limit == 5)
    }

    @Test(arguments: [
        ("sum children from ethnicity", [AggregateFunction.sum]),
        ("sum(children) from ethnicity", [.sum]),
        ("count, average score, median(score) from marks", [.count, .average, .median]),
        ("count distinct authority from reviews", [.count]),
        ("min letter_date, max letter_date of reviews", [.min, .max]),
        ("count from reviews", [.count]),
        ("count letter_date from reviews", [.count]),
        ("count(*) from reviews", [.count]),
        ("count(distinct authority), sum(x) from reviews", [.count, .sum]),
    ])
    func measures(text: String, expected: [AggregateFunction]) throws {
        let q = try Self.query(text)
        guard case .aggregate(let measures) = q.verb else { Issue.record("not an aggregate"); return }
        #expect(measures.map(\.function) == expected)
    }

    @Test(arguments: [
        ("list reviews", nil as [String]?, false),
        ("list * from reviews", nil, false),
        ("list authority, letter_date from reviews", ["authority", "letter_date"], false),
        ("list distinct judgement from reviews", ["judgement"], true),
        ("list distinct reviews", nil, true),
    ])
    func lists(text: String, columns: [String]?, distinct: Bool) throws {
        let q = try Self.query(text)
        guard case .list(let items, let isDistinct) = q.verb else { Issue.record("not a list"); return }
        #expect(items?.map { item -> String in
            if case .word(let w) = item.kind { return w }
            return "?"
        } == columns)
        #expect(isDistinct == distinct)
    }

    @Test func conditionPrecedence() throws {
        // `and` binds tighter than `or`; `not` tighter than both.
        let q = try Self.query("count reviews where not a = 1 or b = 2 and c = 3")
        guard case .or(let left, let right)? = q.filter?.kind else { Issue.record("expected or at the top"); return }
        guard case .not = left.kind else { Issue.record("expected not on the left"); return }
        guard case .and = right.kind else { Issue.record("expected and on the right"); return }
    }

    /// Each statement against its whole tree, printed by `SyntaxPrinter`.
    @Test(arguments: [
        ("count reviews where judgement in (adequate, good)", "(count reviews (where (in judgement adequate good)))"),
        ("count reviews where judgement not in (good)", "(count reviews (where (not-in judgement good)))"),
        ("count reviews where letter_date between 2008-04-01 and 2008-04-30",
         "(count reviews (where (between letter_date 2008-04-01 2008-04-30)))"),
        ("count reviews where authority contains \"shire\"", "(count reviews (where (contains authority \"shire\")))"),
        ("count reviews where authority starts with north", "(count reviews (where (starts-with authority north)))"),
        ("count reviews where authority not ends with shire", "(count reviews (where (not-ends-with authority shire)))"),
        ("count reviews where letter_date is missing", "(count reviews (where (missing letter_date)))"),
        ("count reviews where letter_date is not null", "(count reviews (where (not-missing letter_date)))"),
        ("count reviews where (judgement = good or judgement = adequate) and authority = norfolk",
         "(count reviews (where (and (or (= judgement good) (= judgement adequate)) (= authority norfolk))))"),
        ("count reviews where not a = 1 or b = 2 and c = 3",
         "(count reviews (where (or (not (= a 1)) (and (= b 2) (= c 3)))))"),
        ("count reviews where `letter date` >= 31/01/2009", "(count reviews (where (>= `letter date` 2009-01-31)))"),
        ("count reviews group by year(letter_date), judgement", "(count reviews (group (year letter_date) judgement))"),
        ("count reviews group by authority having count > 3 and count < 10",
         "(count reviews (group authority) (having (and (> count 3) (< count 10))))"),
        ("count reviews group by authority order by count desc, authority limit 5 with ties",
         "(count reviews (group authority) (order (desc count) authority) (limit 5 ties))"),
        ("count reviews join authorities on authority = name group by region with ci",
         "(count reviews (join authorities (on authority name)) (group region) (with ci))"),
        ("count reviews join authorities group by type, judgement as crosstab with row percent, chi-square",
         "(count reviews (join authorities) (group type judgement) (as crosstab row) (with chi-square))"),
        ("count, average score, median(score) from marks", "([count (average score) (median score)] marks)"),
        ("count distinct authority from reviews", "((count distinct authority) reviews)"),
        ("count(*) from reviews", "(count reviews)"),
        ("sum(children) of ethnicity", "((sum children) ethnicity)"),
        ("list * from reviews", "(list reviews)"),
        ("list distinct judgement from reviews", "((list-distinct judgement) reviews)"),
        ("show authority from reviews where judgement = good", "((list authority) reviews (where (= judgement good)))"),
        ("chart count reviews group by judgement", "(count reviews (group judgement) (as chart))"),
        ("crosstab count reviews group by type, judgement", "(count reviews (group type judgement) (as crosstab))"),
        ("explain count reviews", "(explain (count reviews))"),
        ("show sql count reviews group by judgement", "(sql (count reviews (group judgement)))"),
        ("show sql for duckdb count reviews", "(sql duckdb (count reviews))"),
        ("show sql for Postgres count reviews", "(sql postgresql (count reviews))"),
        ("show sql for sqlite3 count reviews", "(sql (count reviews))"),
        ("proportion of reviews where judgement = inadequate among type = county group by region as chart",
         "(proportion (count reviews (where (= type county)) (group region) (as chart)) (event (= judgement inadequate)))"),
        ("compare 20 of 50 as \"2007-08\" with 59 of 173", "(compare (20 of 50 \"2007-08\") (59 of 173))"),
        ("compare reviews join authorities where judgement = inadequate by type",
         "(compare (count reviews (join authorities) (group type)) (event (= judgement inadequate)))"),
        ("compare reviews where judgement = inadequate by authority = norfolk",
         "(compare (count reviews) (event (= judgement inadequate)) (by (= authority norfolk)))"),
        ("load \"x.csv\" as mine with counts children", "(load \"x.csv\" mine (counts children))"),
        ("load \"ofsted.ods\" sheet \"Inspections\" as insp", "(load \"ofsted.ods\" (sheet \"Inspections\") insp)"),
        ("describe reviews", "(describe reviews)"),
        ("datasets", "(datasets)"),
        (".tables", "(datasets)"),
        ("set format csv", "(set format csv)"),
        ("set suppress below 10", "(set suppress 10)"),
        (".mode csv", "(set format csv)"),
        (".timer on", "(set timer on)"),
        ("timer off", "(set timer off)"),
        ("save last to \"r.csv\" as markdown", "(save \"r.csv\" markdown)"),
        ("save chart to \"j.svg\"", "(save-chart \"j.svg\")"),
        ("record \"lesson.md\"", "(record \"lesson.md\")"),
        ("record off", "(record off)"),
        ("show unmatched", "(show unmatched)"),
        ("show last all", "(show last)"),
        (".q", "(quit)"),
        ("help", "(help)"),
        ("help group by", "(help \"group by\")"),
        (".help where", "(help \"where\")"),
    ])
    func parses(text: String, tree: String) throws {
        #expect(SyntaxPrinter.print(try Parser.parse(text)) == tree, "\(text)")
    }

    /// The problem the parser finds in `marked` (its text with ⟨ ⟩ around the offending part,
    /// empty at the end of the statement), with its range.
    static func problem(_ marked: String) -> (found: ParseProblem?, range: SourceRange) {
        let text = String(marked.filter { $0 != "⟨" && $0 != "⟩" })
        let start = marked.prefix { $0 != "⟨" }.utf8.count
        let length = marked.drop { $0 != "⟨" }.dropFirst().prefix { $0 != "⟩" }.utf8.count
        let range = SourceRange(start, start + length)
        guard let tokens = try? Parser.statementTokens(text) else { return (nil, range) }
        var parser = Parser(tokens: tokens)
        do throws(ParseProblem) {
            _ = try parser.parseStatement()
            return (nil, range)
        } catch {
            return (error, range)
        }
    }

    typealias Expected = @Sendable (SourceRange) -> ParseProblem

    /// Marked text, the problem given its range, and its words (the words the golden transcripts show).
    static let problemCases: [(String, Expected, String)] = [
        ("count⟨⟩", { .countNeedsDataset(at: $0) }, "expected a dataset after `count`"),
        ("⟨cout⟩ reviews", { .unknownStart(token: "'cout'", word: "cout", at: $0) }, "'cout' is not a verb or command"),
        ("⟨⟩", { .emptyStatement(at: $0) }, "empty statement"),
        ("count reviews where⟨⟩", { .endsTooSoon(at: $0) }, "the statement ends too soon: expected a column or a value"),
        ("count reviews group ⟨authority⟩", { .missingWord(.byAfterGroup, found: "'authority'", at: $0) },
         "expected `by` after `group`, found 'authority'"),
        ("count reviews where ⟨(⟩a = 1", { .unclosedParenthesis(found: "the end of the statement", at: $0) },
         "expected ')' to close the '(' opened here"),
        ("count reviews where a = ⟨b c⟩", { .valueNeedsQuotes(words: ["b", "c"], at: $0) }, "a value with spaces must be in quotes"),
        ("count reviews where a = good ⟨b⟩ = c", { .conditionsNeedJoining(at: $0) }, "expected `and` or `or` before the next condition"),
        ("count reviews limit ⟨-1⟩", { .limitNeedsWholeNumber(at: $0) }, "`limit` needs a whole number of rows"),
        ("list reviews ⟨having⟩ count > 1", { .havingWithoutGroups(at: $0) }, "`having` filters groups, but `list` makes no groups"),
        ("count reviews ⟨extra⟩", { .unexpected(token: "'extra'", word: "extra", at: $0) }, "unexpected 'extra'"),
        ("count reviews where a = 1⟨)⟩", { .closesNothing(at: $0) }, "this ')' closes nothing"),
        ("load ⟨data⟩ as x", { .loadNeedsQuotedFile(at: $0) }, "load needs the file name in quotes"),
        ("sum ⟨from⟩ reviews", { .measureNeedsColumn(function: "sum", at: $0) }, "`sum` needs a column"),
        ("count reviews where a⟨⟩", { .expectedComparison(subject: "'a'", found: "the end of the statement", at: $0) },
         "expected a comparison after 'a', found the end of the statement"),
        ("count reviews where a is ⟨here⟩", { .expectedMissing(at: $0) }, "expected `missing` after `is`"),
        ("count reviews where d = ⟨2009-02-30⟩", { .notADate("2009-02-30", at: $0) }, "2009-02-30 is not a real date"),
        ("count reviews where ⟨group⟩ = 1", { .keywordAsOperand(token: "'group'", word: "group", at: $0) },
         "expected a column or a value, found the keyword 'group'"),
        ("describe ⟨where⟩", { .expectedName(.describedDataset, found: "the keyword 'where'", at: $0) },
         "expected a dataset name to describe, e.g. describe reviews, found the keyword 'where'"),
        ("set format⟨⟩", { .settingNeedsValue(setting: "format", at: $0) }, "set format needs a value"),
        ("save ⟨first⟩ to \"x.csv\"", { .saveNeedsLast(at: $0) }, "expected `last` after `save`"),
        ("show sql for ⟨mysql⟩ count reviews", { .unknownSQLEngine(word: "mysql", at: $0) }, "show sql does not write SQL for mysql"),
        ("show sql for⟨⟩", { .unknownSQLEngine(word: "", at: $0) }, "expected an engine after `show sql for`"),
        ("compare ⟨60 of 50⟩", { .pairMoreThanTotal(successes: 60, trials: 50, at: $0) }, "60 of 50 is more than all of them"),
        ("count reviews group by a as ⟨graph⟩", { .unknownPresentation(at: $0) }, "expected chart, crosstab or table after `as`"),
        ("count reviews group by judgement with ⟨everything⟩", { .unknownWithItem(at: $0) },
         "expected ci, chi-square, row percent, column percent, rank, running total, cumulative percent or change after `with`"),
        ("set ⟨where⟩ x", { .expectedName(.setting, found: "the keyword 'where'", at: $0) },
         "expected a setting, e.g. set format csv, found the keyword 'where'"),
        (".mode ⟨\"csv\"⟩", { .dotFormNeedsFormat(command: ".mode", at: $0) }, ".mode needs a format"),
        ("record ⟨lesson⟩", { .recordNeedsFile(at: $0) }, "record needs a file name in quotes, off or undo"),
        ("⟨chart⟩ count reviews group by judgement as chart", { .presentationTwice(at: $0) }, "the query already says how to show it"),
        ("save last ⟨into⟩ \"x.csv\"", { .saveNeedsTo(example: "save last to \"result.csv\"", at: $0) },
         "expected `to` and a file name in quotes"),
        ("save chart to ⟨x⟩", { .saveNeedsQuotedFile(example: "save chart to \"judgements.svg\"", at: $0) },
         "save needs the file name in quotes"),
        ("load \"x.csv\" ⟨named⟩ x", { .loadNeedsAs(path: "x.csv", at: $0) },
         "expected `as` and a name for the dataset after the file name"),
        ("load \"x.csv\" as x with ⟨weights⟩ w", { .loadNeedsCounts(path: "x.csv", dataset: "x", at: $0) },
         "expected `counts` and a column after `with`"),
        ("load \"x.xlsx\" sheet ⟨as⟩ x", { .loadSheetNeedsName(path: "x.xlsx", at: $0) },
         "expected the sheet's name in quotes after `sheet`"),
        ("proportion of reviews ⟨group⟩ by type", { .proportionNeedsWhere(verb: "proportion", at: $0) },
         "proportion needs `where` and the condition to count"),
        ("proportion of reviews where a = 1 as ⟨crosstab⟩", { .proportionAsCrosstab(at: $0) }, "a proportion is shown as a table or a chart"),
        ("compare 20 of 50 ⟨to⟩ 3 of 4", { .compareNeedsSecondPair(at: $0) }, "expected `with` and the second proportion"),
        ("compare reviews where a = 1 ⟨for⟩ type", { .compareNeedsByOrWith(at: $0) },
         "expected `by` and a column with two groups, or `with` and a second dataset"),
        ("compare 20 ⟨50⟩", { .pairNeedsOf(at: $0) }, "expected `of` and the total, as in 20 of 50"),
        ("compare 20 of ⟨many⟩", { .pairNeedsTotal(at: $0) }, "expected the total as a whole number, as in 20 of 50"),
        ("compare 20 of 50 as ⟨(⟩", { .pairNeedsLabel(at: $0) }, "expected a label in quotes"),
        ("sum children ⟨by⟩ x", { .measuresNeedFrom(verb: "sum", at: $0) }, "expected `from` and a dataset after the measures"),
        ("list a, b⟨⟩", { .listNeedsFrom(at: $0) }, "expected `from` and a dataset after the columns to list"),
        ("count, ⟨where⟩ from x", { .expectedMeasure(found: "'where'", at: $0) },
         "expected a measure (count, sum, average, min, max, median), found 'where'"),
        ("count reviews group by a, b as crosstab with row ⟨totals⟩", { .percentMissing(after: "row", at: $0) },
         "expected `percent` after `row`"),
        ("count reviews group by a with ⟨row⟩ percent", { .percentWithoutCrosstab(at: $0) }, "row and column percents belong to a crosstab"),
        ("count reviews join authorities on authority ⟨name⟩", { .missingWord(.equalsBetweenJoinColumns, found: "'name'", at: $0) },
         "expected `=` between the two columns to join on, found 'name'"),
        ("count reviews where a in ⟨x⟩", { .missingWord(.listAfterIn, found: "'x'", at: $0) },
         "expected `(` and a list of values after `in`, e.g. in (adequate, good), found 'x'"),
        ("count reviews where a between 1 ⟨or⟩ 2", { .missingWord(.andBetweenEnds, found: "'or'", at: $0) },
         "expected `and` between the two ends of the range, found 'or'"),
        ("count reviews where a starts ⟨from⟩ b", { .missingWord(.withAfter("starts"), found: "'from'", at: $0) },
         "expected `with` after `starts`, found 'from'"),
        ("list * ⟨reviews⟩", { .missingWord(.fromAfterStar, found: "'reviews'", at: $0) },
         "expected `from` and a dataset after `*`, found 'reviews'"),
        ("count reviews where a = ⟨,⟩", { .expectedOperand(found: "','", at: $0) }, "expected a column or a value, found ','"),
        ("compare ⟨2.5⟩ of 10", { .pairNeedsWholeNumber(at: $0) }, "expected a whole number, as in 20 of 50"),
        ("count reviews where " + String(repeating: "(", count: Parser.maximumNesting) + "⟨(⟩a = 1"
            + String(repeating: ")", count: Parser.maximumNesting + 1),
         { .nestedTooDeeply(at: $0) }, "this condition is nested too deeply (more than 100 levels)"),
    ]

    /// Each error as a case with its range, and in words.
    @Test(arguments: problemCases)
    func problems(marked: String, expected: Expected, message: String) {
        let (found, range) = Self.problem(marked)
        #expect(found == expected(range), "\(marked)")
        #expect(found?.diagnostic.message == message, "\(marked)")
    }

    /// Every word that starts a command ending with its line ends the statement there, even
    /// when its last word is one that would leave a query unfinished.
    @Test(arguments: Vocabulary.lineCommandWords.sorted())
    func lineCommandsEndWithTheirLine(word: String) {
        #expect(!StatementSplitter.needsMoreInput(word + " x where"), "\(word)")
        #expect(StatementSplitter.needsMoreInput("count reviews where"))
    }

    /// A lexing error comes through `Parser.parse` as it is.
    @Test func lexErrorsComeThroughTheParser() {
        do {
            _ = try Parser.parse("load data.csv as x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "unexpected character '.'")
        }
    }
}
