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

    // MARK: Interval charts

    /// The Wilson intervals these tests check against, worked out apart from the code: R's
    /// `prop.test(x, n, correct = FALSE)$conf.int` (the Wilson score interval) and the formula
    /// by hand give 27.454% to 41.445% for 59 of 173 (the report's 27.5% to 41.4%), and
    /// 27.608% to 53.819% for 20 of 50.
    static let wilson59of173 = (estimate: 34.104, low: 27.454, high: 41.445)
    static let wilson20of50 = (estimate: 40.0, low: 27.608, high: 53.819)

    /// A comparison charts its percents with their intervals, not its counts. Worked out at
    /// width 60: "second" (6) + " │" + plot + " " + "40.0% (27.6 to 53.8)" (20) leaves 31
    /// columns, 0 to 30, for 0% to the largest upper bound, 53.819%. 59 of 173: 27.454 / 53.819
    /// × 30 = 15.30, so `├` at 15; 34.104 → 19.01, `●` at 19; 41.445 → 23.10, `┤` at 23. 20 of 50:
    /// 27.608 → 15.39, 15; 40.0 → 22.30, 22; 53.819 → 30, the last column.
    @Test func comparisonChartsPercentsWithIntervals() throws {
        let result = try session.result("compare 59 of 173 as first with 20 of 50 as second")
        let lines = ChartRenderer.render(result, width: 60, unicode: true).split(separator: "\n").map(String.init)
        #expect(lines[0] == "percent by group, with 95% confidence intervals")
        #expect(lines[1] == "first  │" + String(repeating: " ", count: 15) + "├───●───┤" + String(repeating: " ", count: 7) + " 34.1% (27.5 to 41.4)")
        #expect(lines[2] == "second │" + String(repeating: " ", count: 15) + "├──────●───────┤" + " 40.0% (27.6 to 53.8)")
        // Under the plot: 0% under the axis, the largest upper bound under the last column.
        #expect(lines[3] == "       0%" + String(repeating: " ", count: 32 - 2 - 5) + "53.8%")
        #expect(lines[4].hasPrefix("difference: "))
        let ascii = ChartRenderer.render(result, width: 60, unicode: false).split(separator: "\n").map(String.init)
        #expect(ascii[1] == "first  |" + String(repeating: " ", count: 15) + "|---o---|" + String(repeating: " ", count: 7) + " 34.1% (27.5 to 41.4)")
        #expect(ascii.prefix(4).allSatisfy { $0.allSatisfy(\.isASCII) })
    }

    /// Where the marks of one whisker line sit, counted in columns after the axis.
    static func whiskerMarks(_ line: String) -> (low: Int?, estimate: Int?, high: Int?) {
        let plot = Array(line.split(separator: "│", maxSplits: 1)[1])
        return (plot.firstIndex(of: "├"), plot.firstIndex(of: "●"), plot.firstIndex(of: "┤"))
    }

    /// At any width, each mark is within half a column of where its value falls on a plot
    /// running from 0% to the largest upper bound (53.819%, from 20 of 50).
    @Test(arguments: [40, 60, 80, 132])
    func whiskerPositionsFollowTheIntervals(width: Int) throws {
        let result = try session.result("compare 59 of 173 as first with 20 of 50 as second")
        let lines = ChartRenderer.render(result, width: width, unicode: true).split(separator: "\n").map(String.init)
        // What the line leaves for the plot once the label, the axis and the value are in.
        let plotWidth = width - "second".count - " │".count - " 40.0% (27.6 to 53.8)".count
        for (line, wilson) in [(lines[1], Self.wilson59of173), (lines[2], Self.wilson20of50)] {
            let marks = Self.whiskerMarks(line)
            for (mark, value) in [(marks.low, wilson.low), (marks.estimate, wilson.estimate), (marks.high, wilson.high)] {
                let exact = value / Self.wilson20of50.high * Double(plotWidth - 1)
                #expect(abs(Double(try #require(mark)) - exact) <= 0.501, "\(line) at width \(width)")
            }
            #expect(line.count <= width)
        }
    }

    /// A grouped proportion and a grouped count `with ci` both chart the percent with its
    /// interval; the count, the `of` and the note columns are neither the measure nor labels.
    @Test(arguments: [
        "proportion of reviews join authorities where judgement = inadequate group by region",
        "count reviews join authorities group by region with ci",
    ])
    func groupedIntervalsAreCharted(query: String) throws {
        let result = try session.result(query)
        let chart = try ChartData(result)
        #expect(chart.hasIntervals)
        #expect(chart.title == "percent by region, with 95% confidence intervals")
        #expect(chart.bars.count == 9)
        #expect(chart.bars.allSatisfy { $0.labelParts.count == 1 && $0.interval != nil })
        // The plot runs to the largest upper bound of all, so every whisker fits.
        #expect(chart.maximum == chart.bars.compactMap { $0.interval?.upperBound }.max())
        let text = ChartRenderer.render(result, width: 80, unicode: true)
        #expect(text.split(separator: "\n").filter { $0.contains("├") && $0.contains("●") && $0.contains("┤") }.count == 9)
    }

    /// 14 of 25 inadequate in the North West (the figures behind the golden transcript): Wilson's
    /// 95% interval, by R's prop.test(14, 25, correct = FALSE), is 37.1% to 73.3%.
    @Test func proportionAsChartDrawsAtOnce() throws {
        let result = try session.result("proportion of reviews join authorities where judgement = inadequate group by region as chart")
        #expect(result.isChart)
        let chart = try ResultWriter.render(result, as: .box)
        #expect(chart.hasPrefix("percent by region, with 95% confidence intervals\n"))
        // North West's upper bound is the largest, so its whisker ends at the last column.
        #expect(chart.contains("┤ 56.0% (37.1 to 73.3)\n"))
        // The chart has no note column, so the group the notes say is flagged (7 reviews in
        // the North East) is named under it.
        #expect(chart.hasSuffix("\nflagged (n < 10: interval very wide): North East"))
        // Ungrouped, there is nothing to put side by side.
        let outcomes = session.run("proportion of reviews where judgement = inadequate as chart")
        #expect(outcomes.last?.diagnostics.first?.message.hasPrefix("cannot draw this as a chart: a chart needs groups") == true)
        let crosstab = session.run("proportion of reviews join authorities where judgement = inadequate group by region as crosstab")
        #expect(crosstab.last?.diagnostics.first?.message == "a proportion is shown as a table or a chart")
    }

    /// Hidden groups (`set suppress below 5` hides the four regions with 1 to 4 inadequate)
    /// show `[c]` and draw no whisker, in the terminal and in SVG.
    @Test func suppressedRowsDrawNoWhisker() throws {
        let s = Bundled.session()
        let result = try s.result("set suppress below 5\nproportion of reviews join authorities where judgement = inadequate group by region")
        let hidden = ["East Midlands", "East of England", "London", "North East"]
        let lines = ChartRenderer.render(result, width: 80, unicode: true).split(separator: "\n").map(String.init)
        for line in lines.dropFirst().prefix(9) {
            let isHidden = hidden.contains { line.hasPrefix($0 + " ") }
            #expect(line.hasSuffix(" [c]") == isHidden, "\(line)")
            #expect(line.contains("├") != isHidden, "\(line)")
        }
        let svg = SVGChart.render(result, title: "")
        let parsed = Self.parse(svg, collecting: "value")
        #expect(parsed.error == nil)
        #expect(parsed.rects == 5)
        #expect(Self.intervals(svg) == 5)
        #expect(parsed.texts.prefix(4).allSatisfy { $0 == "[c]" })
        #expect(parsed.texts[4] == "56.0% (37.1 to 73.3)")
    }

    /// A hidden count in an ordinary chart shows `[c]`, as a table does, not the marker of a
    /// missing value, and has no bar. Bournemouth has 2 inadequate reviews (Appendix 2).
    @Test func hiddenCountsShowTheirMarker() throws {
        let s = Bundled.session()
        let result = try s.result("set suppress below 3\ncount reviews where judgement = inadequate group by authority")
        let line = try #require(ChartRenderer.render(result, width: 80, unicode: true).split(separator: "\n")
            .first { $0.hasPrefix("Bournemouth ") })
        #expect(line.hasSuffix(" │ [c]"))
        let svg = SVGChart.render(result, title: "")
        #expect(svg.contains("class=\"value\">[c]</text>"))
        #expect(!svg.contains("<title>Bournemouth: "))
    }

    /// How many whiskers an SVG document draws.
    static func intervals(_ svg: String) -> Int {
        svg.components(separatedBy: "<g class=\"interval\">").count - 1
    }

    /// The numeric attribute `name` of the first element in `piece` that has it.
    static func attribute(_ name: String, in piece: String) -> Double? {
        guard let after = piece.components(separatedBy: " \(name)=\"").dropFirst().first else { return nil }
        return Double(after.prefix { $0 != "\"" })
    }

    /// In SVG, each whisker's ends sit where its bounds fall on the bar's scale: the bar runs
    /// from the axis to the estimate, so low / estimate of the bar's width from its start.
    @Test func svgWhiskersFollowTheIntervals() throws {
        let result = try session.result("compare 59 of 173 as first with 20 of 50 as second")
        let svg = SVGChart.render(result, title: "Inadequate, 2008–09 against 2007–08")
        let parsed = Self.parse(svg, collecting: "value")
        #expect(parsed.error == nil)
        #expect(parsed.texts == ["34.1% (27.5 to 41.4)", "40.0% (27.6 to 53.8)"])
        #expect(Self.parse(svg, collecting: "subtitle").texts == ["percent by group, with 95% confidence intervals"])
        #expect(Self.intervals(svg) == 2)
        #expect(svg.contains("<title>first: 95% confidence interval 27.5% to 41.4%</title>"))
        let rows = svg.components(separatedBy: "<rect class=\"bar\"").dropFirst()
        for (row, wilson) in zip(rows, [Self.wilson59of173, Self.wilson20of50]) {
            let start = try #require(Self.attribute("x", in: row)), width = try #require(Self.attribute("width", in: row))
            let whisker = try #require(row.components(separatedBy: "class=\"whisker\"").dropFirst().first)
            let from = try #require(Self.attribute("x1", in: whisker)), to = try #require(Self.attribute("x2", in: whisker))
            // Coordinates are written to a tenth of a pixel.
            #expect(abs(from - (start + width * wilson.low / wilson.estimate)) < 0.2)
            #expect(abs(to - (start + width * wilson.high / wilson.estimate)) < 0.2)
        }
        // A long heading (a statement in words, a long title) is wrapped at a space over two lines.
        let long = SVGChart.render(result, title: "proportion of reviews join authorities where judgement = inadequate group by region")
        #expect(long.contains(">proportion of reviews join authorities where judgement = inadequate</text>"))
        #expect(long.contains(">group by region</text>"))
        // Without a title of its own, the chart's title is the heading, and no subtitle repeats it.
        let plain = SVGChart.render(result, title: "")
        #expect(plain.contains("<title>percent by group, with 95% confidence intervals</title>"))
        #expect(Self.parse(plain, collecting: "subtitle").texts.isEmpty)
    }
}
