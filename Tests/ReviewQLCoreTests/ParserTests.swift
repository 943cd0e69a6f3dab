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

    @Test(arguments: [
        "count reviews where judgement in (adequate, good)",
        "count reviews where judgement not in (good)",
        "count reviews where letter_date between 2008-04-01 and 2008-04-30",
        "count reviews where authority contains \"shire\"",
        "count reviews where authority starts with north",
        "count reviews where authority not ends with shire",
        "count reviews where letter_date is missing",
        "count reviews where letter_date is not null",
        "count reviews where (judgement = good or judgement = adequate) and authority = norfolk",
        "count reviews group by year(letter_date), judgement",
        "count reviews group by authority having count > 3 and count < 10",
        "load \"x.csv\" as mine",
        "describe reviews",
        "datasets",
        "set format csv",
        "help",
        "help group by",
    ])
    func parses(text: String) throws {
        _ = try Parser.parse(text)
    }

    @Test(arguments: [
        ("count", "expected a dataset after `count`"),
        ("cout reviews", "'cout' is not a verb or command"),
        ("count reviews where", "the statement ends too soon: expected a column or a value"),
        ("count reviews group authority", "expected `by` after `group`, found 'authority'"),
        ("count reviews where (a = 1", "expected ')' to close the '(' opened here"),
        ("count reviews where a = b c", "a value with spaces must be in quotes"),
        ("count reviews limit -1", "`limit` needs a whole number of rows"),
        ("list reviews having count > 1", "`having` filters groups, but `list` makes no groups"),
        ("count reviews extra", "unexpected 'extra'"),
        ("count reviews where a = 1)", "this ')' closes nothing"),
        ("load data.csv as x", "unexpected character '.'"),
        ("load data as x", "load needs the file name in quotes"),
        ("sum from reviews", "`sum` needs a column"),
        ("count reviews where a", "expected a comparison after 'a', found the end of the statement"),
        ("count reviews where a is here", "expected `missing` after `is`"),
    ])
    func errors(text: String, message: String) {
        do {
            _ = try Parser.parse(text)
            Issue.record("expected an error for: \(text)")
        } catch {
            #expect(error.message == message)
        }
    }
}
