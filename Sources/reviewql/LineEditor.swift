#if canImport(CLibEdit) && !REVIEWQL_PLAIN_LINE_READER
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit
import ReviewQLCore
import Synchronization

/// libedit's line reader: readline with history, tab completion and Ctrl-C, behind the three
/// calls of `LineReading` so that the rest of the shell never sees C (`LineEditor`, in
/// LineInput.swift, chooses it or the plain reader).
///
/// Keys are libedit's Emacs bindings unless `~/.editrc` says otherwise (lines starting
/// `reviewql:` there apply to this program only).
final class LibeditReader: LineReading {
    /// The most entries kept, in memory and in the file.
    static let historyLimit: Int32 = 2_000

    /// The longest statement kept in the history, in bytes: a pasted file of data would
    /// otherwise be read and written again after every statement.
    static let historyEntryLimit = 10_000

    /// The longest line of `~/.editrc` given to libedit, which copies each line onto its
    /// stack: a 5,000-character `bind` line overflows it.
    static let editrcLineLimit = 1_000

    private let historyFile: String?
    private var warnedAboutHistory = false

    /// Sets libedit up and loads the history from `historyFile` (nil: history is not kept
    /// between sessions).
    init(historyFile: String?, completer: @escaping LineEditor.Completer) {
        self.historyFile = historyFile
        // libedit converts between bytes and characters with the C library, which only knows
        // UTF-8 once the locale has been taken from the environment.
        setlocale(LC_CTYPE, "")
        // strdup: libedit keeps these pointers for as long as it runs.
        reviewql_set_readline_name(strdup("reviewql"))
        // Results may go to a file or a pipe: the prompt and the line typed stay on the terminal.
        if !Terminal.outputIsTerminal { reviewql_edit_on_standard_error() }
        Self.catchInterrupts()
        reviewql_set_getc_function(readKey)
        Self.refuseOverlongEditrc()
        using_history()
        stifle_history(Self.historyLimit)
        if let historyFile, FileSystem.exists(historyFile) {
            _ = read_history(historyFile)
            Self.dropOverlongEntries()
        }
        reviewql_set_word_break_characters(strdup(" \t\n(),=<>!;"))
        reviewql_set_completion_function(completeWord)
        currentCompleter.withLock { $0 = CompleterBox(complete: completer) }
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> LineEditor.Input {
        Self.clearInterrupt()
        StandardOutput.shared.flush()  // what the shell printed, before the prompt
        fflush(nil)
        guard let pointer = readline(prompt) else {
            if interruptedWhileReading.load(ordering: .relaxed) {
                // libedit does not echo the ^C itself; move off the abandoned line.
                Terminal.printToShell("^C")
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(pointer) }
        return .line(String(cString: pointer))
    }

    /// Adds `entry` to the history (unless it repeats the last one, or is longer than
    /// `historyEntryLimit`) and saves the file.
    func remember(_ entry: String) {
        guard entry.utf8.count <= Self.historyEntryLimit else {
            Terminal.printError("note: this statement (\(entry.utf8.count) bytes) is not kept in the history, which keeps statements of up to \(Self.historyEntryLimit) bytes")
            return
        }
        guard !entry.isEmpty, history().last != entry else { return }
        _ = add_history(entry)
        unsaved.append(entry)
        saveHistory()
    }

    /// Statements added since the history file was last written.
    private var unsaved: [String] = []

    /// The history, oldest first.
    func history() -> [String] {
        let base = reviewql_history_base()
        return (0..<reviewql_history_length()).compactMap { offset in
            history_get(base + offset)?.pointee.line.map { String(cString: $0) }
        }
    }

    /// Merges the new statements into the history file: under a lock (`history.lock`), the
    /// file is read again (another shell may have added to it), the new statements added after
    /// what it holds, and the whole written to a temporary file beside it and renamed over,
    /// so two shells never lose each other's statements and a crash never leaves a
    /// half-written history.
    private func saveHistory() {
        guard let historyFile else { return }
        let folder = String(historyFile[..<(historyFile.lastIndex(of: "/") ?? historyFile.startIndex)])
        let temporary = historyFile + ".tmp-\(getpid())"
        var failure: String?
        var lock: Int32 = -1
        defer { if lock >= 0 { close(lock) } }  // closing releases the lock
        if !folder.isEmpty && !Self.makeFolders(folder) {
            failure = "cannot create \(folder)"
        } else if !Self.lockAndMerge(historyFile, unsaved, lock: &lock) {
            failure = "cannot lock \(historyFile).lock: \(String(cString: strerror(errno)))"
        } else if write_history(temporary) != 0 {
            failure = "cannot write \(temporary)"
        } else {
            chmod(temporary, 0o600)
            if rename(temporary, historyFile) != 0 {
                failure = "cannot replace \(historyFile): \(String(cString: strerror(errno)))"
            }
        }
        if failure == nil { unsaved = [] }
        if let failure {
            unlink(temporary)
            if !warnedAboutHistory {
                Terminal.printError("warning: history not saved: \(failure)")
                warnedAboutHistory = true
            }
        }
    }

    /// Takes the history's lock, then makes the history in memory the file's (as another
    /// shell may have left it) followed by `entries`. False when the lock cannot be taken.
    private static func lockAndMerge(_ historyFile: String, _ entries: [String], lock: inout Int32) -> Bool {
        lock = open(historyFile + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return false }
        while flock(lock, LOCK_EX) != 0 {
            if errno != EINTR { return false }
        }
        if FileSystem.exists(historyFile) {
            clear_history()
            _ = read_history(historyFile)
            dropOverlongEntries()
            for entry in entries where reviewql_history_length() == 0
                || history_get(reviewql_history_base() + reviewql_history_length() - 1)?.pointee.line.map({ String(cString: $0) }) != entry {
                _ = add_history(entry)
            }
        }
        return true
    }

    /// Removes history entries over `historyEntryLimit` (from a file written before the limit,
    /// or by hand).
    private static func dropOverlongEntries() {
        var offset = Int32(0)
        while offset < reviewql_history_length() {
            if let line = history_get(reviewql_history_base() + offset)?.pointee.line, strlen(line) > historyEntryLimit {
                free_history_entry(remove_history(offset))
            } else {
                offset += 1
            }
        }
    }

    /// Points libedit at an empty start-up file instead of `~/.editrc` (or `$EDITRC`) when a
    /// line there is longer than libedit can take, and says so.
    private static func refuseOverlongEditrc() {
        guard let path = FileSystem.environment("EDITRC") ?? FileSystem.environment("HOME").map({ $0 + "/.editrc" }),
              FileSystem.exists(path), !FileSystem.isDirectory(path),
              let bytes = try? FileSystem.readFile(path) else { return }
        var lineNumber = 1, length = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lineNumber += 1
                length = 0
                continue
            }
            length += 1
            if length > editrcLineLimit {
                setenv("EDITRC", "/dev/null", 1)
                Terminal.printError("warning: \(path) was not read: line \(lineNumber) is longer than the \(editrcLineLimit) characters libedit can take; shorten it")
                return
            }
        }
    }

    /// `mkdir -p`, with folders only their owner can read (history may hold what people ask).
    private static func makeFolders(_ path: String) -> Bool {
        if FileSystem.isDirectory(path) { return true }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex,
           !makeFolders(String(path[..<slash])) {
            return false
        }
        return mkdir(path, 0o700) == 0 || FileSystem.isDirectory(path)
    }

    // MARK: Ctrl-C

    /// Installs the SIGINT handler, once. It notes the interrupt (so `readLine` can tell
    /// Ctrl-C from Ctrl-D), wakes `readKey` through a pipe, and asks a running statement to
    /// stop. It never ends the program.
    ///
    /// At the prompt libedit's own handler runs first and passes the signal on. The pipe is
    /// what makes Ctrl-C reliable: a signal that lands just before the wait for a key would
    /// not interrupt that wait, but the byte it wrote is still there to be seen.
    private static func catchInterrupts() {
        var ends: [Int32] = [0, 0]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
            interruptPipe.store(ends[0], ordering: .relaxed)
            interruptWakeUp.store(ends[1], ordering: .relaxed)
        }
        // Touch every global the handler uses first: a global's first use may allocate, which
        // a signal handler must not do.
        clearInterrupt()
        Cancellation.reset()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let savedErrno = errno  // libedit looks at errno after an interrupted read
            interruptedWhileReading.store(true, ordering: .relaxed)
            Cancellation.request()
            var byte: UInt8 = 1
            _ = write(interruptWakeUp.load(ordering: .relaxed), &byte, 1)
            errno = savedErrno
        }
        sigemptyset(&action.sa_mask)
        // Restart interrupted writes, so a statement's output is not lost; the wait for a key
        // (poll) is never restarted, whatever this says.
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked; Ctrl-C must work all the same.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// Forgets an earlier Ctrl-C (one that stopped a statement, say) before reading a line.
    private static func clearInterrupt() {
        interruptedWhileReading.store(false, ordering: .relaxed)
        var drain = [UInt8](repeating: 0, count: 64)
        let pipeEnd = interruptPipe.load(ordering: .relaxed)
        while pipeEnd >= 0 && read(pipeEnd, &drain, drain.count) > 0 {}
    }

    // MARK: Completion
}

/// The completer the C callback calls. readline calls back on the thread that called it,
/// the shell's only thread, which is also the only one touching the session: the box is
/// `@unchecked Sendable` for that reason, and the Mutex keeps the global itself safe.
private struct CompleterBox: @unchecked Sendable {
    let complete: LineEditor.Completer
}

private let currentCompleter = Mutex<CompleterBox?>(nil)

/// Set by the SIGINT handler; read after readline returns nothing.
private let interruptedWhileReading = Atomic<Bool>(false)

/// The two ends of the pipe the SIGINT handler writes a byte to, so `readKey` wakes up.
private let interruptPipe = Atomic<Int32>(-1)
private let interruptWakeUp = Atomic<Int32>(-1)

/// libedit's getc: waits for the next key on the terminal or for Ctrl-C, whichever comes
/// first. Returns the key as a Unicode scalar value (UTF-8 decoded here, since libedit takes
/// what this returns as a whole character), or -1 on Ctrl-C or end of input, after which
/// readline returns nothing.
private func readKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    let input = stream.map { fileno($0) } ?? STDIN_FILENO
    guard let first = nextByte(input) else { return -1 }
    let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
    guard length > 1 else { return Int32(first) }
    var value = UInt32(first) & (0xFF >> (length + 1))
    for _ in 1..<length {
        guard let next = nextByte(input) else { return -1 }
        guard next & 0xC0 == 0x80 else { return 0xFFFD }
        value = value << 6 | UInt32(next & 0x3F)
    }
    return Unicode.Scalar(value) == nil ? 0xFFFD : Int32(value)
}

/// One byte from `input`, or nil on Ctrl-C, end of input or an error.
private func nextByte(_ input: Int32) -> UInt8? {
    while true {
        if interruptedWhileReading.load(ordering: .relaxed) { return nil }
        var waitFor = [pollfd(fd: input, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interruptPipe.load(ordering: .relaxed), events: Int16(POLLIN), revents: 0)]
        if poll(&waitFor, nfds_t(waitFor.count), -1) < 0 {
            if errno == EINTR { continue }
            return nil
        }
        if waitFor[1].revents != 0 {
            // The handler sets the flag before it writes: empty the pipe, then look at the flag.
            var drain = [UInt8](repeating: 0, count: 64)
            while read(waitFor[1].fd, &drain, drain.count) > 0 {}
            continue
        }
        var byte: UInt8 = 0
        let count = read(input, &byte, 1)
        if count == 1 { return byte }
        if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
        return nil
    }
}

/// libedit's completion callback: `text` is libedit's idea of the word, ending at the cursor.
/// Returns a malloc'd, NULL-terminated array (libedit frees it): the replacement for `text`,
/// then the matches to list.
private func completeWord(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    reviewql_set_completion_over(1)
    guard let text, let buffer = reviewql_line_buffer(),
          let completer = currentCompleter.withLock({ $0 }) else { return nil }
    let line = Array(String(cString: buffer).utf8)
    let typed = String(cString: text)
    // libedit counts `end` in characters, not bytes: find the cursor's byte offset.
    var cursor = 0
    var characters = 0
    while cursor < line.count && characters < Int(end) {
        let byte = line[cursor]
        cursor += byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        characters += 1
    }
    cursor = min(cursor, line.count)
    let wordStart = cursor - typed.utf8.count
    guard wordStart >= 0 else { return nil }
    let candidates = completer.complete(String(decoding: line, as: UTF8.self), cursor)
    // Values from data are listed and typed by libedit straight onto the terminal: a value
    // holding an escape sequence is offered with it shown (`\e`), never sent raw.
    let words = LineEditor.replacements(for: candidates, line: Array(line[..<cursor]), wordStart: wordStart)
        .map(TextSafety.escaped)
    guard !words.isEmpty else { return nil }

    let entries: [String]
    if words.count == 1 {
        // The same word twice tells libedit it is the only match, so it appends (or not).
        entries = [words[0], words[0]]
        reviewql_set_completion_append_character(LineEditor.appendsSpace(after: words[0]) ? 0x20 : 0)
    } else {
        entries = [LineEditor.commonBeginning(words, typed: typed)] + words
    }
    guard let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))?
        .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1) else { return nil }
    for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
    array[entries.count] = nil
    return array
}
#endif
