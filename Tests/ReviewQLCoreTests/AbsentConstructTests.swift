import Testing
@testable import ReviewQLCore

/// Constructs of SQL and spreadsheets that ReviewQL lacks: each error names the construct and
/// shows the nearest thing that works (an example that runs on the bundled data), never a hint
/// about quoting or a missing `)`.
@Suite struct AbsentConstructTests {
    static let statements: [(String, AbsentConstruct)] = [
        ("count reviews per region", .perWithoutGroup),
        ("list authority, rank() over (order by letter_date) from reviews", .windowRank),
        ("list authority, dense_rank() over (order by letter_date) from reviews", .windowRank),
        ("list authority, row_number() over (partition by judgement) from reviews", .windowRowNumber),
        ("list authority, count over (order by letter_date) from reviews", .over),
        ("count reviews group by judgement partition by authority", .partitionBy),
        ("list authority, lag(letter_date) from reviews", .lag),
        ("list authority, lead(letter_date) from reviews", .lag),
        ("list authority from reviews where letter_date < today()", .today),
        ("list authority from reviews where letter_date < now()", .today),
        ("list case when judgement = good then 1 else 0 end from reviews", .caseWhen),
        ("list iif(judgement = good, 1, 0) from reviews", .ifFunction),
        ("list distinct on (authority) authority, letter_date from reviews", .distinctOn),
        ("count reviews where authority like '%shire%'", .like),
        ("count reviews where authority ilike 'nor%'", .ilike),
        ("list concat(authority, judgement) from reviews", .concat),
        ("list authority || judgement from reviews", .concatOperator),
        ("list substr(authority, 1, 3) from reviews", .substring),
        ("list left(authority, 3) from reviews", .substring),
        ("list coalesce(judgement, 'none') from reviews", .coalesce),
        ("list ifnull(judgement, 'x') from reviews", .coalesce),
        ("count reviews union count statements", .union),
        ("count reviews where authority in (select name from authorities)", .subquery),
        ("count reviews where not exists (select 1 from statements)", .exists),
        ("count reviews join authorities on reviews.authority = authorities.name", .qualifiedName),
        ("list letter_date::text from reviews", .castOperator),
        ("list cast(letter_date as text) from reviews", .cast),
        ("count reviews group by extract(year from letter_date)", .extract),
        ("list letter_date + interval '1 day' from reviews", .interval),
        ("list authority from reviews offset 5", .offset),
        ("list authority, letter_date from reviews order by letter_date nulls last", .nullsOrder),
        ("count reviews group by judgement with rollup", .rollup),
        ("list top 5 authority from reviews", .top),
        ("list datediff(letter_date, 2008-04-01) from reviews", .dateDiff),
    ]

    @Test(arguments: statements)
    func namesTheConstructAndWhatWorks(_ statement: String, _ construct: AbsentConstruct) throws {
        let outcome = Bundled.session().run(statement).last!
        let error = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(error.message == "ReviewQL has no \(construct.written): \(construct.instead)")
        #expect(error.help == "for example: \(construct.example)")
        #expect(!error.message.contains("quote") && !(error.help ?? "").contains("quote"))
    }

    /// Every suggestion works as written.
    @Test(arguments: AbsentConstruct.allCases)
    func theExampleRuns(_ construct: AbsentConstruct) {
        let failures = Bundled.session().run(construct.example).flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(failures.isEmpty, "\(construct.example): \(failures.map(\.message))")
    }

    @Test func everyConstructHasAStatement() {
        #expect(Set(Self.statements.map(\.1)) == Set(AbsentConstruct.allCases))
    }

    /// What the language has is not taken for what it lacks: a value spelled like a word of SQL,
    /// an unquoted file name, and the SQL forms ReviewQL does have.
    @Test(arguments: [
        "count reviews where authority = like",
        "count reviews where letter_date between 2008-04-01 and 2008-12-31",
        "count reviews group by authority having count(*) > 1",
        "count reviews where judgement is null",
        "list upper(authority) from reviews",
        "count reviews group by judgement having avg(1) > 0",
    ])
    func whatExistsStillWorks(_ statement: String) {
        let failures = Bundled.session().run(statement).flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(!failures.contains { $0.message.hasPrefix("ReviewQL has no") }, "\(statement): \(failures.map(\.message))")
    }

    @Test func anUnquotedFileNameStillGetsTheQuotingHelp() {
        let outcome = Bundled.session().run("load data.csv as mine").last!
        #expect(outcome.diagnostics.first?.help?.contains("go in quotes") == true)
    }
}
