/// `record "lesson.md"` ... `record off`: writes every statement of the session, what it means
/// in plain English, and its result as a Markdown handout, with where the data came from
/// (dataset, file, rows, the file's SHA-256) and the ReviewQL version. The file is rewritten
/// whole after each statement (temporary file and rename), so a closed terminal loses nothing.
final class Recorder {
    let path: String
    private var sections: [String] = []
    private var used: [String: (file: String, rows: Int, sha: String)] = [:]
    private var usedOrder: [String] = []

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
        case nil:
            break
        }
        for diagnostic in output.diagnostics {
            lines += ["", "> **\(diagnostic.severity.rawValue):** \(diagnostic.message)" + (diagnostic.help.map { " (\($0))" } ?? "")]
        }
        sections.append(lines.joined(separator: "\n"))
        for dataset in datasets where used[dataset.name] == nil {
            let bytes = (try? FileSystem.readFile(dataset.path)) ?? []
            let file = dataset.path.split(separator: "/").last.map(String.init) ?? dataset.path
            used[dataset.name] = (file, dataset.table.rowCount, bytes.isEmpty ? "(file not readable)" : SHA256.hex(bytes))
            usedOrder.append(dataset.name)
        }
        try write()
    }

    private func write() throws(FileSystem.Failure) {
        var text = ["# ReviewQL session", "", "Recorded with ReviewQL \(ReviewQLVersion.current).", ""]
        text += sections.flatMap { [$0, ""] }
        if !usedOrder.isEmpty {
            text += ["## Data used", "", "| dataset | file | rows | SHA-256 of the file |", "| --- | --- | ---: | --- |"]
            for name in usedOrder {
                let entry = used[name]!
                text.append("| \(name) | \(entry.file) | \(entry.rows) | `\(entry.sha)` |")
            }
            text.append("")
        }
        try FileSystem.writeFileAtomically(path, Array(text.joined(separator: "\n").utf8))
    }
}
