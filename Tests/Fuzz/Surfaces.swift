// libFuzzer targets for the surfaces added after the first harnesses (issue 22): compiled with
// Harness.swift by fuzz.sh, chosen by REVIEWQL_FUZZ.
//   sniff       bytes into a CSV file's whole load (`CSVReader.readFile`): what the file is, its
//               encoding (UTF-8, UTF-16, Windows-1252, a mix refused), separator, where the
//               header and the table are, notes below it; the first byte picks the options a
//               user may give (`load ... with encoding/separator/header`)
//   sheet       bytes steer a spreadsheet's grid (numbers, dates, text, errors, official
//               symbols, blank rows, titles and notes around a table) into `SheetTable`, which
//               finds the table in it as an .xlsx or .ods load does after its zip and XML
//   expression  text as an expression in a query that runs over the bundled data (`list E
//               as x from D`, `where`, `sum`, `group by`): arithmetic, dates, overflow,
//               division by zero; only a single query is run, so no input can load or save

#if canImport(Glibc)
import Glibc
#endif

func fuzzSniff(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    var options = LoadOptions()
    switch first % 8 {
    case 1: options.encoding = .utf16
    case 2: options.encoding = .windows1252
    case 3: options.encoding = .latin1
    case 4: options.separator = [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][Int(first >> 3) % 3]
    case 5: options.headerLine = 1 + Int(first >> 3) % 6
    case 6: options.noHeader = true
    default: break
    }
    do {
        let loaded = try CSVReader.readFile(Array(bytes.dropFirst()), name: "fuzz", path: "fuzz.csv", options: options)
        for column in loaded.table.columns {
            precondition(column.count == loaded.table.rowCount, "column \(column.name) has \(column.count) of \(loaded.table.rowCount) rows")
        }
        _ = loaded.notes.map(\.text)
        _ = loaded.dialect.described
        _ = try? ResultWriter.render(QueryResult(table: loaded.table), as: .csv)
    } catch {
        _ = DiagnosticRenderer.render(error)
    }
}

func fuzzSheet(_ bytes: [UInt8]) {
    var choices = Choices(bytes: bytes)
    let words = ["authority", "judgement", "count", "Total", "Notes:", "Source: Ofsted", "c", "x", "[z]", "low", ":",
                 "Good", "Inadequate", "", " ", "2008-09", "202324", "£1,200", "34%", "31/01/2009", "Table 1", "n/a", "-"]
    var rows: [SheetRow] = []
    var number = 0
    let rowCount = 1 + choices.next(14)
    for _ in 0..<rowCount {
        number += 1 + (choices.next(8) == 0 ? choices.next(3) : 0)
        var cells: [SheetCell] = []
        for _ in 0..<choices.next(7) {
            switch choices.next(9) {
            case 0: cells.append(.empty)
            case 1: cells.append(.number(Double(choices.next(256) - 20) * [1, 0.5, 1e15, 1e-3][choices.next(4)]))
            case 2: cells.append(.date(day: Int32(choices.next(256) * 97 - 3000), seconds: Int32(choices.next(4) * 21600)))
            case 3: cells.append(.boolean(choices.next(2) == 0))
            case 4: cells.append(.error(choices.pick(["#DIV/0!", "#N/A", "#VALUE!"])))
            case 5: cells.append(.uncalculated)
            case 6: cells.append(.number(choices.next(2) == 0 ? .nan : .infinity))
            default: cells.append(.text(choices.pick(words)))
            }
        }
        rows.append(SheetRow(number: number, cells: cells))
    }
    let headerLine = choices.next(5) == 0 ? 1 + choices.next(4) : nil
    let opened = OpenedSheet(sheets: [WorkbookSheet(name: "Sheet1", hidden: false)], sheet: "Sheet1",
                             grid: SheetGrid(sparse: rows), sha256: nil)
    do {
        let (table, notes) = try SheetTable.table(from: opened, name: "fuzz", file: "fuzz.xlsx", headerLine: headerLine)
        for column in table.columns {
            precondition(column.count == table.rowCount, "column \(column.name) has \(column.count) of \(table.rowCount) rows")
        }
        _ = notes.map(\.text)
        _ = try? ResultWriter.render(QueryResult(table: table), as: .csv)
    } catch {
        _ = DiagnosticRenderer.render(error)
    }
}

func fuzzExpression(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let expression = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let dataset = ["reviews", "completion_times", "ethnicity", "years", "overview_authors"][Int(first) % 5]
    let forms = ["list (\(expression)) as x from \(dataset)",
                 "count \(dataset) where (\(expression)) > 0",
                 "sum (\(expression)) as s from \(dataset)",
                 "count \(dataset) group by (\(expression))",
                 "list (\(expression)) as x from \(dataset) order by x desc limit 3"]
    let text = forms[Int(first >> 3) % forms.count]
    let source = SourceText(text: text)
    let pieces = ParsedStatement.all(in: source)
    // One query and nothing else: a `)` in the expression may not end it and start a `save`.
    guard pieces.count == 1, case .statement(.query) = pieces[0].content else { return }
    let outcome = fuzzSession.execute(pieces[0], in: source)
    for diagnostic in outcome.diagnostics { _ = DiagnosticRenderer.render(diagnostic) }
    if case .result(let result)? = outcome.output {
        _ = try? ResultWriter.render(result, as: .box)
        _ = try? ResultWriter.render(result, as: .csv)
    }
}
