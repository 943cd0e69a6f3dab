#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A data file's bytes, read once and whole, with the SHA-256 of exactly those bytes: the
/// numbers a handout quotes come from the bytes its hash names, never from a later read.
///
/// A file that another program is still writing would load as a mix of old and new rows, so
/// the file is checked before and after the read: it must have the size it had when opened
/// (no byte more or less read) and the same modification and status-change times. If not,
/// the load is refused (`FileReadProblem.changedWhileReading`) rather than giving a table no
/// version of the file ever held. `inPlace` reads a large file the same way without holding
/// a copy of it, for a run that needs no hash.
struct FileSnapshot {
    let bytes: [UInt8]
    /// The SHA-256 of `bytes`, as `sha256sum` prints it, hashed as they were read; nil when
    /// not asked for.
    let sha256: String?

    /// How much is read (and hashed) at a time.
    static let chunkSize = 1 << 20

    /// Reads the file at `path`, hashing it when `hashing`. `afterOpening` is a test's seam: it
    /// runs after the file's size and times are taken and before any byte is read, so a test
    /// can change the file there.
    static func read(_ path: String, hashing: Bool = true,
                     afterOpening: (() -> Void)? = nil) throws(FileReadProblem) -> FileSnapshot {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        guard let before = Stamp(descriptor) else { throw .cannotRead(reason: lastError()) }
        if before.isDirectory { throw .cannotRead(reason: "it is a folder, not a file") }
        if before.isBlockDevice { throw .cannotRead(reason: "it is a disk device, not a file") }
        // A pipe (`--load x=/dev/stdin`) has no size to check: it is read to its end, and a
        // character device (a terminal, /dev/null, /dev/zero) up to `deviceLimit`.
        if !before.isRegularFile {
            return try readStream(descriptor, hashing: hashing, limit: before.isCharacterDevice ? deviceLimit : nil,
                                  isPipe: before.isPipe)
        }
        afterOpening?()
        var hasher = SHA256.Hasher()
        var failure: FileReadProblem?
        // One byte of room past the size, to see whether the file grew.
        let bytes = [UInt8](unsafeUninitializedCapacity: before.size + 1) { buffer, initialized in
            var filled = 0
            while filled <= before.size {
                let wanted = min(chunkSize, before.size + 1 - filled)
                let n = readSome(descriptor, buffer.baseAddress! + filled, wanted)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failure = .cannotRead(reason: lastError()); break }
                if n == 0 { break }
                if hashing { hasher.update(UnsafeRawBufferPointer(start: buffer.baseAddress! + filled, count: n)) }
                filled += n
            }
            initialized = filled
        }
        if let failure { throw failure }
        guard bytes.count == before.size, Stamp(descriptor) == before else { throw .changedWhileReading }
        return FileSnapshot(bytes: bytes, sha256: hashing ? hasher.finishHex() : nil)
    }

    /// The most a character device is read (/dev/zero never ends).
    static let deviceLimit = 1 << 26

    /// How long a named pipe is given for a program to open it and write to it.
    static let pipeWaitMilliseconds = 5_000

    /// Opens `path` for reading without waiting: opening a named pipe that no program writes
    /// to would otherwise wait for ever. (`readStream` waits for a pipe's writer, for a while.)
    private static func openForReading(_ path: String) throws(FileReadProblem) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw .cannotRead(reason: lastError()) }
        return descriptor
    }

    /// Makes reads from `descriptor` wait for data again.
    private static func setBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    }

    /// Waits until the pipe at `descriptor` (opened without waiting) has a writer that wrote, or
    /// has closed: a writer that is there is waited for as long as it takes (as `cat` would);
    /// no writer at all, for `pipeWaitMilliseconds`, and then the pipe is refused. Returns the
    /// byte a probe read, if it read one (the stream's first).
    private static func awaitWriter(_ descriptor: Int32) throws(FileReadProblem) -> [UInt8] {
        var waited = 0
        var probe: UInt8 = 0
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 50) > 0 { return [] }  // data, or a writer that has closed
            // No data yet: with a writer a read finds none to read (EAGAIN); with none, it
            // reads the end (0). Data come since the poll is kept.
            let n = readSome(descriptor, &probe, 1)
            if n == 1 { return [probe] }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            waited += 50
            if waited >= pipeWaitMilliseconds {
                throw .cannotRead(reason: "it is a named pipe, and no program wrote to it within \(pipeWaitMilliseconds / 1000) seconds")
            }
        }
    }

    /// Reads a pipe or device to its end (or past `limit` bytes: refused), hashing as it goes.
    /// A stream whose first chunk is not text (`FileKind`: /dev/zero, /dev/urandom, a piped
    /// workbook) stops there, for the loader to refuse by its kind.
    private static func readStream(_ descriptor: Int32, hashing: Bool, limit: Int?,
                                   isPipe: Bool) throws(FileReadProblem) -> FileSnapshot {
        var bytes = isPipe ? try awaitWriter(descriptor) : []
        setBlocking(descriptor)
        var hasher = SHA256.Hasher()
        if hashing { bytes.withUnsafeBytes { hasher.update($0) } }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { readSome(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw .cannotRead(reason: lastError()) }
            if n == 0 { break }
            chunk.withUnsafeBytes { if hashing { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) } }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count - n <= 1, bytes.withUnsafeBufferPointer({ FileKind.of($0) }) != .text { break }
            if let limit, bytes.count > limit { throw .cannotRead(reason: "it is a device, not a file, and gave more than \(limit >> 20) MiB") }
        }
        return FileSnapshot(bytes: bytes, sha256: hashing ? hasher.finishHex() : nil)
    }

    /// Runs `body` on the file at `path` read in place, by descriptor, with no copy held in
    /// memory (the parallel reader's windows), and refuses the result if the file changed
    /// meanwhile, as `read` does. `afterOpening`: as for `read`.
    /// Nil for a file that is not a regular file (a pipe).
    static func inPlace<Result>(_ path: String, afterOpening: (() -> Void)? = nil,
                                _ body: (ByteSource) -> Result?) throws(FileReadProblem) -> Result? {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        guard let before = Stamp(descriptor) else { throw .cannotRead(reason: lastError()) }
        if before.isDirectory { throw .cannotRead(reason: "it is a folder, not a file") }
        // A pipe cannot be read at offsets; `read` takes it.
        guard before.isRegularFile else { return nil }
        afterOpening?()
        let result = body(ByteSource(descriptor: descriptor, size: before.size))
        // A file that grew shows a new size here; `ByteSource` never reads past the old one.
        guard Stamp(descriptor) == before else { throw .changedWhileReading }
        return result
    }

    /// What `fstat` says about an open file that changes when the file is written.
    private struct Stamp: Equatable {
        var size: Int
        var modified: timespec
        var statusChanged: timespec
        var isDirectory: Bool
        var isRegularFile: Bool
        var isCharacterDevice: Bool
        var isPipe: Bool
        var isBlockDevice: Bool

        init?(_ descriptor: Int32) {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            size = max(Int(info.st_size), 0)
            modified = info.st_mtim
            statusChanged = info.st_ctim
            isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
            isCharacterDevice = (info.st_mode & S_IFMT) == S_IFCHR
            isPipe = (info.st_mode & S_IFMT) == S_IFIFO
            isBlockDevice = (info.st_mode & S_IFMT) == S_IFBLK
        }

        static func == (left: Stamp, right: Stamp) -> Bool {
            left.size == right.size && left.isDirectory == right.isDirectory
                && left.modified.tv_sec == right.modified.tv_sec && left.modified.tv_nsec == right.modified.tv_nsec
                && left.statusChanged.tv_sec == right.statusChanged.tv_sec
                && left.statusChanged.tv_nsec == right.statusChanged.tv_nsec
        }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}

/// The C library's `read`, under a name that `FileSnapshot.read` does not hide.
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Why a data file could not be read, as data; `diagnostic(file:)` puts it in words.
enum FileReadProblem: Error, Equatable {
    case cannotRead(reason: String)
    /// The file's size or times differ after the read from before it: something wrote to it.
    case changedWhileReading

    /// The problem in words, naming `file`.
    func diagnostic(file: String) -> Diagnostic {
        let name = "\"" + TextSafety.escaped(file) + "\""
        switch self {
        case .cannotRead(let reason):
            return Diagnostic(.error, "cannot read \(name): \(reason)", help: "check the path, and that the file can be read")
        case .changedWhileReading:
            return Diagnostic(.error, "\(name) changed while it was being read, so it was not loaded",
                              notes: ["a table made from it could mix rows from before and after the change"],
                              help: "try again when the program writing it has finished")
        }
    }
}
