#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How much memory the program may still take, asked before work that could take more than
/// there is (a load, a grouping), so that it ends in an error saying what would be needed
/// rather than in the system stopping the program or an allocation failing.
///
/// The memory available is the least of the system's estimate (`MemAvailable` in
/// `/proc/meminfo`) and, inside a container, what its cgroup's limit leaves (cgroup v2
/// `memory.max` less `memory.current`, or v1's `memory.limit_in_bytes` less
/// `memory.usage_in_bytes`). `REVIEWQL_MEMORY_AVAILABLE` (a number of bytes) replaces it: for
/// tests only, so that a small limit can be tried without a container.
enum MemoryBudget {
    /// The bytes still available, or nil where the system does not say.
    static func available() -> Int? {
        if let text = FileSystem.environment("REVIEWQL_MEMORY_AVAILABLE"), let bytes = Int(text) { return bytes }
        let candidates = [systemAvailable(), cgroupRoom(limit: "/sys/fs/cgroup/memory.max", usage: "/sys/fs/cgroup/memory.current"),
                          cgroupRoom(limit: "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                                     usage: "/sys/fs/cgroup/memory/memory.usage_in_bytes")]
        return candidates.compactMap { $0 }.min()
    }

    /// `MemAvailable` from `/proc/meminfo`, in bytes.
    private static func systemAvailable() -> Int? {
        guard let text = smallFile("/proc/meminfo") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// A cgroup's limit less its use, or nil when there is no such cgroup or no limit.
    private static func cgroupRoom(limit: String, usage: String) -> Int? {
        guard let limitText = smallFile(limit), let limitBytes = Int(limitText.trimmingNewline),
              let usageText = smallFile(usage), let usageBytes = Int(usageText.trimmingNewline) else { return nil }
        // cgroup v1 writes "no limit" as a huge number, near Int64's largest.
        guard limitBytes < 1 << 60 else { return nil }
        return max(0, limitBytes - usageBytes)
    }

    /// A file of the kernel's, read whole (they are small and have no size to stat).
    private static func smallFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while bytes.count < 1 << 20 {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A number of bytes as a person reads it: "512 kB", "3.4 MB", "1.2 GB".
    static func words(_ bytes: Int) -> String {
        let units = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "kB")]
        for (size, unit) in units where bytes >= size {
            let value = Double(bytes) / Double(size)
            return value < 10 ? ValueFormatter.fixed(value, decimals: 1) + " " + unit : "\(Int(value.rounded())) " + unit
        }
        return "\(bytes) bytes"
    }
}

private extension String {
    var trimmingNewline: Substring { self[...].split(separator: "\n").first ?? "" }
}
