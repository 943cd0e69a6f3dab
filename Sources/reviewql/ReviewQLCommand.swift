import ArgumentParser
import ReviewQLCore
import ReviewQLWorkbook

/// The `reviewql` command: its flags, and the choice between running statements given on the
/// command line, a script, standard input, or the interactive shell.
struct ReviewQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewql",
        abstract: "Ask questions of serious case review data in plain words.",
        discussion: """
            With no statements or script, and a terminal on standard input, reviewql starts an \
            interactive session. Exit status: 0 success, 1 a statement failed, 2 usage error.
            """,
        version: ReviewQLVersion.current
    )

    @Argument(help: ArgumentHelp("A script of statements to run ('-' reads standard input).", valueName: "script"))
    var script: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements and exit.", valueName: "statements"))
    var commands: [String] = []

    @Option(help: "Output format: box, ascii, csv, tsv, json (one line per result) or markdown; with --output also xlsx or csv-excel.")
    var format: OutputFormat?

    @Flag(help: "Draw tables with plain ASCII characters.")
    var ascii = false

    @Option(help: ArgumentHelp("Load the CSV files of this folder instead of the bundled data.", valueName: "folder"))
    var data: String?

    @Option(name: .customLong("load"), help: ArgumentHelp("Also load a CSV file, or a workbook's sheet (name=book.xlsx#Sheet), as a dataset.", valueName: "name=path.csv"))
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

    @Flag(help: "Go on after a statement fails (a script stops at the first failure otherwise).")
    var keepGoing = false

    @Option(help: ArgumentHelp("Also write the last result to this file, in the format its extension names (.xlsx, .csv, .tsv, .json, .md, .txt) unless --format says.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("no-rc"), help: "Do not run ~/.reviewqlrc when the interactive shell starts.")
    var noStartupFile = false

    func validate() throws {
        for item in loads where !item.contains("=") {
            throw ValidationError("--load takes name=path.csv, e.g. --load mine=my_data.csv (got '\(item)')")
        }
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
        if let format, format.isFileOnly, output == nil {
            throw ValidationError("--format \(format.rawValue) is written to a file: add --output, e.g. --output result.\(format == .xlsx ? "xlsx" : "csv")")
        }
    }

    func run() throws {
        let session = Session()
        session.workbookOpener = WorkbookReader()
        session.workbookPacker = ZipPacker()
        // A file-only format (xlsx, csv-excel) is for --output; the screen gets the usual table.
        let printed = format.flatMap { $0.isFileOnly ? nil : $0 }
        session.settings.format = printed ?? (ascii || !Terminal.isUTF8 ? .ascii : .box)
        let runner = ScriptRunner(session: session, keepGoing: keepGoing)

        let dataFolder = data ?? FileSystem.environment("REVIEWQL_DATA") ?? BundledData.folder
        if data != nil && !FileSystem.isDirectory(dataFolder) {
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
        // Each statement is lexed and parsed once, here, and run as parsed.
        let parsed = statements.map { session.statements(in: $0) }
        let demand = parsed.map { ColumnDemand(statements: $0) }
        // Hashing a large file costs more than reading it; only a handout needs the hash.
        session.hashesLoadedFiles = demand?.mayRecord ?? true
        for problem in session.loadDataDirectory(dataFolder) { runner.report(problem) }
        for item in loads {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            do {
                let (path, sheet) = WorkbookKind.pathAndSheet(parts[1])
                var entry = try session.catalogEntry(beside: path) ?? Catalog.Entry(name: parts[0], file: path)
                if loadOptions != LoadOptions() { entry.options = loadOptions }
                let notes = try session.load(path: path, as: parts[0], sheet: sheet, entry: entry, reading: demand?.columns(of: parts[0]))
                for note in notes { runner.report(Diagnostic(.note, "\(parts[0]) (\(path)): " + note.message)) }
            } catch {
                runner.report(error)
                throw ExitCode(1)
            }
        }

        let succeeded: Bool
        if let statements {
            succeeded = runner.run(statements, parsed: parsed)
        } else if script == nil && Terminal.isInteractive {
            succeeded = InteractiveShell(session: session, runner: runner, runsStartupFile: !noStartupFile).run()
        } else {
            succeeded = runner.run(SourceText(file: script == "-" ? "<stdin>" : nil, text: Terminal.readAllStandardInput()))
        }
        if let output {
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
        if !succeeded { throw ExitCode(1) }
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
        } catch {
            let code = ReviewQLCommand.exitCode(for: error)
            if code == .validationFailure {
                Terminal.printError(ReviewQLCommand.fullMessage(for: error))
                ReviewQLCommand.exit(withError: ExitCode(2))
            }
            ReviewQLCommand.exit(withError: error)
        }
    }
}
