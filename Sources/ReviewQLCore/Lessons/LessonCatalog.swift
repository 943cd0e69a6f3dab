/// The short course for trainers in `queries/teaching/`, in its running order, with the time
/// each lesson takes in front of a class: what `help lessons` and the banner name.
/// LessonCatalogTests checks each file is there and opens with its title.
public enum LessonCatalog {
    public struct Lesson: Sendable {
        public var number: Int
        public var file: String
        public var title: String
        public var minutes: Int
    }

    /// The folder, relative to the repository.
    public static let folder = "queries/teaching"

    public static let lessons: [Lesson] = [
        Lesson(number: 1, file: "01_percentages_and_denominators.rql",
               title: "a percentage means nothing without its denominator", minutes: 10),
        Lesson(number: 2, file: "02_intervals.rql", title: "a percentage from a sample of cases comes with uncertainty", minutes: 10),
        Lesson(number: 3, file: "03_comparing_years.rql", title: "comparing two years", minutes: 10),
        Lesson(number: 4, file: "04_cross_tabulation.rql", title: "cross-tabulation, and reading it both ways", minutes: 10),
        Lesson(number: 5, file: "05_league_tables_of_small_counts.rql", title: "why league tables of small counts mislead", minutes: 10),
        Lesson(number: 6, file: "06_funnel_plots_not_league_tables.rql",
               title: "funnel plots: each authority against what chance alone gives", minutes: 15),
        Lesson(number: 7, file: "07_rates_and_change.rql", title: "rates, and change over time", minutes: 15),
    ]

    public static var totalMinutes: Int { lessons.reduce(0) { $0 + $1.minutes } }

    /// The banner's line.
    public static var bannerLine: String {
        "Teaching: \(lessons.count) lessons for trainers, about \(totalMinutes) minutes (help lessons)."
    }

    /// `help lessons`.
    static func help() -> String {
        var lines = ["A short course on what review statistics do and do not show, in running order",
                     "(about \(totalMinutes) minutes in all). Step through one in front of a class:", "",
                     "  run \"\(folder)/\(lessons[0].file)\" step by step", "",
                     "The comments above each statement are shown as the story, then the statement; Enter",
                     "runs it, s skips it, b goes back a step, q stops. From the command line:",
                     "reviewql --step FILE. A handout: record \"lesson.html\" titled \"...\" first.", ""]
        for lesson in lessons {
            lines.append("  \(lesson.number). \(lesson.title) (\(lesson.minutes) min)")
            lines.append("     \(folder)/\(lesson.file)")
        }
        return lines.joined(separator: "\n")
    }
}
