/// The `help` topics that are not one word of the language: how to write values, what a
/// percent is of, intervals, comparing, suppression, charts, export and the lessons. Each
/// names the statements to try; `help` lists them.
enum HelpTopic: String, CaseIterable {
    case quotes, dates, percents, intervals, comparing, suppression, charts, export, lessons, parameters

    /// Other words people type for the topic.
    var synonyms: [String] {
        switch self {
        case .quotes: return ["quote", "quoting", "values", "names"]
        case .dates: return ["date", "periods", "years"]
        case .percents: return ["percent", "percentages", "percentage", "denominators", "denominator"]
        case .intervals: return ["interval", "ci", "confidence"]
        case .comparing: return ["compare-topic", "tests", "significance"]
        case .suppression: return ["suppress", "small counts", "disclosure"]
        case .charts: return ["graphs", "funnel", "plots"]
        case .export: return ["exporting", "excel", "output", "files"]
        case .lessons: return ["lesson", "teaching", "course"]
        case .parameters: return ["parameter", "params", "--set", "variables"]
        }
    }

    static func named(_ word: String) -> HelpTopic? {
        allCases.first { $0.rawValue == word || $0.synonyms.contains(word) }
    }

    /// One line for the overview.
    var summary: String {
        switch self {
        case .quotes: return "when a value or name needs quotes"
        case .dates: return "writing dates, and grouping by month, quarter or financial year"
        case .percents: return "what a percent is of: its denominator"
        case .intervals: return "confidence intervals, and the methods used"
        case .comparing: return "comparing two proportions, and the tests"
        case .suppression: return "hiding small counts before sharing results"
        case .charts: return "charts in the terminal and as pictures"
        case .export: return "saving results for Excel, Word and the web"
        case .lessons: return "the lessons for trainers, in running order"
        case .parameters: return "scripts that take a value: :authority and --set authority=Norfolk"
        }
    }

    var text: String {
        switch self {
        case .quotes:
            return """
                Values and names are written bare when they are one word: judgement = inadequate.
                Put a value with spaces or symbols in double quotes: authority = "Barking & Dagenham".
                A quote inside a value is doubled: "the ""new"" authority". Words match in any case.
                A column name with spaces goes in backquotes: `letter date`.
                  count reviews where authority = "Barking & Dagenham"
                """
        case .dates:
            return """
                Dates are written 2009-01-31 or 31/01/2009 (day first). Compare them as numbers:
                  count reviews where letter_date >= 2009-01-01
                  count reviews where letter_date between 2008-04-01 and 2009-03-31
                Group them by period: year(), year_quarter(), year_month(), financial_year()
                (April to March, as 2008-09). Periods sort in time order.
                  count reviews group by financial_year(letter_date)
                """
        case .percents:
            return """
                A percent is a share of something: the "of" is its denominator. ReviewQL always says it.
                count ... group by gives each group's share of all the rows counted:
                  count reviews group by judgement                  -- percent of 173 reviews
                proportion gives, for each group, the share of that group's own rows:
                  proportion of reviews join authorities where judgement = inadequate group by region
                The two answer different questions; lesson 1 (help lessons) shows the difference.
                """
        case .intervals:
            return """
                A percent from a few cases is uncertain; its confidence interval says how far.
                  proportion of reviews where judgement = inadequate        -- 95% CI 27.5% to 41.4%
                  set confidence 99                                         -- wider; 90 narrower
                The method is the Wilson score interval, no continuity correction: R gives the
                same with prop.test(59, 173, correct = FALSE). Groups of fewer than 10 are flagged.
                docs/STATISTICS.md gives the R call for every figure.
                """
        case .comparing:
            return """
                Two proportions, with the difference, its interval and tests, in plain English:
                  compare 20 of 50 as "2007-08" with 59 of 173 as "2008-09"
                  compare reviews where judgement = inadequate by authority = Birmingham
                The difference's interval is Newcombe's hybrid score interval, no continuity
                correction; the tests are Pearson's chi-square without continuity correction
                (R: prop.test(c(20, 59), c(50, 173), correct = FALSE)) and Fisher's exact test
                (R: fisher.test). With many groups, some differ by chance alone: see lesson 6.
                """
        case .suppression:
            return """
                set suppress below 5 hides every count from 1 to 4 as [c], in every statement and
                format, as official statistics do; with it go percents and intervals that would
                give a count away, and a second count where a total would. Hidden counts are never
                ranked or used to pick groups. set suppress off shows them again.
                  set suppress below 5
                  count reviews where judgement = inadequate group by authority
                """
        case .charts:
            return """
                Add as chart to a grouped count, sum or proportion (or start with chart):
                  count reviews group by judgement as chart
                  proportion of reviews join authorities where judgement = inadequate group by region as chart
                A proportion's chart shows each percent with its interval as a whisker.
                Over time, by year_month(), year_quarter(), financial_year() or year():
                  count reviews group by year_month(letter_date) as line chart   (or column chart)
                Two groups, the second's values in shades that print in grey:
                  count reviews join authorities group by region, judgement as stacked chart   (or grouped chart)
                Each group against what chance alone gives (a funnel plot, Spiegelhalter 2005):
                  proportion of reviews where judgement = inadequate group by authority as funnel
                Captions: ... as chart (or as funnel) titled "..." subtitled "..." source "..."
                For a picture: save chart to "judgements.svg" (opens in any browser, Word and
                PowerPoint), or "judgements.png" for Google Slides (needs rsvg-convert,
                Debian's librsvg2-bin). A handout with the charts inline: record "lesson.html".
                """
        case .export:
            return """
                save last to "result.xlsx"          an Excel workbook (numbers, dates, notes below)
                save last to "result.csv" for excel CSV that Excel on Windows opens right
                save last to "result.csv"           plain CSV (also .tsv, .json, .md, .txt)
                copy last                           to the clipboard, to paste into Excel or Word
                save chart to "chart.svg"           the last chart as a picture (or .png, with rsvg-convert)
                record "lesson.html" titled "..."   a handout of the session, with charts
                """
        case .lessons:
            return LessonCatalog.help()
        case .parameters:
            return """
                A script can take a value from whoever runs it: write :name where the value goes,
                as psql does, and give the value when it runs. On the command line:
                  reviewql council.rql --set authority=Norfolk      (--set again for each one)
                At the prompt, before run (or before a statement that uses it):
                  set parameter authority to Norfolk; count reviews where authority = :authority
                  show parameters                     each parameter, its value and where it came from
                A parameter is always one value, as if written in quotes: text, or a number or a
                date when written as one (2009, 2009-04-01). Whatever it holds, it cannot change
                the statement. :name inside quotes is just text. A script that uses a parameter
                nobody gave stops before its first statement, naming what is missing.
                """
        }
    }
}
