/// `record "lesson.html"` ... `record off`: writes every statement of the session, the
/// lesson's comments above it, what it means in plain English, and its result, as a handout:
/// one self-contained HTML page (charts inline as SVG; `HandoutPage`) or Markdown (`.md`),
/// with where the data came from and the ReviewQL version. Failed statements and `help`
/// screens are left out unless `with errors` asks for them; `record undo` drops the last
/// entry. The file is created whole (temporary file and rename), then each statement's entry is
/// written where the closing part (the data used, the page's closing tags) began, followed by
/// that part again (`GrowingFile`): earlier entries are never rewritten, so a long session
/// costs time in proportion to what it adds, and between statements the file is always a
/// whole page, so a closed terminal loses nothing. `record undo` cuts the file back to where
/// the last entry began. Only the statements' text is kept in memory, not their results. A
/// result over `maximumRows` rows is cut in the handout, with a line saying so.
///
/// Where the data came from is every version of a dataset that a result used: its name, file,
/// rows and the SHA-256 of the bytes loaded (taken as they were read, so a file changed since
/// is not misnamed), with the statements that used it. A dataset loaded again from another
/// file (`load "b.csv" as x`) is a new version, listed beside the first.
///
/// Everything from the data and the statements is escaped (`MarkupEscaping`): nothing in a
/// cell or a file name can become live HTML, a link, or a break in a table.
final class Recorder {
    let path: String
    let title: String?
    /// The day recording started, `2026-12-01`.
    let date: String
    let keepsErrors: Bool
    let isHTML: Bool
    /// The statements in the handout, and the offset in the file where each one's entry begins.
    private(set) var statements: [String] = []
    private var entryStarts: [Int] = []
    /// The dataset versions used so far, in order of first use.
    private(set) var versions: [DatasetVersion] = []
    private var file: GrowingFile!

    /// One statement of the handout.
    struct Entry {
        /// The comment block above the statement in its script (`Narrative`).
        var narrative: [String]
        var statement: String
        var explanation: String?
        var outcome: Session.Outcome
    }

    /// The most rows of one result the handout shows.
    static let maximumRows = 1_000

    /// One version of a dataset, and the statements (numbered from 1) whose results used it.
    struct DatasetVersion {
        var name: String
        var file: String
        var rows: Int
        /// nil for a dataset made in the session rather than loaded.
        var sha256: String?
        var statements: [Int]
        var isBuiltIn = false

        func isVersion(of dataset: Dataset) -> Bool {
            name == dataset.name && file == dataset.path && rows == dataset.table.rowCount && sha256 == dataset.sha256
        }

        /// The file's own name, without its folder.
        var fileName: String {
            (file.split(separator: "/").last.map(String.init) ?? file) + (isBuiltIn ? " (built into ReviewQL)" : "")
        }
    }

    init(path: String, title: String?, keepsErrors: Bool, date: String) throws(FileSystem.Failure) {
        self.path = path
        self.title = title
        self.keepsErrors = keepsErrors
        self.date = date
        let lowered = path.lowercased()
        isHTML = lowered.hasSuffix(".html") || lowered.hasSuffix(".htm")
        file = try GrowingFile(creating: path, beginning: Array(beginning().utf8), tail: Array(ending().utf8))
    }

    /// What kind of statement an entry comes from: help screens are left out like errors,
    /// and `run` and `pause` leave nothing of their own.
    enum StatementKind { case help, control, other }

    /// Adds one statement to the handout and writes the file; a failed statement or a help
    /// screen only `with errors`.
    func add(_ entry: Entry, kind: StatementKind, datasets: [Dataset]) throws(FileSystem.Failure) {
        if kind == .control { return }
        if !keepsErrors && (entry.outcome.failed || kind == .help) { return }
        let versionsBefore = versions
        let number = statements.count + 1
        for dataset in datasets {
            if let index = versions.firstIndex(where: { $0.isVersion(of: dataset) }) {
                if versions[index].statements.last != number { versions[index].statements.append(number) }
            } else {
                versions.append(DatasetVersion(name: dataset.name, file: dataset.path, rows: dataset.table.rowCount,
                                               sha256: dataset.sha256, statements: [number], isBuiltIn: dataset.isBuiltIn))
            }
        }
        let text = isHTML ? HandoutPage(recorder: self).section(entry, number: number).map { $0 + "\n" }.joined()
                          : markdownEntry(entry, number: number)
        let start = file.keptLength
        do {
            try file.append(Array(text.utf8), tail: Array(ending().utf8))
        } catch {
            versions = versionsBefore
            throw error
        }
        statements.append(entry.statement)
        entryStarts.append(start)
    }

    /// Drops the last entry (and its use of the data), leaving the file as it was before that
    /// entry; the statement it was, or nil when there is none.
    func undo() throws(FileSystem.Failure) -> String? {
        guard let start = entryStarts.last, let last = statements.last else { return nil }
        let versionsBefore = versions
        for index in versions.indices { versions[index].statements.removeAll { $0 == statements.count } }
        versions.removeAll { $0.statements.isEmpty }
        do {
            try file.truncate(to: start, tail: Array(ending().utf8))
        } catch {
            versions = versionsBefore
            throw error
        }
        statements.removeLast()
        entryStarts.removeLast()
        return last
    }

    /// The heading of the handout.
    var heading: String { title ?? "ReviewQL session" }

    /// The file before its first entry: the title and date (and, for HTML, the page's head).
    private func beginning() -> String {
        if isHTML { return HandoutPage(recorder: self).beginning() }
        return ["# \(MarkupEscaping.markdown(heading.replacingAll("\n", with: " ")))", "",
                "Recorded \(date) with ReviewQL \(ReviewQLVersion.current).", ""].map { $0 + "\n" }.joined()
    }

    /// The file after its last entry: the data used (and, for HTML, the closing tags).
    private func ending() -> String {
        isHTML ? HandoutPage(recorder: self).ending() : markdownDataUsed().map { $0 + "\n" }.joined()
    }

    private func markdownEntry(_ entry: Entry, number: Int) -> String {
        var text = Narrative.paragraphs(entry.narrative).flatMap { [MarkupEscaping.markdown($0), ""] }
        let oneLine = entry.statement.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        let fence = MarkupEscaping.markdownFence(for: oneLine).dropLast(2)
        let code = fence.count > 1 ? "\(fence) \(oneLine) \(fence)" : "`\(oneLine)`"
        text += ["## \(number). \(code)", ""]
        if let explanation = entry.explanation { text += [MarkupEscaping.markdown(explanation), ""] }
        text += Self.markdown(entry.outcome) + [""]
        return text.map { $0 + "\n" }.joined()
    }

    private func markdownDataUsed() -> [String] {
        var text: [String] = []
        if !versions.isEmpty {
            text += ["## Data used", "",
                     "| dataset | file | rows | SHA-256 of the bytes loaded | used in |", "| --- | --- | ---: | --- | --- |"]
            for version in versions {
                let sha = version.sha256.map { "`\($0)`" } ?? "(made in this session)"
                let statements = version.statements.map { "\($0)" }.joined(separator: ", ")
                text.append("| \(MarkupEscaping.markdown(version.name)) | \(MarkupEscaping.markdown(version.fileName)) | \(version.rows) | \(sha) | \(statements) |")
            }
        }
        return text
    }

    private static func markdown(_ outcome: Session.Outcome) -> [String] {
        var lines: [String] = []
        switch outcome.output {
        case .result(let result):
            lines.append(ResultWriter.markdown(result, maxRows: Self.maximumRows))
        case .explained(let text, let result):
            lines += text.split(separator: "\n").map { MarkupEscaping.markdown(String($0)) + "  " }
                + ["", ResultWriter.markdown(result, maxRows: Self.maximumRows)]
        case .text(let text):
            let fence = MarkupEscaping.markdownFence(for: text)
            lines += [fence, TextSafety.forTerminal(text), fence]
        case .notice(let text):
            lines.append("_\(MarkupEscaping.markdown(text))_")
        case .clipboard(_, let rows):
            lines.append("_`copy last`: the \(rows) rows above, for the clipboard_")
        case .script, nil:
            break
        }
        for diagnostic in outcome.diagnostics {
            let help = diagnostic.help.map { " (\(MarkupEscaping.markdown($0)))" } ?? ""
            lines += ["", "> **\(diagnostic.severity.rawValue):** \(MarkupEscaping.markdown(diagnostic.message))" + help]
        }
        return lines
    }
}

/// The `record` statement, and what the session writes to the handout after each statement.
extension Session {
    /// `record "lesson.html"` starts a handout; `record off` stops it; `record undo` drops
    /// the last entry.
    func recordCommand(_ request: RecordRequest, range: SourceRange) throws(Diagnostic) -> Outcome {
        switch request {
        case .stop:
            guard let recorder else { return Outcome(output: .notice("nothing is being recorded")) }
            self.recorder = nil
            return Outcome(output: .notice("stopped recording to \(recorder.path)"))
        case .undo:
            guard let recorder else { throw Diagnostic.error("nothing is being recorded", at: range, help: "start with record \"lesson.html\"") }
            let dropped: String?
            do { dropped = try recorder.undo() } catch { throw Diagnostic.error("cannot write \(recorder.path): \(error.reason)", at: range) }
            guard let dropped else { return Outcome(output: .notice("the handout has nothing in it yet")) }
            return Outcome(output: .notice("dropped from the handout: \(dropped.split(whereSeparator: \.isNewline).joined(separator: " "))"))
        case .start(let path, let title, let keepsErrors):
            try refuseInSafeMode(.record(path), at: range)
            do {
                recorder = try Recorder(path: path, title: title, keepsErrors: keepsErrors, date: Today.iso())
            } catch {
                throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
            }
            let leftOut = keepsErrors ? "" : " (errors and help left out: record \"\(path)\" with errors keeps them)"
            return Outcome(output: .notice("recording to \(path): every statement, its meaning and its result\(leftOut)"))
        }
    }

    static func isRecordCommand(_ statement: Statement) -> Bool {
        if case .record = statement { return true }
        return false
    }

    /// Adds the statement spanning `range` and its outcome to the handout, when recording.
    func record(source: SourceText, range: SourceRange, statement: Statement?, outcome: inout Outcome) {
        guard let recorder else { return }
        // A statement with parameters is shown with the values it ran with.
        let text = source.text(in: range) + (parameterValuesUsed.map { "  " + $0 } ?? "")
        let kind: Recorder.StatementKind
        switch statement {
        case .help?: kind = .help
        case .runScript?, .pause?: kind = .control
        default: kind = .other
        }
        let entry = Recorder.Entry(narrative: Narrative.before(range.start, in: source.text), statement: text,
                                   explanation: lastExplanation, outcome: outcome)
        do {
            try recorder.add(entry, kind: kind, datasets: lastDatasetsUsed)
        } catch {
            outcome.diagnostics.append(Diagnostic(.error, "cannot write the record to \(recorder.path): \(error.reason)"))
        }
    }

    /// Notes, for the handout's list of dataset versions, the datasets `queries` read: only
    /// while recording, since nothing else uses them.
    func noteDatasetsRead(by queries: [Query]) {
        guard recorder != nil else { return }
        lastDatasetsUsed = queries.flatMap { query in
            let names = [query.dataset.text.lowercased()] + query.joins.map { $0.dataset.text.lowercased() }
            return names.compactMap { name in datasets.first { $0.name.lowercased() == name } }
        }
    }
}
