import Foundation
import Testing
@testable import ReviewQLCore

/// The output formats: exact round trips, valid JSON, and what a narrow screen shows.
@Suite struct RenderingTests {
    let session = Bundled.session()

    /// Every bundled dataset written as CSV reads back through the loader to the same values,
    /// cell by cell (types included).
    @Test(arguments: ["reviews", "statements", "authorities", "ethnicity", "completion_times", "years", "deaths_by_cause"])
    func csvRoundTrip(_ name: String) throws {
        let original = try session.result("list \(name)").table
        let csv = try ResultWriter.render(QueryResult(table: original), as: .csv)
        let reread = try CSVReader.read(Array(csv.utf8), name: name, file: "roundtrip.csv")
        #expect(reread.columns.map(\.name) == original.columns.map(\.name))
        #expect(reread.rowCount == original.rowCount)
        for row in 0..<original.rowCount {
            #expect(reread.row(row) == original.row(row), "row \(row) of \(name)")
        }
    }

    @Test func csvQuotesWhatNeedsIt() throws {
        let table = Table(name: "t", columns: [
            Column(name: "text", values: [.text("a,b"), .text("say \"hi\""), .text("two\nlines"), .text(" padded "), .missing]),
        ])
        let csv = try ResultWriter.render(QueryResult(table: table), as: .csv)
        #expect(csv == "text\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\" padded \"\n\"\"")
        let reread = try CSVReader.read(Array(csv.utf8), name: "t", file: "t.csv")
        #expect(reread.rowCount == 5)
        #expect((0..<reread.rowCount).map(reread.columns[0].value(at:)) == (0..<5).map(table.columns[0].value(at:)))
    }

    @Test func jsonIsValidAndTyped() throws {
        let result = try session.result("list reviews where authority = norfolk")
        let json = try ResultWriter.render(result, as: .json)
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let parsed = document?["rows"] as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?.first?["letter_date"] as? String == "2008-11-19")
        let counts = try ResultWriter.render(try session.result("count reviews group by judgement"), as: .json)
        let countsDocument = try JSONSerialization.jsonObject(with: Data(counts.utf8)) as? [String: Any]
        let rows = countsDocument?["rows"] as? [[String: Any]]
        #expect(rows?.first?["count"] as? Int == 59)
        #expect(countsDocument?["notes"] as? [String] == ["percent of 173 reviews"])
        let missing = try ResultWriter.render(try session.result("list completion_times where reviews is missing"), as: .json)
        #expect(missing.contains("\"reviews\":null"))
    }

    /// `null` in JSON means missing: a number JSON cannot hold (an overflow's infinity) is an
    /// error naming its column and row, and `save` writes no file at all.
    @Test(arguments: [Double.infinity, -.infinity, .nan])
    func jsonRefusesANumberItCannotHold(_ number: Double) throws {
        let table = Table(name: "t", columns: [
            Column(name: "area", values: [.text("Leeds"), .text("Hull")]),
            Column(name: "total", values: [.decimal(2.5), .decimal(number)]),
        ])
        #expect(throws: Diagnostic.self) { try ResultWriter.render(QueryResult(table: table), as: .json) }
        do {
            _ = try ResultWriter.render(QueryResult(table: table), as: .json)
        } catch {
            #expect(error.message == "cannot write JSON: column \"total\", row 2 is \(number), which JSON cannot hold")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString).json").path
        #expect(throws: Diagnostic.self) { try Session().write(QueryResult(table: table), to: path, as: .json) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [30, 40, 50, 60])
    func narrowTablesFitTheirWidth(width: Int) throws {
        let result = try session.result("list reviews where authority contains \"&\"")
        let natural = TableRenderer(style: .box).render(result)
        // Widest cells: "Hammersmith & Fulham" 20, "judgement" 9, "letter_date" 11; plus 3 a column and 1.
        let naturalWidth = natural.split(separator: "\n")[0].count
        let text = TableRenderer(style: .box, options: RenderOptions(width: width)).render(result)
        let tableLines = text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }
        // Text columns shrink to no less than 8 characters, so 30 cannot be reached: 40 is the floor here.
        #expect(tableLines.allSatisfy { $0.count <= max(width, 40) })
        #expect(text.contains("…") == (naturalWidth > width))
        // The footer is a sentence, wrapped to the width like the notes.
        let sentences = text.split(separator: "\n").joined(separator: " ")
        #expect(sentences.contains("was shortened to fit \(width) columns") == (naturalWidth > width))
        #expect(naturalWidth == 20 + 9 + 11 + 3 * 3 + 1)
    }

    @Test func maxRowsShowsHeadAndTail() throws {
        let result = try session.result("count reviews group by authority")
        let text = TableRenderer(style: .ascii, options: RenderOptions(maxRows: 4)).render(result)
        #expect(text.contains("~ 93 more rows ~"))
        #expect(text.contains("Barking & Dagenham"))
        #expect(text.contains("York"))
        #expect(text.contains("97 rows; 93 not shown"))
    }

    @Test func colourChangesNothingButEscapes() throws {
        let result = try session.result("count reviews group by judgement")
        let plain = TableRenderer(style: .box).render(result)
        let coloured = TableRenderer(style: .box, options: RenderOptions(colour: true)).render(result)
        #expect(coloured != plain)
        let stripped = coloured.replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(of: "\u{1B}[2m", with: "")
            .replacingOccurrences(of: "\u{1B}[0m", with: "")
        #expect(stripped == plain)
    }
}
