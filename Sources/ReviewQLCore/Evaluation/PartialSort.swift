/// `list … order by … limit N`: the first N rows of the full sort, found by keeping the N best
/// rows seen so far in a heap rather than sorting every row, with the rows beyond them that
/// tie with the last (for `with ties` and the note when ties are cut).
///
/// It gives exactly `Evaluator.sort` then `Ties.cut`: both order rows by `SortOrder.before`,
/// whose last resort is the rows' own order, so the order is total and the N first rows are
/// the same whichever way they are found; the tied rows come after them in the full sort in
/// their own order, as they are collected here.
enum PartialSort {
    /// Used when the limit is at most this share of the rows: past it, a full sort is as quick.
    static let largestShare = 4

    /// The rows shown and the rows tied with the last shown, or nil when a full sort is the
    /// better way (no key, the general path, or a limit near the row count).
    static func cut(_ rows: [Int], limit: Int, keys: [Ties.SortKey]) throws(Diagnostic) -> (shown: [Int], tied: [Int])? {
        guard Kernels.enabled, !keys.isEmpty, limit > 0, limit * largestShare <= rows.count else { return nil }
        // A max-heap by sort order: the root is the worst of the rows kept.
        var heap: [(values: [Value], position: Int)] = []
        heap.reserveCapacity(limit)
        for (position, row) in rows.enumerated() {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            let values = keys.map { $0.value(row) }
            // NaN ties with every number, so the order is not total: the full sort decides.
            if values.contains(where: { if case .decimal(let d) = $0 { d.isNaN } else { false } }) { return nil }
            if heap.count < limit {
                heap.append((values, position))
                siftUp(&heap, heap.count - 1, keys)
            } else if SortOrder.before(values, position, heap[0].values, heap[0].position, keys) {
                heap[0] = (values, position)
                siftDown(&heap, 0, keys)
            }
        }
        heap.sort { SortOrder.before($0.values, $0.position, $1.values, $1.position, keys) }
        let shown = heap.map { rows[$0.position] }
        let last = heap[heap.count - 1]
        let kept = Set(heap.map(\.position))
        var tied: [Int] = []
        for (position, row) in rows.enumerated() where !kept.contains(position) {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            if SortOrder.ties(keys.map { $0.value(row) }, last.values, keys) { tied.append(row) }
        }
        return (shown, tied)
    }

    private static func siftUp(_ heap: inout [(values: [Value], position: Int)], _ start: Int, _ keys: [Ties.SortKey]) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard SortOrder.before(heap[parent].values, heap[parent].position, heap[child].values, heap[child].position, keys)
            else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [(values: [Value], position: Int)], _ start: Int, _ keys: [Ties.SortKey]) {
        var parent = start
        while true {
            var worst = parent
            for child in [2 * parent + 1, 2 * parent + 2] where child < heap.count
                && SortOrder.before(heap[worst].values, heap[worst].position, heap[child].values, heap[child].position, keys) {
                worst = child
            }
            guard worst != parent else { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}

/// The order of `order by` on listed rows: key by key, each ascending unless descending,
/// missing values last whichever way; rows equal on every key keep their own order.
enum SortOrder {
    /// Whether the row with key values `a` at `i` comes before the one with `b` at `j`.
    @inline(__always)
    static func before(_ a: [Value], _ i: Int, _ b: [Value], _ j: Int, _ keys: [Ties.SortKey]) -> Bool {
        for (k, key) in keys.enumerated() {
            let x = a[k], y = b[k]
            if x.isMissing != y.isMissing { return y.isMissing }
            if ValueOrder.sortsBefore(x, y, scale: key.scale) { return !key.descending }
            if ValueOrder.sortsBefore(y, x, scale: key.scale) { return key.descending }
        }
        return i < j
    }

    /// Whether two rows' key values tie on every key (as `Ties.cut` decides).
    static func ties(_ a: [Value], _ b: [Value], _ keys: [Ties.SortKey]) -> Bool {
        keys.indices.allSatisfy { k in
            a[k].isMissing == b[k].isMissing && !ValueOrder.sortsBefore(a[k], b[k], scale: keys[k].scale)
                && !ValueOrder.sortsBefore(b[k], a[k], scale: keys[k].scale)
        }
    }
}
