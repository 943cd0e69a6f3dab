/// `record "lesson.md"` ... `record off`: writes every statement of the session, what it means
/// in plain English, and its result as a Markdown handout, with where the data came from
/// and the ReviewQL version. Each statement's section is appended as it runs, with the "Data
/// used" table after it rewritten (`GrowingFile`), so a closed terminal loses nothing and a
/// long session costs no more per statement than the first. A result over `maximumRows`
/// rows is cut in the handout, with a line saying so.
///
/// Where the data came from is every version of a dataset that a result used: its name, file,
/// rows and the SHA-256 of the bytes loaded (taken as they were read, so a file changed since
/// is not misnamed), with the statements that used it. A dataset loaded again from another
/// file (`load "b.csv" as x`) is a new version, listed beside the first.
///
/// Everything from the data and the statements is escaped (`MarkupEscaping`): nothing in a
/// cell or a file name can become live HTML, a link, or a break in a table.
final class Recorder {
    var path: String { file.path }
    private let file: GrowingFile
    private var sectionCount = 0
    /// The dataset versions used so far, in order of first use.
    private var versions: [DatasetVersion] = []

    /// The most rows of one result the handout shows.
    static let maximumRows = 1_000

    /// One version of a dataset, and the statements (numbered from 1) whose results used it.
    private struct DatasetVersion {
        var name: String
        var file: String
        var rows: Int
        /// nil for a dataset made in the session rather than loaded.
        var sha256: String?
        var statements: [Int]

        func isVersion(of dataset: Dataset) -> Bool {
            name == dataset.name && file == dataset.path && rows == dataset.table.rowCount && sha256 == dataset.sha256
        }
    }

    init(path: String) throws(FileSystem.Failure) {
        let beginning = ["# ReviewQL session", "", "Recorded with ReviewQL \(ReviewQLVersion.current).", "", ""]
        file = try GrowingFile(creating: path, beginning: Array(beginning.joined(separator: "\n").utf8))
    }

    /// Adds one statement to the handout and writes it to the file.
    func add(statement: String, explanation: String?, output: Session.Outcome, datasets: [Dataset]) throws(FileSystem.Failure) {
        sectionCount += 1
        let oneLine = statement.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        let fence = MarkupEscaping.markdownFence(for: oneLine).dropLast(2)
        let code = fence.count > 1 ? "\(fence) \(oneLine) \(fence)" : "`\(oneLine)`"
        var lines = ["## \(sectionCount). \(code)", ""]
        if let explanation { lines += [MarkupEscaping.markdown(explanation), ""] }
        switch output.output {
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
        case nil:
            break
        }
        for diagnostic in output.diagnostics {
            let help = diagnostic.help.map { " (\(MarkupEscaping.markdown($0)))" } ?? ""
            lines += ["", "> **\(diagnostic.severity.rawValue):** \(MarkupEscaping.markdown(diagnostic.message))" + help]
        }
        for dataset in datasets {
            if let index = versions.firstIndex(where: { $0.isVersion(of: dataset) }) {
                if versions[index].statements.last != sectionCount { versions[index].statements.append(sectionCount) }
            } else {
                versions.append(DatasetVersion(name: dataset.name, file: dataset.path, rows: dataset.table.rowCount,
                                               sha256: dataset.sha256, statements: [sectionCount]))
            }
        }
        try file.append(Array((lines.joined(separator: "\n") + "\n\n").utf8), tail: Array(dataUsed().utf8))
    }

    /// The "Data used" table that ends the handout.
    private func dataUsed() -> String {
        guard !versions.isEmpty else { return "" }
        var text = ["## Data used", "",
                    "| dataset | file | rows | SHA-256 of the bytes loaded | used in |", "| --- | --- | ---: | --- | --- |"]
        for version in versions {
            let file = version.file.split(separator: "/").last.map(String.init) ?? version.file
            let sha = version.sha256.map { "`\($0)`" } ?? "(made in this session)"
            let statements = version.statements.map { "\($0)" }.joined(separator: ", ")
            text.append("| \(MarkupEscaping.markdown(version.name)) | \(MarkupEscaping.markdown(file)) | \(version.rows) | \(sha) | \(statements) |")
        }
        return text.joined(separator: "\n") + "\n"
    }
}

/// The `record` statement, and what the session writes to the handout after each statement.
extension Session {
    /// `record "lesson.md"` starts a handout; `record off` stops it.
    func recordCommand(path: String?, range: SourceRange) throws(Diagnostic) -> Outcome {
        guard let path else {
            guard let recorder else { return Outcome(output: .notice("nothing is being recorded")) }
            self.recorder = nil
            return Outcome(output: .notice("stopped recording to \(recorder.path)"))
        }
        try refuseInSafeMode(.record(path), at: range)
        do {
            recorder = try Recorder(path: path)
        } catch {
            throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
        }
        return Outcome(output: .notice("recording to \(path): every statement, its meaning and its result"))
    }

    static func isRecordCommand(_ statement: Statement) -> Bool {
        if case .record = statement { return true }
        return false
    }

    /// Adds the statement spanning `range` and its outcome to the handout, when recording.
    func record(source: SourceText, range: SourceRange, outcome: inout Outcome) {
        guard let recorder else { return }
        let text = source.text(in: range)
        do {
            try recorder.add(statement: text, explanation: lastExplanation, output: outcome, datasets: lastDatasetsUsed)
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
