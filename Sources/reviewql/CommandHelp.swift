import ReviewQLCore
import ReviewQLData

/// What `reviewql --help` (and the man page made from it) says beyond the flags: how the
/// program is run, examples, the environment variables and files it reads, and its version.
enum CommandHelp {
    static let discussion = """
        With no statements or script, and a terminal on standard input, reviewql starts an \
        interactive session (its prompt stays on the terminal when the output goes to a file \
        or a pipe). Statements come from -c, a script file, or standard input. The bundled \
        data (Ofsted's serious case reviews of 2008-09) is built into the program.

        Examples:
          reviewql
          reviewql -c 'count reviews group by judgement'
          reviewql queries/figure3_judgements.rql
          reviewql --step queries/teaching/02_intervals.rql  (a lesson: help lessons)
          reviewql council.rql --set authority=Norfolk    (the script writes :authority)
          echo 'count reviews' | reviewql
          reviewql --load mine=my_reviews.csv -c 'describe mine'
          reviewql --load t=tracker.xlsx#Sheet2 -c 'count t group by judgement'
          reviewql --format csv -c 'count reviews group by authority' > by_authority.csv
          reviewql -c 'count reviews group by judgement' --output judgements.xlsx

        Environment:
          REVIEWQL_DATA    a folder of CSV files (with a catalog.txt) to load instead of the \
        built-in data; --data wins over it
          NO_COLOR         set to anything: no colour (https://no-color.org)
          PAGER            the pager for results longer than the screen (default: less -S)
          XDG_STATE_HOME   the history is kept in $XDG_STATE_HOME/reviewql/history
          COLUMNS, LINES   the screen's size, when the terminal cannot say
          REVIEWQL_LINE_READER
                           plain: read lines without libedit (no history file, no Tab), as \
        a system without libedit does

        Files:
          ~/.reviewqlrc    statements and settings run when the interactive shell starts \
        (--no-rc skips it)
          ~/.local/state/reviewql/history
                           the statements typed at the prompt (when XDG_STATE_HOME is not set)
          ~/.editrc        libedit's key bindings; lines starting reviewql: apply only here

        Exit status: 0 success, 1 a statement failed, 2 usage error. The language is \
        described by `help` at the prompt and in docs/LANGUAGE.md.
        """

    /// `--version`: the version, the commit it was built from, the day, and which line
    /// editor the build has (libedit, or the plain reader of a build without it).
    static let version = ReviewQLVersion.current + " ("
        + (BuiltInData.commit.map { "commit \($0), " } ?? "") + "built \(BuiltInData.buildDate), "
        + "line editor: \(LineEditor.kind))"
}
