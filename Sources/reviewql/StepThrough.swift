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
struct Lesson {
    let source: SourceText
    let pieces: [ParsedStatement]
    let stepping: Bool
    let echoing: Bool
    private var position = 0
    /// The statements shown before the current one, latest last (pauses left out).
    private var shown: [Int] = []

    init(source: SourceText, pieces: [ParsedStatement], stepping: Bool, echoing: Bool) {
        self.source = source
        self.pieces = pieces
        self.stepping = stepping
        self.echoing = echoing || stepping
    }

    /// The statement to show next, or nil at the end.
    func next() -> Int? { position < pieces.count ? position : nil }

    /// Moves on after `choice`; whether the current statement is to run.
    @discardableResult
    mutating func follow(_ choice: StepChoice) -> Bool {
        switch choice {
        case .run, .skip:
            if !pieces[position].isPause { shown.append(position) }
            position += 1
            return choice == .run
        case .back:
            if let previous = shown.popLast() { position = previous }
            return false
        case .stop:
            position = pieces.count
            return false
        }
    }

    /// How many statements the lesson has (pauses not counted).
    var stepCount: Int { pieces.filter { !$0.isPause }.count }

    /// The statement at `index` counted from 1, pauses not counted.
    func stepNumber(of index: Int) -> Int { pieces[..<index].filter { !$0.isPause }.count + 1 }
}

extension ScriptRunner {
    /// Shows a lesson's step before it runs: the comment block above the statement, then the
    /// statement after the prompt. Stepping, the comments are shown as sentences wrapped to
    /// the width, under the step's number; echoing, as the script has them.
    func present(_ lesson: Lesson, at index: Int) {
        let piece = lesson.pieces[index]
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
