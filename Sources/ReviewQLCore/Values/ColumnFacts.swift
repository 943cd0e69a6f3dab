import Synchronization

/// What is worked out about a column once and kept with it while its values stay the same
/// (its `ZoneMap`; as a join's key, its rows by key). `Column` makes a new one whenever its
/// storage or missing cells change, and a dataset loaded again has new columns, so nothing
/// kept here outlives the values it was worked out from.
final class ColumnFacts: Sendable {
    private let zones = Mutex<ZoneMap??>(nil)
    private let joinIndex = Mutex<JoinIndex?>(nil)

    init() {}

    /// The column's rows by join key (`JoinIndex`), worked out on first use; nil when a Ctrl-C
    /// stopped it (then nothing is kept).
    func joinIndex(_ column: Column) -> JoinIndex? {
        joinIndex.withLock { kept in
            if let kept { return kept }
            let made = JoinIndex(column)
            kept = made
            return made
        }
    }

    /// The column's zone map, worked out on first use.
    func zoneMap(_ column: Column) -> ZoneMap? {
        zones.withLock { zones in
            if let known = zones { return known }
            let made = ZoneMap(column)
            zones = .some(made)
            return made
        }
    }
}

/// The rows of a join's right key column by key value (`JoinPlan.normalized`: case and
/// surrounding spaces ignored), missing cells left out; or the first key found twice, which
/// the binder refuses. Made once per column (`ColumnFacts`), not on every bind: a session
/// that joins the same small table in every query indexes it once.
struct JoinIndex: Sendable {
    enum Outcome: Sendable {
        case rows([String: Int])
        /// The row whose key an earlier row already has.
        case duplicate(row: Int)
    }

    let outcome: Outcome

    init?(_ key: Column) {
        var rowOf: [String: Int] = [:]
        for row in 0..<key.count where !key.isMissing(row) {
            if row & 0xFFFF == 0 && Cancellation.isRequested { return nil }
            let normalized = JoinPlan.normalized(key.value(at: row))
            if rowOf[normalized] != nil {
                outcome = .duplicate(row: row)
                return
            }
            rowOf[normalized] = row
        }
        outcome = .rows(rowOf)
    }
}
