#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore

/// The interactive session: the start-up file, a banner, and statements run as they are
/// typed, with line editing, history and completion. Used only when a person is at a terminal.
struct InteractiveShell {
    let session: Session
    let runner: ScriptRunner
    /// Run `~/.reviewqlrc` first (`--no-rc` turns it off).
    var runsStartupFile = true

    static let prompt = "reviewql> "
    static let continuationPrompt = "   ...> "

    /// Runs until `quit` or Ctrl-D. Statements that fail do not end the session, so it
    /// always returns true (exit status 0).
    func run() -> Bool {
        if runsStartupFile, let home = Self.home {
            runStartupFile(home + "/.reviewqlrc")
        }
        runner.isInteractive = true
        printBanner()

        let pending = PendingLines()
        let editor = LineEditor(historyFile: Self.historyFile) { [session] line, cursor in
            Self.candidates(line: line, cursor: cursor, after: pending.lines, session: session)
        }
        while true {
            switch editor.readLine(prompt: pending.lines.isEmpty ? Self.prompt : Self.continuationPrompt) {
            case .endOfInput:
                if !pending.lines.isEmpty { submit(pending, to: editor) }
                Terminal.printToShell("")
                return true
            case .interrupted:
                pending.lines = []
            case .line(let line):
                let isBlank = line.trimmingCharacters().isEmpty
                if pending.lines.isEmpty {
                    if isBlank { continue }
                    if let command = ShellCommand(line) {
                        if perform(command, editor: editor) { continue }
                        return true
                    }
                }
                pending.lines.append(line)
                // Lexed and parsed once: what decides whether to wait for another line is what runs.
                let parsed = ParsedStatement.typed(pending.lines.joined(separator: "\n"))
                if !isBlank && parsed == nil { continue }
                submit(pending, parsed: parsed, to: editor)
            }
        }
    }

    /// Runs the statement typed so far, after saving it to the history as one entry.
    /// `parsed`: the statements, when the caller has parsed them already.
    private func submit(_ pending: PendingLines, parsed: [ParsedStatement]? = nil, to editor: LineEditor) {
        let lines = pending.lines
        pending.lines = []
        guard lines.contains(where: { !$0.trimmingCharacters().isEmpty }) else { return }
        editor.remember(Self.historyEntry(lines))
        let text = lines.joined(separator: "\n")
        runner.run(SourceText(text: text), parsed: parsed)
        if ShellCommand.isBareHelp(text) { Terminal.print(Self.shellHelp) }
    }

    /// Added to `help` at the prompt: what the shell itself understands, its commands listed
    /// from `ShellCommand`.
    static let shellHelp = "At this prompt:\n"
        + ShellCommand.allCases.map { "  " + $0.word.padding(to: 12) + $0.summary + "\n" }.joined() + """
          Tab completes names, keywords and values; Up and Down recall statements;
          Ctrl-C abandons the line being typed, or stops the statement running (and the
          rest of its line).
        """

    /// A statement typed over several lines, as one line that runs the same when recalled: the
    /// lines joined with spaces, since each break came where the statement was unfinished.
    /// Lines with a comment or an open quote, where a space would change the meaning, keep
    /// their line breaks.
    static func historyEntry(_ lines: [String]) -> String {
        let kept = lines.filter { !$0.trimmingCharacters().isEmpty }
        let needsBreaks = kept.dropLast().contains { line in
            line.contains("--") || line.filter { $0 == "\"" || $0 == "'" }.count % 2 == 1
        }
        return needsBreaks ? kept.joined(separator: "\n") : kept.map { $0.trimmingCharacters() }.joined(separator: " ")
    }

    /// Completion sees the earlier lines of a statement still being typed, so `where` on the
    /// line before still decides what can come next.
    static func candidates(line: String, cursor: Int, after earlier: [String], session: Session) -> Completion.Candidates {
        let before = earlier.map { $0 + "\n" }.joined()
        let offset = before.utf8.count
        var found = Completion.candidates(line: before + line, cursor: offset + cursor, session: session)
        if found.start < offset {
            // A quote opened on an earlier line: nothing on this line can be completed.
            found.words = []
            found.start = offset + cursor
        }
        found.start -= offset
        return found
    }

    // MARK: Shell commands

    /// Words the shell itself answers at the prompt, outside the language. `quit` is the
    /// language's too: its spellings come from the vocabulary table, so the prompt leaves on
    /// every word a script stops on.
    enum ShellCommand: Equatable, CaseIterable {
        case history, clear, quit

        init?(_ line: String) {
            let word = Self.word(line)
            guard let command = Self.allCases.first(where: { $0.spellings.contains(word) }) else { return nil }
            self = command
        }

        /// The word as the shell's help lists it.
        var word: String { spellings[0] }

        /// Every spelling, sqlite3's dot-forms included.
        var spellings: [String] {
            switch self {
            case .history: return ["history", ".history"]
            case .clear: return ["clear", ".clear"]
            case .quit: return Vocabulary.words(of: .quit)
            }
        }

        /// What the shell's help says of it.
        var summary: String {
            switch self {
            case .history: return "the statements typed before, numbered (kept between sessions)"
            case .clear: return "clear the screen"
            case .quit: return "leave (also exit, or Ctrl-D on an empty line)"
            }
        }

        /// Whether the line is `help` on its own, which the shell follows with its own commands.
        static func isBareHelp(_ text: String) -> Bool {
            Vocabulary.statementForm(first: word(text), second: "")?.rule == .help
        }

        /// The line lower-cased, without surrounding spaces or a closing `;`.
        private static func word(_ line: String) -> String {
            var word = line.trimmingCharacters()
            while word.hasSuffix(";") { word = String(word.dropLast()).trimmingCharacters() }
            return word.lowercased()
        }
    }

    /// Answers a shell command; false when it ends the session.
    private func perform(_ command: ShellCommand, editor: LineEditor) -> Bool {
        switch command {
        case .quit:
            return false
        case .history:
            let entries = editor.history()
            let width = String(entries.count).count
            for (index, entry) in entries.enumerated() {
                let number = String(index + 1)
                let indented = entry.split(separator: "\n", omittingEmptySubsequences: false)
                    .joined(separator: "\n" + String(repeating: " ", count: width + 2))
                Terminal.print(String(repeating: " ", count: width - number.count) + number + "  " + indented)
            }
        case .clear:
            // Home the cursor, then erase the screen; a dumb terminal cannot do either.
            if FileSystem.environment("TERM") != "dumb" { Terminal.printToShell("\u{1B}[H\u{1B}[2J", terminator: "") }
        }
        return true
    }

    // MARK: Start-up

    private func printBanner() {
        let datasets = session.datasets.map { "\($0.name) (\($0.table.rowCount) rows)" }
        Terminal.printToShell("ReviewQL \(ReviewQLVersion.current)")
        // The list wraps between datasets, never inside a name.
        var lines: [String] = []
        var line = "Datasets:"
        for (i, item) in datasets.enumerated() {
            let piece = " " + item + (i < datasets.count - 1 ? "," : "")
            if line.count + piece.count > max(Terminal.columns, 40), line.count > 0 {
                lines.append(line)
                line = " "
            }
            line += piece
        }
        lines.append(line)
        Terminal.printToShell(datasets.isEmpty ? "No datasets loaded." : lines.joined(separator: "\n"))
        Terminal.printToShell(LessonCatalog.bannerLine)
        Terminal.printToShell("Type help for help, Tab to complete, history for past statements, quit to leave.")
        if !Terminal.outputIsTerminal {
            Terminal.printToShell("Results go to standard output (a file or a pipe); this prompt stays here.")
        }
    }

    /// Runs the start-up file's statements and `set` commands as a script: settings are
    /// quiet, results print, and each error names the file and line. A missing file is fine.
    private func runStartupFile(_ path: String) {
        guard FileSystem.exists(path), !FileSystem.isDirectory(path) else { return }
        let text: String
        do {
            text = String(decoding: try FileSystem.readFile(path), as: UTF8.self)
        } catch {
            Terminal.printError("warning: cannot read \(path): \(error.reason)")
            return
        }
        let startup = ScriptRunner(session: session, keepGoing: true)
        startup.run(SourceText(file: path, text: text))
    }

    private static var home: String? {
        if let home = FileSystem.environment("HOME"), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// `$XDG_STATE_HOME/reviewql/history`, or `~/.local/state/reviewql/history`. Its own name:
    /// libedit's history format is not GNU readline's.
    static var historyFile: String? {
        if let state = FileSystem.environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return state + "/reviewql/history"
        }
        return home.map { $0 + "/.local/state/reviewql/history" }
    }
}

/// The lines of a statement still being typed, shared with the completer.
final class PendingLines {
    var lines: [String] = []
}

extension String {
    /// The text followed by spaces up to `width` characters (and never cut).
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
