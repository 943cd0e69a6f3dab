import ReviewQLCore

/// What the two line editors share, whichever one this build has: libedit's
/// (`LineEditor.swift`) or the plain line reader (`PlainLineReader.swift`), chosen when the
/// program is built (`REVIEWQL_LINE_READER=plain`, see Package.swift). The rest of the shell
/// sees only these types and the editor's three calls (`readLine`, `remember`, `history`).
extension LineEditor {
    /// What one call to `readLine` got.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the input ended (the terminal went away).
        case endOfInput
        /// Ctrl-C while typing: the line is thrown away.
        case interrupted
    }

    /// Finds the candidates for the word at `cursor` (a UTF-8 offset into `line`). The plain
    /// reader takes one and has no use for it.
    typealias Completer = (_ line: String, _ cursor: Int) -> Completion.Candidates

    /// How this build reads lines, as `--version` says it.
    static var kind: String { usesLibedit ? "libedit" : "plain, no libedit" }
}
