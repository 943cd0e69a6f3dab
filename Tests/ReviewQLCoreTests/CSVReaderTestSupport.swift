import Foundation
import Testing
@testable import ReviewQLCore

/// How `CSVReaderTests` (and the suites that borrow its helpers) show a table or an error.
extension CSVReaderTests {
    // MARK: - Helpers

    /// The table as `describe` shows it, or the error as the renderer prints it.
    /// What loading `bytes` gives, as a load does it (`CSVReader.readFile`: encoding, separator
    /// and table found first): the table and the load's notes, or the error.
    static func outcome(_ bytes: [UInt8], file: String, options: LoadOptions = LoadOptions()) -> String {
        do {
            let loaded = try CSVReader.readFile(bytes, name: "t", path: file, options: options)
            return ([describe(loaded.table)] + loaded.notes.map { "note: " + $0.text }).joined(separator: "\n")
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    /// What the reader alone makes of `bytes` as they are (comma, header on the first line),
    /// the reference the fast path must match.
    static func rawOutcome(_ bytes: [UInt8], file: String) -> String {
        do {
            return describe(try CSVReader.read(bytes, name: "t", file: file))
        } catch {
            return DiagnosticRenderer.render(error)
        }
    }

    static func error(_ bytes: [UInt8], options: LoadOptions = LoadOptions()) -> Diagnostic? {
        do {
            let table = try CSVReader.readFile(bytes, name: "t", path: "t.csv", options: options).table
            Issue.record("expected an error, read \(describe(table))")
            return nil
        } catch {
            return error
        }
    }

    static func withCell<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The cell followed by other bytes, as the fast reader's shortcuts see cells in its window.
    static func withPaddedCell<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let cell = Array(text.utf8)
        return (cell + Array("9/12/2020,1234567890 yes no 1234567890abcdefghijklmnopqrstuvwxyz0123456789".utf8))
            .withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<cell.count])) }
    }

    static func describe(_ table: Table) -> String {
        var lines = ["rows: \(table.rowCount)"]
        lines.append(table.columns.map { "\($0.name): \($0.type.rawValue)" }.joined(separator: " | "))
        for row in 0..<table.rowCount {
            lines.append(table.columns.map { column in
                column.symbol(at: row).map { "symbol \($0.written)" } ?? show(column.value(at: row))
            }.joined(separator: " | "))
        }
        for column in table.columns {
            if let dictionary = column.dictionary {
                lines.append((["dictionary \(column.name):"] + dictionary.map(showText)).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func show(_ value: Value) -> String {
        switch value {
        case .missing: return "missing"
        case .integer(let integer): return String(integer)
        case .decimal(let decimal): return "\(decimal)"
        case .date(let day): return CivilDate.iso(day)
        case .boolean(let boolean): return String(boolean)
        case .text(let text): return showText(text)
        }
    }

    /// Text in quotes with its quotes, backslashes and line breaks escaped; long text shortened.
    static func showText(_ text: String) -> String {
        if text.count > 40 { return String(showText(String(text.prefix(20))).dropLast()) + "...\" (\(text.count) characters)" }
        var shown = "\""
        for character in text {
            switch character {
            case "\"": shown += "\\\""
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\r\n": shown += "\\r\\n"
            case "\t": shown += "\\t"
            default: shown.append(character)
            }
        }
        return shown + "\""
    }
}
