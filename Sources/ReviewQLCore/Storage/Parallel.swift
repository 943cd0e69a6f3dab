#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a few pieces of work at once on POSIX threads, without Foundation or Dispatch (each
/// would add to the start-up time of every run).
enum Parallel {
    /// The number of processors online, at least 1.
    static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Calls `body(index)` for every index in `0..<count`, each on its own thread (index 0 on the
    /// calling thread), and returns their results in index order once all have finished.
    static func map<Result>(_ count: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        precondition(count >= 1)
        let slots = ResultSlots<Result>(count: count)
        var threads: [Thread] = []
        for index in 1..<count {
            if let thread = Thread(start: { slots.store(body(index), at: index) }) {
                threads.append(thread)
            } else {
                // No thread to be had: do the work here instead.
                slots.store(body(index), at: index)
            }
        }
        slots.store(body(0), at: 0)
        for thread in threads { thread.join() }
        return slots.results()
    }

    /// Where the threads leave their results.
    ///
    /// `@unchecked Sendable` is safe here: each slot is written by exactly one thread, once, and
    /// read only by the thread that called `map` after joining every other thread (a join
    /// orders the writes before the read).
    private final class ResultSlots<Result>: @unchecked Sendable {
        private var slots: [Result?]

        init(count: Int) {
            slots = Array(repeating: nil, count: count)
        }

        func store(_ result: Result, at index: Int) {
            // Each thread writes only its own element, through the buffer, so the array itself
            // (its count and storage) is never modified concurrently.
            slots.withUnsafeMutableBufferPointer { $0[index] = result }
        }

        func results() -> [Result] { slots.map { $0! } }
    }

    /// One started POSIX thread running a closure.
    private struct Thread {
        #if canImport(Glibc)
        private let handle: pthread_t
        #else
        private let handle: pthread_t?
        #endif

        init?(start body: @escaping @Sendable () -> Void) {
            final class Box { let body: @Sendable () -> Void; init(_ body: @escaping @Sendable () -> Void) { self.body = body } }
            let context = Unmanaged.passRetained(Box(body)).toOpaque()
            #if canImport(Glibc)
            var handle = pthread_t()
            #else
            var handle: pthread_t?
            #endif
            let status = pthread_create(&handle, nil, { context in
                // Balances the `passRetained` above: the thread owns the box from here on.
                Unmanaged<Box>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
            guard status == 0 else {
                Unmanaged<Box>.fromOpaque(context).release()
                return nil
            }
            self.handle = handle
        }

        func join() {
            #if canImport(Glibc)
            pthread_join(handle, nil)
            #else
            if let handle { pthread_join(handle, nil) }
            #endif
        }
    }
}
