/// What can go wrong with a script's parameters (`--set authority=Norfolk`, `:authority`), as
/// values; `diagnostic` words them all, here and nowhere else.
public enum ParameterProblem: Error, Sendable, Equatable {
    /// A statement uses parameters that have no value: `names` as written in it (`script`, the
    /// file, when the whole script was checked before it ran), `given` the names that do have
    /// one, for "did you mean"; at the first use.
    case notGiven(names: [String], given: [String], script: String?, at: SourceRange)
    /// A statement with a parameter, parsed before it was bound to a value (never shown: the
    /// run binds every statement before it runs it).
    case unbound
    /// `--set` with no `=`, or nothing before it.
    case commandLineForm(String)
    /// `--set NAME=` with nothing after `=` (a shell variable that is not set gives this).
    case commandLineEmpty(String)
    /// `--set` with a name that `:NAME` could not be written with.
    case commandLineName(String)
    /// The same name given twice with `--set`, with different values.
    case givenTwice(name: String, first: String, second: String)
    /// `--set NAME=VALUE`, and no statement that ran used `:NAME`.
    case unused(name: String, value: String)
    /// `set parameter NAME to ...` changed a value given with `--set`.
    case replaced(name: String, old: String, new: String, at: SourceRange)
    /// `set parameter` with no name after it.
    case setNeedsName(at: SourceRange)
    /// `set parameter NAME` with no value after it.
    case setNeedsValue(name: String, at: SourceRange)
    /// `set parameter NAME to Barking and Dagenham`: a value of several words, not in quotes.
    case valueNeedsQuotes(name: String, words: String, at: SourceRange)

    public var diagnostic: Diagnostic {
        switch self {
        case .notGiven(let names, let given, let script, let range):
            let listed = Self.listed(names.map { ":" + $0 })
            let what = names.count == 1 ? "a value for \(listed), which was" : "values for \(listed), which were"
            let settings = names.map { "--set \($0)=..." }.joined(separator: " ")
            let statements = names.map { "set parameter \($0) to ..." }.joined(separator: "; ")
            var diagnostic = Diagnostic(.error, "\(script ?? "this statement") needs \(what) not given", range: range)
            for name in names {
                if let near = Suggestions.nearest(to: name, in: given).first {
                    diagnostic.notes.append("--set \(near) was given: did you mean --set \(name)=... ?")
                }
            }
            if let script {
                diagnostic.notes.append("at the reviewql prompt before run \"\(script)\": \(statements)")
                diagnostic.help = "give \(names.count == 1 ? "it" : "them") on the command line: reviewql \(Self.quotedForShell(script)) \(settings)"
            } else {
                diagnostic.help = "\(statements) before it (on the command line: \(settings))"
            }
            return diagnostic
        case .unbound:
            return Diagnostic(.error, "this statement uses a parameter (:name) and was not given its value")
        case .commandLineForm(let text):
            return Diagnostic(.error, "--set takes NAME=VALUE, e.g. --set authority=Norfolk (got '\(TextSafety.escaped(text))')")
        case .commandLineEmpty(let name):
            return Diagnostic(.error, "--set \(TextSafety.escaped(name))= gives no value after '=' (a shell variable that is not set gives this), e.g. --set \(TextSafety.escaped(name))=Norfolk")
        case .commandLineName(let name):
            return Diagnostic(.error, "--set \(TextSafety.escaped(name))=...: a parameter's name is letters, digits and _, starting with a letter, as the script writes it after ':' (e.g. :authority)")
        case .givenTwice(let name, let first, let second):
            return Diagnostic(.error, "--set \(name) is given twice, as \(first) and as \(second): give it once")
        case .unused(let name, let value):
            return Diagnostic(.note, "--set \(name)=\(value) was not used: no statement that ran has :\(name)")
        case .replaced(let name, let old, let new, let range):
            return Diagnostic(.note, "parameter :\(name) was \(old) (from --set) and is now \(new), as this statement sets it", range: range)
        case .setNeedsName(let range):
            return Diagnostic(.error, "set parameter needs a name and a value", range: range,
                              help: "for example: set parameter authority to Norfolk")
        case .setNeedsValue(let name, let range):
            return Diagnostic(.error, "set parameter \(name) needs a value", range: range,
                              help: "for example: set parameter \(name) to Norfolk (text with spaces in quotes: \"Barking and Dagenham\")")
        case .valueNeedsQuotes(let name, let words, let range):
            return Diagnostic(.error, "a value of several words goes in quotes", range: range,
                              help: "set parameter \(name) to \"\(words)\"")
        }
    }

    /// The source range the problem sits at, if any.
    var range: SourceRange? {
        switch self {
        case .notGiven(_, _, _, let r), .replaced(_, _, _, let r), .setNeedsName(let r), .setNeedsValue(_, let r),
             .valueNeedsQuotes(_, _, let r):
            return r
        case .unbound, .commandLineForm, .commandLineEmpty, .commandLineName, .givenTwice, .unused:
            return nil
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func listed(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A file name as it would be typed after `reviewql`: in quotes when it holds a space.
    private static func quotedForShell(_ path: String) -> String {
        path.contains(" ") ? "\"\(path)\"" : path
    }
}
