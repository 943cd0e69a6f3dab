#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing whole files through the C library, without Foundation (which costs
/// start-up time that a shell answering `count reviews` in milliseconds cannot spare).
public enum FileSystem {
    public struct Failure: Error, Sendable {
        public var path: String
        public var reason: String
        /// Set when the write was refused before anything was written.
        public var refusal: WriteRefusal? = nil
    }

    /// The whole file's bytes.
    public static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(path: path, reason: lastError()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(path: path, reason: lastError()) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw Failure(path: path, reason: "it is a folder, not a file") }
        // Read into one buffer of the file's size; keep reading in case the file grew since
        // fstat, so nothing is ever cut short.
        var bytes = [UInt8]()
        var chunkSize = max(Int(info.st_size), 0) + 1
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                var filled = 0
                while filled < chunkSize {
                    let n = read(descriptor, buffer.baseAddress! + filled, chunkSize - filled)
                    if n < 0 { if errno == EINTR { continue }; failed = true; break }
                    if n == 0 { break }
                    filled += n
                }
                initialized = filled
            }
            if failed { throw Failure(path: path, reason: lastError()) }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            if chunk.count < chunkSize { break }
            chunkSize = max(chunkSize, 1 << 16)
        }
        return bytes
    }

    /// The names of the entries in a folder, sorted; nil when it cannot be read.
    public static func listDirectory(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// An environment variable, or nil.
    public static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    static func lastError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}

extension FileSystem {
    /// Whether `path`, with every link followed, names something inside the current folder
    /// (or below it). A path that does not exist is judged by its folder.
    public static func isInsideCurrentFolder(_ path: String) -> Bool {
        guard let here = realPath(".") else { return false }
        var target = realPath(path)
        if target == nil {
            let slash = path.lastIndex(of: "/")
            let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
            target = realPath(folder)
        }
        guard let target else { return false }
        return target == here || target.hasPrefix(here == "/" ? "/" : here + "/")
    }

    /// The absolute path with every link and `..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
