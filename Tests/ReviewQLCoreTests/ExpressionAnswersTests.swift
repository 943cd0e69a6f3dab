import Foundation
import Testing
@testable import ReviewQLCore

/// Arithmetic and dates (issue 18) give the answers an independent calculation gives:
/// `Tests/Fixtures/expressions/expected.json`, worked out with pandas from the bundled files
/// by `expect.py` there, and `datedif.csv`, whose day, month and year differences LibreOffice
/// calculated (`=B-A`, `DATEDIF(A, B, "m")`, `DATEDIF(A, B, "y")`; `make_datedif.py`).
@Suite struct ExpressionAnswersTests {
    static let folder = ExternalTools.testsFolder.appendingPathComponent("Fixtures/expressions")
    static var expected: [String: Any] {
        let data = (try? Data(contentsOf: folder.appendingPathComponent("expected.json"))) ?? Data()
        return ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any]) ?? [:]
    }

    func numbers(_ column: Column) -> [Double?] { (0..<column.count).map { column.value(at: $0).number } }

    func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= 1e-12 * max(1, abs(b))
    }

    @Test func sharesOfRowsAndOfSums() throws {
        let session = Bundled.session()
        let byJudgement = try #require(Self.expected["share_by_judgement"] as? [String: Double])
        let listed = try session.result("list judgement, independent_author / reviews * 100 as share from overview_authors").table
        for row in 0..<listed.rowCount {
            let judgement = ValueFormatter.plain(listed.columns[0].value(at: row))
            #expect(close(listed.columns[1].value(at: row).number, byJudgement[judgement]), "\(judgement)")
        }
        let overall = try #require(Self.expected["share_overall"] as? Double)
        let total = try session.result("sum independent_author / sum reviews * 100 as share from overview_authors").table
        #expect(close(total.columns[0].value(at: 0).number, overall))
    }

    @Test func missingValuesPropagateAndAreCounted() throws {
        let worked = try #require(Self.expected["years_worked_out"] as? [Any])
        let result = try Bundled.session().result("list reviews / reviews_in_year * 100 as worked_out from years")
        let mine = numbers(result.table.columns[0])
        #expect(mine.count == worked.count)
        for (value, theirs) in zip(mine, worked) { #expect(close(value, theirs as? Double)) }
        let missing = try #require(Self.expected["years_missing"] as? Int)
        #expect(result.notes.contains(.computedMissing(label: "worked_out", missingOperand: missing, divisionByZero: 0, unit: "row")))
    }

    @Test func measuresWorkedOutPerGroup() throws {
        let shares = try #require(Self.expected["deaths_share_by_category"] as? [String: Double])
        let result = try Bundled.session().result("sum deaths / 174 * 100 as share from deaths_by_cause group by category").table
        for row in 0..<result.rowCount {
            let category = ValueFormatter.plain(result.columns[0].value(at: row))
            #expect(close(result.columns[1].value(at: row).number, shares[category]), "\(category)")
        }
    }

    @Test func dateDifferencesAndDatesMoved() throws {
        let session = Bundled.session()
        let over300 = try #require(Self.expected["reviews_more_than_300_days"] as? Int)
        #expect(try session.result("count reviews where days between 2008-04-01 and letter_date > 300").table.columns[0].value(at: 0) == .integer(Int64(over300)))
        #expect(try session.result("count reviews where letter_date - 2008-04-01 > 300").table.columns[0].value(at: 0) == .integer(Int64(over300)))
        let latest = try #require(Self.expected["latest_days"] as? Int)
        #expect(try session.result("max(letter_date - 2008-04-01) from reviews").table.columns[0].value(at: 0) == .integer(Int64(latest)))
        let byMonth = try #require(Self.expected["reviews_by_month_number"] as? [String: Int])
        let grouped = try session.result("count reviews group by months between 2008-04-01 and letter_date as m").table
        var mine: [String: Int] = [:]
        for row in 0..<grouped.rowCount {
            mine[ValueFormatter.plain(grouped.columns[0].value(at: row))] = Int(grouped.columns[1].value(at: row).number ?? -1)
        }
        #expect(mine == byMonth)
        let due = try #require(Self.expected["first_reply_due"] as? [String])
        let listed = try session.result("list letter_date + 28 as due from reviews where judgement = inadequate order by due limit 5").table
        #expect((0..<listed.rowCount).map { ValueFormatter.plain(listed.columns[0].value(at: $0)) } == due)
    }

    /// Every pair of dates of datedif.csv: days, whole months and whole years as LibreOffice
    /// calculated them.
    @Test func monthsAndYearsAsDatedif() throws {
        let session = Bundled.session()
        let path = Self.folder.appendingPathComponent("datedif.csv").path
        _ = session.run("load \"\(path)\" as dd")
        let rows = try session.result("count dd").table.columns[0].value(at: 0)
        #expect(rows == .integer(64))
        let wrong = try session.result("count dd where days between a and b != days or months between a and b != months or years between a and b != years or b - a != days")
        #expect(wrong.table.columns[0].value(at: 0) == .integer(0))
    }

    @Test func divisionByZeroIsMissingWithANote() throws {
        let result = try Bundled.session().result("list reviews / (reviews - reviews) as x from overview_authors")
        #expect(numbers(result.table.columns[0]) == [nil, nil, nil])
        #expect(result.notes == [.computedMissing(label: "x", missingOperand: 0, divisionByZero: 3, unit: "row")])
        // Three judgements divide by zero; the scale's fourth level, Outstanding, has no rows, so
        // its sums are missing.
        let grouped = try Bundled.session().result("sum reviews / (sum reviews - sum reviews) as x from overview_authors group by judgement")
        #expect(grouped.notes.contains(.computedMissing(label: "x", missingOperand: 1, divisionByZero: 3, unit: "group")))
    }

    @Test func overflowIsAnErrorNotAWrongNumber() {
        let outcome = Bundled.session().run("list reviews * 9223372036854775807 from overview_authors").last
        #expect(outcome?.failed == true)
        #expect(outcome?.diagnostics.first?.message.contains("too large") == true)
    }
}

/// How arithmetic parses: precedence, unary minus, `x -3`, names, the date words, and the
/// column called `years` that `years between 2 and 5` still tests.
@Suite struct ArithmeticParsingTests {
    @Test(arguments: [
        ("list a + b * c from t", "((list (+ a (* b c))) t)"),
        ("list (a + b) * c from t", "((list (* (+ a b) c)) t)"),
        ("list a - b - c from t", "((list (- (- a b) c)) t)"),
        ("list a -3, -a from t", "((list (- a 3) (neg a)) t)"),
        ("list a × 2 ÷ b − 1 from t", "((list (- (/ (* a 2) b) 1)) t)"),
        ("list round(a / b, 1) as r from t where r > 2", "((list (as (round (/ a b) 1) r)) t (where (> r 2)))"),
        ("count t where days between s and e > 30", "(count t (where (> (days s e) 30)))"),
        ("count t where years between 2 and 5", "(count t (where (between years 2 5)))"),
        ("count t where (a + 1) / 2 > 3 and b = 1", "(count t (where (and (> (/ (+ a 1) 2) 3) (= b 1))))"),
        ("count t where (a = 1 or b = 2)", "(count t (where (or (= a 1) (= b 2))))"),
        ("sum a / sum b * 100 as rate from t group by c having rate > 5", "((as (* (/ (sum a) (sum b)) 100) rate) t (group c) (having (> rate 5)))"),
        ("count t group by a as graph", nil),
    ] as [(String, String?)])
    func parses(_ text: String, _ tree: String?) {
        let parsed = try? Parser.parse(text)
        #expect(parsed.map(SyntaxPrinter.print) == tree, "\(text)")
    }
}
