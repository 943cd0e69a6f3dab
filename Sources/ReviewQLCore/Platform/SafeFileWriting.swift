#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Writing a whole file the way careful tools do (as `install`, rsync and git do): the bytes go
/// to a new temporary file in the destination's folder, created exclusively and never through
/// a link someone planted, with the destination's permissions; it is flushed to disk and only
/// then renamed over the destination. A failure, a Ctrl-C or a SIGTERM part-way leaves the old
/// file as it was and no temporary file behind.
extension FileSystem {
    /// Why a write was refused before anything was written, worded in `Failure.reason`.
    public enum WriteRefusal: Sendable, Equatable {
        /// The destination is a folder (or the name ends in `/`).
        case folder
        /// The destination exists and its permissions say it is not to be written (no write
        /// permission for this user by its mode), as `rm` asks before removing such a file.
        case writeProtected
        /// Another kind of thing than a file or a link (a device, a pipe, a socket).
        case notAFile
    }

    /// Writes `bytes` to `path` whole or not at all. `replacingProtected`: replace a
    /// write-protected destination (the user said so).
    public static func writeFileAtomically(_ path: String, _ bytes: [UInt8], replacingProtected: Bool = false) throws(Failure) {
        if let refusal = refusalToWrite(path, replacingProtected: replacingProtected) {
            throw Failure(path: path, reason: refusal.reason(path: path), refusal: refusal)
        }
        var destination = stat()
        let exists = lstat(path, &destination) == 0 && (destination.st_mode & S_IFMT) == S_IFREG
        // A new file gets the usual permissions (0666 less the umask); a file replaced keeps its own.
        let mode: mode_t = exists ? destination.st_mode & 0o7777 : 0o666
        // The name is registered by `createTemporary` before the file is made, so a SIGTERM
        // arriving just as it is made still removes it.
        let (descriptor, temporary) = try createTemporary(beside: path, mode: mode)
        defer { TemporaryFiles.unregister() }
        func fail(_ reason: String) -> Failure {
            close(descriptor)
            unlink(temporary)
            return Failure(path: path, reason: reason)
        }
        if exists && fchmod(descriptor, mode) != 0 { throw fail(lastError()) }
        var written = 0
        while written < bytes.count {
            if Cancellation.isRequested { throw fail("cancelled; the file was left as it was") }
            let chunk = min(bytes.count - written, 1 << 20)
            let n = bytes[written..<(written + chunk)].withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw fail(n == 0 ? "nothing could be written" : lastError()) }
            written += n
        }
        guard fsync(descriptor) == 0 || errno == EINVAL else { throw fail(lastError()) }
        guard close(descriptor) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }

    /// Why `path` must not be written, or nil when it may.
    public static func refusalToWrite(_ path: String, replacingProtected: Bool = false) -> WriteRefusal? {
        if path.hasSuffix("/") { return .folder }
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFLNK: return isDirectory(path) ? .folder : nil  // the link itself is replaced, never followed
        case S_IFREG: return !replacingProtected && !isWritableByMode(info) ? .writeProtected : nil
        default: return .notAFile
        }
    }

    /// Whether the mode gives this user write permission (the owner's, group's or others'
    /// bit, whichever applies), as a user without root's powers would be allowed.
    private static func isWritableByMode(_ info: stat) -> Bool {
        if info.st_uid == geteuid() { return info.st_mode & S_IWUSR != 0 }
        if info.st_gid == getegid() { return info.st_mode & S_IWGRP != 0 }
        return info.st_mode & S_IWOTH != 0
    }

    /// A new file beside `path`, created exclusively (never an existing file, never through a
    /// link), named `.NAME.XXXXXXXX.tmp` with the name cut so the whole stays within the
    /// longest name a folder takes (255 bytes).
    private static func createTemporary(beside path: String, mode: mode_t) throws(Failure) -> (Int32, String) {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var generator = SystemRandomNumberGenerator()
        var lastReason = ""
        for _ in 0..<16 {
            let suffix = "." + String(generator.next() & 0xFFFF_FFFF, radix: 16) + ".tmp"
            let temporary = folder + "." + prefix(of: name, bytes: 255 - 1 - suffix.utf8.count) + suffix
            TemporaryFiles.register(temporary)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if descriptor >= 0 { return (descriptor, temporary) }
            lastReason = lastError()
            TemporaryFiles.unregister()
            if errno != EEXIST { break }
        }
        throw Failure(path: path, reason: lastReason)
    }

    /// The longest beginning of `text` within `bytes` UTF-8 bytes, never cutting a character.
    static func prefix(of text: String, bytes: Int) -> String {
        var kept = ""
        var count = 0
        for character in text {
            count += character.utf8.count
            if count > bytes { break }
            kept.append(character)
        }
        return kept
    }
}

extension FileSystem.WriteRefusal {
    func reason(path: String) -> String {
        switch self {
        case .folder: return "it is a folder; give a file name, e.g. \"\(path.hasSuffix("/") ? path : path + "/")result.csv\""
        case .writeProtected: return "the file is write-protected; to replace it all the same, add `replacing` (save last to \"\(path)\" replacing), or make it writable first"
        case .notAFile: return "it is not a plain file (a device, pipe or socket)"
        }
    }
}

/// The temporary file being written, if any, removed if a SIGTERM (or a second Ctrl-C) ends
/// the program part-way. Its name is kept in a fixed buffer that a signal handler can read
/// without allocating.
public enum TemporaryFiles {
    private static let capacity = 4096
    nonisolated(unsafe) private static let name: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity + 1)
        buffer.initialize(repeating: 0, count: capacity + 1)
        return buffer
    }()
    private static let active = Atomic<Bool>(false)

    static func register(_ path: String) {
        let bytes = Array(path.utf8.prefix(capacity))
        active.store(false, ordering: .sequentiallyConsistent)
        for (index, byte) in bytes.enumerated() { name[index] = CChar(bitPattern: byte) }
        name[bytes.count] = 0
        active.store(true, ordering: .sequentiallyConsistent)
    }

    static func unregister() { active.store(false, ordering: .sequentiallyConsistent) }

    /// Removes the temporary file being written. Safe in a signal handler.
    public static func removeCurrent() {
        if active.load(ordering: .sequentiallyConsistent) { unlink(name) }
    }

    /// Touches the buffer once, so that its first use is never in a signal handler.
    public static func prepare() { removeCurrent() }
}
