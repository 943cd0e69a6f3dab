import Foundation
import Testing
@testable import ReviewQLCore

/// SQL typed by habit: each statement, of the kinds people bring from sqlite3, DuckDB and psql,
/// is translated to a ReviewQL statement, run with `set sql on`, and must give the answer the
/// system sqlite3 gives for the SQL itself over the same (bundled) data. The columns compared
/// are named per case: ReviewQL adds a percent to a grouped count, which SQL does not ask for.
@Suite struct SQLHabitTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var sql: String
        /// The ReviewQL result's columns, in the order of the SQL's select list.
        var columns: [String]
        /// Grouped by an ordered scale: ReviewQL shows its levels with no rows (a count of 0,
        /// a missing max) and orders by the scale, where SQL leaves them out and orders by the
        /// alphabet (the translation says so in a note); those rows are left out and the rows
        /// compared in any order.
        var byScale = false
        var testDescription: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "select count(*) from reviews", columns: ["count"]),
        Case(sql: "SELECT COUNT(*) FROM reviews WHERE judgement = 'Inadequate'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where judgement = 'Inadequate' group by authority order by authority",
             columns: ["count"]),
        Case(sql: "select authority, count(*) from reviews where judgement = 'Inadequate' group by authority order by authority",
             columns: ["authority", "count"]),
        Case(sql: "select judgement, count(*) from reviews group by judgement order by judgement", columns: ["judgement", "count"], byScale: true),
        Case(sql: "select judgement, count(*) as n from reviews group by judgement order by n desc", columns: ["judgement", "count"], byScale: true),
        Case(sql: "select authority, count(*) from reviews group by authority order by count(*) desc, authority limit 5",
             columns: ["authority", "count"]),
        Case(sql: "select authority, count(*) from reviews group by authority order by 2 desc, 1 limit 10",
             columns: ["authority", "count"]),
        Case(sql: "select authority, count(*) from reviews group by authority having count(*) >= 3 order by authority",
             columns: ["authority", "count"]),
        Case(sql: "select authority, count(*) as reviews from reviews group by authority having reviews > 3 order by authority",
             columns: ["authority", "count"]),
        Case(sql: "select count(*) from reviews where judgement in ('Adequate', 'Good')", columns: ["count"]),
        Case(sql: "select count(*) from reviews where judgement <> 'Good'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where judgement != 'Good' and authority like '%shire'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where authority like 'North%'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where authority like '%on%'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where authority not like '%shire'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where letter_date >= '2009-01-01'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where letter_date between '2008-10-01' and '2008-12-31'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where (judgement = 'Good' or judgement = 'Adequate') and letter_date < '2008-10-01'",
             columns: ["count"]),
        Case(sql: "select count(*) from reviews where not judgement = 'Inadequate'", columns: ["count"]),
        Case(sql: "select count(*) from reviews where letter_date is not null", columns: ["count"]),
        Case(sql: "select count(distinct authority) from reviews", columns: ["count(distinct authority)"]),
        Case(sql: "select count(distinct authority) from reviews where judgement = 'Inadequate'", columns: ["count(distinct authority)"]),
        Case(sql: "select judgement, count(distinct authority) from reviews group by judgement order by judgement",
             columns: ["judgement", "count(distinct authority)"], byScale: true),
        Case(sql: "select * from reviews where authority = 'Norfolk'", columns: ["authority", "judgement", "letter_date"]),
        Case(sql: "select * from reviews where authority = 'Norfolk' order by letter_date",
             columns: ["authority", "judgement", "letter_date"]),
        Case(sql: "select authority, letter_date from reviews where judgement = 'Good' order by letter_date, authority",
             columns: ["authority", "letter_date"]),
        Case(sql: "select authority, letter_date from reviews where judgement = 'Good' order by letter_date desc, authority limit 5",
             columns: ["authority", "letter_date"]),
        Case(sql: "select distinct judgement from reviews", columns: ["judgement"]),
        Case(sql: "select distinct region from authorities order by region", columns: ["region"]),
        Case(sql: "select min(letter_date), max(letter_date) from reviews", columns: ["min(letter_date)", "max(letter_date)"]),
        Case(sql: "select judgement, max(letter_date) from reviews group by judgement order by judgement",
             columns: ["judgement", "max(letter_date)"], byScale: true),
        Case(sql: "select sum(children) from ethnicity", columns: ["sum(children)"]),
        Case(sql: "select broad_group, sum(children) from ethnicity group by broad_group order by 2 desc",
             columns: ["broad_group", "sum(children)"]),
        Case(sql: "select category, sum(deaths) from deaths_by_cause group by category order by category",
             columns: ["category", "sum(deaths)"]),
        Case(sql: "select avg(deaths) from deaths_by_cause", columns: ["average(deaths)"]),
        Case(sql: "select count(*) from ethnicity", columns: ["count"]),
        Case(sql: "select region, count(*) from reviews join authorities on reviews.authority = authorities.name group by region order by region",
             columns: ["region", "count"]),
        Case(sql: "select r.judgement, count(*) from reviews r join authorities a on r.authority = a.name where a.region = 'London' group by r.judgement order by r.judgement",
             columns: ["judgement", "count"], byScale: true),
        Case(sql: "select type, count(*) from authorities group by type order by count(*) desc, type;", columns: ["type", "count"]),
        Case(sql: "select name from authorities where region = 'North East' order by name", columns: ["name"]),
        Case(sql: "select count(*) from statements where addressed = 'Yes'", columns: ["count"]),
    ]

    @Test func thereAreFortyOrMore() { #expect(Self.cases.count >= 40) }

    @Test(arguments: cases)
    func translatedSQLGivesSQLitesAnswer(_ example: Case) throws {
        let session = Bundled.session()
        session.settings.runsSQL = true
        let ours = try session.result(example.sql).table
        var script = SQLite.loadScript(session, from: SQLite.exported)
        script += [".mode csv", ".headers off", example.sql.hasSuffix(";") ? example.sql : example.sql + ";"]
        let sqlite = SQLite.parseCSV(try SQLite.sqlite3(script.joined(separator: "\n")))
        let indices = example.columns.map { name in ours.columns.firstIndex { $0.name == name } }
        #expect(!indices.contains(nil), "columns \(ours.columns.map(\.name)), wanted \(example.columns)")
        let picked = indices.compactMap { $0 }
        var mine = (0..<ours.rowCount).map { row in picked.map { ValueFormatter.plain(ours.columns[$0].value(at: row)) } }
        var theirs = sqlite
        if example.byScale {
            mine.removeAll { $0.dropFirst().contains { $0 == "0" || $0.isEmpty } }
        }
        if !example.sql.lowercased().contains("order by") || example.byScale {
            mine.sort { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
            theirs.sort { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
        }
        #expect(mine.count == theirs.count, "\(mine.count) rows from ReviewQL, \(theirs.count) from sqlite3")
        for (a, b) in zip(mine, theirs) {
            #expect(SQLite.same(a, b), "ReviewQL \(a), sqlite3 \(b)")
        }
    }

    @Test func withoutTheSettingTheTranslationIsShownNotRun() {
        let session = Bundled.session()
        let outcome = session.run("select count(*) from reviews where judgement = 'Inadequate' group by authority").last
        #expect(outcome?.failed == true)
        #expect(outcome?.diagnostics.first?.message
                == "this is SQL; in ReviewQL: count reviews where judgement = \"Inadequate\" group by authority")
    }

    @Test(arguments: [
        ("select count(*) from reviews limit 5 offset 10", "offset"),
        ("select substr(authority, 1, 3) from reviews", "substr("),
        ("select count(*) from reviews where authority like 'N_rfolk'", "like 'N_rfolk'"),
        ("select authority, judgement, count(*) from reviews group by authority", "judgement"),
    ])
    func whatCannotBeTranslatedIsNamed(_ sql: String, _ part: String) {
        let session = Bundled.session()
        let message = session.run(sql).last?.diagnostics.first?.message ?? ""
        #expect(message.contains("has no ReviewQL translation"), "\(message)")
        #expect(message.contains(part), "\(message)")
    }

    @Test func dotCommandsWorkOrSayWhatToType() {
        let session = Bundled.session()
        guard case .text(let schema)? = session.run(".schema reviews").last?.output else {
            Issue.record(".schema gave no description")
            return
        }
        #expect(schema.hasPrefix("reviews: 173 rows"))
        #expect(session.run(".once out.csv").last?.diagnostics.first?.help == "after the statement: save last to \"out.csv\" (or start reviewql with --output out.csv)")
        #expect(session.run(".headers off").last?.failed == true)
        #expect(session.run(".headers on").last?.failed == false)
        #expect(session.run(".frobnicate").last?.diagnostics.first?.message.contains("not one of sqlite3's commands") == true)
    }
}
