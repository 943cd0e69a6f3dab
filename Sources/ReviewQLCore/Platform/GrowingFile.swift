#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that grows at its end, with a tail that is rewritten each time: the handout, whose
/// sections are appended and whose "Data used" table follows the last of them. Each change
/// writes only the new section and the tail, so a long session costs time in proportion to
/// what it adds, not to everything written before.
final class GrowingFile {
    let path: String
    private let descriptor: Int32
    /// Where the kept part ends and the tail begins.
    private var keptLength: Int

    /// Creates the file safely (`writeFileAtomically`) with `beginning`, then opens it to grow.
    init(creating path: String, beginning: [UInt8]) throws(FileSystem.Failure) {
        try FileSystem.writeFileAtomically(path, beginning)
        let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystem.Failure(path: path, reason: FileSystem.lastError()) }
        self.path = path
        self.descriptor = descriptor
        keptLength = beginning.count
    }

    deinit { close(descriptor) }

    /// Adds `kept` after what is kept, and puts `tail` after it in place of the old tail.
    func append(_ kept: [UInt8], tail: [UInt8]) throws(FileSystem.Failure) {
        try write(kept, at: keptLength)
        keptLength += kept.count
        try write(tail, at: keptLength)
        guard ftruncate(descriptor, off_t(keptLength + tail.count)) == 0 else {
            throw FileSystem.Failure(path: path, reason: FileSystem.lastError())
        }
    }

    private func write(_ bytes: [UInt8], at offset: Int) throws(FileSystem.Failure) {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset + written)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw FileSystem.Failure(path: path, reason: n == 0 ? "nothing could be written" : FileSystem.lastError()) }
            written += n
        }
    }
}
