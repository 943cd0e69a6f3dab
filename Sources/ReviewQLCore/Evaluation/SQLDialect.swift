/// What differs between the SQL engines `show sql` writes for, in one place: the generator
/// (`SQLGenerator`) asks its dialect for every piece of SQL that is not written alike in
/// SQLite, DuckDB and PostgreSQL, and never asks which engine it writes for.
///
/// The protocol's extension writes standard SQL (what DuckDB and PostgreSQL share); SQLite,
/// with no date type, no boolean type and no `NULLS LAST` before 3.30, overrides most of it.
/// Each fact is checked by the cross-check (`Tests/crosscheck.sh COUNT SEED ENGINE`), which
/// runs the SQL in the engine itself.
protocol SQLDialect: Sendable {
    var engine: SQLEngine { get }

    // Literals.
    /// A date, written `yyyy-mm-dd`.
    func dateLiteral(_ iso: String) -> String
    /// Yes or no, as the loaded table holds it.
    func booleanLiteral(_ value: Bool) -> String

    // Dates.
    /// The year, month or day of a date, as an integer.
    func datePart(_ part: DatePart, of date: String) -> String
    /// A date's year and month as text, `2009-03`.
    func yearMonth(_ date: String) -> String
    /// A date's year as text, `2009`.
    func yearText(_ date: String) -> String
    /// The whole days from `from` to `to`.
    func daysBetween(from: String, to: String) -> String
    /// A date moved on (or back, `subtracting`) by a whole number of days.
    func addDays(_ days: String, to date: String, subtracting: Bool) -> String

    // Numbers.
    /// Whole-number division, the fraction dropped (towards zero).
    func integerDivide(_ dividend: String, _ divisor: String) -> String
    /// Division as decimals, NULL when the divisor is zero (ReviewQL's missing value).
    func divide(_ dividend: String, _ divisor: String) -> String
    /// A divisor that makes a division NULL when it is zero (SQLite's own division does; DuckDB's
    /// gives infinity or NaN, PostgreSQL's an error).
    func nonZero(_ divisor: String) -> String
    /// A number rounded to `digits` decimal places, halves away from zero.
    func round(_ number: String, _ digits: Int) -> String
    /// A number written with two digits at least, `05`.
    func twoDigits(_ number: String) -> String
    /// A condition as 1 (true) or 0 (false), to add up.
    func asInteger(_ condition: String) -> String

    // Text and comparisons.
    /// Whether `needle` is somewhere in `text`.
    func contains(_ text: String, _ needle: String) -> String
    /// `a` equals `b`, two NULLs counting as equal.
    func sameOrBothNull(_ a: String, _ b: String) -> String
    /// The median of a column of numbers; nil when the engine has none.
    func median(_ argument: String) -> String?

    // Order.
    /// The sort keys for one value with missing values last (whichever the direction): `keys`
    /// sort the values there are; `text` says they are text, sorted by code as ReviewQL does.
    func sortKeys(value: String, keys: [String], text: Bool, descending: Bool) -> [String]
    /// What orders the rows of a dataset as its file did: `fileRow` names the column of row
    /// numbers that the load adds where the engine keeps no order of its own.
    func rowOrder(_ table: String, fileRow: String) -> String
    /// A line that says where that column comes from, when the SQL orders by it; nil when the
    /// engine keeps the file's order itself.
    func fileRowRemark(_ fileRow: String) -> String?
    /// In a `GROUP BY` of a distinct list: a value at the group's first row in the file
    /// (`rowOrder`), as ReviewQL keeps the first of rows alike and sorts by its values.
    func firstInFile(_ value: String, rowOrder: String) -> String

    // Matching.
    /// A group's value as a population rate matches it to the population's groups: as text,
    /// ignoring case and the spaces around it (`PopulationGroups.matchKey`).
    func matchKey(_ value: String) -> String

    // Tables.
    /// The column type that holds a ReviewQL type.
    func columnType(_ type: ColumnType) -> String
    /// A join key as the text ReviewQL matches keys by (`JoinPlan.normalized` before case and
    /// spaces): a number as its digits, a date `yyyy-mm-dd`, yes/no as `Yes`/`No`.
    func keyText(_ key: String, type: ColumnType) -> String
}

/// The parts of a date `year()`, `month()` and `day()` take.
enum DatePart: String, Sendable {
    case year, month, day
}

extension SQLEngine {
    /// The dialect `show sql for ENGINE` writes.
    var dialect: any SQLDialect {
        switch self {
        case .sqlite: return SQLiteDialect()
        case .duckdb: return DuckDBDialect()
        case .postgresql: return PostgreSQLDialect()
        }
    }
}

extension SQLDialect {
    /// A value as a literal of this dialect.
    func literal(_ value: Value) -> String {
        switch value {
        case .date: return dateLiteral(ValueFormatter.plain(value))
        case .boolean(let b): return booleanLiteral(b)
        default: return SQLGenerator.literal(value)
        }
    }

    func matchKey(_ value: String) -> String { "lower(trim(CAST(\(value) AS VARCHAR)))" }

    func dateLiteral(_ iso: String) -> String { "DATE '\(iso)'" }
    func booleanLiteral(_ value: Bool) -> String { value ? "TRUE" : "FALSE" }

    func datePart(_ part: DatePart, of date: String) -> String {
        "CAST(date_part('\(part.rawValue)', \(date)) AS INTEGER)"
    }
    func yearText(_ date: String) -> String { "CAST(\(datePart(.year, of: date)) AS VARCHAR)" }
    func daysBetween(from: String, to: String) -> String { "(\(to) - \(from))" }
    func addDays(_ days: String, to date: String, subtracting: Bool) -> String {
        "(\(date) \(subtracting ? "-" : "+") CAST(\(days) AS INTEGER))"
    }

    func integerDivide(_ dividend: String, _ divisor: String) -> String { "(\(dividend) / \(divisor))" }
    func divide(_ dividend: String, _ divisor: String) -> String {
        "(CAST(\(dividend) AS DOUBLE PRECISION) / \(nonZero(divisor)))"
    }
    func nonZero(_ divisor: String) -> String { "NULLIF(\(divisor), 0)" }
    func round(_ number: String, _ digits: Int) -> String { "ROUND(\(number), \(digits))" }
    func twoDigits(_ number: String) -> String { "lpad(CAST(\(number) AS VARCHAR), 2, '0')" }
    func asInteger(_ condition: String) -> String { "CAST((\(condition)) AS INTEGER)" }

    func contains(_ text: String, _ needle: String) -> String { "strpos(\(text), \(needle)) > 0" }
    func sameOrBothNull(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }

    func sortKeys(value: String, keys: [String], text: Bool, descending: Bool) -> [String] {
        keys.map { $0 + (descending ? " DESC" : "") + " NULLS LAST" }
    }

    func columnType(_ type: ColumnType) -> String {
        switch type {
        case .integer: return "BIGINT"
        case .decimal: return "DOUBLE PRECISION"
        case .date: return "DATE"
        case .boolean: return "BOOLEAN"
        default: return "VARCHAR"
        }
    }

    func keyText(_ key: String, type: ColumnType) -> String {
        switch type {
        case .text: return key
        case .boolean: return "CASE WHEN \(key) THEN 'Yes' WHEN NOT \(key) THEN 'No' END"
        default: return "CAST(\(key) AS VARCHAR)"
        }
    }

    func fileRowRemark(_ fileRow: String) -> String? { nil }
}

/// SQLite: dates are `yyyy-mm-dd` text and yes/no is `Yes`/`No` text, so dates go through
/// `strftime` and `julianday`; `/` of two integers drops the fraction; missing values sort
/// first unless a `x IS NULL` key comes before.
struct SQLiteDialect: SQLDialect {
    var engine: SQLEngine { .sqlite }

    func dateLiteral(_ iso: String) -> String { "'\(iso)'" }
    func booleanLiteral(_ value: Bool) -> String { value ? "'Yes'" : "'No'" }

    func datePart(_ part: DatePart, of date: String) -> String {
        let format = part == .year ? "%Y" : part == .month ? "%m" : "%d"
        return "CAST(strftime('\(format)', \(date)) AS INTEGER)"
    }
    func yearMonth(_ date: String) -> String { "strftime('%Y-%m', \(date))" }
    func yearText(_ date: String) -> String { "strftime('%Y', \(date))" }
    func daysBetween(from: String, to: String) -> String { "CAST(julianday(\(to)) - julianday(\(from)) AS INTEGER)" }
    func addDays(_ days: String, to date: String, subtracting: Bool) -> String {
        "date(\(date), printf('%+d days', \(subtracting ? "-(\(days))" : days)))"
    }

    func divide(_ dividend: String, _ divisor: String) -> String { "(CAST(\(dividend) AS REAL) / \(divisor))" }
    func nonZero(_ divisor: String) -> String { divisor }
    func twoDigits(_ number: String) -> String { "printf('%02d', \(number))" }
    func asInteger(_ condition: String) -> String { "(\(condition))" }

    func contains(_ text: String, _ needle: String) -> String { "instr(\(text), \(needle)) > 0" }
    func sameOrBothNull(_ a: String, _ b: String) -> String { "\(a) IS \(b)" }
    func median(_ argument: String) -> String? { nil }

    func sortKeys(value: String, keys: [String], text: Bool, descending: Bool) -> [String] {
        ["\(value) IS NULL"] + keys.map { $0 + (descending ? " DESC" : "") }
    }
    func rowOrder(_ table: String, fileRow: String) -> String { table + ".rowid" }
    /// A bare column next to the one `MIN(rowid)` takes its value from that row (SQLite's rule).
    func firstInFile(_ value: String, rowOrder: String) -> String { value }

    func columnType(_ type: ColumnType) -> String {
        switch type {
        case .integer: return "INTEGER"
        case .decimal: return "REAL"
        default: return "TEXT"
        }
    }
    /// Dates and yes/no are text already; a number's text is `CAST(x AS TEXT)`.
    func keyText(_ key: String, type: ColumnType) -> String {
        type.isNumeric ? "CAST(\(key) AS TEXT)" : key
    }
}

/// DuckDB: `strftime` takes the date first; `/` of two integers gives a decimal, so whole-number
/// division is `//`; `round` of a double rounds its binary value (4.35 is 4.3499... and goes
/// down), so it rounds a decimal; `median` is built in; a table's rows keep their order as `rowid`.
struct DuckDBDialect: SQLDialect {
    var engine: SQLEngine { .duckdb }

    func yearMonth(_ date: String) -> String { "strftime(\(date), '%Y-%m')" }
    func integerDivide(_ dividend: String, _ divisor: String) -> String { "(\(dividend) // \(divisor))" }
    func round(_ number: String, _ digits: Int) -> String { "ROUND(CAST(\(number) AS DECIMAL(38, 10)), \(digits))" }
    func median(_ argument: String) -> String? { "median(\(argument))" }
    func rowOrder(_ table: String, fileRow: String) -> String { table + ".rowid" }
    func firstInFile(_ value: String, rowOrder: String) -> String { "arg_min_null(\(value), \(rowOrder))" }
}

/// PostgreSQL: `to_char` for dates as text; `round` to decimal places takes a `numeric`, not a
/// double; the median is `percentile_cont(0.5) WITHIN GROUP`; text sorts by the database's
/// collation unless told `COLLATE "C"` (by code, as ReviewQL and SQLite sort it); a table has
/// no row number, and `ctid` (the rows' place on disk) need not be the order they were loaded
/// in (the long cross-check found 27 lists in 1,066 queries in another order, Tests/Fuzz/RUNS.md),
/// so the load numbers the rows as `COPY` reads them (`SQLGenerator.fileRowColumn`) and the SQL
/// orders by that column, saying where it comes from.
struct PostgreSQLDialect: SQLDialect {
    var engine: SQLEngine { .postgresql }

    func yearMonth(_ date: String) -> String { "to_char(\(date), 'YYYY-MM')" }
    func round(_ number: String, _ digits: Int) -> String { "ROUND(CAST(\(number) AS NUMERIC), \(digits))" }
    func median(_ argument: String) -> String? { "percentile_cont(0.5) WITHIN GROUP (ORDER BY \(argument))" }

    func sortKeys(value: String, keys: [String], text: Bool, descending: Bool) -> [String] {
        keys.map { $0 + (text ? " COLLATE \"C\"" : "") + (descending ? " DESC" : "") + " NULLS LAST" }
    }
    func rowOrder(_ table: String, fileRow: String) -> String { table + "." + SQLGenerator.identifier(fileRow) }
    func fileRowRemark(_ fileRow: String) -> String? {
        "-- \(fileRow): each row's number in its file, an order PostgreSQL does not keep: "
            + "load the file with COPY into a table with a column \(fileRow) BIGINT GENERATED ALWAYS AS IDENTITY"
    }
    func firstInFile(_ value: String, rowOrder: String) -> String { "(array_agg(\(value) ORDER BY \(rowOrder)))[1]" }
}

extension ScalarFunction {
    /// The function of `argument` (its SQL) in a dialect's SQL.
    func sql(_ argument: String, _ dialect: any SQLDialect) -> String {
        let month = dialect.datePart(.month, of: argument)
        let quarter = dialect.integerDivide("(\(month) + 2)", "3")
        switch self {
        case .year: return dialect.datePart(.year, of: argument)
        case .month: return month
        case .day: return dialect.datePart(.day, of: argument)
        case .quarter: return quarter
        case .financialYear:
            let start = "(\(dialect.datePart(.year, of: argument)) - \(dialect.asInteger("\(month) < 4")))"
            return "(\(start) || '-' || \(dialect.twoDigits("(\(start) + 1) % 100")))"
        case .yearMonth: return dialect.yearMonth(argument)
        case .yearQuarter: return "(\(dialect.yearText(argument)) || ' Q' || \(quarter))"
        case .lower: return "lower(\(argument))"
        case .upper: return "upper(\(argument))"
        case .length: return "length(\(argument))"
        }
    }
}
