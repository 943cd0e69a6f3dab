import Foundation
import Testing
@testable import ReviewQLCore
@testable import reviewql
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive shell as a person meets it: the real `reviewql` on a pseudo-terminal of
/// its own, keys typed into it (Tab, Up-arrow, Ctrl-C, Ctrl-D), and what it draws read back.
/// Every wait has a time limit, so a shell that hangs fails the test instead of blocking it.
@Suite struct ShellTests {
    static let up = "\u{1B}[A", tab = "\t", enter = "\r", ctrlC = "\u{03}", ctrlD = "\u{04}"

    // MARK: Completion

    struct CompletionCase: CustomTestStringConvertible, Sendable {
        var typed: String
        /// The line after Tab, prompt included, trailing spaces left out.
        var completed: String
        /// Typed after the completion, before Enter.
        var rest = ""
        var answer: String
        var testDescription: String { typed + "<Tab>" }
    }

    static let completionCases = [
        CompletionCase(typed: "count reviews where authority = Bark",
                       completed: #"reviewql> count reviews where authority = "Barking & Dagenham""#, answer: "1"),
        // Only the word libedit sees (after the last space) is replaced; what was typed before
        // it keeps its case, which is fine since values match in any case.
        CompletionCase(typed: #"count reviews where authority = "barking & d"#,
                       completed: #"reviewql> count reviews where authority = "barking & Dagenham""#, answer: "1"),
        CompletionCase(typed: "count rev", completed: "reviewql> count reviews", answer: "173"),
        CompletionCase(typed: "count reviews where judg", completed: "reviewql> count reviews where judgement",
                       rest: " = good", answer: "40"),
        CompletionCase(typed: "count reviews where judgement in (ad",
                       completed: "reviewql> count reviews where judgement in (Adequate", rest: ")", answer: "74"),
    ]

    @Test(.enabled(if: ReviewQLProcess.usesLibedit, "libedit completes"), arguments: completionCases)
    func tabCompletes(_ example: CompletionCase) throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type(example.typed + Self.tab)
        try shell.expectLine(example.completed)
        shell.type(example.rest + Self.enter)
        try shell.expect("\n" + example.answer + "\n")
        try shell.expectPrompt()
        shell.type("quit" + Self.enter)
        #expect(try shell.exitStatus() == 0)
    }

    @Test(.enabled(if: ReviewQLProcess.usesLibedit, "libedit's keys")) func completedValueRunsAndNeedsNoQuotingByHand() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type("count reviews where authority = Bark" + Self.tab + Self.enter)
        // The whole value went in, closing quote and all, with nothing after it.
        try shell.expect("\"Barking & Dagenham\"\n1\n")
        try shell.expectPrompt()
        shell.type("count reviews where judgement in (ad" + Self.tab + ", go" + Self.tab + ")" + Self.enter)
        try shell.expect("\n114\n")
        try shell.expectPrompt()
        shell.type(Self.ctrlD)
        #expect(try shell.exitStatus() == 0)
    }

    // MARK: History

    @Test(.enabled(if: ReviewQLProcess.usesLibedit, "libedit's keys")) func historyIsSavedAndRecalledWithUpArrow() throws {
        let home = try TemporaryHome()
        let first = try ShellProcess(home: home)
        try first.expectPrompt()
        first.type("count reviews where judgement = good" + Self.enter)
        try first.expect("\n40\n")
        try first.expectPrompt()
        first.type("quit" + Self.enter)
        #expect(try first.exitStatus() == 0)

        let file = home.url.appendingPathComponent("state/reviewql/history")
        let saved = try String(contentsOf: file, encoding: .utf8)
        #expect(saved.hasPrefix("_HiStOrY_V2_\n"), "libedit's history format, in its own file")
        #expect(saved.contains(#"count\040reviews\040where\040judgement\040=\040good"#))

        let second = try ShellProcess(home: home)
        try second.expectPrompt()
        second.type(Self.up)
        try second.expectLine("reviewql> count reviews where judgement = good")
        second.type(Self.enter)
        try second.expect("\n40\n")
        try second.expectPrompt()
        second.type("history" + Self.enter)
        // Running the recalled statement again does not repeat it in the history.
        try second.expect("history\n1  count reviews where judgement = good\n")
        try second.expectPrompt()
        second.type(Self.ctrlD)
        #expect(try second.exitStatus() == 0)
    }

    @Test(.enabled(if: ReviewQLProcess.usesLibedit, "libedit's keys")) func multiLineStatementAnswersAndIsOneHistoryEntry() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type("count reviews where" + Self.enter)
        try shell.expectPrompt("   ...> ")
        shell.type("judgement = good" + Self.enter)
        try shell.expect("\n40\n")
        try shell.expectPrompt()
        shell.type(Self.up)
        try shell.expectLine("reviewql> count reviews where judgement = good")
        shell.type(Self.enter)
        try shell.expect("\n40\n")
        try shell.expectPrompt()
        shell.type(Self.ctrlD)
        #expect(try shell.exitStatus() == 0)
    }

    // MARK: Ctrl-C and Ctrl-D

    @Test(.enabled(if: ReviewQLProcess.usesLibedit, "libedit's keys")) func ctrlCThrowsAwayTheLineAndTheShellGoesOn() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type("count reviews where judg")
        try shell.expectLine("reviewql> count reviews where judg")
        shell.type(Self.ctrlC)
        try shell.expectPrompt()
        // Had the half-typed text stayed, this line would not run.
        shell.type("count reviews" + Self.enter)
        try shell.expect("\n173\n")
        // Ctrl-C at a continuation prompt drops the whole statement.
        try shell.expectPrompt()
        shell.type("count reviews where" + Self.enter)
        try shell.expectPrompt("   ...> ")
        shell.type(Self.ctrlC)
        try shell.expectPrompt()
        shell.type("count reviews where judgement = inadequate" + Self.enter)
        try shell.expect("\n59\n")
        try shell.expectPrompt()
        shell.type("quit" + Self.enter)
        #expect(try shell.exitStatus() == 0)
    }

    @Test func ctrlCStopsALongStatement() throws {
        let home = try TemporaryHome()
        // A million rows: long enough, in a debug build, that Ctrl-C lands mid-statement.
        let big = home.url.appendingPathComponent("big.csv")
        var csv = "name,n,grp\n"
        csv.reserveCapacity(24_000_000)
        for i in 0..<1_000_000 { csv += "item\(i),\(i % 97),g\(i % 1000)\n" }
        try csv.write(to: big, atomically: true, encoding: .utf8)
        let shell = try ShellProcess(home: home, arguments: ["--load", "big=\(big.path)"])
        try shell.expectPrompt(timeout: 120)
        // Ctrl-C stops the whole line: the statements after the cancelled one do not run.
        shell.type(#"count big where name contains "7" group by grp, n, name having count > 100; count reviews; count reviews"#
                   + Self.enter)
        try shell.expect("having count > 100; count reviews; count reviews\n")
        usleep(300_000)
        shell.type(Self.ctrlC)
        try shell.expect("error: cancelled", timeout: 60)
        try shell.expect("the 2 statements after it on this line were not run")
        try shell.expectPrompt()
        #expect(!shell.text.contains("\n173\n"), "a statement after the cancelled one ran")
        shell.type("count reviews" + Self.enter)
        try shell.expect("\n173\n")
        try shell.expectPrompt()
        shell.type("quit" + Self.enter)
        #expect(try shell.exitStatus() == 0)
    }

    @Test func ctrlDOnAnEmptyLineLeavesWithStatusZero() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type("count nothing" + Self.enter)  // a failed statement does not change the status
        try shell.expect("unknown dataset")
        try shell.expectPrompt()
        shell.type(Self.ctrlD)
        #expect(try shell.exitStatus() == 0)
        #expect(shell.text.hasSuffix("\n"))
    }

    /// The shell's help lists its own commands from `ShellCommand`, as it always has.
    @Test func shellHelpListsTheShellsCommands() {
        #expect(InteractiveShell.shellHelp == """
            At this prompt:
              history     the statements typed before, numbered (kept between sessions)
              clear       clear the screen
              quit        leave (also exit, or Ctrl-D on an empty line)
              Tab completes names, keywords and values; Up and Down recall statements;
              Ctrl-C abandons the line being typed, or stops the statement running (and the
              rest of its line).
            """)
        #expect(InteractiveShell.ShellCommand(".HISTORY;") == .history)
        #expect(InteractiveShell.ShellCommand("quit now") == nil)
    }

    /// Every spelling of `quit` in the vocabulary table, dot-forms included, leaves the prompt.
    @Test(arguments: Vocabulary.words(of: .quit))
    func quitWordsLeaveWithStatusZero(_ word: String) throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        shell.type(word + Self.enter)
        #expect(try shell.exitStatus() == 0)
    }

    // MARK: Start-up

    @Test func bannerNamesVersionDatasetsAndHelp() throws {
        let home = try TemporaryHome()
        let shell = try ShellProcess(home: home)
        try shell.expectPrompt()
        #expect(shell.text.hasPrefix("ReviewQL 0."))
        #expect(shell.text.contains("reviews (173 rows)"))
        #expect(shell.text.contains("Type help"))
        shell.type("quit" + Self.enter)
        #expect(try shell.exitStatus() == 0)
    }

    @Test func startupFileRunsUnlessNoRC() throws {
        let home = try TemporaryHome()
        try "set format csv\ncount nothing\n".write(to: home.url.appendingPathComponent(".reviewqlrc"),
                                                    atomically: true, encoding: .utf8)
        let withFile = try ShellProcess(home: home)
        try withFile.expectPrompt()
        #expect(withFile.text.contains("/.reviewqlrc:2:"), "the start-up file's error names the file and line")
        #expect(!withFile.text.contains("format is csv"), "settings from the start-up file are quiet")
        withFile.type("count reviews group by judgement" + Self.enter)
        try withFile.expect("Inadequate,59,34.1\n")
        try withFile.expectPrompt()
        withFile.type("quit" + Self.enter)
        #expect(try withFile.exitStatus() == 0)

        let withoutFile = try ShellProcess(home: home, arguments: ["--no-rc"])
        try withoutFile.expectPrompt()
        #expect(!withoutFile.text.contains(".reviewqlrc"))
        withoutFile.type("count reviews group by judgement" + Self.enter)
        try withoutFile.expect("│ Inadequate  │    59 │")
        try withoutFile.expectPrompt()
        withoutFile.type("quit" + Self.enter)
        #expect(try withoutFile.exitStatus() == 0)
    }

    @Test func standardInputThatIsNotATerminalGetsNoShell() throws {
        let home = try TemporaryHome()
        let run = try ReviewQLProcess.run([], directory: home.url, input: "count reviews\n",
                                          environment: home.environment)
        #expect(run.stdout == "173\n")
        #expect(run.stderr == "")
        #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent("state").path))
    }
}

/// The pieces of the shell that need no terminal: how completions are cut to libedit's word,
/// and how a statement typed over several lines is kept in the history.
@Suite struct ShellPartsTests {
    static func cut(_ line: String, libeditWord: String, start: Int, _ words: [String]) -> [String] {
        let bytes = Array(line.utf8)
        return LineEditor.replacements(for: Completion.Candidates(start: start, words: words), line: bytes,
                                       wordStart: bytes.count - libeditWord.utf8.count)
    }

    @Test func ourWordStartsBeforeLibedits() {
        // Completion starts at the quote; libedit breaks at the spaces around `&`.
        let line = #"count reviews where authority = "Barking & D"#
        #expect(Self.cut(line, libeditWord: "D", start: 32, [#""Barking & Dagenham""#]) == [#"Dagenham""#])
        #expect(Self.cut(line.lowercased(), libeditWord: "d", start: 32, [#""Barking & Dagenham""#]) == [#"Dagenham""#])
        // A word whose beginning is not what was typed cannot replace libedit's word.
        #expect(Self.cut(line, libeditWord: "D", start: 32, [#""Bexley & Dagenham""#]) == [])
    }

    @Test func ourWordStartsWithLibeditsOrAfterIt() {
        #expect(Self.cut("count rev", libeditWord: "rev", start: 6, ["reviews"]) == ["reviews"])
        // libedit does not break at `-`; Completion does.
        #expect(Self.cut("list 2009-0", libeditWord: "2009-0", start: 10, ["01", "02"]) == ["2009-01", "2009-02"])
    }

    @Test func severalMatchesShareTheirCommonBeginning() {
        #expect(LineEditor.commonBeginning(["Adequate", "adult"], typed: "a") == "Ad")
        #expect(LineEditor.commonBeginning(["Inadequate", "in"], typed: "in") == "in")
        #expect(LineEditor.commonBeginning(["group by", "good"], typed: "g") == "g")
    }

    @Test func onlyPlainWordsGetASpaceAfterThem() {
        #expect(LineEditor.appendsSpace(after: "reviews"))
        #expect(!LineEditor.appendsSpace(after: #""Barking & Dagenham""#))
        #expect(!LineEditor.appendsSpace(after: "year("))
    }

    @Test func multiLineStatementIsOneRunnableHistoryEntry() {
        #expect(InteractiveShell.historyEntry(["count reviews where", "  judgement = good"])
                == "count reviews where judgement = good")
        // A comment or an open quote would swallow what follows if the lines were joined.
        #expect(InteractiveShell.historyEntry(["count reviews where -- the bad ones", "judgement = inadequate"])
                == "count reviews where -- the bad ones\njudgement = inadequate")
        #expect(InteractiveShell.historyEntry(["count reviews where authority = \"Barking &", "Dagenham\""])
                == "count reviews where authority = \"Barking &\nDagenham\"")
    }
}

// MARK: - Test support

/// A fresh folder used as HOME and XDG_STATE_HOME, removed when the test ends.
final class TemporaryHome {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var environment: [String: String] {
        ["HOME": url.path, "XDG_STATE_HOME": url.appendingPathComponent("state").path]
    }
}

struct ShellTestFailure: Error, CustomStringConvertible {
    var description: String
}

/// `reviewql` started on a new pseudo-terminal that is its controlling terminal, so Ctrl-C
/// typed into it raises SIGINT as at a real terminal.
final class ShellProcess {
    private let master: Int32
    private let pid: pid_t
    private var output: [UInt8] = []
    private var exited: Int32?
    /// How far `expect` has matched in `text`.
    private var matchedUpTo: String.Index?

    /// `standardOutput`: a file for the program's standard output instead of the terminal.
    init(home: TemporaryHome, arguments: [String] = [], standardOutput: String? = nil,
         environment extra: [String: String] = [:]) throws {
        master = PseudoTerminal.openMaster(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, PseudoTerminal.grant(master) == 0, PseudoTerminal.unlock(master) == 0 else {
            throw ShellTestFailure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var nameBuffer = [CChar](repeating: 0, count: 128)
        guard PseudoTerminal.name(master, &nameBuffer, nameBuffer.count) == 0 else {
            close(master)
            throw ShellTestFailure(description: "no name for the pseudo-terminal")
        }
        // Wide enough that no line of the tests wraps.
        var size = winsize(ws_row: 50, ws_col: 400, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_CTYPE", "REVIEWQL_DATA", "EDITRC", "XDG_STATE_HOME"] {
            environment.removeValue(forKey: name)
        }
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "xterm"
        environment["NO_COLOR"] = "1"
        for (name, value) in home.environment { environment[name] = value }
        for (name, value) in extra { environment[name] = value }

        let executable = ReviewQLProcess.executable.path
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // The child starts a session of its own (POSIX_SPAWN_SETSID); opening the terminal
        // then makes it the session's controlling terminal.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads may block or ignore signals, and a child inherits both: start it with
        // none blocked and the terminal's signals at their defaults, as a login shell would.
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        for signal in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE, SIGWINCH] { sigaddset(&signals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, PseudoTerminal.spawnInNewSession | PseudoTerminal.setSignalMask
                                     | PseudoTerminal.setSignalDefaults)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, nameBuffer, O_RDWR, 0)
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw ShellTestFailure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit {
        if exited == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Sends keys, as typed.
    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            written += n
        }
    }

    /// Everything shown so far, escape sequences and bells removed, line ends as "\n".
    var text: String { Self.plainText(output) }

    /// Waits until `expected` appears after the last thing matched.
    func expect(_ expected: String, timeout: Double = 30) throws {
        try waitUntil(timeout, "\(expected.debugDescription) to appear") {
            let text = self.text
            let from = self.matchedUpTo.flatMap { $0 <= text.endIndex ? $0 : nil } ?? text.startIndex
            guard let found = text[from...].range(of: expected) else { return false }
            self.matchedUpTo = found.upperBound
            return true
        }
    }

    /// Waits for `prompt`, then for libedit to take the terminal over (canonical mode off).
    /// Keys typed before that would be echoed by the terminal driver, not the editor, which
    /// no person types fast enough to see.
    func expectPrompt(_ prompt: String = "reviewql> ", timeout: Double = 30) throws {
        try expect(prompt, timeout: timeout)
        // The plain line reader leaves the terminal's own line editing on.
        guard ReviewQLProcess.usesLibedit else { return }
        try waitUntil(timeout, "the line editor to switch the terminal to raw input") {
            var settings = termios()
            return tcgetattr(self.master, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
        }
    }

    /// Waits until the line the cursor is on reads `expected` (trailing spaces aside).
    func expectLine(_ expected: String, timeout: Double = 30) throws {
        try waitUntil(timeout, "the cursor's line to read \(expected.debugDescription)") {
            Screen(Self.decode(self.output)).cursorLine == expected
        }
    }

    /// Waits for the program to end; its exit status, or -signal when a signal ended it.
    func exitStatus(timeout: Double = 30) throws -> Int32 {
        try waitUntil(timeout, "the program to exit") {
            var status: Int32 = 0
            guard waitpid(self.pid, &status, WNOHANG) == self.pid else { return false }
            self.exited = status & 0x7F == 0 ? (status >> 8) & 0xFF : -(status & 0x7F)
            return true
        }
        // What it wrote last may still be waiting in the terminal.
        while readAvailable(waitingUpTo: 0.2) {}
        return exited!
    }

    private func waitUntil(_ timeout: Double, _ what: String, _ done: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !done() {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                throw ShellTestFailure(description: "timed out waiting for \(what); the screen so far:\n\(text)")
            }
            readAvailable(waitingUpTo: min(remaining, 0.1))
        }
    }

    /// Reads what the program has written, waiting up to `seconds` for something; false
    /// when nothing came.
    @discardableResult
    private func readAvailable(waitingUpTo seconds: Double) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = read(master, &buffer, buffer.count)
        if n > 0 {
            output.append(contentsOf: buffer[..<n])
            return true
        }
        if n < 0 && errno == EIO {
            // The program closed the terminal (it exited); give the exit time to be seen.
            usleep(20_000)
        }
        return false
    }

    static func decode(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Output without escape sequences, bells or carriage returns.
    static func plainText(_ bytes: [UInt8]) -> String {
        var result = ""
        var iterator = decode(bytes).unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar {
            case "\u{1B}":
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" {
                    while let c = iterator.next(), c != "\u{07}" {}
                } else if next == "(" || next == ")" {
                    _ = iterator.next()
                }
            case "\u{07}", "\r":
                break
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// The C library's pseudo-terminal calls. Swift's Glibc module leaves them out (they sit
/// behind _XOPEN_SOURCE and _GNU_SOURCE), so they are looked up by name.
enum PseudoTerminal {
    typealias OpenMaster = @convention(c) (Int32) -> Int32
    typealias Control = @convention(c) (Int32) -> Int32
    typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    nonisolated(unsafe) static let openMaster = unsafeBitCast(symbol("posix_openpt"), to: OpenMaster.self)
    nonisolated(unsafe) static let grant = unsafeBitCast(symbol("grantpt"), to: Control.self)
    nonisolated(unsafe) static let unlock = unsafeBitCast(symbol("unlockpt"), to: Control.self)
    nonisolated(unsafe) static let name = unsafeBitCast(symbol("ptsname_r"), to: Name.self)

    /// glibc's POSIX_SPAWN_SETSID (spawn.h), which the Glibc module does not import either.
    static let spawnInNewSession: Int16 = 0x80
    static let setSignalMask = Int16(POSIX_SPAWN_SETSIGMASK)
    static let setSignalDefaults = Int16(POSIX_SPAWN_SETSIGDEF)

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
            fatalError("the C library has no \(name)")
        }
        return address
    }
}

/// Just enough of a terminal to know what a line shows after libedit has redrawn it:
/// characters, carriage return, line feed, backspace, and the cursor-movement, insert,
/// delete and erase sequences libedit sends for xterm.
struct Screen {
    private var lines: [[Character]] = [[]]
    private var row = 0, column = 0

    init(_ text: String) {
        let characters = Array(text.unicodeScalars)
        var index = 0
        func next() -> Unicode.Scalar? {
            defer { index += 1 }
            return index < characters.count ? characters[index] : nil
        }
        while let scalar = next() {
            switch scalar {
            case "\r": column = 0
            case "\n": row += 1; ensureRow()
            case "\u{08}": column = max(0, column - 1)
            case "\u{07}": break
            case "\u{1B}":
                guard let kind = next() else { break }
                if kind == "[" {
                    var parameters = ""
                    var final: Unicode.Scalar?
                    while let c = next() {
                        if (0x40...0x7E).contains(c.value) { final = c; break }
                        parameters.unicodeScalars.append(c)
                    }
                    if let final { apply(final, parameters) }
                } else if kind == "(" || kind == ")" {
                    _ = next()
                }
            default:
                put(Character(scalar))
            }
        }
    }

    /// The line the cursor is on, trailing spaces removed.
    var cursorLine: String {
        var line = lines[row]
        while line.last == " " { line.removeLast() }
        return String(line)
    }

    private mutating func ensureRow() {
        while lines.count <= row { lines.append([]) }
    }

    private mutating func put(_ character: Character) {
        while lines[row].count < column { lines[row].append(" ") }
        if column < lines[row].count { lines[row][column] = character } else { lines[row].append(character) }
        column += 1
    }

    private mutating func apply(_ final: Unicode.Scalar, _ parameters: String) {
        guard !parameters.hasPrefix("?") else { return }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let n = max(1, (numbers.first ?? nil) ?? 1)
        switch final {
        case "@":
            while lines[row].count < column { lines[row].append(" ") }
            lines[row].insert(contentsOf: Array(repeating: " ", count: n), at: column)
        case "P":
            if column < lines[row].count { lines[row].removeSubrange(column..<min(lines[row].count, column + n)) }
        case "K":
            if (numbers.first ?? nil) ?? 0 == 0, column < lines[row].count { lines[row].removeSubrange(column...) }
        case "G": column = n - 1
        case "C": column += n
        case "D": column = max(0, column - n)
        case "A": row = max(0, row - n)
        case "B": row += n; ensureRow()
        default: break
        }
    }
}
