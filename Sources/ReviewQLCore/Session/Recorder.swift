/// `record "lesson.md"` ... `record off`: writes every statement of the session, what it means
/// in plain English, and its result as a Markdown handout, with where the data came from
/// and the ReviewQL version. The file is rewritten whole after each statement (temporary file
/// and rename), so a closed terminal loses nothing.
///
/// Where the data came from is every version of a dataset that a result used: its name, file,
/// rows and the SHA-256 of the bytes loaded (taken as they were read, so a file changed since
/// is not misnamed), with the statements that used it. A dataset loaded again from another
/// file (`load "b.csv" as x`) is a new version, listed beside the first.
final class Recorder {
    let path: String
    private var sections: [String] = []
    /// The dataset versions used so far, in order of first use.
    private var versions: [DatasetVersion] = []

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
        self.path = path
        try write()
    }

    /// Adds one statement to the handout and writes the file.
    func add(statement: String, explanation: String?, output: Session.Outcome, datasets: [Dataset]) throws(FileSystem.Failure) {
        var lines = ["## \(sections.count + 1). `\(statement.replacingAll("`", with: "'"))`", ""]
        if let explanation { lines += [explanation, ""] }
        switch output.output {
        case .result(let result):
            lines.append(ResultWriter.markdown(result))
        case .explained(let text, let result):
            lines += text.split(separator: "\n").map { String($0) + "  " } + ["", ResultWriter.markdown(result)]
        case .text(let text):
            lines += ["```", text, "```"]
        case .notice(let text):
            lines.append("_\(text)_")
        case .clipboard(_, let rows):
            lines.append("_`copy last`: the \(rows) rows above, for the clipboard_")
        case nil:
            break
        }
        for diagnostic in output.diagnostics {
            lines += ["", "> **\(diagnostic.severity.rawValue):** \(diagnostic.message)" + (diagnostic.help.map { " (\($0))" } ?? "")]
        }
        sections.append(lines.joined(separator: "\n"))
        for dataset in datasets {
            if let index = versions.firstIndex(where: { $0.isVersion(of: dataset) }) {
                if versions[index].statements.last != sections.count { versions[index].statements.append(sections.count) }
            } else {
                versions.append(DatasetVersion(name: dataset.name, file: dataset.path, rows: dataset.table.rowCount,
                                               sha256: dataset.sha256, statements: [sections.count]))
            }
        }
        try write()
    }

    private func write() throws(FileSystem.Failure) {
        var text = ["# ReviewQL session", "", "Recorded with ReviewQL \(ReviewQLVersion.current).", ""]
        text += sections.flatMap { [$0, ""] }
        if !versions.isEmpty {
            text += ["## Data used", "",
                     "| dataset | file | rows | SHA-256 of the bytes loaded | used in |", "| --- | --- | ---: | --- | --- |"]
            for version in versions {
                let file = version.file.split(separator: "/").last.map(String.init) ?? version.file
                let sha = version.sha256.map { "`\($0)`" } ?? "(made in this session)"
                let statements = version.statements.map { "\($0)" }.joined(separator: ", ")
                text.append("| \(version.name) | \(file) | \(version.rows) | \(sha) | \(statements) |")
            }
            text.append("")
        }
        try FileSystem.writeFileAtomically(path, Array(text.joined(separator: "\n").utf8))
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
        let bytes = Array(source.text.utf8)
        let text = String(decoding: bytes[range.start..<min(range.end, bytes.count)], as: UTF8.self)
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
