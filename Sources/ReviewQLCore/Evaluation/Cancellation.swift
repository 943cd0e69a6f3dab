import Synchronization

/// A request to stop the statement that is running, made from a signal handler (Ctrl-C) and
/// checked by the evaluator's loops every few thousand rows.
public enum Cancellation {
    private static let requested = Atomic<Bool>(false)

    /// Asks the running statement to stop. Safe to call from a signal handler: it is a single
    /// lock-free atomic store.
    public static func request() { requested.store(true, ordering: .relaxed) }

    /// Clears a request, before the next statement starts.
    public static func reset() { requested.store(false, ordering: .relaxed) }

    public static var isRequested: Bool { requested.load(ordering: .relaxed) }

    /// Throws when a stop was requested.
    static func check() throws(Diagnostic) {
        if isRequested { throw Diagnostic.error("cancelled") }
    }
}
