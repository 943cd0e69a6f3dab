#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore
import Synchronization

/// The plain line reader, where libedit is absent (a system without it, Windows), left out of
/// the build (`REVIEWQL_LINE_READER=plain swift build`), or not wanted (`REVIEWQL_LINE_READER=plain`
/// when the program runs; see `LineEditor`): the same three calls as libedit's, reading a line as
/// the terminal's own line discipline edits it (Backspace, Ctrl-U), with no Tab completion and
/// no Up-arrow. Statements are remembered for `history` during the session only: libedit's
/// history file is left alone. It needs nothing but POSIX, so every build has it.
final class PlainLineReader: LineReading {
    private var entries: [String] = []

    init() {
        Self.catchInterrupts()
    }

    /// Reads one line, showing `prompt`.
    func readLine(prompt: String) -> LineEditor.Input {
        plainInterrupted.store(false, ordering: .relaxed)
        Terminal.printToShell(prompt, terminator: "")
        fflush(nil)  // the prompt, before the wait for a line
        var bytes: [UInt8] = []
        while true {
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 1 {
                if byte == UInt8(ascii: "\n") { break }
                bytes.append(byte)
                continue
            }
            if count < 0 && errno == EINTR {
                if plainInterrupted.load(ordering: .relaxed) {
                    Terminal.printToShell("^C")
                    return .interrupted
                }
                continue
            }
            if bytes.isEmpty { return .endOfInput }
            break
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return .line(String(decoding: bytes, as: UTF8.self))
    }

    /// Adds `entry` to this session's history (unless it repeats the last one).
    func remember(_ entry: String) {
        if !entry.isEmpty, entries.last != entry { entries.append(entry) }
    }

    /// The history, oldest first.
    func history() -> [String] { entries }

    /// Ctrl-C: a line being typed is thrown away (the wait for it is interrupted: no
    /// SA_RESTART), a running statement is asked to stop; the program goes on.
    private static func catchInterrupts() {
        plainInterrupted.store(false, ordering: .relaxed)
        Cancellation.reset()
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in
            plainInterrupted.store(true, ordering: .relaxed)
            Cancellation.request()
        }
        #else
        action.__sigaction_u.__sa_handler = { _ in
            plainInterrupted.store(true, ordering: .relaxed)
            Cancellation.request()
        }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }
}

/// Set by the SIGINT handler; read when the wait for a key is interrupted.
private let plainInterrupted = Atomic<Bool>(false)
