import ArgumentParser
import ReviewQLCore
import ReviewQLData
import ReviewQLWorkbook

/// The `reviewql` command: its flags, and the choice between running statements given on the
/// command line, a script, standard input, or the interactive shell.
struct ReviewQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewql",
        abstract: "Ask questions of serious case review data in plain words.",
        discussion: CommandHelp.discussion,
        version: CommandHelp.version
    )

    @Argument(help: ArgumentHelp("A script of statements to run ('-' reads standard input).", valueName: "script"),
              completion: .file(extensions: ["rql", "sql", "txt"]))
    var script: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and exit.", valueName: "statements"))
    var commands: [String] = []

    @Option(help: "Output format: box, ascii, csv, tsv, json (one line per result) or markdown; with --output also xlsx or csv-excel.")
    var format: OutputFormat?

    @Flag(help: "Draw tables with plain ASCII characters.")
    var ascii = false

    @Option(help: ArgumentHelp("Load the CSV files of this folder instead of the built-in data (also REVIEWQL_DATA).", valueName: "folder"),
            completion: .directory)
    var data: String?

    @Option(name: .customLong("load"), help: ArgumentHelp("Also load a CSV file, or a workbook's sheet (name=book.xlsx#Sheet), as a dataset.", valueName: "name=path.csv"),
            completion: .file())
    var loads: [String] = []

    @Option(help: ArgumentHelp("The separator of the --load files: a character such as ';' or '|', or tab (found from the file when not given).", valueName: "char"))
    var separator: String?

    @Option(help: ArgumentHelp("The line the column names are on in the --load files, from 1 (found from the file when not given).", valueName: "n"))
    var headerLine: Int?

    @Flag(help: "The --load files have no header line: every line is a row, and the columns are called column_1, column_2, ….")
    var noHeader = false

    @Option(help: ArgumentHelp("The encoding of the --load files: utf-8, utf-16, windows-1252 or latin-1 (found from the file when not given).", valueName: "name"))
    var encoding: String?

    /// What `--separator`, `--header-line` and `--encoding` ask of every `--load` file.
    var loadOptions: LoadOptions {
        LoadOptions(separator: separator.flatMap(Dialect.separator(named:)), headerLine: headerLine,
                    encoding: encoding.flatMap(TextEncoding.named), noHeader: noHeader)
    }

    @Option(name: .customLong("set"), help: ArgumentHelp("Give a script's parameter a value: the script's :name stands for it, as one value (text, or a number or date when written as one). Repeatable.", valueName: "name=value"))
    var parameters: [String] = []

    @Flag(help: "Go on after a statement fails (a script stops at the first failure otherwise).")
    var keepGoing = false

    @Option(help: ArgumentHelp("Also write the last result to this file, in the format its extension names (.xlsx, .csv, .tsv, .json, .md, .txt) unless --format says.", valueName: "file"),
            completion: .file())
    var output: String?

    @Flag(help: "Show each statement of a script, and the comments above it, before its result.")
    var echo = false

    @Flag(help: "Step through a script as a lesson: show each comment block and statement, then wait (Enter runs it, s skips, b goes back, q stops).")
    var step = false

    @Flag(name: .customLong("no-rc"), help: "Do not run ~/.reviewqlrc when the interactive shell starts.")
    var noStartupFile = false

    @Flag(help: "Safe mode, for scripts and lessons from others: no files written, no record, no copy last, no files loaded from outside the current folder.")
    var safe = false

    func validate() throws {
        for item in loads where !item.contains("=") {
            throw ValidationError("--load takes name=path.csv, e.g. --load mine=my_data.csv (got '\(item)')")
        }
        for item in loads {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts[0].isEmpty {
                throw ValidationError("--load takes name=path.csv, and the name before '=' is empty (got '\(item)')")
            }
            if parts[1].isEmpty {
                throw ValidationError("--load \(parts[0])= names no file: the path after '=' is empty (a shell variable that is not set gives this), e.g. --load \(parts[0])=my_data.csv")
            }
        }
        try validateParameters()
        if let separator, Dialect.separator(named: separator) == nil {
            throw ValidationError("--separator takes one character such as ';' or '|', or tab (got '\(separator)')")
        }
        if let headerLine, headerLine < 1 {
            throw ValidationError("--header-line takes a line number from 1 (got \(headerLine))")
        }
        if headerLine != nil, noHeader {
            throw ValidationError("--header-line and --no-header ask opposite things: give one")
        }
        if let encoding, TextEncoding.named(encoding) == nil {
            throw ValidationError("--encoding takes utf-8, utf-16, windows-1252 or latin-1 (got '\(encoding)')")
        }
        if !commands.isEmpty && script != nil {
            throw ValidationError("give either -c statements or a script, not both")
        }
        if step && script == nil && commands.isEmpty {
            throw ValidationError("--step needs a lesson to step through, e.g. reviewql --step queries/teaching/01_percentages_and_denominators.rql")
        }
        if step && script == "-" {
            throw ValidationError("--step reads the trainer's keys from standard input, so the lesson cannot come from there: name its file")
        }
        if let format, format.isFileOnly, output == nil {
            throw ValidationError("--format \(format.rawValue) is written to a file: add --output, e.g. --output result.\(format == .xlsx ? "xlsx" : "csv")")
        }
    }

    func run() throws {
        ProgramSignals.install()
        let session = Session()
        session.settings.safe = safe
        giveParameters(to: session)
        session.workbookOpener = WorkbookReader()
        session.workbookPacker = ZipPacker()
        // A file-only format (xlsx, csv-excel) is for --output; the screen gets the usual table.
        let printed = format.flatMap { $0.isFileOnly ? nil : $0 }
        session.settings.format = printed ?? (ascii || !Terminal.isUTF8 ? .ascii : .box)
        let runner = ScriptRunner(session: session, keepGoing: keepGoing)
        runner.presentation = step ? .step : echo ? .echo : .plain

        // The data built into the program, unless a folder is named.
        let dataFolder = data ?? FileSystem.environment("REVIEWQL_DATA").flatMap { $0.isEmpty ? nil : $0 }
        if let dataFolder, data != nil && !FileSystem.isDirectory(dataFolder) {
            Terminal.printError("error: cannot read the data folder \(dataFolder)\nhelp: give a folder of CSV files with --data")
            throw ExitCode(2)
        }
        // The statements of a one-off run, known before any file is loaded.
        var statements: SourceText?
        if !commands.isEmpty {
            statements = SourceText(text: commands.joined(separator: "\n;\n"))
        } else if let script, script != "-" {
            do {
                statements = SourceText(file: script, text: String(decoding: try FileSystem.readFile(script), as: UTF8.self))
            } catch {
                Terminal.printError("error: cannot read the script \(script): \(error.reason)")
                throw ExitCode(2)
            }
        }

        // A one-off run reads only the columns of a --load file that its statements can use.
        // The statements are read for that once here, one at a time, and again as they run:
        // never all held at once (a script may have a million).
        let demand = statements.map { ColumnDemand(statements: session.statementStream(in: $0)) }
        // Hashing a large file costs more than reading it; only a handout needs the hash.
        session.hashesLoadedFiles = demand?.mayRecord ?? true
        let problems = dataFolder.map { session.loadDataDirectory($0) } ?? session.loadBuiltInData(BuiltInData.files)
        for problem in problems { runner.report(problem) }
        try loadFiles(into: session, reporting: runner, demand: demand)

        let succeeded: Bool
        if let statements {
            succeeded = runner.run(statements)
        } else if script == nil && Terminal.isInteractive {
            succeeded = InteractiveShell(session: session, runner: runner, runsStartupFile: !noStartupFile).run()
        } else {
            succeeded = runner.run(SourceText(file: script == "-" ? "<stdin>" : nil, text: Terminal.readAllStandardInput()))
        }
        if succeeded, statements != nil || script != nil || !Terminal.isInteractive { reportUnusedParameters(of: session, by: runner) }
        if ProgramSignals.wasInterrupted { throw ExitCode(130) }
        if let output { try writeLastResult(of: session, to: output, reporting: runner) }
        if !succeeded { throw ExitCode(1) }
    }
}

extension ReviewQLCommand {
    /// The `--load` files, each with the options given and only the columns the statements can
    /// use; a file that cannot be loaded ends the run (exit 1, or 130 when interrupted).
    func loadFiles(into session: Session, reporting runner: ScriptRunner, demand: ColumnDemand?) throws {
        for item in loads {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            if ProgramSignals.wasInterrupted { throw ExitCode(130) }
            do {
                let (path, sheet) = WorkbookKind.pathAndSheet(parts[1])
                var entry = try session.catalogEntry(beside: path) ?? Catalog.Entry(name: parts[0], file: path)
                if loadOptions != LoadOptions() { entry.options = loadOptions }
                let notes = try session.load(path: path, as: parts[0], sheet: sheet, entry: entry, reading: demand?.columns(of: parts[0]))
                for note in notes { runner.report(Diagnostic(.note, "\(parts[0]) (\(path)): " + note.message)) }
            } catch {
                runner.report(error)
                throw ExitCode(ProgramSignals.wasInterrupted ? 130 : 1)
            }
        }
    }

    /// `--output`: the session's last result written to `output`, in the format asked for or
    /// named by the file's extension.
    func writeLastResult(of session: Session, to output: String, reporting runner: ScriptRunner) throws {
        guard let result = session.lastResult else {
            Terminal.printError("error: no result to write to \(output)")
            throw ExitCode(1)
        }
        guard let outputFormat = format ?? OutputFormat.forExtension(of: output) else {
            Terminal.printError("error: cannot tell the format from the name \"\(output)\"\nhelp: end it in .xlsx, .csv, .tsv, .json, .md or .txt, or add --format")
            throw ExitCode(2)
        }
        do {
            for remark in try session.write(result, to: output, as: outputFormat) {
                runner.report(Diagnostic(.note, remark.text))
            }
        } catch {
            Terminal.printError(DiagnosticRenderer.render(error))
            throw ExitCode(1)
        }
    }
}

extension ReviewQLCommand {
    /// `--set name=value`, split at the first `=`, in the order given.
    var givenParameters: [(name: String, value: String)] {
        parameters.map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    func giveParameters(to session: Session) {
        for (name, value) in givenParameters {
            session.parameters.set(name, to: ParameterValue(typed: value), from: .commandLine)
        }
    }

    /// After a one-off run that went to its end (only then is it known that a parameter was
    /// not used): a note for each `--set` no statement used.
    func reportUnusedParameters(of session: Session, by runner: ScriptRunner) {
        for (name, value) in session.parameters.unusedFromCommandLine {
            runner.report(ParameterProblem.unused(name: name, value: value.text).diagnostic)
        }
    }

    /// Each `--set` is NAME=VALUE with a name `:NAME` can be written with, given once.
    func validateParameters() throws {
        var seen: [String: String] = [:]
        for item in parameters where !item.contains("=") || item.hasPrefix("=") {
            throw ValidationError(ParameterProblem.commandLineForm(item).diagnostic.message)
        }
        for (name, value) in givenParameters {
            guard Parameters.isValidName(name) else {
                throw ValidationError(ParameterProblem.commandLineName(name).diagnostic.message)
            }
            guard !value.isEmpty else {
                throw ValidationError(ParameterProblem.commandLineEmpty(name).diagnostic.message)
            }
            if let first = seen[name.lowercased()], first != value {
                throw ValidationError(ParameterProblem.givenTwice(name: name, first: ParameterValue(typed: first).shown,
                                                                  second: ParameterValue(typed: value).shown).diagnostic.message)
            }
            seen[name.lowercased()] = value
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// The entry point: parses the flags, and maps a usage error to exit status 2.
@main
enum Main {
    static func main() {
        do {
            var command = try ReviewQLCommand.parseAsRoot()
            try command.run()
            finishOutput()
        } catch {
            finishOutput()
            let code = ReviewQLCommand.exitCode(for: error)
            if code == .validationFailure {
                Terminal.printError(ReviewQLCommand.fullMessage(for: error))
                ReviewQLCommand.exit(withError: ExitCode(2))
            }
            ReviewQLCommand.exit(withError: error)
        }
    }

    /// Writes out what is left for standard output; a failure to write it is an error and
    /// exit status 1, never a silent loss of results.
    static func finishOutput() {
        if !StandardOutput.shared.flush() {
            StandardOutput.shared.reportFailure()
            ReviewQLCommand.exit(withError: ExitCode(1))
        }
    }
}
