// libFuzzer harnesses for ReviewQL, compiled together with the library's sources by fuzz.sh
// (not part of the Swift package). One binary serves three targets, chosen by REVIEWQL_FUZZ:
//   csv        arbitrary bytes into the CSV reader
//   parallel   arbitrary bytes into the many-core CSV reader, cut into pieces and windows the
//              input chooses, wanting all columns or leaving out some of the first four (as a
//              one-off run does); whenever it gives a table, that table must be exactly the
//              CSV reader's, less the columns left out (it must give up on anything the reader
//              rejects)
//   language   arbitrary text through the lexer, splitter, parser and binder (nothing runs,
//              so no input can load or save a file), and for one input in four (those whose
//              last byte is a multiple of 4, such as a space) through tab completion
//   evaluator  bytes steer a generator of well-formed queries over the bundled data; the next
//              bytes choose how each runs (`explain`, plain or `show sql`; a grouped count also
//              as a chart, with intervals, or neither), and each grouped count is checked to
//              add up to the ungrouped one
//   sniff, sheet, expression: the newer surfaces (Surfaces.swift): a file's whole load (kind,
//              encoding, separator, header), a spreadsheet's grid into a table, and
//              arithmetic and dates in queries that run
// Each execution runs one variant, chosen by the input, rather than all of them: the fuzzer
// keeps the inputs that reach each variant's code, and runs several times as many inputs.
// A crash, a sanitizer report, a hang or a failed check is a finding; fuzz.sh keeps it.

#if canImport(Glibc)
import Glibc
#endif

/// The bundled data, loaded once: the fuzz binary finds it from this file's place in the repo.
nonisolated(unsafe) let fuzzSession: Session = {
    let session = Session()
    var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Harness.swift, Fuzz, Tests
    let problems = session.loadDataDirectory(parts.joined(separator: "/") + "/Data")
    precondition(problems.isEmpty && !session.datasets.isEmpty, "the fuzz harness could not load the bundled data")
    return session
}()

nonisolated(unsafe) let fuzzTarget = getenv("REVIEWQL_FUZZ").map { String(cString: $0) } ?? "language"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch fuzzTarget {
    case "csv": fuzzCSV(bytes)
    case "parallel": fuzzParallel(bytes)
    case "evaluator": fuzzEvaluator(bytes)
    case "sniff": fuzzSniff(bytes)
    case "sheet": fuzzSheet(bytes)
    case "expression": fuzzExpression(bytes)
    default: fuzzLanguage(bytes)
    }
    return 0
}

func fuzzCSV(_ bytes: [UInt8]) {
    do {
        let table = try CSVReader.read(bytes, name: "fuzz", file: "fuzz.csv")
        // Every column holds every row, and every cell can be read and written back.
        for column in table.columns {
            precondition(column.count == table.rowCount, "column \(column.name) has \(column.count) of \(table.rowCount) rows")
        }
        _ = try? ResultWriter.render(QueryResult(table: table), as: .csv)
    } catch {
        precondition(error.location != nil || error.message.hasPrefix("cannot read"), "CSV error without a location: \(error.message)")
        _ = DiagnosticRenderer.render(error)
    }
}

func fuzzParallel(_ bytes: [UInt8]) {
    guard bytes.count > 3 else { return }
    // The first three bytes choose the cutting and the columns left out (the third byte's high
    // bits: bit k leaves out column k); the rest is the file.
    let pieces = 1 + Int(bytes[0] % 8), window = 16 + Int(bytes[1]) * 4, sample = 1 + Int(bytes[2] % 16)
    let leftOut = Int(bytes[2] >> 4)
    let file = Array(bytes[3...])
    let reference = try? CSVReader.read(file, name: "t", file: "t.csv")
    // By name (the reader asks by name; a table the reference reads has no two alike). For a
    // file the reference rejects, some names are left out all the same, so that the fuzzer
    // looks for a file the fast path would accept only because columns were left out.
    let names = reference?.columns.map(\.name) ?? []
    func isWanted(_ name: String) -> Bool {
        guard let index = names.firstIndex(of: name) else { return name.utf8.count % 2 == 0 }
        return index >= 4 || leftOut & (1 << index) == 0
    }
    let wanted: ((String) -> Bool)? = leftOut == 0 ? nil : isWanted
    let fast = file.withUnsafeBytes { memory in
        ParallelCSVReader.read(ByteSource(memory: memory), name: "t", pieceCount: pieces, windowSize: window, sampleRows: sample,
                               reading: wanted)
    }
    guard let fast else { return }
    guard let reference else { preconditionFailure("the fast path read a file the CSV reader rejects") }
    let kept = reference.columns.indices.filter { $0 >= 4 || leftOut & (1 << $0) == 0 }.map { reference.columns[$0] }
    precondition(fast.rowCount == reference.rowCount, "row counts differ")
    precondition(fast.columns.map(\.name) == kept.map(\.name), "column names differ")
    precondition(fast.allColumnNames == reference.columns.map(\.name), "the file's column names are not all kept")
    for (a, b) in zip(fast.columns, kept) {
        precondition(a.type == b.type && a.dictionary == b.dictionary, "column \(b.name) differs in type or dictionary")
        for row in 0..<reference.rowCount {
            precondition(a.value(at: row) == b.value(at: row), "column \(b.name) differs at row \(row)")
        }
    }
}

func fuzzLanguage(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = StatementSplitter.needsMoreInput(text)
    // Completion lexes the whole line twice more, so it runs on a quarter of the inputs.
    if let last = bytes.last, last % 4 == 0 {
        _ = Completion.candidates(line: text, cursor: text.utf8.count, session: fuzzSession)
    }
    let source = SourceText(text: text)
    for piece in StatementSplitter.split(text) {
        guard case .statement(let tokens, _) = piece else { continue }
        do {
            var parser = Parser(tokens: tokens)
            let statement = try parser.statement()
            var query: Query?
            switch statement {
            case .query(let q), .explain(let q), .showSQL(let q, _): query = q
            case .proportion(let p), .compareGroups(let p): query = p.base
            default: break
            }
            if let query {
                var binder = Binder(datasets: fuzzSession.datasets)
                let bound = try binder.bind(query)
                _ = try? SQLGenerator.sql(for: bound)
                _ = Explainer(query: bound).sentence()
            }
        } catch {
            var diagnostic = error
            diagnostic.source = source
            _ = DiagnosticRenderer.render(diagnostic)
        }
    }
}

/// Reads choices from the fuzzer's bytes, one at a time (0 when they run out).
struct Choices {
    var bytes: [UInt8]
    var position = 0
    mutating func next(_ count: Int) -> Int {
        defer { position += 1 }
        return position < bytes.count ? Int(bytes[position]) % max(count, 1) : 0
    }
    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }
}

func fuzzEvaluator(_ bytes: [UInt8]) {
    var choices = Choices(bytes: bytes)
    let sources = ["reviews", "reviews join authorities", "statements join authorities", "completion_times", "ethnicity", "years",
                   "authorities without reviews", "authorities with (reviews where judgement = inadequate)"]
    let source = choices.pick(sources)
    let datasetName = String(source.split(separator: " ")[0])
    guard let dataset = fuzzSession.datasets.first(where: { $0.name == datasetName }) else { return }
    var columns = dataset.table.columns
    if source.contains("join authorities"), let authorities = fuzzSession.datasets.first(where: { $0.name == "authorities" }) {
        columns += authorities.table.columns
    }
    func value(_ column: Column) -> String {
        let v = column.value(at: choices.next(column.count))
        switch v {
        case .missing: return "\"\""
        case .text(let t): return "\"" + t.replacingAll("\"", with: "\"\"") + "\""
        case .date(let d): return CivilDate.iso(d)
        case .boolean(let b): return b ? "yes" : "no"
        default: return ValueFormatter.plain(v)
        }
    }
    /// Arithmetic and date differences over the source's numbers and dates (issue 18),
    /// overflow and division by zero among them.
    func arithmetic() -> String? {
        let numbers = columns.filter { $0.type.isNumeric }.map(\.name)
        let dates = columns.filter { $0.type == .date }.map(\.name)
        if !dates.isEmpty, numbers.isEmpty || choices.next(2) == 0 {
            let d = choices.pick(dates), days = choices.next(400)
            return choices.pick(["days between 2008-04-01 and \(d)", "months between \(d) and 2009-03-31",
                                 "years between 2000-02-29 and \(d)", "\(d) - 2008-04-01", "(\(d) + \(days)) - \(d)", "\(d) - \(days) * 9999999"])
        }
        guard !numbers.isEmpty else { return nil }
        let a = choices.pick(numbers), b = choices.pick(numbers)
        return choices.pick(["\(a) + \(b)", "\(a) - \(b) * 2", "\(a) / \(b)", "round(\(a) / 3, 2)", "-\(a) * (\(b) - 1)",
                             "\(a) * 9223372036854775807", "(\(a) + 1) / (\(b) - \(b))"])
    }
    func condition(_ depth: Int) -> String {
        if choices.next(6) == 0, let expression = arithmetic() {
            return "\(expression) \(choices.pick(["<", ">=", "=", "!="])) \(choices.next(50) - 10)"
        }
        if depth < 3, choices.next(4) == 0 {
            return "(" + condition(depth + 1) + choices.pick([" and ", " or "]) + condition(depth + 1) + ")"
        }
        if depth < 3, choices.next(8) == 0 { return "not " + condition(depth + 1) }
        let column = choices.pick(columns)
        switch choices.next(5) {
        case 0: return "\(column.name) is \(choices.pick(["", "not "]))missing"
        case 1 where column.type == .text: return "\(column.name) \(choices.pick(["contains", "starts with", "ends with"])) \(value(column))"
        case 2: return "\(column.name) in (\(value(column)), \(value(column)))"
        case 3 where column.type != .text || column.scale != nil:
            return "\(column.name) between \(value(column)) and \(value(column))"
        default:
            let ops = column.type == .text && column.scale == nil || column.type == .boolean ? ["=", "!="] : ["=", "!=", "<", "<=", ">", ">="]
            return "\(column.name) \(choices.pick(ops)) \(value(column))"
        }
    }
    let filter = choices.next(3) == 0 ? "" : " where " + condition(0)
    let keyColumns = columns.filter { $0.type != .decimal }
    var keys: [String] = []
    for _ in 0..<choices.next(3) {
        let column = choices.pick(keyColumns)
        let key = column.type == .date ? choices.pick(["year", "month", "quarter", "financial_year"]) + "(\(column.name))" : column.name
        if !keys.contains(key) { keys.append(key) }
    }
    if choices.next(5) == 0, let expression = arithmetic() { keys.append(expression + " as k") }
    let grouped = keys.isEmpty ? "" : " group by " + keys.joined(separator: ", ")
    let numeric = columns.filter { $0.type.isNumeric }
    var measure = numeric.isEmpty || choices.next(3) != 0 ? "count" : choices.pick(["sum", "average", "min", "max", "median"]) + " " + choices.pick(numeric).name
    var having = ""
    if !numeric.isEmpty, choices.next(4) == 0 {
        let a = choices.pick(numeric).name
        measure += ", " + choices.pick(["sum \(a) / count * 100", "max \(a) - min \(a)", "round(average \(a) / sum \(a), 3)"]) + " as rate"
        if !keys.isEmpty, choices.next(2) == 0 { having = " having rate > \(choices.next(20)) order by rate desc" }
    }
    let text = "\(measure) from \(source)\(filter)\(grouped)\(having)"
    let session = fuzzSession
    // One form of the query per input. `explain` (also when the bytes have run out) evaluates
    // the query and explains it, the plain form adds the sentence kept for a record, and
    // `show sql` only binds it and writes its SQL.
    var groups: QueryResult?
    switch choices.next(3) {
    case 0:
        if case .explained(_, let result)? = session.run("explain " + text).last?.output { groups = result }
    case 1:
        if case .result(let result)? = session.run(text).last?.output { groups = result }
    default:
        _ = session.run("show sql " + text)
    }
    guard measure == "count", !keys.isEmpty else { return }
    switch choices.next(4) {
    case 1: _ = session.run(text + " as chart")
    case 2: _ = session.run(text + " with ci")
    case 3:
        // Within groups: a limit per group and a value down the rows, within one group column.
        let per = choices.pick(keys)
        _ = session.run(text + " order by count \(choices.pick(["", "desc"])) limit \(choices.next(4) + 1) per \(per)"
                        + choices.pick(["", " with ties"]) + " with " + choices.pick(WithinItem.allCases.map(\.rawValue)) + " per \(per)")
    default: break
    }
    // A running total ends at the whole, when every group's count is known.
    if choices.next(2) == 0, case .result(let running)? = session.run(text + " with running total").last?.output,
       let last = running.table.columns.last, running.table.rowCount > 0,
       (0..<running.table.rowCount).allSatisfy({ !running.table.row($0)[keys.count].isMissing }) {
        let total = (0..<running.table.rowCount).reduce(0.0) { $0 + (running.table.row($1)[keys.count].number ?? 0) }
        precondition(last.value(at: running.table.rowCount - 1).number == total, "a running total does not end at the whole: \(text)")
    }
    // A grouped count adds up to the ungrouped count of the same rows, when every group's
    // count is known: in a counted table a group whose count is missing is unknown, while the
    // whole may still be known from the catalog's totals (completion_times by judgement).
    if let groups, (0..<groups.table.rowCount).allSatisfy({ !groups.table.row($0)[keys.count].isMissing }),
       case .result(let whole)? = session.run("count from \(source)\(filter)").last?.output {
        let total = (0..<groups.table.rowCount).reduce(0.0) { $0 + (groups.table.row($1)[keys.count].number ?? 0) }
        precondition(total == whole.table.columns[0].value(at: 0).number, "groups do not add up: \(text)")
    }
}
