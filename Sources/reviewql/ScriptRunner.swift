import ReviewQLCore

/// Runs statements and prints what they produce: results to standard output, warnings and
/// errors to standard error, each through the one diagnostic renderer.
final class ScriptRunner {
    let session: Session
    let keepGoing: Bool
    /// Whether the shell is interactive (confirmations such as "format is csv" are shown).
    var isInteractive = false
    /// A `quit` statement was run.
    private(set) var quitRequested = false
    /// How a script's statements are shown as they run: `--echo`, `--step`.
    var presentation = ScriptPresentation.plain
    var printedResult = false
    var printedTable = false
    /// How many `run` statements deep the script running is.
    var depth = 0
    /// How many statements have run, for the cancellation test hook.
    private var statementsRun = 0

    init(session: Session, keepGoing: Bool) {
        self.session = session
        self.keepGoing = keepGoing
        Cancellation.armTestHook(FileSystem.environment("REVIEWQL_TEST_STOP_AT"))
    }

    /// Runs every statement of `source` in order; returns false when any failed. Stops at the
    /// first failure unless `keepGoing` (or a lesson is being stepped through). `parsed`: the
    /// statements of `source`, when the caller has already parsed them (a one-off run does, to
    /// learn which columns to load). `stepByStep`: wait before each statement (`run "x"
    /// step by step`); otherwise as `presentation` says.
    @discardableResult
    func run(_ source: SourceText, parsed: [ParsedStatement]? = nil, stepByStep: Bool = false) -> Bool {
        var succeeded = true
        if isInteractive {
            Cancellation.reset()  // a Ctrl-C while the line was typed is not a stop for it
        } else if ProgramSignals.wasInterrupted {
            return false  // Ctrl-C during the start-up load: nothing more is run
        }
        // A parameter with no value stops the script before its first statement runs. The
        // statements are read here once for that, and again one at a time as they run.
        let problem = parsed.map { session.parameterProblem(in: $0, source: source) }
            ?? session.parameterProblem(in: session.statementStream(in: source), source: source)
        if let problem {
            report(problem)
            return false
        }
        var lesson = Lesson(source: source, parsed: parsed, stream: session.statementStream(in: source),
                            stepping: stepByStep || presentation == .step, echoing: presentation != .plain)
        while let index = lesson.next() {
            let piece = lesson.piece(at: index)
            if piece.isPause {
                // A pause waits only in a lesson stepped through.
                let choice = lesson.stepping ? ask(pausing: true) : .run
                if choice == .stop { break }
                lesson.follow(choice == .back ? .back : .skip)
                continue
            }
            if lesson.echoing { present(lesson, at: index) }
            if lesson.stepping {
                let choice = ask(pausing: false)
                if choice == .stop {
                    Terminal.print("stopped the lesson before step \(lesson.stepNumber(of: index)) of \(lesson.stepCount)")
                    break
                }
                if !lesson.follow(choice) { continue }
            } else {
                lesson.follow(.run)
            }
            let started = Clock.now, startedCPU = Clock.cpuNow
            statementsRun += 1
            Cancellation.statementStarts(statementsRun)
            var outcome = session.execute(piece, in: source)
            if let asks = Cancellation.asksOfHookedStatement(statementsRun) {
                Terminal.printError("note: test hook: \(asks) asks")
            }
            if let problem = show(outcome, statement: piece.range.flatMap(source.oneLine)) {
                outcome.diagnostics.append(problem)
            }
            var nestedFailed = false
            if case .script(let script, let stepping)? = outcome.output {
                nestedFailed = !runNested(script, stepByStep: stepping || lesson.stepping)
            }
            if session.settings.timer, !outcome.failed {
                Terminal.printError("time: \(Clock.millisecondsSince(started)) ms (CPU \(Clock.cpuMillisecondsSince(startedCPU)) ms)")
            }
            if outcome.quit {
                quitRequested = true
                break
            }
            // Results that cannot be written are not worth computing: stop at once.
            if !StandardOutput.shared.flush() {
                reportOutputFailure()
                return false
            }
            if outcome.failed || nestedFailed {
                succeeded = false
                // Ctrl-C stops the whole line (or script), not just the statement running.
                if Cancellation.isRequested {
                    let rest = lesson.count(after: index)
                    if rest > 0 {
                        Terminal.printError(rest == 1 ? "the statement after it on this line was not run"
                                                      : "the \(rest) statements after it on this line were not run")
                    }
                    break
                }
                if !keepGoing && !isInteractive && !lesson.stepping { break }
            }
        }
        return succeeded
    }

    /// Prints the outcome; returns the error, already reported, when its result could not be
    /// written in the chosen format.
    @discardableResult
    func show(_ outcome: Session.Outcome, statement: String? = nil) -> Diagnostic? {
        for diagnostic in outcome.diagnostics { report(diagnostic) }
        switch outcome.output {
        case .result(let result):
            return print(result, showAllRows: outcome.showAllRows, statement: statement)
        case .explained(let text, let result):
            if printedResult { Terminal.print("") }
            Terminal.print(text)
            printedResult = true
            printedTable = false
            return print(result, showAllRows: false)
        case .text(let text):
            Terminal.print(text)
        case .clipboard(let text, let rows):
            switch Clipboard.copy(text) {
            case .success(let route):
                report(Diagnostic(.note, Clipboard.sent(rows: rows, through: route)))
            case .failure(let refusal):
                let error = refusal.diagnostic
                report(error)
                return error
            }
        case .notice(let text):
            if isInteractive { Terminal.printToShell(text) }
        case .script, nil:
            break
        }
        return nil
    }

    /// Prints a result; returns the error, already reported, when it cannot be written in the
    /// chosen format (nothing of it is printed then).
    private func print(_ result: QueryResult, showAllRows: Bool, statement: String? = nil) -> Diagnostic? {
        // Tables people read are kept apart by a blank line; bare numbers are not.
        let format = session.settings.format
        let isTable = !(result.isSingleValue && result.table.rowCount == 1)
            && (format == .box || format == .ascii || format == .markdown)
        if printedTable || (isTable && printedResult) { Terminal.print("") }
        var options = RenderOptions(colour: Terminal.usesColour)
        // Cut to the screen only when the results are shown on it; with a pager, every row is
        // shown and the pager scrolls (unless maxrows is set).
        let onScreen = isInteractive && Terminal.outputIsTerminal
        let pager = onScreen && session.settings.pager ? Pager.command : nil
        options.width = session.settings.width ?? (Terminal.outputIsTerminal ? Terminal.columns : nil)
        options.maxRows = showAllRows ? nil : session.settings.maxRows ?? (onScreen && pager == nil ? 40 : nil)
        options.statement = statement
        do {
            // Tables escape every cell themselves and may carry colour; other formats are
            // made safe for a terminal as a whole.
            let trusted = format == .box || format == .ascii
            let text = try ResultWriter.render(result, as: format, options: options)
            if let pager, Pager.isTooLong(text, lines: Terminal.lines),
               Pager.show(trusted ? text : TextSafety.forTerminal(text), through: pager) {
                // Shown.
            } else {
                Terminal.print(text, trusted: trusted)
            }
        } catch {
            report(error)
            return error
        }
        if format == .csv || format == .tsv {
            // CSV and TSV carry only rows; what the notes say must still be seen (JSON holds them).
            for note in result.noteLines { Terminal.printError("note: " + note) }
        }
        printedResult = true
        printedTable = isTable
        return nil
    }

    func report(_ diagnostic: Diagnostic) {
        Terminal.printError(DiagnosticRenderer.render(diagnostic))
    }

    /// Says, once, that standard output failed; the program then exits with status 1.
    func reportOutputFailure() { StandardOutput.shared.reportFailure() }
}
