#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that grows at its end, with a tail that is rewritten each time: the handout, whose
/// sections are appended and whose "Data used" table and closing tags follow the last of
/// them. Each change writes only the new section and the tail at the offset where the old
/// tail began, so a long session costs time in proportion to what it adds, the bytes before
/// that offset are never written again, and between changes the file is always whole (a page
/// with its closing tags). `truncate` goes back to an earlier offset (`record undo`).
///
/// Another program may change the file meanwhile (an editor saves over it, it is moved or
/// deleted): each change first checks that the path still names the file it opened, at the
/// length it left it, and refuses rather than write into a file nobody will see.
final class GrowingFile {
    let path: String
    private let descriptor: Int32
    /// Where the kept part ends and the tail begins.
    private(set) var keptLength: Int
    /// The tail as it is in the file now.
    private var tail: [UInt8]

    /// Creates the file safely (`writeFileAtomically`) with `beginning` then `tail`, and
    /// opens it to grow (never through a link planted since).
    init(creating path: String, beginning: [UInt8], tail: [UInt8]) throws(FileSystem.Failure) {
        try FileSystem.writeFileAtomically(path, beginning + tail)
        let descriptor = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystem.Failure(path: path, reason: FileSystem.lastError()) }
        self.path = path
        self.descriptor = descriptor
        keptLength = beginning.count
        self.tail = tail
    }

    deinit { close(descriptor) }

    /// Adds `kept` after what is kept, and puts `tail` after it in place of the old tail.
    func append(_ kept: [UInt8], tail newTail: [UInt8]) throws(FileSystem.Failure) {
        try replace(from: keptLength, with: kept, tail: newTail)
        keptLength += kept.count
        tail = newTail
    }

    /// Cuts what is kept back to its first `length` bytes (an offset an earlier `append`
    /// started at), with `tail` after them: the file as it was before that append, when the
    /// tail is the one it had then.
    func truncate(to length: Int, tail newTail: [UInt8]) throws(FileSystem.Failure) {
        precondition(length <= keptLength, "a growing file is cut only to an offset it has passed")
        try replace(from: length, with: [], tail: newTail)
        keptLength = length
        tail = newTail
    }

    /// Writes `kept` + `newTail` at `offset` and ends the file after them. On a failure
    /// part-way, puts the old tail back where it was, so the file is as it was before.
    private func replace(from offset: Int, with kept: [UInt8], tail newTail: [UInt8]) throws(FileSystem.Failure) {
        try checkUnchanged()
        do {
            try write(kept + newTail, at: offset)
            try end(at: offset + kept.count + newTail.count)
        } catch {
            try? write(tail, at: keptLength)
            try? end(at: keptLength + tail.count)
            throw error
        }
    }

    /// Refuses when the path no longer names the file opened, or its length is not the one
    /// left by the last change.
    private func checkUnchanged() throws(FileSystem.Failure) {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0 else { throw FileSystem.Failure(path: path, reason: FileSystem.lastError()) }
        let samePath = lstat(path, &named) == 0 && named.st_ino == opened.st_ino && named.st_dev == opened.st_dev
        guard samePath, Int(opened.st_size) == keptLength + tail.count else {
            throw FileSystem.Failure(path: path, reason: "the file was changed, moved or deleted by another program since recording "
                                     + "began; start a new handout with record")
        }
    }

    private func end(at length: Int) throws(FileSystem.Failure) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw FileSystem.Failure(path: path, reason: FileSystem.lastError()) }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw FileSystem.Failure(path: path, reason: FileSystem.lastError()) }
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
