/// The `help` command's text, generated from the vocabulary table.
public enum Help {
    static func text(for topic: String?) throws(Diagnostic) -> String {
        guard let topic else { return overview() }
        let wanted = topic.lowercased()
        if let subject = HelpTopic.named(wanted) { return subject.text }
        // Any word that starts a statement: `help chart`, `help exit`, `help show`.
        let starting = Vocabulary.entries.filter { entry in entry.forms.contains { $0.words.contains(wanted) } }
        if !starting.isEmpty {
            return starting.map { "\($0.word): \($0.summary)\n  example: \($0.example)" }.joined(separator: "\n")
        }
        if let entry = Vocabulary.entries.first(where: { $0.word == wanted || $0.word.hasPrefix(wanted + " ") }) {
            return "\(entry.word): \(entry.summary)\n  example: \(entry.example)"
        }
        if let function = ScalarFunction(rawValue: wanted) {
            return "\(function.rawValue)(column): \(function.summary)\n  example: count reviews group by \(function.rawValue)(letter_date)"
        }
        throw Diagnostic.error("no help on \"\(topic)\"",
                               help: Suggestions.didYouMean(topic, in: topics) ?? "try help on its own for the list of topics")
    }

    /// The words `help` knows: the vocabulary table's and the functions'. Completion offers them after `help`.
    static let topics = Vocabulary.entries.map(\.word) + ScalarFunction.allCases.map(\.rawValue)
        + HelpTopic.allCases.map(\.rawValue)

    static func overview() -> String {
        var lines = ["Ask questions of the loaded datasets in plain words, for example:", ""]
        lines.append("  count reviews group by judgement")
        lines.append("")
        func section(_ title: String, _ role: KeywordRole) {
            lines.append(title)
            for entry in Vocabulary.entries where entry.role == role {
                lines.append("  " + pad(entry.word, 18) + entry.summary)
            }
        }
        section("Verbs:", .verb)
        section("Measures:", .aggregate)
        section("Clauses:", .clause)
        section("Conditions:", .condition)
        section("Arithmetic and dates:", .arithmetic)
        section("Showing results:", .presentation)
        section("Statistics and explanations:", .statistics)
        lines.append("Functions:")
        for function in ScalarFunction.allCases { lines.append("  " + pad(function.rawValue + "()", 18) + function.summary) }
        section("Commands:", .command)
        lines.append("Topics (help and a topic):")
        for topic in HelpTopic.allCases { lines.append("  " + pad(topic.rawValue, 18) + topic.summary) }
        lines.append("")
        lines.append("Type help and a word (help where) for an example.")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
