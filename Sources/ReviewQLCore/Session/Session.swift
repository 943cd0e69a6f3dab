/// A session: the loaded datasets, the settings, and the statements run so far.
///
/// The driver of the pipeline, as jlox's `run` is: it splits text into statements and parses
/// each once (`ParsedStatement`), then for each one runs the binder and the evaluator in turn,
/// stopping at the first stage that reports an error. It does no terminal I/O: callers print
/// what `execute` returns. The commands live beside what they use: loading in `Loading.swift`,
/// `save` in `Saving.swift`, `record` with the `Recorder`, `describe` with the `Describer`,
/// the `show` statements in `Showing.swift`, and the statistics statements in
/// `StatisticsStatements.swift`.
public final class Session {
    public internal(set) var datasets: [Dataset] = []
    public var settings = Settings()
    /// The script parameters (`--set authority=Norfolk`, `set parameter`): Parameters.swift.
    public var parameters = Parameters()
    /// The last query's result, for `save last`.
    public internal(set) var lastResult: QueryResult?
    /// The keys the last join could not match, for `show unmatched`.
    public internal(set) var lastUnmatched: QueryResult?
    /// The handout being recorded, if any.
    var recorder: Recorder?
    /// For the recorder, worked out only while recording: the last query in words, and the
    /// datasets it read.
    var lastExplanation: String?
    var lastDatasetsUsed: [Dataset] = []
    /// For the handout, the values of the parameters the statement running uses
    /// (`-- :authority = "Norfolk"`), so the page says what it was run with.
    var parameterValuesUsed: String?
    /// A test's seam: runs as each data file is opened, before it is read (`FileSnapshot`).
    var afterOpeningFile: (() -> Void)?
    /// Whether a load takes the SHA-256 of the bytes it reads, for `record`'s handout. Hashing
    /// a large file costs more than parsing it, and needs the file in memory whole, so a
    /// one-off run whose statements cannot record turns it off (`ColumnDemand.mayRecord`).
    public var hashesLoadedFiles = true
    /// Reads workbooks (.xlsx, .ods); the program installs `ReviewQLWorkbook`'s reader, and a
    /// session without one refuses them.
    public var workbookOpener: (any WorkbookOpening)?
    /// Packs a workbook's files into the zip archive an .xlsx is; the program gives it
    /// (`ReviewQLWorkbook`), so the core needs no zip library. Without it `save` to .xlsx says so.
    public var workbookPacker: (any WorkbookPacker)?

    /// Where `save chart to "x.png"` looks for rsvg-convert: the PATH, unless a test says.
    public var pngSearchPath = FileSystem.environment("PATH")
    /// The text of the last query, as the title of a saved chart.
    var lastQueryText: String?
    private(set) var currentSource: SourceText?

    func queryText(_ query: Query) -> String? {
        currentSource?.oneLine(query.range)
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
            /// `copy last`: tab-separated text for the clipboard, which only the program can
            /// reach (through the terminal), and how many rows it holds.
            case clipboard(String, rows: Int)
            /// `run "lesson.rql"`: the file's statements, for the caller to run in turn (one
            /// at a time, waiting between them, when `stepByStep`).
            case script(SourceText, stepByStep: Bool)
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

    // MARK: Running statements

    /// Splits `source` into statements and parses each once; run each with `execute`.
    public func statements(in source: SourceText) -> [ParsedStatement] {
        boundStatements(in: source)
    }

    /// Runs one parsed statement through the binder and the evaluator.
    public func execute(_ piece: ParsedStatement, in source: SourceText) -> Outcome {
        let piece = bindingParameters(piece)
        var outcome = Outcome()
        guard let range = piece.range else {
            // A lexing error: the statement has no text of its own to run or record.
            if case .failed(let error) = piece.content { outcome.diagnostics.append(attach(error, source)) }
            return outcome
        }
        currentSource = source
        var statement: Statement?
        do throws(Diagnostic) {
            switch piece.content {
            case .failed(let error):
                // SQL or a dot-command of sqlite3's, typed by habit (Habits.swift).
                guard let habit = try habitOutcome(source.text(of: range), range: range) else { throw error }
                outcome = habit
                outcome.diagnostics = outcome.diagnostics.map { attach($0, source) }
            case .statement(let parsed):
                statement = parsed
                outcome = try execute(parsed)
                if recorder != nil, lastExplanation == nil { lastExplanation = meaning(of: parsed) }
                outcome.diagnostics = outcome.diagnostics.map { attach($0, source) }
            }
        } catch {
            outcome.diagnostics.append(attach(error, source))
        }
        if statement.map(Self.isRecordCommand) != true {
            record(source: source, range: range, statement: statement, outcome: &outcome)
        }
        lastExplanation = nil
        lastDatasetsUsed = []
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

    /// Sends each statement to the code for its kind.
    func execute(_ statement: Statement) throws(Diagnostic) -> Outcome {
        switch statement {
        case .query(let query): return try queryCommand(query)
        case .explain(let query): return try explainCommand(query)
        case .showSQL(let query, let engine): return try showSQLCommand(query, engine: engine)
        case .proportion(let question):
            noteDatasetsRead(by: [question.base])
            return try proportion(question)
        case .compareCounts(let first, let second): return try compare(first, second)
        case .proportionCounts(let pair): return try proportion(of: pair)
        case .withConfidence(let level, let inner):
            let saved = settings.confidence
            settings.confidence = level
            defer { settings.confidence = saved }
            return try execute(inner)
        case .rate(let question): return try rateCommand(question)
        case .rateOfDataset(let question):
            noteDatasetsRead(by: [question.events])
            return try populationRate(question)
        case .explainRate(let question):
            noteDatasetsRead(by: [question.events])
            return try explainPopulationRate(question)
        case .showSQLRate(let question, let engine): return try populationRateSQL(question, engine: engine)
        case .compareGroups(let question):
            noteDatasetsRead(by: [question.base])
            return try compareGroups(question)
        case .compareDatasets(let first, let second):
            noteDatasetsRead(by: [first.base, second.base])
            return try compareDatasets(first, second)
        case .record(let request, let range): return try recordCommand(request, range: range)
        case .runScript(let path, let stepByStep, let range): return try runCommand(path: path, stepByStep: stepByStep, range: range)
        case .pause: return Outcome()
        case .load(let path, let sheet, let name, let counts, let options):
            return try loadCommand(path: path, sheet: sheet, name: name, counts: counts, options: options)
        case .datasets: return datasetsCommand()
        case .describe(let name): return try describeCommand(name)
        case .set(let setting, let value): return Outcome(output: .notice(try apply(setting: setting, value: value)))
        case .setScale(let column, let dataset, let levels):
            return try setScaleCommand(column: column, dataset: dataset, levels: levels)
        case .setDateOrder(let column, let dataset, let order, let range):
            return try setDateOrderCommand(column: column, dataset: dataset, order: order, range: range)
        case .help(let topic): return Outcome(output: .text(try Help.text(for: topic)))
        case .quit: return Outcome(quit: true)
        case .showLast: return showLastCommand()
        case .copyLast: return try copyLastCommand()
        case .showUnmatched: return showUnmatchedCommand()
        case .saveChart(let path, let range): return try saveChartCommand(path: path, range: range)
        case .setParameter(let name, let value, let range): return setParameterCommand(name: name, value: value, range: range)
        case .showParameters: return showParametersCommand()
        case .save(let path, let formatName, let replacing, let range):
            return try saveCommand(path: path, formatName: formatName, replacing: replacing, range: range)
        }
    }

    // MARK: Queries

    private func queryCommand(_ query: Query) throws(Diagnostic) -> Outcome {
        let (bound, result, warnings) = try run(query)
        // The sentence is for the handout only: worked out while recording, not for every query.
        if recorder != nil { lastExplanation = Explainer(query: bound).sentence().capitalizedFirst }
        return Outcome(output: .result(result), diagnostics: warnings)
    }

    private func explainCommand(_ query: Query) throws(Diagnostic) -> Outcome {
        let (bound, result, warnings) = try run(query)
        let base = try Binder(datasets: datasets).dataset(named: query.dataset)
        let text = Explainer(query: bound).explain(result: result, datasetRows: base.table.rowCount,
                                                   suppression: settings.suppressBelow.map { Suppression(threshold: $0) })
        return Outcome(output: .explained(text, result), diagnostics: warnings)
    }

    /// Binds and evaluates a query, adds what its `with` list asks for, and keeps the result
    /// (and the join's unmatched rows) for `save last`, `show last` and `show unmatched`.
    private func run(_ query: Query) throws(Diagnostic) -> (BoundQuery, QueryResult, [Diagnostic]) {
        var binder = Binder(datasets: datasets)
        let gathered = Evaluator.gather(try binder.bind(query))
        let bound = gathered.query
        noteDatasetsRead(by: [query])
        // A Ctrl-C while the names were bound (suggestions) or the rows joined stops here.
        do { try Cancellation.check() } catch { throw located(error, query.range) }
        var result: QueryResult
        do { result = try Evaluator.run(bound, suppressBelow: settings.suppressBelow) } catch { throw located(error, query.range) }
        if query.withIntervals {
            do { try addIntervals(&result) } catch { throw located(error, query.range) }
        }
        if query.withTest {
            do { try addIndependenceTest(&result) } catch { throw located(error, query.range) }
        }
        if result.isChart {
            try dressChart(&result, query: query, period: Self.periodFunction(bound.groupKeys),
                           inWords: Explainer(query: bound).sentence().capitalizedFirst)
        }
        lastResult = result
        lastQueryText = queryText(query)
        if !query.joins.isEmpty { lastUnmatched = gathered.unmatched }
        return (bound, result, binder.warnings(following: gathered.warnings))
    }

    /// Works out a chart query's chart once, with the result final, or says why it cannot be drawn.
    func drawable(_ result: inout QueryResult, range: SourceRange) throws(Diagnostic) {
        do {
            result.chart = try ChartData(result)
        } catch {
            throw Diagnostic.error("cannot draw this as a chart: \(error.message)", at: range)
        }
    }

    /// An error with no place of its own points at the whole query.
    func located(_ error: Diagnostic, _ range: SourceRange) -> Diagnostic {
        var error = error
        if error.range == nil { error.range = range }
        return error
    }

    /// `set`: the settings and how each reads its value are in Settings.swift.
    private func apply(setting: Name, value: Name) throws(Diagnostic) -> String {
        try settings.apply(setting: setting, value: value)
    }
}

extension SourceText {
    /// The text of `range` on one line (a statement typed over several), as titles and JSON
    /// name it; nil when the range is not in the text.
    public func oneLine(_ range: SourceRange) -> String? {
        guard range.end <= text.utf8.count, range.start <= range.end else { return nil }
        return text(in: range)
            .split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.joined(separator: " ")
    }
}
