/// `show sql [for ENGINE] <query>`: the same question in SQL, in SQLite's, DuckDB's or
/// PostgreSQL's dialect (`SQLDialect` holds every difference), so students can carry what they
/// learned to other tools, and a question can go where the data lives.
///
/// The SQL is meant to give exactly ReviewQL's answer when the datasets are loaded with
/// `loadScript` (in SQLite dates as `yyyy-mm-dd` text, yes/no as `Yes`/`No`; empty cells NULL):
/// text compares ignoring case, an ordered scale becomes a `CASE` rank, the levels of a scale
/// with no rows are listed with a zero count, and percents are of all the rows selected.
/// The test suite runs it through the system `sqlite3`, DuckDB and a PostgreSQL server, and
/// compares the answers.
public enum SQLGenerator {
    public static func sql(for query: BoundQuery, engine: SQLEngine = .sqlite) throws(Diagnostic) -> String {
        try Builder(query: sumNeedsItsValues(query) ? Evaluator.gather(query).query : query, dialect: engine.dialect).build()
    }

    /// Whether the SQL depends on the values as well as the columns: a grouped sum shows its
    /// percent only when no value is negative (`Aggregator.percentBase`). Only then are a
    /// join's rows gathered for `show sql`.
    private static func sumNeedsItsValues(_ query: BoundQuery) -> Bool {
        guard query.join != nil, !query.groupKeys.isEmpty, case .aggregate(let measures) = query.kind else { return false }
        let visible = measures.filter { !$0.hidden }
        return visible.count == 1 && visible[0].function == .sum
    }

    static func identifier(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .missing: return "NULL"
        case .integer(let i): return String(i)
        case .decimal(let d): return ValueFormatter.decimal(d)
        case .date, .boolean, .text: return "'" + ValueFormatter.plain(value).replacingAll("'", with: "''") + "'"
        }
    }

    struct Builder {
        let query: BoundQuery
        let dialect: any SQLDialect
        var table: Table { query.dataset.table }

        func build() throws(Diagnostic) -> String {
            try checkKeys()
            switch query.kind {
            case .list(let outputs, let distinct): return try list(outputs, distinct: distinct)
            case .aggregate(let measures): return try aggregate(measures)
            }
        }

        // MARK: FROM and WHERE

        var from: String {
            var text = "FROM " + identifier(query.origins.first?.dataset ?? table.name)
            for key in query.joinKeys {
                text += "\n  LEFT JOIN \(identifier(key.right.dataset)) ON "
                    + keysMatch(column(key.left), keyType(key.left), column(key.right), keyType(key.right))
            }
            return text
        }

        /// The type of a join key, from the joined table's columns.
        func keyType(_ origin: ColumnOrigin) -> ColumnType {
            query.origins.firstIndex(of: origin).map { table.columns[$0].type } ?? .text
        }

        /// Two keys match as a join matches them: keys of one type (not text) by value; else as
        /// text, ignoring case and surrounding spaces (`JoinPlan.normalized`), a number or a date
        /// written as ReviewQL writes it. A decimal against another type has no SQL form: the
        /// engines write `1.0` in their own ways.
        func keysMatch(_ left: String, _ leftType: ColumnType, _ right: String, _ rightType: ColumnType) -> String {
            if leftType == rightType, leftType != .text { return "\(left) = \(right)" }
            return "lower(trim(\(dialect.keyText(left, type: leftType)))) = lower(trim(\(dialect.keyText(right, type: rightType))))"
        }

        /// Refuses a join whose keys SQL cannot match as ReviewQL does.
        func checkKeys() throws(Diagnostic) {
            let pairs = query.joinKeys.map { (keyType($0.left), keyType($0.right)) }
                + query.presence.map { ($0.keyTypes.left, $0.keyTypes.right) }
            if pairs.contains(where: { $0 != $1 && ($0 == .decimal || $1 == .decimal) }) {
                throw Diagnostic.error("this join has no SQL form: a key of decimals matched with a key of another type")
            }
        }

        func whereClause() throws(Diagnostic) -> String {
            var conditions: [String] = []
            for presence in query.presence { conditions.append(try exists(presence)) }
            if let filter = query.filter { conditions.append(try expression(filter)) }
            return conditions.isEmpty ? "" : "\nWHERE " + conditions.joined(separator: "\n  AND ")
        }

        /// `with reviews` as `EXISTS (...)`, `without` as `NOT EXISTS (...)`: a matching row
        /// of the other dataset (that meets its condition), keys compared as a join does.
        func exists(_ presence: BoundPresence) throws(Diagnostic) -> String {
            var inner = "SELECT 1 FROM \(identifier(presence.right.dataset)) WHERE "
                + keysMatch(column(presence.right), presence.keyTypes.right, column(presence.left), presence.keyTypes.left)
            if let other = presence.other, let filter = other.filter {
                inner += " AND " + (try Builder(query: other, dialect: dialect).expression(filter))
            }
            return (presence.without ? "NOT " : "") + "EXISTS (\(inner))"
        }

        func column(_ origin: ColumnOrigin) -> String {
            identifier(origin.dataset) + "." + identifier(origin.column)
        }

        func column(_ index: Int) -> String {
            index < query.origins.count ? column(query.origins[index]) : identifier(table.columns[index].name)
        }

        // MARK: Expressions

        func scale(of expression: BoundExpression) -> [String]? {
            if case .column(let index) = expression { return table.columns[index].scale }
            return nil
        }

        func type(of expression: BoundExpression) -> ColumnType? {
            switch expression {
            case .column(let index): return table.columns[index].type
            case .function(let function, _): return function.resultType
            case .computed(let computation): return computation.type
            default: return nil
            }
        }

        /// An operand's type for arithmetic, constants included.
        func sqlType(_ expression: BoundExpression) -> ColumnType? {
            if case .constant(.date) = expression { return .date }
            return type(of: expression)
        }

        /// A scale column's position on its scale: 0 for the first level.
        func rank(_ sql: String, _ levels: [String]) -> String {
            "CASE lower(\(sql)) " + levels.enumerated().map { "WHEN \(literal(.text($1.lowercased()))) THEN \($0)" }
                .joined(separator: " ") + " END"
        }

        func expression(_ expression: BoundExpression) throws(Diagnostic) -> String {
            switch expression {
            case .column(let index): return column(index)
            case .constant(let value): return dialect.literal(value)
            case .function(let function, let argument): return function.sql(try self.expression(argument), dialect)
            case .compare(let comparison, let left, let right):
                let op = comparison == .equal ? "=" : comparison == .notEqual ? "<>" : comparison.rawValue
                if let levels = scale(of: left), case .constant(let value) = right, comparison != .equal, comparison != .notEqual,
                   let position = levels.firstIndex(where: { $0.lowercased() == ValueFormatter.plain(value).lowercased() }) {
                    return "\(rank(try self.expression(left), levels)) \(op) \(position) /* \(levels[position]) */"
                }
                if type(of: left) == .text || type(of: right) == .text {
                    return "lower(\(try self.expression(left))) \(op) lower(\(try self.expression(right)))"
                }
                return "\(try self.expression(left)) \(op) \(try self.expression(right))"
            case .inList(let subject, let values, let negated):
                let isText = type(of: subject) == .text
                let lhs = isText ? "lower(\(try self.expression(subject)))" : try self.expression(subject)
                let list = values.map { isText ? literal(.text(ValueFormatter.plain($0).lowercased())) : dialect.literal($0) }
                return "\(lhs) \(negated ? "NOT IN" : "IN") (\(list.joined(separator: ", ")))"
            case .between(let subject, let low, let high, let negated):
                var lhs = try self.expression(subject)
                var (a, b) = (dialect.literal(low), dialect.literal(high))
                if let levels = scale(of: subject) {
                    lhs = rank(lhs, levels)
                    (a, b) = (rank(a, levels), rank(b, levels))
                } else if type(of: subject) == .text {
                    lhs = "lower(\(lhs))"
                    (a, b) = ("lower(\(a))", "lower(\(b))")
                }
                return "\(lhs) \(negated ? "NOT BETWEEN" : "BETWEEN") \(a) AND \(b)"
            case .textMatch(let match, let subject, let pattern, let negated):
                let text = "lower(\(try self.expression(subject)))"
                let needle = literal(.text(pattern.lowercased()))
                let test: String
                switch match {
                case .contains: test = dialect.contains(text, needle)
                case .startsWith: test = "substr(\(text), 1, length(\(needle))) = \(needle)"
                case .endsWith: test = "substr(\(text), length(\(text)) - length(\(needle)) + 1) = \(needle)"
                }
                return negated ? "NOT (\(test))" : test
            case .isMissing(let subject, let negated):
                return "\(try self.expression(subject)) IS \(negated ? "NOT " : "")NULL"
            case .and(let left, let right): return "(\(try self.expression(left)) AND \(try self.expression(right)))"
            case .or(let left, let right): return "(\(try self.expression(left)) OR \(try self.expression(right)))"
            case .not(let inner): return "NOT (\(try self.expression(inner)))"
            case .computed(let computation):
                return try computation.sql({ (e) throws(Diagnostic) in try self.expression(e) }, type: sqlType, dialect: dialect)
            case .measure, .groupKey, .percent:
                throw Diagnostic.error("this query has no SQL form: a measure outside having or order by")
            }
        }

        /// The sort keys that give ReviewQL's order: missing last, a scale by rank, text
        /// ignoring case with the exact text breaking ties.
        func orderTerms(_ sql: String, type: ColumnType?, scale: [String]?, descending: Bool) -> [String] {
            if let scale { return dialect.sortKeys(value: sql, keys: [rank(sql, scale)], text: false, descending: descending) }
            if type == .text || type == nil {
                return dialect.sortKeys(value: sql, keys: ["lower(\(sql))", sql], text: true, descending: descending)
            }
            return dialect.sortKeys(value: sql, keys: [sql], text: false, descending: descending)
        }

        // MARK: list

        func list(_ outputs: [BoundOutput]?, distinct: Bool) throws(Diagnostic) -> String {
            let outputs = outputs ?? table.columns.indices.map {
                BoundOutput(expression: .column($0), label: table.columns[$0].name, type: table.columns[$0].type,
                            scale: table.columns[$0].scale)
            }
            var items: [String] = []
            for output in outputs { items.append("\(try expression(output.expression)) AS \(identifier(output.label))") }
            let first = query.origins.first?.dataset ?? table.name
            let fileRow = SQLGenerator.fileRowColumn(
                avoiding: query.origins.isEmpty ? table.columns.map(\.name) : query.origins.filter { $0.dataset == first }.map(\.column))
            let rowid = dialect.rowOrder(identifier(first), fileRow: fileRow)
            var sql = "SELECT " + items.joined(separator: ", ") + "\n" + from + (try whereClause())
            var order: [String] = []
            for item in query.orderBy {
                let key = try expression(item.key)
                order += orderTerms(distinct ? dialect.firstInFile(key, rowOrder: rowid) : key, type: type(of: item.key),
                                    scale: scale(of: item.key), descending: item.descending)
            }
            if distinct {
                var groups: [String] = []
                for output in outputs { groups.append(try expression(output.expression)) }
                sql += "\nGROUP BY " + groups.joined(separator: ", ")
                order.append("MIN(\(rowid))")
            } else {
                order.append(rowid)
            }
            if let per = query.rowsPer, let limit = query.limit {
                return try listPerGroup(items: items, outputs: outputs.map(\.label), order: order, per: per, limit: limit)
            }
            sql += "\nORDER BY " + order.joined(separator: ", ")
            if let limit = query.limit { sql += "\nLIMIT \(limit)" }
            return (dialect.fileRowRemark(fileRow).map { $0 + "\n" } ?? "") + sql + ";"
        }

        /// `list ... limit N per COLUMN`: each row numbered within its value of `per` in the
        /// list's order (the file's order breaking ties; `RANK` without it says which rows tie
        /// for `with ties`), cut to N, and listed by `per`'s value, then that number.
        func listPerGroup(items: [String], outputs: [String], order: [String], per: BoundOutput, limit: Int) throws(Diagnostic) -> String {
            let partition = "PARTITION BY " + (try expression(per.expression))
            let userOrder = order.dropLast()
            let ranked = userOrder.isEmpty || !query.limitWithTies ? "ROW_NUMBER() OVER in_order" : "RANK() OVER by_value"
            let windows = "\nWINDOW in_order AS (\(partition) ORDER BY \(order.joined(separator: ", "))),\n  by_value AS (\(partition)"
                + (userOrder.isEmpty ? ")" : " ORDER BY \(userOrder.joined(separator: ", ")))")
            let inner = "SELECT " + (items + ["\(try expression(per.expression)) AS \"__per\"", "ROW_NUMBER() OVER in_order AS \"__row\"",
                                             "\(ranked) AS \"__cut\""]).joined(separator: ", ")
                + "\n" + from + (try whereClause()) + windows
            let perOrder = orderTerms("\"__per\"", type: per.type, scale: per.scale, descending: false)
            return "SELECT " + outputs.map(identifier).joined(separator: ", ") + " FROM (\n" + inner + "\n) AS listed"
                + "\nWHERE \"__cut\" <= \(limit)\nORDER BY " + (perOrder + ["\"__row\""]).joined(separator: ", ") + ";"
        }

        // MARK: Aggregates

        /// `WITH selected AS (...)`, the grid of scale levels when a key is a scale, then the
        /// grouped `SELECT` with its `HAVING`, `ORDER BY` and `LIMIT`.
        func aggregate(_ measures: [BoundMeasure]) throws(Diagnostic) -> String {
            let grouped = Grouped(builder: self, measures: measures)
            if !query.within.isEmpty || query.per != nil { return try selected(measures) + grouped.grid + (try grouped.windowed()) }
            var sql = try selected(measures) + grouped.grid + "\nSELECT " + grouped.selectItems.joined(separator: ", ")
                + grouped.fromClause
            if !grouped.keys.isEmpty { sql += "\nGROUP BY " + grouped.keys.indices.map(grouped.keyRef).joined(separator: ", ") }
            if let having = query.having { sql += "\nHAVING " + (try grouped.expression(having)) }
            let order = try grouped.orderTerms()
            if !order.isEmpty { sql += "\nORDER BY " + order.joined(separator: ", ") }
            if let limit = query.limit { sql += "\nLIMIT \(limit)" }
            return sql + ";"
        }

        /// The selected rows, with each group key and measure argument as a column; measures
        /// with no SQL form (or a different meaning in SQL) are refused here.
        private func selected(_ measures: [BoundMeasure]) throws(Diagnostic) -> String {
            var selected = ["1 AS present"]
            for (i, key) in query.groupKeys.enumerated() { selected.append("\(try expression(key.expression)) AS k\(i)") }
            for (i, measure) in measures.enumerated() {
                if measure.function == .median, dialect.median("") == nil {
                    throw Diagnostic.error("\(dialect.engine.title) has no median, so this query has no SQL form in it",
                                           help: "show sql for duckdb or show sql for postgresql writes it; the other measures (count, sum, average, min, max) have one in SQLite")
                }
                if measure.function == .count, !measure.distinct, !measure.countsRows, let counts = query.dataset.counts {
                    throw Diagnostic.error("count on \(query.dataset.name) adds up its \(counts.column) column, as a counted table's count does; this SQL would count rows",
                                           help: "for its SQL, write sum \(counts.column) (or count rows from \(query.dataset.name) to count the rows)")
                }
                if let argument = measure.argument { selected.append("\(try expression(argument)) AS m\(i)") }
            }
            return "WITH selected AS (\n  SELECT " + selected.joined(separator: ", ") + "\n  "
                + from.replacingAll("\n", with: "\n  ") + (try whereClause()).replacingAll("\n", with: "\n  ") + "\n)"
        }
    }

    /// The grouped part of an aggregate's SQL, over the `selected` rows: what it needs to know
    /// about the keys and measures, worked out once.
    private struct Grouped {
        let builder: Builder
        let keys: [BoundOutput]
        let measures: [BoundMeasure]
        /// Whether a key is a scale, whose levels with no rows still get a row (`grid`).
        let usesGrid: Bool
        let visible: [Int]
        /// What a percent column is a share of, as ReviewQL decides it; nil for no percent.
        private(set) var percentSQL: String?

        init(builder: Builder, measures: [BoundMeasure]) {
            self.builder = builder
            self.keys = builder.query.groupKeys
            self.measures = measures
            self.usesGrid = keys.contains { $0.scale != nil }
            self.visible = measures.indices.filter { !measures[$0].hidden }
            if !keys.isEmpty, visible.count == 1 {
                switch Aggregator.percentBase(of: measures[visible[0]], in: builder.table) {
                case .rows?:
                    percentSQL = builder.dialect.round("100.0 * \(measureSQL(visible[0])) / " + builder.dialect.nonZero("(SELECT COUNT(*) FROM selected)"), 1)
                case .sum?:
                    percentSQL = builder.dialect.round("100.0 * SUM(m\(visible[0])) / " + builder.dialect.nonZero("(SELECT SUM(m\(visible[0])) FROM selected)"), 1)
                case nil:
                    break
                }
            }
        }

        func keyRef(_ i: Int) -> String { usesGrid ? "grid.k\(i)" : "k\(i)" }

        /// The levels of a scale with no rows still get a row: starting from the groups there
        /// are, each scale adds its every level to each combination of the other keys.
        var grid: String {
            guard usesGrid else { return "" }
            let scaleKeys = keys.indices.filter { keys[$0].scale != nil }
            let all = keys.indices.map { "k\($0)" }.joined(separator: ", ")
            var sql = ",\ng0 AS (SELECT DISTINCT \(all) FROM selected)"
            for (step, i) in scaleKeys.enumerated() {
                let values = keys[i].scale!.map { "(\(literal(.text($0))))" }.joined(separator: ", ")
                sql += ",\nlevels\(i)(k\(i)) AS (VALUES \(values))"
                let previousGrid = "g\(step)"
                let rest = keys.indices.filter { $0 != i }.map { "k\($0)" }
                let filled = rest.isEmpty
                    ? "SELECT k\(i) FROM levels\(i)"
                    : "SELECT \(keys.indices.map { $0 == i ? "levels\(i).k\(i)" : "r.k\($0)" }.joined(separator: ", ")) "
                        + "FROM (SELECT DISTINCT \(rest.joined(separator: ", ")) FROM \(previousGrid)) AS r CROSS JOIN levels\(i)"
                sql += ",\ng\(step + 1) AS (SELECT \(all) FROM \(previousGrid) UNION \(filled))"
            }
            return sql + ",\ngrid AS (SELECT \(all) FROM g\(scaleKeys.count))"
        }

        func measureSQL(_ index: Int) -> String {
            let measure = measures[index]
            if let computed = measure.computed, case .computed(let computation) = computed {
                return computation.sql({ e in groupedSQL(e) }, type: groupedType, dialect: builder.dialect)
            }
            if let computed = measure.computed { return groupedSQL(computed) }
            let argument = "m\(index)"
            switch measure.function {
            case .count where measure.argument == nil: return usesGrid ? "COUNT(selected.present)" : "COUNT(*)"
            case .count: return measure.distinct ? "COUNT(DISTINCT \(argument))" : "COUNT(\(argument))"
            case .sum: return "SUM(\(argument))"
            case .average: return "AVG(\(argument))"
            case .min: return "MIN(\(argument))"
            case .max: return "MAX(\(argument))"
            case .median: return builder.dialect.median(argument) ?? "NULL"
            }
        }

        /// An operand of a measure worked out from others: a measure, a key or a constant.
        private func groupedSQL(_ e: BoundExpression) -> String {
            switch e {
            case .measure(let i): return measureSQL(i)
            case .groupKey(let i): return keyRef(i)
            case .constant(let value): return builder.dialect.literal(value)
            case .computed(let computation): return computation.sql({ groupedSQL($0) }, type: groupedType, dialect: builder.dialect)
            default: return "NULL"
            }
        }

        private func groupedType(_ e: BoundExpression) -> ColumnType? {
            switch e {
            case .measure(let i): return measures[i].resultType
            case .groupKey(let i): return keys[i].type
            case .constant(.date): return .date
            case .computed(let computation): return computation.type
            default: return nil
            }
        }

        var selectItems: [String] {
            var items: [String] = []
            for (i, key) in keys.enumerated() { items.append("\(keyRef(i)) AS \(identifier(key.label))") }
            for i in visible { items.append("\(measureSQL(i)) AS \(identifier(measures[i].label))") }
            if let percentSQL { items.append("\(percentSQL) AS \"percent\"") }
            return items
        }

        var fromClause: String {
            guard usesGrid else { return "\nFROM selected" }
            let on = keys.indices.map { i in
                keys[i].scale != nil ? builder.dialect.sameOrBothNull("lower(selected.k\(i))", "lower(grid.k\(i))")
                    : builder.dialect.sameOrBothNull("selected.k\(i)", "grid.k\(i)")
            }
            return "\nFROM grid LEFT JOIN selected ON " + on.joined(separator: " AND ")
        }

        /// A condition or sort key of `having` and `order by`, which name keys, measures and
        /// the percent.
        func expression(_ e: BoundExpression) throws(Diagnostic) -> String {
            switch e {
            case .groupKey(let i): return keyRef(i)
            case .measure(let i): return measureSQL(i)
            case .percent:
                guard let percentSQL else { throw Diagnostic.error("this query has no percent column") }
                return percentSQL
            case .constant(let value): return builder.dialect.literal(value)
            case .compare(let comparison, let l, let r):
                let op = comparison == .equal ? "=" : comparison == .notEqual ? "<>" : comparison.rawValue
                if case .groupKey(let i) = l, let levels = keys[i].scale, comparison != .equal, comparison != .notEqual {
                    return "\(builder.rank(keyRef(i), levels)) \(op) \(builder.rank(try expression(r), levels))"
                }
                if case .groupKey(let i) = l, keys[i].type == .text {
                    return "lower(\(keyRef(i))) \(op) lower(\(try expression(r)))"
                }
                return "\(try expression(l)) \(op) \(try expression(r))"
            case .and(let l, let r): return "(\(try expression(l)) AND \(try expression(r)))"
            case .or(let l, let r): return "(\(try expression(l)) OR \(try expression(r)))"
            case .not(let inner): return "NOT (\(try expression(inner)))"
            case .isMissing(let subject, let negated): return "\(try expression(subject)) IS \(negated ? "NOT " : "")NULL"
            case .inList(let subject, let values, let negated):
                return "\(try expression(subject)) \(negated ? "NOT IN" : "IN") (\(values.map(builder.dialect.literal).joined(separator: ", ")))"
            case .between(let subject, let low, let high, let negated):
                return "\(try expression(subject)) \(negated ? "NOT BETWEEN" : "BETWEEN") \(builder.dialect.literal(low)) AND \(builder.dialect.literal(high))"
            case .computed(let computation):
                return try computation.sql({ (e) throws(Diagnostic) in try expression(e) }, type: groupedType, dialect: builder.dialect)
            default:
                throw Diagnostic.error("this condition on groups has no SQL form here")
            }
        }

        /// `limit N per COLUMN` and `with rank`, `running total`, `cumulative percent`, `change`:
        /// the grouped `SELECT` with window functions over its groups (after `HAVING`, before
        /// the limit, as ReviewQL works them out), inside a `SELECT` that cuts and orders them.
        func windowed() throws(Diagnostic) -> String {
            let query = builder.query
            let partition = query.per.map { "PARTITION BY \(keyRef($0)) " } ?? ""
            let order = "ORDER BY " + (try orderTerms()).joined(separator: ", ")
            let running = "OVER down_to_here"
            let userOrder = try orderTerms(tiebreak: false)
            let tieOrder = userOrder.isEmpty ? order : "ORDER BY " + userOrder.joined(separator: ", ")
            let windows = "\nWINDOW in_order AS (\(partition)\(order)),\n  down_to_here AS (in_order ROWS UNBOUNDED PRECEDING),\n  by_value AS (\(partition)\(tieOrder))"
            var items = selectItems
            var outputs = keys.map(\.label) + visible.map { measures[$0].label } + (percentSQL == nil ? [] : ["percent"])
            if let first = visible.first {
                let measure = measureSQL(first)
                let sum = "CASE WHEN COUNT(\(measure)) \(running) = COUNT(*) \(running) THEN SUM(\(measure)) \(running) END"
                // What every row counted adds up to: a count of a column counts its values.
                let whole = measures[first].function == .sum ? "SUM(s.m\(first))"
                    : measures[first].argument == nil ? "COUNT(*)" : "COUNT(s.m\(first))"
                let total = "(SELECT \(whole) FROM selected AS s"
                    + (query.per.map { " WHERE " + builder.dialect.sameOrBothNull("s.k\($0)", "\(usesGrid ? "grid" : "selected").k\($0)") + ")" } ?? ")")
                for item in query.within {
                    let sql: [String]
                    switch item {
                    case .rank: sql = ["RANK() OVER by_value"]
                    case .runningTotal: sql = [sum]
                    case .cumulativePercent: sql = [builder.dialect.round("100.0 * \(sum) / " + builder.dialect.nonZero(total), 1)]
                    case .change:
                        sql = ["\(measure) - LAG(\(measure)) OVER in_order"]
                            + (percentSQL.map { [builder.dialect.round("\($0) - LAG(\($0)) OVER in_order", 1)] } ?? [])
                    }
                    let labels = item.labels(hasPercent: percentSQL != nil)
                    items += zip(sql, labels).map { "\($0) AS \(identifier($1))" }
                    outputs += labels
                }
            }
            items.append("ROW_NUMBER() OVER in_order AS \"__row\"")
            items.append("RANK() OVER by_value AS \"__tie\"")
            var inner = "SELECT " + items.joined(separator: ", ") + fromClause
            if !keys.isEmpty { inner += "\nGROUP BY " + keys.indices.map(keyRef).joined(separator: ", ") }
            if let having = query.having { inner += "\nHAVING " + (try expression(having)) }
            inner += windows
            var sql = "\nSELECT " + outputs.map(identifier).joined(separator: ", ") + " FROM (\n" + inner + "\n) AS grouped"
            if let limit = query.limit, query.limitPerGroup {
                sql += "\nWHERE " + (query.limitWithTies && !userOrder.isEmpty ? "\"__tie\"" : "\"__row\"") + " <= \(limit)"
            }
            let perOrder = query.per.map { builder.orderTerms(identifier(keys[$0].label), type: keys[$0].type, scale: keys[$0].scale, descending: false) } ?? []
            sql += "\nORDER BY " + (perOrder + ["\"__row\""]).joined(separator: ", ")
            if let limit = query.limit, !query.limitPerGroup { sql += "\nLIMIT \(limit)" }
            return sql + ";"
        }

        /// The query's sort keys, then every group key, as ReviewQL orders groups (`tiebreak`
        /// false: the query's own sort keys only, which say which groups tie).
        func orderTerms(tiebreak: Bool = true) throws(Diagnostic) -> [String] {
            var order: [String] = []
            for item in builder.query.orderBy {
                let (type, scale): (ColumnType?, [String]?)
                switch item.key {
                case .groupKey(let i): (type, scale) = (keys[i].type, keys[i].scale)
                case .measure(let i): (type, scale) = (measures[i].resultType, nil)
                default: (type, scale) = (.decimal, nil)
                }
                order += builder.orderTerms(try expression(item.key), type: type, scale: scale, descending: item.descending)
            }
            for (i, key) in keys.enumerated() where tiebreak {
                order += builder.orderTerms(keyRef(i), type: key.type, scale: key.scale, descending: false)
            }
            return order
        }
    }
}
