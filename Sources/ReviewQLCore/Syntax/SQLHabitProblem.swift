/// What ReviewQL says to SQL and to sqlite3's dot-commands typed by habit, worded in one
/// place (`diagnostic(at:)`).
public enum SQLHabitProblem: Error, Sendable, Equatable {
    /// A `select` read into ReviewQL, not run (`set sql on` runs it); with what the
    /// translation chose.
    case translated(reviewQL: String, notes: [String])
    /// A part of a `select` with no ReviewQL form, and why.
    case cannotTranslate(String, String)
    /// sqlite3's `.output FILE` or `.once FILE`.
    case outputToFile(command: String, file: String?)
    /// sqlite3's `.headers off`.
    case headersOff
    /// sqlite3's `.read FILE` where no script can be run (the program runs it).
    case readScript(file: String?)
    /// Another dot-command of sqlite3's.
    case unknownDotCommand(String)

    func diagnostic(at range: SourceRange?) -> Diagnostic {
        switch self {
        case .translated(let reviewQL, let notes):
            return Diagnostic(.error, "this is SQL; in ReviewQL: \(reviewQL)", range: range, notes: notes,
                              help: "type the ReviewQL statement, or `set sql on` to run SQL by its translation")
        case .cannotTranslate(let part, let reason):
            return Diagnostic(.error, "this is SQL, and \"\(part)\" has no ReviewQL translation: \(reason)", range: range,
                              help: "most questions are one ReviewQL statement, e.g. count reviews where judgement = inadequate group by authority (help lists them)")
        case .outputToFile(let command, let file):
            let name = file ?? "result.csv"
            return Diagnostic(.error, "\(command) is sqlite3's; ReviewQL writes a result to a file with save", range: range,
                              help: "after the statement: save last to \"\(name)\" (or start reviewql with --output \(name))")
        case .headersOff:
            return Diagnostic(.error, "ReviewQL always writes the column names", range: range,
                              help: "in CSV they are the first line; `tail -n +2` leaves it out")
        case .readScript(let file):
            return Diagnostic(.error, ".read runs a script only in the reviewql program", range: range,
                              help: "run it with: reviewql \(file ?? "script.rql")")
        case .unknownDotCommand(let command):
            return Diagnostic(.error, "\(command) is not one of sqlite3's commands that ReviewQL knows", range: range,
                              help: ".help, .tables, .schema, .mode, .headers, .timer, .read, .output, .once and .quit work here; help lists the rest")
        }
    }
}
