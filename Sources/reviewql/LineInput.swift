import ReviewQLCore

/// The shell's line editor, behind three calls (`readLine`, `remember`, `history`) so the rest of
/// the shell never sees which one it has: libedit's (`LibeditReader`, in LineEditor.swift: history
/// in a file, Tab completion, Up-arrow) or the plain line reader (`PlainLineReader`).
///
/// A program built without libedit (`REVIEWQL_LINE_READER=plain swift build`, read in
/// Package.swift, or on a system that lacks it, Windows) has only the plain reader. One built
/// with it uses the plain reader when `REVIEWQL_LINE_READER=plain` is set as it runs: the way out
/// for a terminal libedit does not suit, and how the tests run the shell with the plain reader
/// without a second build (Tests/plain-reader.sh). `--version` says which one is in use.
final class LineEditor {
    /// What one call to `readLine` got.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the input ended (the terminal went away).
        case endOfInput
        /// Ctrl-C while typing: the line is thrown away.
        case interrupted
    }

    /// Finds the candidates for the word at `cursor` (a UTF-8 offset into `line`). The plain
    /// reader takes none.
    typealias Completer = (_ line: String, _ cursor: Int) -> Completion.Candidates

    /// Whether this program was built with libedit.
    static let hasLibedit: Bool = {
        #if canImport(CLibEdit) && !REVIEWQL_PLAIN_LINE_READER
        return true
        #else
        return false
        #endif
    }()

    /// Whether `REVIEWQL_LINE_READER=plain` asks for the plain reader as the program runs.
    static let plainAsked = FileSystem.environment("REVIEWQL_LINE_READER") == "plain"

    /// Whether the shell edits lines with libedit.
    static var usesLibedit: Bool { hasLibedit && !plainAsked }

    /// Which reader is in use, as `--version` says it.
    static var kind: String {
        if usesLibedit { return "libedit" }
        return hasLibedit ? "plain, libedit left out by REVIEWQL_LINE_READER=plain" : "plain, no libedit"
    }

    private let reader: any LineReading

    /// The reader `usesLibedit` chooses; `historyFile` and `completer` are libedit's.
    init(historyFile: String?, completer: @escaping Completer) {
        #if canImport(CLibEdit) && !REVIEWQL_PLAIN_LINE_READER
        if Self.usesLibedit {
            reader = LibeditReader(historyFile: historyFile, completer: completer)
            return
        }
        #endif
        reader = PlainLineReader()
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> Input { reader.readLine(prompt: prompt) }

    /// Adds `entry` to the history.
    func remember(_ entry: String) { reader.remember(entry) }

    /// The history, oldest first.
    func history() -> [String] { reader.history() }
}

/// The three calls each line reader answers.
protocol LineReading: AnyObject {
    func readLine(prompt: String) -> LineEditor.Input
    func remember(_ entry: String)
    func history() -> [String]
}
