import Foundation
import Testing
@testable import ReviewQLCore

/// docs/LANGUAGE.md stays true: every example in its code blocks and tables runs on the
/// bundled data without an error.
@Suite struct DocsTests {
    static let languageDoc = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/LANGUAGE.md")

    /// The statements shown in the page: code-block lines (not the grammar, not the sample
    /// error) and the backquoted examples in the last column of tables.
    static let examples: [String] = {
        guard let text = try? String(contentsOf: languageDoc, encoding: .utf8) else { return [] }
        var examples: [String] = []
        var inBlock = false, blockIsExamples = false
        var pending = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                if inBlock, !pending.isEmpty { examples.append(pending); pending = "" }
                blockIsExamples = !inBlock && line == "```"
                inBlock.toggle()
                continue
            }
            if inBlock {
                guard blockIsExamples, !line.contains("error:"), !line.hasPrefix(" "), !line.hasPrefix("help:") else {
                    if blockIsExamples, line.hasPrefix(" "), !pending.isEmpty { pending += "\n" + line }
                    continue
                }
                if !pending.isEmpty, StatementSplitter.needsMoreInput(pending) || line.hasPrefix("where") || line.hasPrefix("group") {
                    pending += "\n" + line
                    continue
                }
                if !pending.isEmpty { examples.append(pending) }
                pending = line
            } else if line.hasPrefix("|"), let last = line.split(separator: "|").last {
                let cell = last.trimmingCharacters(in: .whitespaces)
                if cell.hasPrefix("`"), cell.hasSuffix("`"), cell.count > 2 {
                    examples.append(String(cell.dropFirst().dropLast()))
                }
            }
        }
        // Loading, saving and recording touch files; they have tests of their own.
        // `copy last` needs a result and a terminal: ClipboardTests.
        return examples.filter { !$0.hasPrefix("load") && !$0.hasPrefix("save") && !$0.hasPrefix("record") && !$0.hasPrefix("copy") && !$0.isEmpty }
    }()

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 30)
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: String) {
        let session = Bundled.session()
        let failures = session.run(example).flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(failures.isEmpty, "\(example): \(failures.map(DiagnosticRenderer.render))")
    }
}

/// The grammar in docs/LANGUAGE.md and the vocabulary table name the same words: every word
/// the grammar quotes is a keyword, a statement's word, an unreserved word or a setting of the
/// table (in some spelling), and every word the table spells first is in the grammar.
@Suite struct GrammarTests {
    /// The double-quoted words of the ```ebnf block (operators and quote marks left out).
    static let grammarWords: Set<String> = {
        guard let text = try? String(contentsOf: DocsTests.languageDoc, encoding: .utf8),
              let start = text.range(of: "```ebnf\n"),
              let end = text.range(of: "```", range: start.upperBound..<text.endIndex) else { return [] }
        let parts = text[start.upperBound..<end.lowerBound].split(separator: "\"", omittingEmptySubsequences: false)
        // Between each pair of double quotes: odd-numbered parts are quoted.
        return Set(stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }.filter { word in
            !word.isEmpty && word.allSatisfy { $0.isLetter || $0 == "-" } && word.first!.isLetter
        })
    }()

    /// Every spelling the table accepts.
    static let tableSpellings: Set<String> = Set(
        Keyword.allCases.map(\.rawValue) + Keyword.synonyms.keys
            + Vocabulary.forms.flatMap { $0.words + ($0.then.map { [$0] } ?? []) }
            + ContextWord.allCases.flatMap(\.spellings)
            + Setting.allCases.flatMap { [$0.rawValue] + $0.synonyms })

    /// The spelling the table gives first for each word (dot-forms are sqlite3's, not the grammar's).
    static let tableWords: Set<String> = Set(
        Keyword.allCases.map(\.rawValue)
            + Vocabulary.forms.flatMap { [$0.words[0]] + ($0.then.map { [$0] } ?? []) }.filter { !$0.hasPrefix(".") }
            + ContextWord.allCases.map(\.rawValue)
            + Setting.allCases.map(\.rawValue))

    @Test func theGrammarHasWords() {
        #expect(Self.grammarWords.count > 50)
    }

    @Test func everyGrammarWordIsInTheTable() {
        #expect(Self.grammarWords.subtracting(Self.tableSpellings).sorted() == [])
    }

    @Test func everyTableWordIsInTheGrammar() {
        #expect(Self.tableWords.subtracting(Self.grammarWords).sorted() == [])
    }

    /// `help set` names every setting `set` takes.
    @Test func setHelpNamesEverySetting() throws {
        let entry = try #require(Vocabulary.entries.first { $0.word == "set" })
        for setting in Setting.allCases { #expect(entry.summary.contains(setting.rawValue), "\(setting)") }
    }
}

/// `help` stays true: every example in the vocabulary table runs on the bundled data.
@Suite struct HelpTests {
    static let examples = Vocabulary.entries.map(\.example).filter {
        !$0.hasPrefix("load") && !$0.hasPrefix("save") && !$0.hasPrefix("record") && !$0.hasPrefix("quit")
            && !$0.hasPrefix("copy")  // needs a result and a terminal: ClipboardTests
            && !$0.contains("marks")  // the measures' examples use a fixture loaded in Tests/Golden
    }

    @Test(arguments: examples)
    func exampleRuns(_ example: String) {
        let failures = Bundled.session().run(example).flatMap(\.diagnostics).filter { $0.severity == .error }
        #expect(failures.isEmpty, "\(example): \(failures.map(\.message))")
    }

    @Test func everyWordHasHelp() throws {
        for entry in Vocabulary.entries {
            let outcome = Bundled.session().run("help " + entry.word).last!
            #expect(!outcome.failed, "help \(entry.word)")
        }
    }
}
