#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReviewQLCore

/// `copy last`: text to the clipboard through the terminal, with the OSC 52 escape sequence
/// (`ESC ] 52 ; c ; BASE64 BEL`), which xterm, iTerm2, Windows Terminal, kitty, WezTerm, foot
/// and others honour, over SSH too, since the terminal, not this machine, holds the clipboard.
/// A terminal may ignore it, and says nothing back, so the note says what to do then.
enum Clipboard {
    /// How the sequence reached the terminal.
    enum Route { case direct, tmux }

    /// Why the text could not be sent, worded in `diagnostic`.
    enum Refusal: Error {
        case notATerminal
        case dumbTerminal(String)
        case tooLarge(bytes: Int)

        var diagnostic: Diagnostic {
            let instead = "save last to \"result.xlsx\" and open that, or print the rows with set format tsv"
            switch self {
            case .notATerminal:
                return Diagnostic(.error, "cannot copy: the output is not a terminal, and the clipboard is reached through the terminal",
                                  notes: ["copy last works in reviewql run in a terminal window, where it sends the rows to the terminal's clipboard"],
                                  help: instead)
            case .dumbTerminal(let term):
                return Diagnostic(.error, "cannot copy: this terminal (TERM=\(term.isEmpty ? "unset" : term)) has no clipboard to send to",
                                  help: instead)
            case .tooLarge(let bytes):
                return Diagnostic(.error, "cannot copy: the result is \(bytes / 1000) kB as tab-separated text, more than terminals take through the clipboard (\(maximumBytes / 1000) kB)",
                                  help: "narrow it with where or limit, or " + instead)
            }
        }
    }

    /// Terminals cut or drop longer sequences (xterm and tmux take about 100 kB of base64).
    static let maximumBytes = 74_000

    /// Sends `text` to the clipboard, or says why it cannot.
    static func copy(_ text: String) -> Result<Route, Refusal> {
        guard isatty(STDOUT_FILENO) == 1 else { return .failure(.notATerminal) }
        let term = FileSystem.environment("TERM") ?? ""
        guard !term.isEmpty, term != "dumb", term != "linux" else { return .failure(.dumbTerminal(term)) }
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge(bytes: bytes.count)) }
        let sequence = "\u{1B}]52;c;" + base64(bytes) + "\u{07}"
        // Inside tmux the sequence is wrapped so that tmux passes it to the terminal outside
        // (tmux 3.3 and later need `set -g allow-passthrough on` for it).
        let inTmux = FileSystem.environment("TMUX") != nil
        let wrapped = inTmux ? "\u{1B}Ptmux;" + String(sequence.flatMap { $0 == "\u{1B}" ? "\u{1B}\u{1B}" : String($0) }) + "\u{1B}\\" : sequence
        Terminal.printRaw(wrapped)
        return .success(inTmux ? .tmux : .direct)
    }

    /// The note that says what was sent, and what to do if nothing pastes.
    static func sent(rows: Int, through route: Route) -> String {
        "copied \(rows) row\(rows == 1 ? "" : "s") and the header to the clipboard as tab-separated text, through the terminal (OSC 52)"
            + (route == .tmux ? " and tmux (which needs set -g allow-passthrough on)" : "")
            + "; paste into Excel, or into Word and use Table > Convert Text to Table."
            + " If nothing pastes, the terminal does not allow programs to set the clipboard: save last to \"result.xlsx\" instead"
    }

    /// RFC 4648 base64, with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
