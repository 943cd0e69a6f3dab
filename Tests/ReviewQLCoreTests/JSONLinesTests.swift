import Foundation
import Testing
@testable import ReviewQLCore

/// `--format json` for R and Python: one JSON document per statement, one per line (JSON
/// Lines), each with its notes inside; the statistics of proportion, compare and chi-square
/// as columns in CSV and JSON, checked against R's answers.
@Suite struct JSONLinesTests {
    let here = URL(fileURLWithPath: NSTemporaryDirectory())
    static let statements = """
        count reviews group by judgement
        proportion of reviews where judgement = inadequate
        compare 20 of 50 as "2007-08" with 59 of 173 as "2008-09"
        count reviews join authorities group by type, judgement as crosstab with chi-square
        list authority, letter_date from reviews where authority = norfolk
        """

    /// Python's json module reads every line of the output as a document, with the columns,
    /// rows and notes of each statement; nothing goes to standard error.
    @Test(.enabled(if: ExternalTools.hasPython, "needs python3"))
    func pythonReadsEveryStatementsDocument() throws {
        let run = try ReviewQLProcess.run(["--format", "json", "-c", Self.statements], directory: here)
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let reader = """
            import json, sys
            for line in sys.stdin:
                d = json.loads(line)
                print(d["statement"], len(d["rows"]), [c["name"] for c in d["columns"]][:3], len(d["notes"]), sep=" | ")
            """
        let parsed = try ExternalTools.run("python3", ["-c", reader], input: run.stdout)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.split(separator: "\n").map(String.init) == [
            "count reviews group by judgement | 4 | ['judgement', 'count', 'percent'] | 1",
            // The one note names the interval's method and the R call.
            "proportion of reviews where judgement = inadequate | 1 | ['count', 'of', 'percent'] | 1",
            "compare 20 of 50 as \"2007-08\" with 59 of 173 as \"2008-09\" | 2 | ['group', 'count', 'of'] | 5",
            "count reviews join authorities group by type, judgement as crosstab with chi-square | 4 | ['type', 'Inadequate', 'Adequate'] | 4",
            "list authority, letter_date from reviews where authority = norfolk | 3 | ['authority', 'letter_date'] | 0",
        ])
    }

    func documents() throws -> [[String: Any]] {
        let run = try ReviewQLProcess.run(["--format", "json", "-c", Self.statements], directory: here)
        return try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    /// The statistics are numbers in the rows, as R gives them:
    /// `prop.test(59, 173, correct = FALSE)$conf.int` = 0.274538586692, 0.414448371645;
    /// `prop.test(c(20, 59), c(50, 173), correct = FALSE)`: X-squared = 0.58943989171, p = 0.44263579088;
    /// `fisher.test(matrix(c(20, 30, 59, 114), 2, byrow = TRUE))$p.value` = 0.502643796287;
    /// `chisq.test(matrix(c(21,25,12, 4,11,13, 19,25,10, 15,13,5), 4, byrow = TRUE), correct = FALSE)`:
    /// X-squared = 13.0190789243, df = 6, p = 0.0427339705996 (R 4.2).
    @Test func statisticsAreColumnsMatchingR() throws {
        let docs = try documents()
        #expect(docs.count == 5)
        func rows(_ i: Int) -> [[String: Any]] { docs[i]["rows"] as? [[String: Any]] ?? [] }
        func close(_ value: Any?, _ expected: Double, _ what: String) {
            let number = value as? Double ?? .nan
            #expect(abs(number - expected) < 1e-9, "\(what): \(number) against R's \(expected)")
        }
        let proportion = rows(1)[0]
        close(proportion["95% CI from"], 27.4538586692, "Wilson lower")
        close(proportion["to"], 41.4448371645, "Wilson upper")
        #expect(proportion["method"] as? String == "Wilson score interval, no continuity correction")
        for row in rows(2) {
            close(row["chi-square"], 0.58943989171, "chi-square")
            close(row["chi-square p"], 0.44263579088, "chi-square p")
            close(row["fisher p"], 0.502643796287, "Fisher p")
            #expect(row["df"] as? Int == 1)
        }
        close(rows(2)[0]["95% CI from"], 27.6083897303, "Wilson lower, 20 of 50")
        let notes = docs[2]["notes"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("chi-square test (Pearson's, no continuity correction): χ² = 0.59 on 1 degree of freedom, p = 0.44") })
        for row in rows(3) {
            close(row["chi-square"], 13.0190789243, "independence chi-square")
            close(row["chi-square p"], 0.0427339705996, "independence p")
            #expect(row["df"] as? Int == 6)
        }
    }

    /// CSV carries the same statistics as columns (the notes go to standard error).
    @Test func csvCarriesTheStatistics() throws {
        let run = try ReviewQLProcess.run(["--format", "csv", "-c", "compare 20 of 50 with 59 of 173"], directory: here)
        let header = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header == "group,count,of,percent,95% CI from,to,method,difference,difference 95% CI from,difference to,difference method,chi-square,df,chi-square p,chi-square method,z,fisher p,fisher method,test to read")
        #expect(run.stderr.contains("note: chi-square test"))
    }

    /// Suppression hides the tests, in the columns as in the notes.
    @Test func suppressedCountsHideTheTestColumns() throws {
        let run = try ReviewQLProcess.run(["--format", "json", "-c", "set suppress below 25; compare 20 of 50 with 59 of 173"], directory: here)
        #expect(!run.stdout.contains("chi-square"))
        #expect(run.stdout.contains("not shown, since it could give hidden counts away: the difference and the tests"))
    }
}
