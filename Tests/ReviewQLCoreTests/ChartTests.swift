import Foundation
import Testing
@testable import ReviewQLCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Bar charts of results, in a terminal and as SVG. The judgement figures are paragraph 86's:
/// 59 inadequate, 74 adequate, 40 good and none outstanding, of 173 reviews.
@Suite struct ChartTests {
    let session = Bundled.session()

    // MARK: Terminal charts

    /// Worked out by hand at width 60: "Outstanding" (11) + " │" + bar + " " + "74 (42.8%)" (10)
    /// leaves 36 columns for the longest bar. 59/74 of 36 columns is 28.70, to the nearest
    /// eighth 28 and 6/8 (▊); 40/74 of 36 is 19.46, 19 and 4/8 (▌); 0 has no bar.
    @Test func judgementChartInUnicode() throws {
        let result = try session.result("count reviews group by judgement")
        let expected = """
            count by judgement
            Inadequate  │████████████████████████████▊ 59 (34.1%)
            Adequate    │████████████████████████████████████ 74 (42.8%)
            Good        │███████████████████▌ 40 (23.1%)
            Outstanding │ 0 (0.0%)
            percent of 173 reviews
            """
        #expect(ChartRenderer.render(result, width: 60, unicode: true) == expected)
    }

    /// In whole columns: 28.70 rounds to 29 #, 19.46 to 19 #.
    @Test func judgementChartInASCII() throws {
        let result = try session.result("count reviews group by judgement")
        let expected = """
            count by judgement
            Inadequate  |############################# 59 (34.1%)
            Adequate    |#################################### 74 (42.8%)
            Good        |################### 40 (23.1%)
            Outstanding | 0 (0.0%)
            percent of 173 reviews
            """
        #expect(ChartRenderer.render(result, width: 60, unicode: false) == expected)
    }

    /// The bars' lengths, in eighths of a column, of a rendered unicode chart, by label.
    static func barLengths(_ chart: String) -> [String: Int] {
        let eighths: [Character: Int] = ["█": 8, "▏": 1, "▎": 2, "▍": 3, "▌": 4, "▋": 5, "▊": 6, "▉": 7]
        var lengths: [String: Int] = [:]
        for line in chart.split(separator: "\n") where line.contains("│") {
            let parts = line.split(separator: "│", maxSplits: 1)
            let label = parts[0].trimmingCharacters(in: .whitespaces)
            lengths[label] = parts[1].reduce(0) { $0 + (eighths[$1] ?? 0) }
        }
        return lengths
    }

    @Test(arguments: [40, 60, 80, 132])
    func barsAreProportional(width: Int) throws {
        let result = try session.result("count reviews group by judgement")
        let lengths = Self.barLengths(ChartRenderer.render(result, width: width, unicode: true))
        #expect(lengths.count == 4)
        let longest = try #require(lengths["Adequate"])
        #expect(lengths.values.max() == longest)
        #expect(lengths["Outstanding"] == 0)
        // Each bar is its share of the longest, to the nearest eighth of a column.
        for (label, count) in [("Inadequate", 59.0), ("Good", 40.0)] {
            let exact = count / 74 * Double(longest)
            #expect(abs(Double(lengths[label] ?? -100) - exact) <= 0.5, "\(label) at width \(width)")
        }
        // The longest bar fills the width the line leaves for it.
        let adequateLine = try #require(ChartRenderer.render(result, width: width, unicode: true)
            .split(separator: "\n").first { $0.hasPrefix("Adequate") })
        #expect(adequateLine.count == width)
    }

    @Test(arguments: [true, false])
    func narrowWidthStillFits(unicode: Bool) throws {
        for query in ["count reviews group by judgement", "sum children from ethnicity group by ethnicity",
                      "count reviews join authorities group by type, judgement"] {
            let result = try session.result(query)
            let chart = ChartRenderer.render(result, width: 40, unicode: unicode)
            let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 1 + result.table.rowCount + result.noteLines.count
                        + (query.contains("ethnicity") ? 1 : 0))  // its note wraps onto two lines
            for line in lines {
                #expect(line.count <= 40, "\(query): \"\(line)\" is \(line.count) wide")
            }
            // Every bar line keeps its value at the end.
            #expect(lines.dropFirst().prefix(result.table.rowCount).allSatisfy { $0.last!.isNumber || $0.hasSuffix("%)") })
        }
    }

    @Test func longLabelsAreTruncated() throws {
        let result = try session.result("sum children from ethnicity group by ethnicity")
        let chart = ChartRenderer.render(result, width: 80, unicode: true)
        // "Asian or Asian British - Pakistani" is 34 characters: cut to 29 and an ellipsis.
        #expect(chart.contains("\nAsian or Asian British - Paki… │▊ 3 (1.4%)\n"))
        #expect(!chart.contains("Pakistani"))
        // 80 - 30 - " │" - " " - "135 (61.6%)" leaves 36 columns; 1/135 of 36 is 0.27, two eighths.
        #expect(chart.contains("\nChinese" + String(repeating: " ", count: 23) + " │▎ 1 (0.5%)\n"))
        let ascii = ChartRenderer.render(result, width: 80, unicode: false)
        #expect(ascii.contains("\nAsian or Asian British - Pa... |#"))
        #expect(ascii.allSatisfy { $0.isASCII })
    }

    @Test func titleAndNotes() throws {
        let result = try session.result("count reviews join authorities group by type, judgement limit 5")
        let chart = ChartRenderer.render(result, width: 80, unicode: true)
        let lines = chart.split(separator: "\n")
        #expect(lines.first == "count by type / judgement")
        #expect(lines[1].hasPrefix("county / Inadequate         │"))
        #expect(lines.suffix(2) == ["percent of 173 reviews", "showing 5 of 16 groups"])
        #expect(ChartRenderer.title(for: result) == "count by type / judgement")
    }

    /// A small table where the sums are worked out by hand: a = 2 + 3 = 5, b = 0, c has only a
    /// missing value, so its sum is missing.
    static func smallSession(_ values: [Value]) -> Session {
        let session = Session()
        let table = Table(name: "t", columns: [
            Column(name: "g", values: [.text("a"), .text("a"), .text("b"), .text("c")]),
            Column(name: "x", values: values),
        ])
        session.add(Dataset(table: table, path: "t.csv"))
        return session
    }

    @Test func missingAndZeroValues() throws {
        let s = Self.smallSession([.integer(2), .integer(3), .integer(0), .missing])
        let result = try s.result("sum x from t group by g")
        let chart = ChartRenderer.render(result, width: 30, unicode: true)
        let lines = chart.split(separator: "\n").map(String.init)
        // 30 - "a" - " │" - " " - "5 (100.0%)" leaves 16 columns for a's bar.
        #expect(lines[0] == "sum(x) by g")
        #expect(lines[1] == "a │" + String(repeating: "█", count: 16) + " 5 (100.0%)")
        #expect(lines[2] == "b │ 0 (0.0%)")
        #expect(lines[3] == "c │ ·")
        // Notes wrap at spaces to fit the width.
        #expect(chart.hasSuffix("\n1 row with no value is left\nout of sum(x)\npercent of 5, the sum of x in\nall groups"))
        #expect(ChartRenderer.render(result, width: 30, unicode: false).contains("\nc | .\n"))
        let svg = SVGChart.render(result, title: "")
        #expect(Self.bars(svg) == 2)  // none for the missing sum
        #expect(svg.contains(">·</text>"))
    }

    // MARK: What cannot be charted

    @Test(arguments: [
        ("count reviews", "a chart needs groups: add group by and a column to compare, e.g. count reviews group by judgement"),
        ("count, sum deaths from deaths_by_cause", "a chart needs groups: add group by and a column to compare, e.g. count reviews group by judgement"),
        ("list reviews", "nothing to chart: a chart needs a numeric column, and this result has none (authority, judgement, letter_date); chart a count or a sum, e.g. count reviews group by judgement"),
        ("count, sum deaths from deaths_by_cause group by category", "a chart shows one measure; this result has count and sum(deaths): ask for one"),
        ("min letter_date, count, max letter_date from reviews group by judgement", "a chart shows one measure; this result has min(letter_date), count and max(letter_date): ask for one"),
        ("max letter_date from reviews group by judgement", "a chart needs numbers, but max(letter_date) is a date: chart a count or a sum, e.g. count reviews group by judgement"),
        ("count reviews where judgement = outstanding group by authority", "nothing to chart: the result has no rows"),
        ("list reviews from risk_factors", "a chart needs a column of names for its bars: list one beside reviews, e.g. list risk_factor, reviews from risk_factors"),
    ])
    func notChartable(query: String, message: String) throws {
        let result = try session.result(query)
        #expect(ChartRenderer.problem(with: result) == message)
        #expect(ChartRenderer.render(result, width: 80, unicode: true) == message)
        let svg = SVGChart.render(result, title: query)
        #expect(Self.bars(svg) == 0)
        let parsed = Self.parse(svg, collecting: "problem")
        #expect(parsed.error == nil)
        #expect(parsed.texts.joined(separator: " ") == message)
    }

    @Test func negativeValuesAreNotCharted() throws {
        let s = Self.smallSession([.integer(2), .integer(-7), .integer(1), .integer(4)])
        let result = try s.result("sum x from t group by g")
        #expect(ChartRenderer.problem(with: result)
                == "cannot chart negative values: sum(x) is -5 for \"a\", and the bars start at zero; chart a measure with no negative values")
    }

    @Test(arguments: [
        "count reviews group by judgement",
        "sum children from ethnicity group by broad_group",
        "count reviews group by year(letter_date), judgement",
        "list risk_factor, reviews from risk_factors",
        "average deaths from deaths_by_cause group by category",
    ])
    func chartable(query: String) throws {
        let result = try session.result(query)
        #expect(ChartRenderer.problem(with: result) == nil)
    }

    // MARK: SVG

    /// How many bars an SVG document draws.
    static func bars(_ svg: String) -> Int {
        svg.components(separatedBy: "<rect class=\"bar\"").count - 1
    }

    /// Parses `svg` as XML, returning the parser's error if it is not well formed, and the
    /// text of every element whose class is `className`.
    static func parse(_ svg: String, collecting className: String = "category") -> (error: Error?, texts: [String], rects: Int) {
        final class Collector: NSObject, XMLParserDelegate {
            let className: String
            var texts: [String] = []
            var current: String?
            var rects = 0
            init(className: String) { self.className = className }
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "rect", attributes["class"] == "bar" { rects += 1 }
                if attributes["class"] == className { current = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if let text = current { texts.append(text); current = nil }
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector(className: className)
        parser.delegate = collector
        let ok = parser.parse()
        return (ok ? nil : parser.parserError ?? CocoaError(.coderReadCorrupt), collector.texts, collector.rects)
    }

    @Test func judgementSVG() throws {
        let result = try session.result("count reviews group by judgement")
        let svg = SVGChart.render(result, title: "Judgements of 173 serious case reviews, 2008–09")
        let parsed = Self.parse(svg)
        #expect(parsed.error == nil)
        #expect(parsed.rects == 4)
        #expect(Self.bars(svg) == 4)
        #expect(parsed.texts == ["Inadequate", "Adequate", "Good", "Outstanding"])
        #expect(Self.parse(svg, collecting: "value").texts == ["59 (34.1%)", "74 (42.8%)", "40 (23.1%)", "0 (0.0%)"])
        #expect(Self.parse(svg, collecting: "axis-label").texts == ["judgement", "count"])
        #expect(svg.contains(">Judgements of 173 serious case reviews, 2008–09</text>"))
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\""))
        #expect(!svg.contains("href"))  // nothing fetched from elsewhere
    }

    /// The whole document, compared with `Tests/Charts/judgement.svg` byte for byte. After a
    /// deliberate change, re-record with `REVIEWQL_RECORD=1 swift test --filter ChartTests`
    /// and look at the picture before committing it.
    @Test func judgementSVGMatchesStoredFile() throws {
        let result = try session.result("count reviews group by judgement")
        let svg = SVGChart.render(result, title: "Judgements of 173 serious case reviews, 2008–09")
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Charts/judgement.svg")
        if ProcessInfo.processInfo.environment["REVIEWQL_RECORD"] == "1" {
            try svg.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(svg == (try String(contentsOf: file, encoding: .utf8)), "the SVG differs from Tests/Charts/judgement.svg")
    }

    /// Bar widths in the SVG are proportional: Adequate's is the full plot width.
    @Test func svgBarsAreProportional() throws {
        let result = try session.result("count reviews group by judgement")
        let svg = SVGChart.render(result, title: "")
        let widths = svg.components(separatedBy: "<rect class=\"bar\"").dropFirst().map { piece -> Double in
            let after = piece.components(separatedBy: "width=\"")[1]
            return Double(after.prefix { $0 != "\"" })!
        }
        #expect(widths.count == 4)
        #expect(widths[3] == 0)
        #expect(abs(widths[0] / widths[1] - 59.0 / 74) < 0.001)
        #expect(abs(widths[2] / widths[1] - 40.0 / 74) < 0.001)
        #expect(svg.contains("<title>count by judgement</title>"))  // an empty title gives the chart's own
    }

    @Test func svgEscapesLabelsFromData() throws {
        let result = try session.result("count reviews group by authority")
        let svg = SVGChart.render(result, title: "Reviews by authority <2008–09> & \"more\"")
        let parsed = Self.parse(svg)
        #expect(parsed.error == nil)
        #expect(parsed.rects == result.table.rowCount)
        #expect(svg.contains(">Barking &amp; Dagenham</text>"))
        #expect(parsed.texts.contains("Barking & Dagenham"))
        #expect(svg.contains("Reviews by authority &lt;2008–09&gt; &amp; &quot;more&quot;"))
    }

    @Test func svgOfControlCharactersIsStillXML() throws {
        let session = Session()
        let table = Table(name: "t", columns: [
            Column(name: "name", values: [.text("bell\u{07}<b>"), .text("tab\there")]),
            Column(name: "n", values: [.integer(3), .integer(4)]),
        ])
        session.add(Dataset(table: table, path: "t.csv"))
        let result = try session.result("count t group by name")
        let svg = SVGChart.render(result, title: "esc \u{1B}[31m")
        let parsed = Self.parse(svg)
        #expect(parsed.error == nil)
        #expect(parsed.texts == ["bell\\x07<b>", "tab\\there"])
    }
}
