import Foundation
import Testing

/// docs/STATISTICS.md stays true: Tests/r-python-check.sh computes every interval and test
/// ReviewQL gives on the bundled data again in R and in Python (scipy, statsmodels), and every
/// figure must agree. CI has no R: there the test is skipped.
@Suite struct StatisticsInRAndPythonTests {
    static let hasRAndScipy = ExternalTools.which("Rscript") != nil
        && (try? ExternalTools.run("python3", ["-c", "import scipy"]).status) == 0

    @Test(.enabled(if: hasRAndScipy, "needs Rscript and python3 with scipy; CI has neither"))
    func rAndPythonAgreeWithReviewQL() throws {
        let script = ExternalTools.testsFolder.appendingPathComponent("r-python-check.sh").path
        let run = try ExternalTools.run("env", ["REVIEWQL=\(ReviewQLProcess.executable.path)", "bash", script])
        #expect(run.status == 0, "\(run.stdout.suffix(2000))\(run.stderr)")
        #expect(run.stdout.contains(", 0 disagreeing"))
        #expect(!run.stdout.contains("**NO**"))
    }
}
