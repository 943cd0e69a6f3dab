#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// What the program does on SIGINT (Ctrl-C) and SIGTERM when no shell is reading lines: a
/// first Ctrl-C asks the running statement to stop (it reports `cancelled` and the program
/// exits with status 130); a second, or a SIGTERM, ends the program at once, removing the
/// temporary file of a write in progress so that nothing half-written is left behind. The
/// interactive shell installs its own Ctrl-C handler over this one (`LineEditor`).
public enum ProgramSignals {
    private static let interrupts = Atomic<Int>(0)

    /// Whether Ctrl-C was pressed since the program started.
    public static var wasInterrupted: Bool { interrupts.load(ordering: .relaxed) > 0 }

    public static func install() {
        TemporaryFiles.prepare()
        _ = interrupts.load(ordering: .relaxed)
        Cancellation.reset()
        // A program that starts this one from a thread with these signals blocked (a test
        // runner's worker thread; libdispatch blocks them) passes the block on, and then
        // neither Ctrl-C nor SIGTERM would ever arrive. Threads made later inherit this mask.
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, number) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        var interrupt = sigaction()
        interrupt.__sigaction_handler.sa_handler = { _ in
            if ProgramSignals.interrupts.add(1, ordering: .relaxed).newValue > 1 {
                TemporaryFiles.removeCurrent()
                _exit(130)
            }
            Cancellation.request()
        }
        sigemptyset(&interrupt.sa_mask)
        interrupt.sa_flags = SA_RESTART
        sigaction(SIGINT, &interrupt, nil)

        var terminate = sigaction()
        terminate.__sigaction_handler.sa_handler = { number in
            TemporaryFiles.removeCurrent()
            // Ends as the signal would have, so the parent sees it.
            signal(number, SIG_DFL)
            raise(number)
        }
        sigemptyset(&terminate.sa_mask)
        sigaction(SIGTERM, &terminate, nil)
        sigaction(SIGHUP, &terminate, nil)
    }
}
