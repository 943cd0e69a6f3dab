/// Which columns a fixed set of statements can read, worked out before any data is loaded.
///
/// A one-off run (`reviewql --load big=FILE -c '...'`, or a script file) knows all its
/// statements before it reads the file, so the reader can leave out the values of columns none
/// of them names (`CSVReader.load(path:name:reading:)`), as DuckDB does when it queries a CSV
/// file. The rule is generous, so that a run never sees less than it would with every column:
///
/// - a column is read when its name (in any case) is written anywhere in the statements, as a
///   word, a quoted name or a string, whatever part it plays there;
/// - `time_identifier` is read with `time_period`, which is read with it (`OfficialPeriods`);
/// - every column of a dataset is read when a statement lists its rows without naming columns
///   (`list big`) or joins it to another, or looks for its rows `with` or `without` a match in
///   another (these may match on a column the statement does not name);
/// - every column of every dataset is read when a statement is anything but a query, a
///   statistics statement, `set`, `help`, `save`, `show last` or `quit` (`describe` and
///   `datasets` show every column, `load` brings new ones), or when a statement cannot be
///   parsed (the run will report it anyway).
public struct ColumnDemand: Sendable {
    /// Every word, quoted name and string of the statements, lowercased.
    private var written: Set<String> = []
    /// Datasets (lowercased) every column of which may be read.
    private var whole: Set<String> = []
    /// Every column of every dataset may be read.
    private var everything = false
    /// Whether the statements may start a `record`, whose handout needs the loaded files'
    /// hashes: a `record` statement, or one that does not parse (to be safe).
    public private(set) var mayRecord = false

    /// The demand of the statements in `text`.
    public init(statements text: String) {
        self.init(statements: ParsedStatement.all(in: SourceText(text: text)))
    }

    /// The demand of statements already parsed, which the run then executes as they are.
    public init(statements: some Sequence<ParsedStatement>) {
        for piece in statements {
            guard piece.range != nil else {
                // A lexing error.
                everything = true
                mayRecord = true
                return
            }
            for token in piece.tokens {
                switch token.kind {
                case .word, .quotedName, .string: written.insert(token.text.lowercased())
                default: break
                }
            }
            guard case .statement(let written) = piece.content else {
                everything = true
                mayRecord = true
                return
            }
            var statement = written
            if case .withConfidence(_, let inner) = written { statement = inner }
            switch statement {
            case .query(let query), .explain(let query), .showSQL(let query, _): note(query)
            case .proportion(let proportion), .compareGroups(let proportion): note(proportion.base)
            case .compareDatasets(let first, let second):
                note(first.base)
                note(second.base)
            case .compareCounts, .proportionCounts, .rate, .set, .help, .save, .saveChart, .showLast, .copyLast, .quit,
                 .setParameter, .showParameters: break
            case .record, .runScript:
                // A file run may record, and may use any column.
                everything = true
                mayRecord = true
                return
            default:
                // Read on: a later statement may be a `record`.
                everything = true
            }
        }
    }

    private mutating func note(_ query: Query) {
        if case .list(nil, _) = query.verb { whole.insert(query.dataset.text.lowercased()) }
        // `with` and `without` another dataset match on key columns as a join does.
        let others = query.joins + query.presence.map(\.join)
        if !others.isEmpty {
            whole.insert(query.dataset.text.lowercased())
            for join in others { whole.insert(join.dataset.text.lowercased()) }
        }
    }

    /// Which columns of `dataset` to read: nil for all of them, or a test of a column's name.
    public func columns(of dataset: String) -> (@Sendable (String) -> Bool)? {
        guard !everything, !whole.contains(dataset.lowercased()) else { return nil }
        // The period column is read with its identifier (`OfficialPeriods`), as a full reading reads it.
        var written = written
        if written.contains(ColumnNaming.periodColumn) { written.insert(OfficialPeriods.identifierColumn) }
        let wanted = written
        return { wanted.contains($0.lowercased()) }
    }
}
