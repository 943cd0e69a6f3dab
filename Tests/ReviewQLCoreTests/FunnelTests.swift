import Foundation
import Testing
@testable import ReviewQLCore

/// Funnel plots: the control limits and each group's place against them, checked against
/// SciPy's binomial distribution (scipy.stats.binom), and the picture as valid XML.
@Suite struct FunnelTests {
    static let p0 = 59.0 / 173.0
    static let sizes = [1, 2, 3, 4, 5, 7, 11, 16, 25, 28, 100, 1000]

    /// Spiegelhalter's interpolated exact limits, worked out in Python with SciPy:
    /// r = binom.ppf(q, n, p0), α = (cdf(r) − q) / (cdf(r) − cdf(r − 1)), limit = (r − α) / n.
    @Test(.enabled(if: FunnelTests.hasSciPy)) func limitsMatchSciPy() throws {
        let script = """
            import json, sys
            from scipy.stats import binom
            p0 = 59 / 173
            def limit(q, n):
                r = binom.ppf(q, n, p0)
                F, below = binom.cdf(r, n, p0), binom.cdf(r - 1, n, p0)
                return min(1.0, max(0.0, (r - (F - q) / (F - below)) / n))
            print(json.dumps({str(n): [limit(q, n) for q in (0.025, 0.975, 0.001, 0.999)] for n in \(Self.sizes)}))
            """
        let run = try ExternalTools.run("python3", ["-c", script])
        let expected = try JSONDecoder().decode([String: [Double]].self, from: Data(run.stdout.utf8))
        for n in Self.sizes {
            let ours = FunnelLimits.limits(n: n, p0: Self.p0)
            let theirs = try #require(expected[String(n)])
            for (mine, scipy) in zip([ours.lower95, ours.upper95, ours.lower998, ours.upper998], theirs) {
                #expect(abs(mine - scipy) < 1e-9, "n = \(n): \(mine) against SciPy's \(scipy)")
            }
        }
    }

    /// Each region's place, from SciPy's exact tails: above when binom.sf(x − 1) < 0.025
    /// (0.001), below when binom.cdf(x) < 0.025 (0.001).
    @Test(.enabled(if: FunnelTests.hasSciPy)) func groupsOutsideMatchSciPy() throws {
        let session = Bundled.session()
        let outcome = try #require(session.run("proportion of reviews join authorities where judgement = inadequate group by region as funnel").last)
        guard case .result(let result)? = outcome.output, let funnel = result.funnel else { Issue.record("no funnel"); return }
        let pairs = funnel.points.map { "(\($0.events), \($0.trials))" }.joined(separator: ", ")
        let script = """
            from scipy.stats import binom
            p0 = 59 / 173
            for x, n in [\(pairs)]:
                up, down = binom.sf(x - 1, n, p0), binom.cdf(x, n, p0)
                print("above 99.8% limit" if up < 0.001 else "above 95% limit" if up < 0.025 else
                      "below 99.8% limit" if down < 0.001 else "below 95% limit" if down < 0.025 else "within limits")
            """
        let run = try ExternalTools.run("python3", ["-c", script])
        #expect(run.stdout.split(separator: "\n").map(String.init) == funnel.points.map { funnel.position($0).rawValue })
        #expect(result.noteLines.contains("outside the 95% limits only: London (4 of 28, below), North West (14 of 25, above)"))
    }

    /// The funnel of all 97 authorities: none is outside, though a league table would put
    /// 20 of them at 100%.
    @Test func noAuthorityIsOutside() throws {
        let outcome = try #require(Bundled.session().run("proportion of reviews where judgement = inadequate group by authority as funnel").last)
        guard case .result(let result)? = outcome.output else { Issue.record("no result"); return }
        #expect(result.noteLines.contains("outside the 99.8% limits: none"))
        #expect(result.noteLines.contains("outside the 95% limits only: none"))
    }

    @Test func refusals() {
        let session = Bundled.session()
        #expect(session.run("count reviews group by authority as funnel").last?.diagnostics.first?.message
                == "a funnel plot is of a proportion: each group's share against its number of rows")
        #expect(session.run("proportion of reviews where judgement = inadequate as funnel").last?.failed == true)
        #expect(session.run("set suppress below 5\nproportion of reviews where judgement = inadequate group by authority as funnel").last?.failed == true)
    }

    /// The picture: valid XML, the limits drawn, a dot per group, the two outside named;
    /// compared with `Tests/Charts/funnel_regions.svg` (re-record with REVIEWQL_RECORD=1).
    @Test(.enabled(if: ExternalTools.hasPython)) func funnelSVGIsValidAndMatchesStoredFile() throws {
        let outcome = try #require(Bundled.session().run("proportion of reviews join authorities where judgement = inadequate group by region as funnel").last)
        guard case .result(let result)? = outcome.output, let funnel = result.funnel else { Issue.record("no funnel"); return }
        let svg = FunnelChart.render(funnel, title: "")
        // Parsed by Python's XML parser, an independent one: dots, limit lines, labels.
        let check = try ExternalTools.run("python3", ["-c", """
            import sys, xml.etree.ElementTree as ET
            root = ET.fromstring(sys.stdin.read())
            ns = "{http://www.w3.org/2000/svg}"
            print(root.tag == ns + "svg", len(root.findall(ns + "circle")), len(root.findall(ns + "polyline")),
                  "|".join(sorted(t.text for t in root.findall(ns + "text") if t.get("class") == "label")))
            """], input: svg)
        #expect(check.stdout == "True 9 4 London|North West\n", "\(check.stdout)\(check.stderr)")
        #expect(!svg.contains("<script") && !svg.contains("href"))
        let file = ExternalTools.testsFolder.appendingPathComponent("Charts/funnel_regions.svg")
        if ProcessInfo.processInfo.environment["REVIEWQL_RECORD"] == "1" {
            try svg.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(svg == (try String(contentsOf: file, encoding: .utf8)), "the SVG differs from Tests/Charts/funnel_regions.svg")
    }

    static let hasSciPy = (try? ExternalTools.run("python3", ["-c", "import scipy"]).status) == 0
}
