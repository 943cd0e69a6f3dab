/// The habits of sqlite3, psql and DuckDB users: a `select` typed at the prompt or in a script
/// is answered with its ReviewQL statement (`SQLTranslator`), and run as that statement when
/// `set sql on` says so; sqlite3's dot-commands that ReviewQL has no word for work
/// (`.schema`) or say what to type instead (`SQLHabitProblem`). Asked only of a statement the
/// parser refused, so ReviewQL's own statements never pay for it.
extension Session {
    /// The outcome for `text` (a statement the parser refused) when it is SQL or a
    /// dot-command; nil for anything else.
    func habitOutcome(_ text: String, range: SourceRange) throws(Diagnostic) -> Outcome? {
        let trimmed = text.trimmingSpaces
        if trimmed.hasPrefix(".") { return try dotCommand(trimmed, range: range) }
        guard SQLTranslator.looksLikeSQL(trimmed) else { return nil }
        let counted = Set(datasets.filter { $0.counts != nil }.map { $0.name.lowercased() })
        var translation: String
        var translator: SQLTranslator
        do throws(SQLHabitProblem) {
            translator = try SQLTranslator(trimmed, isCounted: { counted.contains($0.lowercased()) }, scale: scale(of:))
            translation = try translator.translate()
        } catch {
            throw error.diagnostic(at: range)
        }
        guard settings.runsSQL else {
            throw SQLHabitProblem.translated(reviewQL: translation, notes: translator.notes).diagnostic(at: range)
        }
        return try run(translation, asked: "SQL run as: \(translation)", notes: translator.notes)
    }

    /// The levels of the first column called `name` with an ordered scale, in any dataset.
    private func scale(of name: String) -> [String]? {
        for dataset in datasets {
            if let index = dataset.table.columnIndex(named: name), let levels = dataset.table.columns[index].scale { return levels }
        }
        return nil
    }

    /// sqlite3's `.schema`, `.headers`, `.output`, `.once`, `.read`; nil for a dot-command the
    /// vocabulary has (`.mode`, `.help` ...), which never reaches here.
    private func dotCommand(_ text: String, range: SourceRange) throws(Diagnostic) -> Outcome? {
        let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: ["\"", "'", ";"]) : nil
        switch words[0].lowercased().trimmingCharacters(in: [";"]) {
        case ".schema", ".fullschema":
            return try run(argument.map { "describe \($0)" } ?? "datasets", asked: nil, notes: [])
        case ".headers", ".header":
            if argument?.lowercased() == "off" { throw SQLHabitProblem.headersOff.diagnostic(at: range) }
            return Outcome(output: .notice("column names are always shown"))
        case ".output", ".once":
            guard let argument else { return Outcome(output: .notice("results go to standard output")) }
            throw SQLHabitProblem.outputToFile(command: words[0], file: argument).diagnostic(at: range)
        case ".read":
            throw SQLHabitProblem.readScript(file: argument).diagnostic(at: range)
        default:
            throw SQLHabitProblem.unknownDotCommand(words[0]).diagnostic(at: range)
        }
    }

    /// Runs `statement` (one ReviewQL statement this session wrote), with `asked` and `notes`
    /// as notes before its own diagnostics.
    private func run(_ statement: String, asked: String?, notes: [String]) throws(Diagnostic) -> Outcome {
        let source = SourceText(text: statement)
        let attached = { (diagnostic: Diagnostic) -> Diagnostic in
            var diagnostic = diagnostic
            if diagnostic.range != nil, diagnostic.source == nil { diagnostic.source = source }
            return diagnostic
        }
        guard let piece = statements(in: source).first else { throw Diagnostic.error("nothing to run") }
        var outcome: Outcome
        do throws(Diagnostic) {
            switch piece.content {
            case .failed(let error): throw error
            case .statement(let parsed): outcome = try execute(parsed)
            }
        } catch {
            throw attached(error)
        }
        let said = (asked.map { [$0] } ?? []) + notes
        outcome.diagnostics = said.map { Diagnostic(.note, $0) } + outcome.diagnostics.map(attached)
        return outcome
    }
}

extension String {
    /// The text without the characters of `set` at either end.
    func trimmingCharacters(in set: Set<Character>) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
