import Foundation
import Testing
@testable import ReviewQLCore

/// `Parallel.map`: every index run once, results in order, from many callers at once and from
/// inside its own calls. (The many-core CSV reader's tests run it on every kind of file.)
@Suite struct ParallelTests {
    @Test(arguments: [1, 2, 3, 8, 100])
    func everyIndexOnceInOrder(count: Int) {
        let runs = Counter()
        let results = Parallel.map(count) { index -> Int in
            runs.add(index)
            return index * index
        }
        #expect(results == (0..<count).map { $0 * $0 })
        #expect(runs.sorted == Array(0..<count))
    }

    /// Calls from many threads at once (each a caller of its own), some of whose work calls
    /// `map` again: every result right, and nothing waits forever.
    @Test func manyCallersAndCallsWithinCalls() async {
        await withTaskGroup(of: Bool.self) { group in
            for caller in 0..<16 {
                group.addTask {
                    let count = 2 + caller % 7
                    let results = Parallel.map(count) { index -> [Int] in
                        index % 2 == 0 ? Parallel.map(3) { caller * 1000 + index * 10 + $0 } : [caller, index]
                    }
                    return results == (0..<count).map { index in
                        index % 2 == 0 ? (0..<3).map { caller * 1000 + index * 10 + $0 } : [caller, index]
                    }
                }
            }
            for await right in group { #expect(right) }
        }
    }

    /// Work that takes a while on the caller's thread does not hold up the others, and the
    /// calls do run at the same time when there is more than one processor.
    @Test func callsOverlapWhenThereAreProcessors() {
        guard Parallel.processorCount > 1 else { return }
        let running = Counter()
        let most = Parallel.map(2) { _ -> Int in
            running.add(1)
            // Both calls wait (up to 10 s) for the other to start: they can only both see 2
            // running if they run at the same time.
            let deadline = Date().addingTimeInterval(10)
            while running.sorted.count < 2 && Date() < deadline { usleep(100) }
            return running.sorted.count
        }
        #expect(most == [2, 2])
    }

    /// A list that several threads add to.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int] = []
        func add(_ value: Int) { lock.withLock { values.append(value) } }
        var sorted: [Int] { lock.withLock { values.sorted() } }
    }
}
