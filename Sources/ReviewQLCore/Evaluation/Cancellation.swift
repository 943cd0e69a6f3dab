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

    public static var isRequested: Bool {
        if requested.load(ordering: .relaxed) { return true }
        return counting.load(ordering: .relaxed) && countAsk()
    }

    /// Throws when a stop was requested.
    static func check() throws(Diagnostic) {
        if isRequested { throw Diagnostic.error("cancelled") }
    }

    // MARK: the test hook

    // `REVIEWQL_TEST_STOP_AT=S:K` (read by the program at start-up): in the S-th statement the
    // program runs, the K-th time a loop asks whether to stop, a stop is requested, as a
    // Ctrl-C at that moment would be; with K = 0 the asks are only counted. The program says
    // how many asks the statement made (`CancellationTests` reach every long loop's check
    // this way, with no signal timed against the work). Off, it costs each ask one more load.
    private static let hookStatement = Atomic<Int>(0)
    private static let hookAsk = Atomic<Int>(0)
    private static let asks = Atomic<Int>(0)
    private static let counting = Atomic<Bool>(false)

    /// Arms the test hook from the variable's value (`S:K`); nil or malformed leaves it off.
    public static func armTestHook(_ value: String?) {
        guard let parts = value?.split(separator: ":"), parts.count == 2,
              let statement = Int(parts[0]), let ask = Int(parts[1]), statement > 0, ask >= 0 else { return }
        hookStatement.store(statement, ordering: .relaxed)
        hookAsk.store(ask, ordering: .relaxed)
    }

    /// The program starts its `number`-th statement (counted from 1).
    public static func statementStarts(_ number: Int) {
        let hooked = hookStatement.load(ordering: .relaxed)
        guard hooked != 0 else { return }
        asks.store(0, ordering: .relaxed)
        counting.store(number == hooked, ordering: .relaxed)
    }

    /// After the `number`-th statement: how many times it asked, when it is the hooked one.
    public static func asksOfHookedStatement(_ number: Int) -> Int? {
        guard number == hookStatement.load(ordering: .relaxed) else { return nil }
        counting.store(false, ordering: .relaxed)
        return asks.load(ordering: .relaxed)
    }

    private static func countAsk() -> Bool {
        let asked = asks.add(1, ordering: .relaxed).newValue
        let stopAt = hookAsk.load(ordering: .relaxed)
        guard stopAt != 0, asked >= stopAt else { return false }
        request()
        return true
    }
}
