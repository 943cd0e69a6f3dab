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
        return examples.filter { !$0.hasPrefix("load") && !$0.hasPrefix("save") && !$0.hasPrefix("record") && !$0.isEmpty }
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

/// `help` stays true: every example in the vocabulary table runs on the bundled data.
@Suite struct HelpTests {
    static let examples = Vocabulary.entries.map(\.example).filter {
        !$0.hasPrefix("load") && !$0.hasPrefix("save") && !$0.hasPrefix("record") && !$0.hasPrefix("quit")
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
