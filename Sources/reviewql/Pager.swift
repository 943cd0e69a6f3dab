#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore

/// Results longer than the screen, at the prompt, go through a pager as psql and DuckDB send
/// them: `$PAGER`, or `less -S` (long lines scroll sideways instead of wrapping). Never when
/// the output is not a terminal, with `set pager off`, or with `PAGER` set empty.
enum Pager {
    /// The pager's command, or nil for none.
    static var command: String? {
        if let pager = FileSystem.environment("PAGER") {
            return pager.allSatisfy(\.isWhitespace) ? nil : pager
        }
        return "less -S"
    }

    /// Whether `text` needs paging on a screen of `lines` lines (the prompt takes one).
    static func isTooLong(_ text: String, lines: Int) -> Bool {
        var count = 1
        for byte in text.utf8 where byte == UInt8(ascii: "\n") {
            count += 1
            if count >= lines { return true }
        }
        return false
    }

    /// Shows `text` through the pager; false when the pager could not be started or was not
    /// found (the caller then prints the text itself).
    static func show(_ text: String, through command: String) -> Bool {
        fflush(nil)
        // A pager that quits before reading everything (q in less) closes the pipe: that is
        // not an error, and must not end the program.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        guard let pipe = popen(command, "w") else { return false }
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, pipe) }
        let status = pclose(pipe)
        // 127: the shell found no such program.
        return !(status != -1 && (status >> 8) & 0xFF == 127)
    }
}
