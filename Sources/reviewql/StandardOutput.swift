#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore

/// Standard output, buffered here rather than in the C library so that every failed write is
/// seen: a full disk, `> /dev/full`, a closed pipe. The first failure is kept, later output
/// is dropped, and the program reports it and exits with status 1 (`failure`).
final class StandardOutput: @unchecked Sendable {
    /// Touched only by the program's one thread.
    nonisolated(unsafe) static let shared = StandardOutput()

    private var buffer: [UInt8] = []
    /// Why writing to standard output failed (the first time), or nil.
    private(set) var failure: String?

    private init() { buffer.reserveCapacity(1 << 16) }

    func append(_ text: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes out what is buffered; returns false when standard output has failed.
    @discardableResult
    func flush() -> Bool {
        guard failure == nil else { return false }
        guard !buffer.isEmpty else { return true }
        if let reason = Self.writeAll(buffer, to: STDOUT_FILENO) { failure = reason }
        buffer.removeAll(keepingCapacity: true)
        return failure == nil
    }

    private var reported = false

    /// Says, once, that standard output failed, and what that means for the results.
    func reportFailure() {
        guard let failure, !reported else { return }
        reported = true
        Terminal.printError("error: cannot write the results to standard output: \(failure)"
                            + "\nnote: the output is incomplete; the statements after the failure were not run")
    }

    /// Writes every byte, retrying after a signal; the reason when a write fails.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> String? {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n == 0 ? "nothing could be written" : String(cString: strerror(errno)).lowercased() }
            written += n
        }
        return nil
    }
}
