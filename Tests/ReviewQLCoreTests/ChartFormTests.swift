import Foundation
import Testing
@testable import ReviewQLCore

/// Chart captions (`titled`, `subtitled`, `source`), time series (`as line chart`, `as column
/// chart`), two groups (`as grouped chart`, `as stacked chart`), their shades, PNG, and a
/// stored SVG of every chart kind checked as XML by Python's own parser.
@Suite struct ChartFormTests {
    let session = Bundled.session()

    // MARK: Parsing

    @Test func captionsAndFormsParse() throws {
        let statement = try Parser.parse("count reviews group by year_month(letter_date) as line chart titled \"T\" source \"S\" subtitled \"U\"")
        guard case .query(let query) = statement else { Issue.record("not a query"); return }
        #expect(query.chartForm == .line)
        #expect(query.presentation == .chart)
        #expect(query.captions == ChartCaptions(title: "T", subtitle: "U", source: "S"))
        // The group key is not named "line": the form words belong to the chart.
        #expect(query.groupBy.count == 1)
        guard case .query(let prefixed) = try Parser.parse("chart count reviews group by judgement titled \"T\"") else { return }
        #expect(prefixed.captions.title == "T" && prefixed.presentation == .chart)
    }

    @Test(arguments: [
        ("count reviews group by judgement as crosstab titled \"x\"", "`titled` is for a chart"),
        ("count reviews group by judgement titled \"x\"", "`titled` is for a chart"),
        ("count reviews group by judgement as chart titled \"x\" titled \"y\"", "the chart is already titled"),
        ("count reviews group by judgement as chart source", "`source` needs its text in quotes"),
        ("proportion of reviews where judgement = good group by region as stacked chart", "a stacked chart is drawn from a count or sum"),
    ])
    func captionProblems(_ text: String, _ message: String) {
        #expect(throws: Diagnostic.self) { try Parser.parse(text) }
        do { _ = try Parser.parse(text) } catch { #expect(error.message.hasPrefix(message), "\(error.message)") }
    }

    // MARK: Captions

    @Test func captionsInTheTerminalAndTheSVG() throws {
        let result = try session.result("count reviews group by judgement as chart titled \"Judgements <2008-09>\" subtitled \"England\" source \"Ofsted (2009)\"")
        let text = ChartRenderer.render(result, width: 80, unicode: true).split(separator: "\n").map(String.init)
        #expect(Array(text.prefix(2)) == ["Judgements <2008-09>", "England"])
        #expect(text.last == "Source: Ofsted (2009)")
        let svg = SVGChart.render(result, title: "")
        #expect(svg.contains("<title>Judgements &lt;2008-09&gt;</title>"))
        #expect(svg.contains("class=\"subtitle\">England</text>"))
        #expect(svg.contains("class=\"source\">Source: Ofsted (2009)</text>"))
    }

    /// Without a title the picture is headed by the statement in words: the sentence `explain`
    /// gives for the same query.
    @Test func defaultHeadingIsTheStatementInWords() throws {
        let query = "count reviews join authorities where judgement = inadequate group by region"
        guard case .explained(let explanation, _)? = session.run("explain " + query).last?.output else { Issue.record("no explanation"); return }
        let sentence = try #require(explanation.split(separator: "\n").first?.dropFirst("In words: ".count))
        let svg = SVGChart.render(try session.result(query + " as chart"), title: "")
        #expect(svg.contains("<title>" + SVGChart.escaped(sentence.prefix(1).uppercased() + sentence.dropFirst()) + "</title>"))
    }

    // MARK: Time series

    /// The good reviews by month, counted by Python's csv module from Data/reviews.csv (dates
    /// day first), every month from the first to the last, the empty ones as zero.
    @Test(.enabled(if: ExternalTools.hasPython)) func lineChartFillsEmptyMonthsWithZero() throws {
        let result = try session.result("count reviews where judgement = good group by year_month(letter_date) as line chart")
        let chart = try #require(result.chart)
        let drawn = chart.bars.map { "\($0.labelParts[0] ?? "")=\(Int($0.value ?? -1))" }.joined(separator: " ")
        let python = try ExternalTools.run("python3", ["-c", """
            import csv, collections, sys
            counts = collections.Counter()
            for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
                if row["judgement"].lower() == "good":
                    d, m, y = row["letter_date"].split("/")
                    counts[int(y) * 12 + int(m) - 1] += 1
            print(" ".join(f"{k // 12:04d}-{k % 12 + 1:02d}={counts[k]}" for k in range(min(counts), max(counts) + 1)))
            empty = [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(min(counts), max(counts) + 1) if counts[k] == 0]
            print(", ".join(empty))
            """, Bundled.dataFolder + "/reviews.csv"])
        let lines = python.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == drawn, "\(python.stderr)")
        #expect(result.notes.map(\.text).contains { $0.hasSuffix("drawn as zero: " + (lines.last ?? "?")) })
        #expect(ChartRenderer.render(result, width: 80, unicode: true).contains("months with no rows drawn as zero"))
    }

    /// A percent has nothing to measure in an empty period: a gap, not a zero.
    @Test func percentTimeSeriesLeavesGaps() throws {
        let result = try session.result("proportion of reviews where judgement = good group by year_month(letter_date) as column chart")
        let chart = try #require(result.chart)
        #expect(chart.bars.count == 14)  // April 2008 to May 2009
        #expect(result.notes.contains { if case .emptyPeriods(_, _, false) = $0 { true } else { false } } == chart.bars.contains { $0.value == nil })
    }

    @Test func timeSeriesRefusals() {
        let outcomes = session.run("count reviews group by authority as line chart")
        #expect(outcomes.last?.diagnostics.first?.message.contains("authority is not a period") == true)
        let limited = session.run("count reviews group by year_month(letter_date) limit 3 as column chart")
        #expect(limited.last?.diagnostics.first?.message.contains("leave out having and limit") == true)
    }

    @Test(arguments: [("2008-04", Period.month, 2008 * 12 + 3), ("2009 Q1", .quarter, 2009 * 4), ("2008-09", .financialYear, 2008), ("2010", .year, 2010)])
    func periodsReadAndWriteTheirLabels(_ label: String, _ period: Period, _ ordinal: Int) {
        #expect(period.ordinal(label) == ordinal)
        #expect(period.label(ordinal) == label)
    }

    @Test func ambiguousPeriodsAreNotGuessed() {
        #expect(Period.of(labels: ["2008-09", "2009-10", "2010-11"]) == nil)  // months, or financial years?
        #expect(Period.of(labels: ["2008-09", "2008-10", "2008-11"]) == .month)  // 2008-10 is no financial year
        #expect(Period.of(labels: ["2008-04", "2008-06"]) == .month)
    }

    // MARK: Two groups

    /// Region by judgement, counted by Python's csv module: each review's authority found in
    /// Data/authorities.csv by name or alias, ignoring case and spaces, as the join does.
    @Test(.enabled(if: ExternalTools.hasPython)) func stackedChartMatchesPythonsCounts() throws {
        let result = try session.result("count reviews join authorities group by region, judgement as stacked chart")
        let grid = try #require(result.chart?.grid)
        #expect(grid.series == ["Inadequate", "Adequate", "Good", "Outstanding"])  // the scale's order
        let drawn = zip(grid.rows, grid.cells).map { row, cells in row + ":" + cells.map { String(Int($0?.value ?? 0)) }.joined(separator: ",") }
        let python = try ExternalTools.run("python3", ["-c", """
            import csv, collections, sys
            key = lambda s: "".join(s.lower().split())
            region = {}
            for row in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
                for name in (row["name"], row["alias"]):
                    if name: region[key(name)] = row["region"]
            counts = collections.Counter()
            for row in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
                counts[(region[key(row["authority"])], row["judgement"].capitalize())] += 1
            for r in sorted({r for r, _ in counts}):
                print(r + ":" + ",".join(str(counts[(r, j)]) for j in ["Inadequate", "Adequate", "Good", "Outstanding"]))
            """, Bundled.dataFolder + "/reviews.csv", Bundled.dataFolder + "/authorities.csv"])
        #expect(drawn.joined(separator: "\n") + "\n" == python.stdout, "\(python.stderr)")
        let text = ChartRenderer.render(result, width: 80, unicode: true)
        #expect(text.contains("█ Inadequate  ▓ Adequate  ▒ Good  ░ Outstanding"))
    }

    @Test func twoWayRefusals() {
        let one = session.run("count reviews group by judgement as grouped chart")
        #expect(one.last?.diagnostics.first?.message.contains("needs two group columns") == true)
        let many = session.run("count reviews join authorities group by judgement, region as grouped chart")
        #expect(many.last?.diagnostics.first?.message.contains("at most 5 values") == true)
    }

    /// The shades' relative luminance worked out by Python (WCAG 2's formula), independently of
    /// the comment in ChartShades.swift: darkest first, each at least 0.12 lighter.
    @Test(.enabled(if: ExternalTools.hasPython)) func shadesStepInLightness() throws {
        let python = try ExternalTools.run("python3", ["-c", """
            import sys
            def lum(h):
                f = lambda c: c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                r, g, b = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
                return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
            print(" ".join(f"{lum(h):.4f}" for h in sys.argv[1:]))
            """] + ChartShades.colours)
        let values = python.stdout.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(values.count == ChartShades.count)
        for (darker, lighter) in zip(values, values.dropFirst()) { #expect(lighter - darker >= 0.12) }
    }

    // MARK: PNG

    @Test(.enabled(if: PNGConversion.converter() != nil)) func pngIsDrawnByRsvgConvert() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("judgements.png").path
        let outcomes = session.run("count reviews group by judgement as chart; save chart to \"\(path)\"")
        #expect(outcomes.allSatisfy { !$0.failed })
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR's width: the SVG's 720 at twice the size.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1440)
    }

    @Test func pngWithoutRsvgConvertNamesThePackage() throws {
        let session = Bundled.session()
        session.pngSearchPath = "/nonexistent-folder"
        let outcomes = session.run("count reviews group by judgement as chart; save chart to \"never.png\"")
        let message = try #require(outcomes.last?.diagnostics.first?.message)
        #expect(message.contains("rsvg-convert") && message.contains("librsvg2-bin"))
        #expect(!FileManager.default.fileExists(atPath: "never.png"))
    }

    // MARK: Every kind, stored and checked as XML

    static let kinds: [(file: String, statement: String)] = [
        ("bars", "count reviews group by judgement as chart titled \"Judgements of 173 serious case reviews\" subtitled \"England, 2008-09\" source \"Ofsted (2009)\""),
        ("intervals", "proportion of reviews join authorities where judgement = inadequate group by region as chart"),
        ("line", "count reviews where judgement = good group by year_month(letter_date) as line chart source \"Ofsted (2009)\""),
        ("columns", "proportion of reviews where judgement = inadequate group by year_quarter(letter_date) as column chart"),
        ("grouped", "count reviews join authorities group by type, judgement as grouped chart"),
        ("stacked", "count reviews join authorities group by region, judgement as stacked chart"),
        ("funnel", "proportion of reviews join authorities where judgement = inadequate group by region as funnel titled \"Inadequate reviews by region\" source \"Ofsted (2009)\""),
    ]

    /// Each kind's SVG parsed by Python's xml.etree (an independent XML parser): an `svg` root
    /// with a title and the marks of its kind; then compared with `Tests/Charts/kind-NAME.svg`
    /// byte for byte (re-record with REVIEWQL_RECORD=1 and look at the pictures).
    @Test(.enabled(if: ExternalTools.hasPython), arguments: kinds.map(\.file))
    func everyKindIsValidXMLAndStored(_ name: String) throws {
        let statement = try #require(Self.kinds.first { $0.file == name }).statement
        let result = try session.result(statement)
        let svg = result.funnel.map { FunnelChart.render($0, title: "", captions: result.captions) } ?? SVGChart.render(result, title: "")
        let check = try ExternalTools.run("python3", ["-c", """
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.read())
            ns = "{http://www.w3.org/2000/svg}"
            marks = len(root.findall(ns + "rect")) + len(root.findall(ns + "circle")) + len(root.findall(ns + "polyline"))
            print(root.tag == ns + "svg", bool(root.find(ns + "title").text), marks > 3)
            """], input: svg)
        #expect(check.stdout == "True True True\n", "\(check.stdout)\(check.stderr)")
        #expect(!svg.contains("<script") && !svg.contains("href"))
        let file = ExternalTools.testsFolder.appendingPathComponent("Charts/kind-\(name).svg")
        if ProcessInfo.processInfo.environment["REVIEWQL_RECORD"] == "1" {
            try svg.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(svg == (try String(contentsOf: file, encoding: .utf8)), "the SVG differs from Tests/Charts/kind-\(name).svg")
    }
}

/// The handout's "meaning in words" for statements other than plain queries.
@Suite struct StatementMeaningTests {
    @Test func handoutEntriesSayWhatProportionsAndComparisonsMean() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("handout.md").path
        let session = Bundled.session()
        let outcomes = session.run("""
            record "\(path)"
            proportion of reviews where judgement = inadequate group by judgement
            compare 20 of 50 as "2007-08" with 59 of 173 as "2008-09"
            show sql count reviews where judgement = good
            proportion 20 of 50 with 90% ci
            """)
        #expect(outcomes.allSatisfy { !$0.failed }, "\(outcomes.flatMap(\.diagnostics).map(\.message))")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("Work out the percent of reviews where judgement = inadequate, for each judgement, with its confidence interval."))
        #expect(text.contains("Compare 20 of 50 (2007-08) with 59 of 173 (2008-09): the difference between the two percents, its interval and a test."))
        #expect(text.contains("The same question in SQLite's SQL: count the reviews where judgement is Good."))
        #expect(text.contains("Work out 20 of 50 as a percent, with its confidence interval, at 90% confidence."))
    }

    /// A rate, two rates compared, and a rate with a population table each have a meaning line
    /// naming the counts as typed, the "per", the groups and where the population comes from.
    @Test func handoutEntriesSayWhatRatesMean() throws {
        let folder = try ExternalTools.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("handout.md").path
        let session = Bundled.session()
        let outcomes = session.run("""
            load "\(PopulationRatesTests.fixture)" as population
            record "\(path)"
            rate 173 of 52196381 as England per 1000000
            rate 26 of 5223344 as "Yorkshire and The Humber" with 11 of 5751443 as "East of England" per 1000000
            rate of reviews join authorities where judgement = inadequate group by region per 100000 people from population
            rate of reviews per 100000 people from population
            """)
        #expect(outcomes.allSatisfy { !$0.failed }, "\(outcomes.flatMap(\.diagnostics).map(\.message))")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("Work out 173 of 52196381 (England) as a rate per 1,000,000, with its exact Poisson interval."))
        #expect(text.contains("Compare the rate of 26 of 5223344 (Yorkshire and The Humber) with the rate of 11 of 5751443 "
            + "(East of England), per 1,000,000: the rate ratio, its interval and an exact test."))
        #expect(text.contains("Work out the rate of reviews where judgement = inadequate per 100,000 people for each region, "
            + "with the people added up from population, and each rate's exact Poisson interval."))
        #expect(text.contains("Work out the rate of reviews per 100,000 people, with the people added up from population, "
            + "and each rate's exact Poisson interval."))
    }
}
