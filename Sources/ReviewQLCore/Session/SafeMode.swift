#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Safe mode (`--safe`, `set safe on`), as sqlite3's `-safe`: a script from someone else may
/// query and print, but not write files (`save`, `record`), not put text on the clipboard
/// (`copy last`), and not read files outside the folder the shell was started in.
extension Session {
    /// What safe mode refuses, worded in `refusal`.
    enum SafeModeAction {
        case save(String)
        case record(String)
        case copy
        case load(String)

        var refusal: String {
            switch self {
            case .save(let path): return "safe mode: cannot write \(path); files are not written in safe mode"
            case .record(let path): return "safe mode: cannot record to \(path); files are not written in safe mode"
            case .copy: return "safe mode: copy last is turned off (it would set the clipboard)"
            case .load(let path): return "safe mode: cannot load \(path); only files in the current folder (or below it) are read in safe mode"
            }
        }
    }

    /// Throws when safe mode is on and refuses `action`.
    func refuseInSafeMode(_ action: SafeModeAction, at range: SourceRange?) throws(Diagnostic) {
        guard settings.safe else { return }
        if case .load(let path) = action, FileSystem.isInsideCurrentFolder(path) { return }
        throw Diagnostic.error(action.refusal, at: range,
                               help: "safe mode (--safe or set safe on) is for running lessons and scripts from others; start reviewql without --safe to do this")
    }
}
