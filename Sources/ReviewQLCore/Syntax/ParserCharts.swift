/// The parse functions of what a chart statement says about its picture: the form before
/// `chart` and the captions after it. Each opens with its grammar rule.
extension Parser {
    /// chart-form = [ "column" | "line" | "grouped" | "stacked" ] ;   (only just before "chart")
    ///
    /// A form word is taken only when `chart` follows it, so `as line` is still an unknown
    /// presentation and names nothing else.
    mutating func chartForm() -> ChartForm {
        guard peek.kind == .word, ContextWord.chart.matches(peek(1).text) else { return .bars }
        for form in ChartForm.allCases where form.word?.lowercased() == peek.text.lowercased() {
            advance()
            return form
        }
        return .bars
    }

    /// captions = { ( "titled" | "subtitled" | "source" ) string } ;
    ///
    /// `shown` is how the statement shows its result: captions belong to a chart or a funnel plot.
    mutating func captions(_ captions: inout ChartCaptions, shown: Presentation) throws(ParseProblem) {
        while peek.kind == .word, check(.titled) || check(.subtitled) || check(.source) {
            let word = advance()
            let name = word.text.lowercased()
            guard shown == .chart || shown == .funnel else { throw .captionWithoutChart(word: name, at: word.range) }
            guard peek.kind == .string else { throw .captionNeedsText(word: name, at: peek.range) }
            let text = advance().text
            let slot: WritableKeyPath<ChartCaptions, String?> =
                ContextWord.titled.matches(name) ? \.title : ContextWord.subtitled.matches(name) ? \.subtitle : \.source
            guard captions[keyPath: slot] == nil else { throw .captionTwice(word: name, at: word.range) }
            captions[keyPath: slot] = text
        }
    }
}
