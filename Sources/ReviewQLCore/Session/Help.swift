/// The `help` command's text, generated from the vocabulary table.
public enum Help {
    static func text(for topic: String?) throws(Diagnostic) -> String {
        guard let topic else { return overview() }
        let wanted = topic.lowercased()
        if let entry = Vocabulary.entries.first(where: { $0.word == wanted || $0.word.hasPrefix(wanted + " ") }) {
            return "\(entry.word): \(entry.summary)\n  example: \(entry.example)"
        }
        if let function = ScalarFunction(rawValue: wanted) {
            return "\(function.rawValue)(column): \(function.summary)\n  example: count reviews group by \(function.rawValue)(letter_date)"
        }
        if let command = commands.first(where: { $0.0 == wanted }) {
            return "\(command.0): \(command.1)\n  example: \(command.2)"
        }
        let topics = Vocabulary.entries.map(\.word) + ScalarFunction.allCases.map(\.rawValue) + commands.map(\.0)
        throw Diagnostic.error("no help on \"\(topic)\"",
                               help: Suggestions.didYouMean(topic, in: topics) ?? "try help on its own for the list of topics")
    }

    /// The commands that are not queries: name, summary, example.
    static let commands: [(String, String, String)] = [
        ("load", "load a CSV file as a dataset", "load \"my_data.csv\" as mine"),
        ("datasets", "list the loaded datasets", "datasets"),
        ("describe", "show a dataset's columns, types, missing values and source", "describe reviews"),
        ("set", "change a setting: format (box, ascii, csv, tsv, json, markdown), width, maxrows, timer", "set format csv"),
        ("save", "write the last result to a file, in the format its extension names", "save last to \"judgements.csv\""),
        ("timer", "show how long each statement takes (same as set timer on)", "timer on"),
        ("quit", "leave (also exit, .quit); in a script, stop there", "quit"),
        ("help", "this help, or help on one word", "help where"),
    ]

    static func overview() -> String {
        var lines = ["Ask questions of the loaded datasets in plain words, for example:", ""]
        lines.append("  count reviews group by judgement")
        lines.append("")
        func section(_ title: String, _ role: KeywordRole) {
            lines.append(title)
            for entry in Vocabulary.entries where entry.role == role {
                lines.append("  " + pad(entry.word, 12) + entry.summary)
            }
        }
        section("Verbs:", .verb)
        section("Measures:", .aggregate)
        section("Clauses:", .clause)
        section("Conditions:", .condition)
        lines.append("Functions:")
        for function in ScalarFunction.allCases { lines.append("  " + pad(function.rawValue + "()", 16) + function.summary) }
        lines.append("Commands:")
        for command in commands { lines.append("  " + pad(command.0, 12) + command.1) }
        lines.append("")
        lines.append("Type help and a word (help where) for an example.")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
