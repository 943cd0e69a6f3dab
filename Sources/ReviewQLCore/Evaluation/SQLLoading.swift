/// Loading a dataset into an SQL engine, so that `show sql`'s SQL can be run there over the same
/// data: the cross-check's way in, and an example for anyone carrying their data across.
extension SQLGenerator {
    /// The statements that create a dataset's table in an engine and load it from a CSV file
    /// written by ReviewQL (`save last to "x.csv"` of `list dataset`, or the tests' export):
    /// empty cells and official statistics symbols (`c`, `x` ...) become NULL, and each column
    /// gets the engine's type for it (`SQLDialect.columnType`). SQLite's is a script for the
    /// `sqlite3` shell, PostgreSQL's for `psql` (its `\copy` reads the file where psql runs).
    public static func loadScript(for dataset: Dataset, csvPath: String, engine: SQLEngine = .sqlite) -> String {
        switch engine {
        case .sqlite: return sqliteLoadScript(for: dataset, csvPath: csvPath)
        case .duckdb, .postgresql: return typedLoadScript(for: dataset, csvPath: csvPath, dialect: engine.dialect)
        }
    }

    /// SQLite keeps the types it is given: the table is created with them, the file imported,
    /// then the empty cells and symbols are set to NULL.
    private static func sqliteLoadScript(for dataset: Dataset, csvPath: String) -> String {
        let table = dataset.table
        let dialect = SQLiteDialect()
        let columns = table.columns.map { "\(identifier($0.name)) \(dialect.columnType($0.type))" }
        var lines = ["CREATE TABLE \(identifier(table.name)) (\(columns.joined(separator: ", ")));",
                     ".import --csv --skip 1 \(csvPath) \(table.name)"]
        for column in table.columns {
            lines.append("UPDATE \(identifier(table.name)) SET \(identifier(column.name)) = NULL WHERE \(identifier(column.name)) = '';")
            let symbols = symbolLiterals(column)
            if !symbols.isEmpty {
                lines.append("UPDATE \(identifier(table.name)) SET \(identifier(column.name)) = NULL WHERE \(identifier(column.name)) IN (\(symbols.joined(separator: ", ")));")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The column of row numbers a PostgreSQL table is loaded with (its rows keep no order of
    /// their own), named so as to be none of the dataset's columns.
    static func fileRowColumn(avoiding columns: [String]) -> String {
        let taken = Set(columns.map { $0.lowercased() })
        var name = "row_in_file", suffix = 1
        while taken.contains(name) {
            suffix += 1
            name = "row_in_file_\(suffix)"
        }
        return name
    }

    /// DuckDB and PostgreSQL check types as they load: the file is read as text, then the table
    /// is made from it with each cell cast to its column's type (and `Yes`/`No` to booleans).
    /// DuckDB's rows keep the file's order as `rowid`; PostgreSQL's `ctid` was found not to
    /// (RUNS.md), so there `COPY` numbers the rows as it reads them, in a column the SQL orders by.
    private static func typedLoadScript(for dataset: Dataset, csvPath: String, dialect: any SQLDialect) -> String {
        let table = dataset.table
        let names = table.columns.indices.map { "c\($0)" }
        let path = literal(.text(csvPath))
        var casts: [String] = []
        for (column, name) in zip(table.columns, names) {
            var cell = "NULLIF(\(name), '')"
            let symbols = symbolLiterals(column)
            if !symbols.isEmpty { cell = "CASE WHEN \(name) IN (\(symbols.joined(separator: ", "))) THEN NULL ELSE \(cell) END" }
            switch column.type {
            case .text: break
            case .boolean: cell = "CASE lower(\(cell)) WHEN 'yes' THEN TRUE WHEN 'no' THEN FALSE END"
            default: cell = "CAST(\(cell) AS \(dialect.columnType(column.type)))"
            }
            casts.append("\(cell) AS \(identifier(column.name))")
        }
        let create = "CREATE TABLE \(identifier(table.name)) AS SELECT " + casts.joined(separator: ", ")
        if dialect.engine == .duckdb {
            let options = "delim = ',', quote = '\"', escape = '\"', header = true, all_varchar = true, "
                + "names = [\(names.map { "'\($0)'" }.joined(separator: ", "))]"
            return create + " FROM read_csv(\(path), \(options));"
        }
        let staging = identifier(table.name + "__csv")
        let fileRow = identifier(fileRowColumn(avoiding: table.columns.map(\.name)))
        return ["CREATE TEMPORARY TABLE \(staging) (\(fileRow) BIGINT GENERATED ALWAYS AS IDENTITY, "
                    + names.map { "\($0) TEXT" }.joined(separator: ", ") + ");",
                "\\copy \(staging) (\(names.joined(separator: ", "))) FROM \(path) WITH (FORMAT csv, HEADER true)",
                create + ", \(fileRow) FROM \(staging);",
                "DROP TABLE \(staging);"].joined(separator: "\n")
    }

    /// The official statistics symbols a column holds, as SQL text literals: the CSV shows them
    /// as written, and in SQL they are NULL.
    private static func symbolLiterals(_ column: Column) -> [String] {
        column.symbolCounts.keys.sorted().map { literal(.text(OfficialSymbol.withCode($0).written)) }
    }
}
