/// A session: the loaded datasets, the settings, and the statements run so far.
///
/// The driver of the pipeline: it splits text into statements, and for each one runs the
/// parser, the binder and the evaluator in turn, stopping at the first stage that reports an
/// error. It does no terminal I/O: callers print what `execute` returns.
public final class Session {
    public private(set) var datasets: [Dataset] = []
    public var settings = Settings()
    /// The last query's result, for `save last`.
    public internal(set) var lastResult: QueryResult?
    /// The keys the last join could not match, for `show unmatched`.
    public private(set) var lastUnmatched: QueryResult?
    /// The handout being recorded, if any.
    private var recorder: Recorder?
    /// For the recorder: the last query in words, and the datasets it read.
    private var lastExplanation: String?
    private var lastDatasetsUsed: [Dataset] = []
    /// A test's seam: runs as each data file is opened, before it is read (`FileSnapshot`).
    var afterOpeningFile: (() -> Void)?
    /// Whether a load takes the SHA-256 of the bytes it reads, for `record`'s handout. Hashing
    /// a large file costs more than parsing it, and needs the file in memory whole, so a
    /// one-off run whose statements cannot record turns it off (`ColumnDemand.mayRecord`).
    public var hashesLoadedFiles = true

    private func isRecordCommand(_ statement: Statement) -> Bool {
        if case .record = statement { return true }
        return false
    }

    /// The text of the last query, as the title of a saved chart.
    var lastQueryText: String?
    private var currentSource: SourceText?

    func queryText(_ query: Query) -> String? {
        guard let text = currentSource?.text else { return nil }
        let bytes = Array(text.utf8)
        guard query.range.end <= bytes.count else { return nil }
        return String(decoding: bytes[query.range.start..<query.range.end], as: UTF8.self)
            .split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.joined(separator: " ")
    }

    public init() {}

    /// What running one statement produced.
    public struct Outcome: Sendable {
        public enum Output: Sendable {
            case result(QueryResult)
            /// Text for people (describe, help).
            case text(String)
            /// `explain`: the explanation, then the result.
            case explained(String, QueryResult)
            /// A confirmation ("format is csv"), shown at the interactive prompt but not in the
            /// output of a script, where it would get mixed into the data.
            case notice(String)
        }
        public var output: Output?
        /// Warnings, and the error if the statement failed.
        public var diagnostics: [Diagnostic] = []
        /// The statement was `quit`: a script stops, the shell leaves.
        public var quit = false
        /// `show last all`: print every row, whatever `maxrows` says.
        public var showAllRows = false
        public var failed: Bool { diagnostics.contains { $0.severity == .error } }
    }

    // MARK: Data

    /// Loads every CSV file in `directory`, using `catalog.txt` there for names, descriptions,
    /// sources and scales. Returns the problems found; a file with a problem is not loaded.
    @discardableResult
    public func loadDataDirectory(_ directory: String) -> [Diagnostic] {
        guard let names = FileSystem.listDirectory(directory) else {
            return [Diagnostic(.error, "cannot read the data folder \(directory)",
                               help: "give a folder of CSV files with --data")]
        }
        var problems: [Diagnostic] = []
        var catalog = Catalog()
        let catalogPath = directory + "/catalog.txt"
        if names.contains("catalog.txt") {
            do {
                let bytes = try FileSystem.readFile(catalogPath)
                catalog = try Catalog(text: String(decoding: bytes, as: UTF8.self), file: catalogPath)
            } catch let error as Diagnostic {
                problems.append(error)
            } catch {
                problems.append(Diagnostic(.error, "cannot read \(catalogPath)"))
            }
        }
        var described = Set<String>()
        for entry in catalog.entries {
            described.insert(entry.file)
            do {
                try load(path: directory + "/" + entry.file, as: entry.name, entry: entry)
            } catch {
                problems.append(error)
            }
        }
        for name in names where name.lowercased().hasSuffix(".csv") && !described.contains(name) {
            do {
                try load(path: directory + "/" + name, as: String(name.dropLast(4)))
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// Loads one CSV file as a dataset, replacing any dataset of the same name.
    /// `reading`: the columns to read (`ColumnDemand`), nil for all.
    public func load(path: String, as name: String, entry: Catalog.Entry? = nil,
                     reading wanted: (@Sendable (String) -> Bool)? = nil) throws(Diagnostic) {
        guard isValidName(name) else {
            throw Diagnostic(.error, "\"\(name)\" cannot be a dataset name",
                             help: "use letters, digits and _, starting with a letter, e.g. my_data")
        }
        let loaded = try CSVReader.loadFile(path: path, name: name, reading: wanted, hashing: hashesLoadedFiles,
                                            afterOpening: afterOpeningFile)
        var table = loaded.table
        for (columnName, levels) in entry?.scales ?? [] {
            guard let index = table.columnIndex(named: columnName) else {
                // A column a one-off run left out needs no scale.
                if table.allColumnNames.contains(where: { $0.lowercased() == columnName.lowercased() }) { continue }
                throw Diagnostic(.error, "the catalog gives a scale for column \"\(columnName)\", which \(path) does not have",
                                 location: FileLocation(file: path, line: 1))
            }
            try table.columns[index].applyScale(levels, file: path)
        }
        for declared in entry?.aliases ?? [] {
            for name in [declared.column, declared.aliases]
            where !table.allColumnNames.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw Diagnostic(.error, "the catalog gives aliases with column \"\(name)\", which \(path) does not have",
                                 location: FileLocation(file: path, line: 1))
            }
        }
        var dataset = Dataset(table: table, path: path, description: entry?.description ?? "",
                              source: entry?.source ?? "", joins: entry?.joins ?? [], sha256: loaded.sha256,
                              aliases: entry?.aliases ?? [])
        if let counts = entry?.counts {
            try Self.check(counts, of: table, file: path)
            dataset.counts = counts
        }
        if let existing = datasets.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            datasets[existing] = dataset
        } else {
            datasets.append(dataset)
        }
    }

    /// A counts declaration must name number columns the file has (a one-off run may have left
    /// them unread, which is fine: nothing that reads them runs).
    static func check(_ counts: CountsDeclaration, of table: Table, file: String) throws(Diagnostic) {
        for name in [counts.column] + (counts.total.map { [$0.column] + $0.per } ?? []) {
            if let index = table.columnIndex(named: name) {
                let isNumber = table.columns[index].type.isNumeric || table.columns[index].missingCount == table.rowCount
                if name == counts.column || name == counts.total?.column, !isNumber {
                    throw Diagnostic(.error, "the counts column \"\(name)\" of \(file) holds \(table.columns[index].type.rawValue), not numbers",
                                     location: FileLocation(file: file, line: 1))
                }
            } else if !table.allColumnNames.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw Diagnostic(.error, "\(file) has no column \"\(name)\" to take counts from",
                                 location: FileLocation(file: file, line: 1))
            }
        }
    }

    /// Adds a dataset built in memory (tests, and results saved as datasets).
    public func add(_ dataset: Dataset) {
        datasets.removeAll { $0.name.lowercased() == dataset.name.lowercased() }
        datasets.append(dataset)
    }

    private func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            && Keyword.named(name) == nil
    }

    // MARK: Running statements

    /// Splits `source` into statements; run each with `execute`.
    public func statements(in source: SourceText) -> [StatementSplitter.Piece] {
        StatementSplitter.split(source.text)
    }

    /// Runs one statement through parser, binder and evaluator.
    public func execute(_ piece: StatementSplitter.Piece, in source: SourceText) -> Outcome {
        var outcome = Outcome()
        switch piece {
        case .lexError(let error):
            outcome.diagnostics.append(attach(error, source))
        case .statement(let tokens, let range):
            currentSource = source
            var statement: Statement?
            do {
                var parser = Parser(tokens: tokens)
                statement = try parser.statement()
                outcome = try execute(statement!)
                outcome.diagnostics = outcome.diagnostics.map { attach($0, source) }
            } catch {
                outcome.diagnostics.append(attach(error, source))
            }
            if let recorder, statement.map(isRecordCommand) != true {
                let bytes = Array(source.text.utf8)
                let text = String(decoding: bytes[range.start..<min(range.end, bytes.count)], as: UTF8.self)
                do {
                    try recorder.add(statement: text, explanation: lastExplanation, output: outcome, datasets: lastDatasetsUsed)
                } catch {
                    outcome.diagnostics.append(Diagnostic(.error, "cannot write the record to \(recorder.path): \(error.reason)"))
                }
            }
            lastExplanation = nil
            lastDatasetsUsed = []
        }
        return outcome
    }

    /// Runs every statement of `text`, stopping at the first failure: a convenience for tests
    /// and simple callers.
    public func run(_ text: String, file: String? = nil) -> [Outcome] {
        let source = SourceText(file: file, text: text)
        var outcomes: [Outcome] = []
        for piece in statements(in: source) {
            let outcome = execute(piece, in: source)
            outcomes.append(outcome)
            if outcome.failed { break }
        }
        return outcomes
    }

    private func attach(_ diagnostic: Diagnostic, _ source: SourceText) -> Diagnostic {
        var diagnostic = diagnostic
        if diagnostic.range != nil, diagnostic.source == nil { diagnostic.source = source }
        return diagnostic
    }

    private func execute(_ statement: Statement) throws(Diagnostic) -> Outcome {
        switch statement {
        case .explain(let query):
            let (bound, result, warnings) = try run(query)
            let base = try Binder(datasets: datasets).dataset(named: query.dataset)
            let text = Explainer(query: bound).explain(result: result, datasetRows: base.table.rowCount,
                                                       suppression: settings.suppressBelow.map { Suppression(threshold: $0) })
            return Outcome(output: .explained(text, result), diagnostics: warnings)
        case .showSQL(let query):
            var binder = Binder(datasets: datasets)
            let bound = try binder.bind(query)
            do {
                return Outcome(output: .text(try SQLGenerator.sql(for: bound)))
            } catch {
                var located = error
                if located.range == nil { located.range = query.range }
                throw located
            }
        case .proportion(let question):
            lastDatasetsUsed = datasetsRead(by: question.base)
            return try proportion(question)
        case .compareCounts(let first, let second):
            return try compare(first, second)
        case .compareGroups(let question):
            lastDatasetsUsed = datasetsRead(by: question.base)
            return try compareGroups(question)
        case .compareDatasets(let first, let second):
            lastDatasetsUsed = datasetsRead(by: first.base) + datasetsRead(by: second.base)
            return try compareDatasets(first, second)
        case .record(let path, let range):
            guard let path else {
                guard let recorder else { return Outcome(output: .notice("nothing is being recorded")) }
                self.recorder = nil
                return Outcome(output: .notice("stopped recording to \(recorder.path)"))
            }
            do {
                recorder = try Recorder(path: path)
            } catch {
                throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
            }
            return Outcome(output: .notice("recording to \(path): every statement, its meaning and its result"))
        case .query(let query):
            let (bound, result, warnings) = try run(query)
            lastExplanation = Explainer(query: bound).sentence().capitalizedFirst
            return Outcome(output: .result(result), diagnostics: warnings)
        case .load(let path, let name, let counts):
            try load(path: path, as: name.text, entry: counts.map { Catalog.Entry(name: name.text, file: path, counts: CountsDeclaration(column: $0.text)) })
            let rows = datasets.first { $0.name.lowercased() == name.text.lowercased() }?.table.rowCount ?? 0
            return Outcome(output: .notice("loaded \(name.text): \(rows) rows from \(path)"))
        case .datasets:
            return Outcome(output: .result(Describer.datasetsTable(datasets)))
        case .describe(let name):
            let dataset = try Binder(datasets: datasets).dataset(named: name)
            return Outcome(output: .text(Describer.describe(dataset)))
        case .set(let setting, let value):
            return Outcome(output: .notice(try apply(setting: setting, value: value)))
        case .help(let topic):
            return Outcome(output: .text(try Help.text(for: topic)))
        case .quit:
            return Outcome(quit: true)
        case .showLast:
            guard let result = lastResult else {
                return Outcome(output: .text("there is no result yet"))
            }
            return Outcome(output: .result(result), showAllRows: true)
        case .saveChart(let path, let range):
            guard let result = lastResult else {
                throw Diagnostic.error("there is no result to chart yet", at: range,
                                       help: "run a grouped query first, e.g. count reviews group by judgement")
            }
            if let problem = ChartRenderer.problem(with: result) { throw Diagnostic.error(problem, at: range) }
            let text: String
            switch OutputFormat.forExtension(of: path) {
            case .box?: text = ChartRenderer.render(result, width: settings.width ?? 80, unicode: true)
            default:
                guard path.lowercased().hasSuffix(".svg") else {
                    throw Diagnostic.error("a chart is saved as .svg (a picture) or .txt (text)", at: range,
                                           help: "for example: save chart to \"judgements.svg\"")
                }
                text = SVGChart.render(result, title: lastQueryText ?? "")
            }
            do {
                try FileSystem.writeFileAtomically(path, Array((text + "\n").utf8))
            } catch {
                throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
            }
            return Outcome(output: .notice("saved the chart to \(path)"))
        case .showUnmatched:
            guard let unmatched = lastUnmatched else {
                return Outcome(output: .text("the last join matched every row"))
            }
            return Outcome(output: .result(unmatched))
        case .save(let path, let formatName, let range):
            guard let result = lastResult else {
                throw Diagnostic.error("there is no result to save yet", at: range,
                                       help: "run a query first, e.g. count reviews group by judgement")
            }
            var format = OutputFormat.forExtension(of: path)
            if let formatName {
                guard let named = OutputFormat(rawValue: formatName.text.lowercased()) else {
                    throw Diagnostic.error("unknown format \"\(formatName.text)\"", at: formatName.range,
                                           help: "the formats are " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                format = named
            }
            guard let format else {
                throw Diagnostic.error("cannot tell the format from the name \"\(path)\"", at: range,
                                       help: "end the name in .csv, .tsv, .json, .md or .txt, or add `as csv`")
            }
            do {
                try Self.write(result, to: path, as: format)
            } catch {
                var located = error
                if located.range == nil { located.range = range }
                throw located
            }
            return Outcome(output: .notice("saved \(result.table.rowCount) rows to \(path) as \(format.rawValue)"))
        }
    }

    /// Writes a result to a file whole, or not at all (a temporary file renamed into place).
    /// Tables and charts for people are written without colour and without row limits.
    public static func write(_ result: QueryResult, to path: String, as format: OutputFormat) throws(Diagnostic) {
        let text = try ResultWriter.render(result, as: format)
        do {
            try FileSystem.writeFileAtomically(path, Array((text + "\n").utf8))
        } catch {
            throw Diagnostic(.error, "cannot write \(path): \(error.reason)")
        }
    }

    /// Binds and evaluates a query, adds what its `with` list asks for, and keeps the result
    /// (and the join's unmatched rows) for `save last`, `show last` and `show unmatched`.
    private func run(_ query: Query) throws(Diagnostic) -> (BoundQuery, QueryResult, [Diagnostic]) {
        var binder = Binder(datasets: datasets)
        let bound = try binder.bind(query)
        lastDatasetsUsed = datasetsRead(by: query)
        Cancellation.reset()
        var result: QueryResult
        do { result = try Evaluator.run(bound, suppressBelow: settings.suppressBelow) } catch { throw located(error, query.range) }
        if result.isChart, let problem = ChartRenderer.problem(with: result) {
            throw Diagnostic.error("cannot draw this as a chart: \(problem)", at: query.range)
        }
        if query.withIntervals {
            do { try addIntervals(&result) } catch { throw located(error, query.range) }
        }
        if query.withTest {
            do { try addIndependenceTest(&result) } catch { throw located(error, query.range) }
        }
        lastResult = result
        lastQueryText = queryText(query)
        if !query.joins.isEmpty { lastUnmatched = binder.unmatched }
        return (bound, result, binder.warnings)
    }

    private func located(_ error: Diagnostic, _ range: SourceRange) -> Diagnostic {
        var error = error
        if error.range == nil { error.range = range }
        return error
    }

    private func datasetsRead(by query: Query) -> [Dataset] {
        let names = [query.dataset.text.lowercased()] + query.joins.map { $0.dataset.text.lowercased() }
        return names.compactMap { name in datasets.first { $0.name.lowercased() == name } }
    }

    /// `set`: the settings and how each reads its value are in Settings.swift.
    private func apply(setting: Name, value: Name) throws(Diagnostic) -> String {
        try settings.apply(setting: setting, value: value)
    }
}
