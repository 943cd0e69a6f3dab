#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore

/// Facts about the terminal decided once at start-up, and the two output streams.
enum Terminal {
    /// Standard input is a terminal: a person is typing. Output may still go to a file or a
    /// pipe (`reviewql | tee session.log`): the shell goes on, its prompt on the terminal.
    static let isInteractive = isatty(STDIN_FILENO) == 1

    /// Standard output is a terminal, so results are shown on the screen (cut to its width and
    /// height) rather than written to a file or a pipe.
    static let outputIsTerminal = isatty(STDOUT_FILENO) == 1

    /// Where the shell's own words (banner, prompt, the keys typed) go: standard output on a
    /// terminal, else standard error, so the results alone reach the file or pipe.
    static let shellDescriptor = outputIsTerminal ? STDOUT_FILENO : STDERR_FILENO

    /// Standard input is a terminal (keys typed there are echoed by it).
    static let inputIsTerminal = isatty(STDIN_FILENO) == 1


    /// The locale says UTF-8, so box-drawing characters will show.
    static let isUTF8: Bool = {
        let locale = FileSystem.environment("LC_ALL") ?? FileSystem.environment("LC_CTYPE")
            ?? FileSystem.environment("LANG") ?? ""
        let lowered = locale.lowercased()
        return lowered.isEmpty || lowered.contains("utf-8") || lowered.contains("utf8")
    }()

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static let usesColour = isatty(STDOUT_FILENO) == 1 && FileSystem.environment("NO_COLOR") == nil
        && FileSystem.environment("TERM") != "dumb"

    /// The terminal's width in columns (COLUMNS when set, else asked of the terminal, else 80).
    static var columns: Int {
        if let text = FileSystem.environment("COLUMNS"), let n = Int(text), n > 0 { return n }
        var size = winsize()
        if ioctl(shellDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// The terminal's height in lines (LINES when set, else asked of the terminal, else 24).
    static var lines: Int {
        if let text = FileSystem.environment("LINES"), let n = Int(text), n > 0 { return n }
        var size = winsize()
        if ioctl(shellDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return 24
    }

    /// The shell's own words (the banner, a cleared screen), to the terminal: standard output,
    /// or standard error when standard output goes to a file or a pipe. Made by the program:
    /// not passed through `TextSafety`.
    static func printToShell(_ text: String, terminator: String = "\n") {
        if outputIsTerminal {
            StandardOutput.shared.append(text + terminator)
            StandardOutput.shared.flush()
        } else {
            StandardOutput.shared.flush()
            _ = StandardOutput.writeAll(Array((text + terminator).utf8), to: STDERR_FILENO)
        }
    }

    static let errorIsTerminal = isatty(STDERR_FILENO) == 1

    /// A line of text to standard output. Text from data (results, describe, help) goes
    /// through `TextSafety.forTerminal` on a terminal; `trusted` is for what the program made
    /// itself, with its own escape sequences (tables with colour, clearing the screen).
    static func print(_ text: String, trusted: Bool = false) {
        StandardOutput.shared.append(trusted || !outputIsTerminal ? text : TextSafety.forTerminal(text))
        StandardOutput.shared.append("\n")
    }

    /// Text to standard output with no line break, at once (an escape sequence to the terminal).
    static func printRaw(_ text: String) {
        StandardOutput.shared.append(text)
        StandardOutput.shared.flush()
    }

    /// A line to standard error (warnings, errors), after what is waiting for standard output,
    /// so a warning never overtakes the result it follows.
    static func printError(_ text: String) {
        StandardOutput.shared.flush()
        let line = (errorIsTerminal ? TextSafety.forTerminal(text) : text) + "\n"
        _ = StandardOutput.writeAll(Array(line.utf8), to: STDERR_FILENO)
    }

    /// One line typed on standard input, without its line break; nil at the end of input.
    static func readLine() -> String? {
        fflush(nil)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            if byte != UInt8(ascii: "\r") { bytes.append(byte) }
        }
    }

    static func readAllStandardInput() -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = read(STDIN_FILENO, &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Wall-clock and CPU time for `set timer on` (CPU time is the process's, on every core: what
/// sqlite3's `.timer on` calls user and sys, and what stays steady on a busy machine).
enum Clock {
    static var now: timespec { reading(CLOCK_MONOTONIC) }
    static var cpuNow: timespec { reading(CLOCK_PROCESS_CPUTIME_ID) }

    private static func reading(_ clock: clockid_t) -> timespec {
        var time = timespec()
        clock_gettime(clock, &time)
        return time
    }

    static func millisecondsSince(_ start: timespec) -> String {
        milliseconds(from: start, to: now)
    }

    static func cpuMillisecondsSince(_ start: timespec) -> String {
        milliseconds(from: start, to: cpuNow)
    }

    private static func milliseconds(from start: timespec, to end: timespec) -> String {
        let ms = Double(end.tv_sec - start.tv_sec) * 1000 + Double(end.tv_nsec - start.tv_nsec) / 1_000_000
        return ValueFormatter.fixed(ms, decimals: 1)
    }
}
