#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a few pieces of work at once on POSIX threads, without Foundation or Dispatch (each
/// would add to the start-up time of every run).
///
/// The threads are started once, on first use, one fewer than the processors (the caller is
/// the other), and wait between calls. Starting and joining threads for every call cost little
/// in one load of a file, but most of the time of the fuzz target that reads thousands of
/// small files a second under the address sanitizer, whose bookkeeping for every thread
/// started also made that process's memory grow without end.
enum Parallel {
    /// The number of processors online, at least 1.
    static let processorCount: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Calls `body(index)` for every index in `0..<count`, spread over the calling thread and
    /// the waiting threads, and returns the results in index order once all have finished.
    /// The calls may run in any order, at most `processorCount` at once; each must not wait
    /// for another. Several threads may call `map` at once, and `body` may call it too.
    static func map<Result>(_ count: Int, _ body: @escaping @Sendable (Int) -> Result) -> [Result] {
        precondition(count >= 1)
        let slots = ResultSlots<Result>(count: count)
        if count == 1 {
            slots.store(body(0), at: 0)
        } else {
            WorkerPool.shared.run(Job(count: count) { index in slots.store(body(index), at: index) })
        }
        return slots.results()
    }

    /// Where the calls leave their results.
    ///
    /// `@unchecked Sendable` is safe here: each slot is written by exactly one call, once, and
    /// read only by the thread that called `map`, after the pool has counted every call
    /// finished under its lock (which orders the writes before the read).
    private final class ResultSlots<Result>: @unchecked Sendable {
        /// Allocated once and never resized: a store touches only its own element. (Writing
        /// through `Array.withUnsafeMutableBufferPointer` from several threads at once is a
        /// mutating access to the one array each time, and lost a result under load:
        /// ParallelTests.everyIndexOnceInOrder found a slot still empty.)
        private let slots: UnsafeMutableBufferPointer<Result?>

        init(count: Int) {
            slots = .allocate(capacity: count)
            slots.initialize(repeating: nil)
        }

        deinit {
            slots.deinitialize()
            slots.deallocate()
        }

        func store(_ result: Result, at index: Int) {
            slots[index] = result
        }

        func results() -> [Result] { slots.map { $0! } }
    }

    /// One call of `map`: its indexes still to hand out, and those not yet finished.
    ///
    /// `@unchecked Sendable` is safe: `next` and `unfinished` are read and written only with
    /// the pool's lock held; `work` is immutable.
    private final class Job: @unchecked Sendable {
        let count: Int
        let work: @Sendable (Int) -> Void
        var next = 0
        var unfinished: Int

        init(count: Int, work: @escaping @Sendable (Int) -> Void) {
            self.count = count
            self.work = work
            unfinished = count
        }
    }

    /// The waiting threads and the jobs they take indexes from, first come first served.
    ///
    /// `@unchecked Sendable` is safe: `jobs` and every job's counters are touched only with
    /// `lock` held; the lock and the two conditions are allocated once and never freed (the pool
    /// lives as long as the process), so their addresses stay valid for every thread.
    private final class WorkerPool: @unchecked Sendable {
        static let shared = WorkerPool(threads: Parallel.processorCount - 1)

        private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        /// Signalled when a job with indexes to hand out arrives.
        private let hasWork = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        /// Broadcast when a job's last call finishes on a waiting thread.
        private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        /// Jobs with indexes not yet handed out.
        private var jobs: [Job] = []

        private init(threads: Int) {
            pthread_mutex_init(lock, nil)
            pthread_cond_init(hasWork, nil)
            pthread_cond_init(finished, nil)
            for _ in 0..<max(threads, 0) {
                // A thread that cannot be started leaves the work to the others and the caller.
                _ = Self.startThread { [unowned(unsafe) self] in self.serve() }
            }
        }

        /// Runs `job` to the end, the calling thread taking indexes alongside the pool's.
        func run(_ job: Job) {
            pthread_mutex_lock(lock)
            jobs.append(job)
            pthread_cond_broadcast(hasWork)
            // The caller works on its own job only: it never waits on another's calls.
            while job.next < job.count {
                let index = take(from: job)
                pthread_mutex_unlock(lock)
                job.work(index)
                pthread_mutex_lock(lock)
                job.unfinished -= 1
            }
            while job.unfinished > 0 { pthread_cond_wait(finished, lock) }
            pthread_mutex_unlock(lock)
        }

        /// The next index of `job` (which has one), dropping the job from the queue once its
        /// last index is handed out. The lock must be held.
        private func take(from job: Job) -> Int {
            let index = job.next
            job.next += 1
            if job.next == job.count, let position = jobs.firstIndex(where: { $0 === job }) {
                jobs.remove(at: position)
            }
            return index
        }

        /// A waiting thread's life: take an index of the oldest job, run it, repeat.
        private func serve() -> Never {
            pthread_mutex_lock(lock)
            while true {
                while jobs.isEmpty { pthread_cond_wait(hasWork, lock) }
                let job = jobs[0]
                let index = take(from: job)
                pthread_mutex_unlock(lock)
                job.work(index)
                pthread_mutex_lock(lock)
                job.unfinished -= 1
                if job.unfinished == 0 { pthread_cond_broadcast(finished) }
            }
        }

        /// Starts a detached POSIX thread running `body`; false when none could be started.
        private static func startThread(_ body: @escaping @Sendable () -> Void) -> Bool {
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
                return false
            }
            #if canImport(Glibc)
            pthread_detach(handle)
            #else
            if let handle { pthread_detach(handle) }
            #endif
            return true
        }
    }
}
