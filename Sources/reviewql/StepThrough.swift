import ReviewQLCore

/// How a script's statements are shown as they run.
enum ScriptPresentation {
    /// Results only (a script's usual output).
    case plain
    /// Each comment block and statement before its result, as psql's `-a` and sqlite3's
    /// `.echo on` (`--echo`).
    case echo
    /// As `echo`, waiting for the trainer before each statement (`--step`).
    case step
}

/// What the trainer answers before a statement of a lesson stepped through.
enum StepChoice: Equatable {
    /// Enter: run it.
    case run
    /// `s`: go on to the next without running it.
    case skip
    /// `b`: show the statement before again.
    case back
    /// `q` (or the end of input): stop the lesson.
    case stop

    init(typed: String) {
        switch typed.trimmingCharacters().lowercased() {
        case "s", "skip": self = .skip
        case "b", "back": self = .back
        case "q", "quit", "stop": self = .stop
        default: self = .run
        }
    }
}

/// Where a script being run has got to, and the statements shown before, for going back.
///
/// Stepping, the lesson holds every statement (Back goes to an earlier one, and steps are
/// counted). Otherwise it holds only the one running: the others are read from a stream as the
/// run reaches them, so that a script of a million statements is never held parsed at once
/// (issue 22's soak: 1.3 GB before).
struct Lesson {
    let source: SourceText
    let stepping: Bool
    let echoing: Bool
    /// The statements held: every one when stepping or parsed beforehand, else the current one.
    private var pieces: [ParsedStatement]
    /// Where the statements not yet read come from, when they are read as the run goes.
    private var stream: ParsedStatements?
    /// The index of `pieces[0]` among the script's statements.
    private var first = 0
    private var position = 0
    private var stopped = false
    /// The statements shown before the current one, latest last (pauses left out); kept only
    /// when stepping, the one case that goes back.
    private var shown: [Int] = []

    /// `parsed`: the statements, when the caller has them already; else they are read from
    /// `stream` (all at once when stepping).
    init(source: SourceText, parsed: [ParsedStatement]?, stream: ParsedStatements, stepping: Bool, echoing: Bool) {
        self.source = source
        self.stepping = stepping
        self.echoing = echoing || stepping
        if let parsed {
            pieces = parsed
        } else if stepping {
            pieces = Array(stream)
        } else {
            pieces = []
            self.stream = stream
        }
    }

    /// The statement to show next, or nil at the end.
    mutating func next() -> Int? {
        if stopped { return nil }
        if position == first + pieces.count, stream != nil, let piece = stream!.next() {
            pieces = [piece]
            first = position
        }
        return position < first + pieces.count ? position : nil
    }

    /// The statement at `index`: the current one, or (stepping) any.
    func piece(at index: Int) -> ParsedStatement { pieces[index - first] }

    /// Moves on after `choice`; whether the current statement is to run.
    @discardableResult
    mutating func follow(_ choice: StepChoice) -> Bool {
        switch choice {
        case .run, .skip:
            if stepping && !piece(at: position).isPause { shown.append(position) }
            position += 1
            return choice == .run
        case .back:
            if let previous = shown.popLast() { position = previous }
            return false
        case .stop:
            stopped = true
            return false
        }
    }

    /// How many statements come after `index` (read to the end of a stream to count them).
    mutating func count(after index: Int) -> Int {
        var count = first + pieces.count - index - 1
        while stream?.next() != nil { count += 1 }
        return count
    }

    /// How many statements the lesson has (pauses not counted); asked only when stepping.
    var stepCount: Int { pieces.filter { !$0.isPause }.count }

    /// The statement at `index` counted from 1, pauses not counted; asked only when stepping.
    func stepNumber(of index: Int) -> Int { pieces[..<index].filter { !$0.isPause }.count + 1 }
}

extension ScriptRunner {
    /// Shows a lesson's step before it runs: the comment block above the statement, then the
    /// statement after the prompt. Stepping, the comments are shown as sentences wrapped to
    /// the width, under the step's number; echoing, as the script has them.
    func present(_ lesson: Lesson, at index: Int) {
        let piece = lesson.piece(at: index)
        guard let range = piece.range else { return }
        let width = session.settings.width ?? Terminal.columns
        var lines: [String] = []
        if printedResult || index > 0 { lines.append("") }
        let narrative = Narrative.before(range.start, in: lesson.source.text)
        if lesson.stepping {
            let rule = "── step \(lesson.stepNumber(of: index)) of \(lesson.stepCount) "
            lines.append(rule + String(repeating: "─", count: max(3, min(width, 72) - DisplayWidth.of(rule))))
            for paragraph in Narrative.paragraphs(narrative) {
                lines += DisplayWidth.wrapped(paragraph, to: width) + [""]
            }
        } else {
            lines += narrative.map { $0.isEmpty ? "" : "-- " + $0 }
        }
        let text = lesson.source.text(of: range)
        let statementLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in statementLines.enumerated() {
            lines.append((number == 0 ? InteractiveShell.prompt : InteractiveShell.continuationPrompt) + String(line))
        }
        // The statement as the script has it (`:authority`, as psql's -a shows a line), and
        // the values it runs with after it (as psql's -e shows them in place), as a handout does.
        if let values = session.parameterValues(of: piece) { lines[lines.count - 1] += "  " + values }
        Terminal.print(lines.joined(separator: "\n"))
        printedResult = false
        printedTable = false
    }

    /// Waits for the trainer: Enter runs the statement shown, `s` skips it, `b` goes back one
    /// step, `q` stops. At a `pause`, Enter goes on.
    func ask(pausing: Bool) -> StepChoice {
        Terminal.printRaw(pausing ? "(paused: Enter goes on, b back, q stops) " : "(Enter runs it, s skips, b back, q stops) ")
        let typed = Terminal.readLine()
        // A terminal echoes the Enter typed; keys from a file or a pipe are not shown.
        if typed == nil || !Terminal.inputIsTerminal { Terminal.print("") }
        return typed.map(StepChoice.init(typed:)) ?? .stop
    }

    /// Runs the statements of a file a `run` statement read, one level deeper; false when
    /// one failed. A script that runs itself stops at a depth no lesson needs.
    func runNested(_ script: SourceText, stepByStep: Bool) -> Bool {
        guard depth < 8 else {
            report(Diagnostic(.error, "\(script.file ?? "the script") runs scripts 8 deep: does it run itself?",
                              help: "a script may run another, but not itself"))
            return false
        }
        depth += 1
        defer { depth -= 1 }
        return run(script, stepByStep: stepByStep)
    }
}
