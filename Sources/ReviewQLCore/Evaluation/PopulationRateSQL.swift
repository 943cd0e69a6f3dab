/// `show sql rate of reviews join authorities group by region per 10000 children from
/// population`: the events counted by group (the `count` query's own SQL), the population summed
/// by the same group, the two matched after grouping ignoring case and spaces, and each count
/// divided by its population. SQL has no Poisson quantile function, so each rate's interval
/// (and the total row) stays ReviewQL's; the SQL says so in its first lines.
struct PopulationRateSQL {
    /// The bound `count` of the events, with its joins, `where` and at most one group.
    var events: BoundQuery
    var per: Int
    /// The population's column of people, its dataset, and the column that holds the groups.
    var column: String
    var population: String
    /// Every column of the population's file, which the row-number column a load adds avoids
    /// (`SQLGenerator.fileRowColumn`).
    var populationColumns: [String]
    var key: String?
    var level: String

    func sql(engine: SQLEngine) throws(Diagnostic) -> String {
        let dialect = engine.dialect
        let counted = String(try SQLGenerator.sql(for: events, engine: engine).dropLast())
        let table = SQLGenerator.identifier(population)
        let people = SQLGenerator.identifier(column)
        let known = "CASE WHEN COUNT(\(people)) = COUNT(*) THEN SUM(\(people)) END"
        let count = "events.\"count\""
        var items = ["\(count) AS \"count\"", "population.\"people\" AS \(SQLGenerator.identifier(column))",
                     "\(dialect.divide("\(count) * \(per)", "population.\"people\"")) AS \(SQLGenerator.identifier("rate " + RateWording.per(per)))"]
        var sql = "-- rates \(RateWording.per(per)) \(column): " + (events.groupKeys.first.map { "\(events.dataset.name) counted by \($0.label), "
            + "\(column) summed from \(population) by \(key ?? $0.label) and matched to each group ignoring case and spaces" }
            ?? "\(events.dataset.name) counted, \(column) summed from \(population)")
            + "\n-- SQL has no Poisson quantile function: each rate's \(level) \(RateWording.intervalMethod) and the total row are ReviewQL's\n"
        guard let group = events.groupKeys.first, let key else {
            items.insert("\(SQLGenerator.literal(.text(events.dataset.name))) AS \"group\"", at: 0)
            sql += "SELECT " + items.joined(separator: ", ") + "\nFROM (\n" + counted + "\n) AS events"
                + "\nCROSS JOIN (SELECT \(known) AS \"people\" FROM \(table)) AS population;"
            return sql
        }
        let keyColumn = SQLGenerator.identifier(key)
        let rowOrder = dialect.rowOrder(table, fileRow: SQLGenerator.fileRowColumn(avoiding: populationColumns))
        let label = "events." + SQLGenerator.identifier(group.label)
        let shown = group.type == .text ? label : "CAST(\(label) AS VARCHAR)"
        items[0] = "COALESCE(\(count), 0) AS \"count\""
        items[2] = "\(dialect.divide("COALESCE(\(count), 0) * \(per)", "population.\"people\"")) AS \(SQLGenerator.identifier("rate " + RateWording.per(per)))"
        items.insert("COALESCE(\(shown), population.\"label\") AS \(SQLGenerator.identifier(group.label))", at: 0)
        let builder = SQLGenerator.Builder(query: events, dialect: dialect)
        // The groups counted come first, in their own order; then the population's other groups, in its file's order.
        let order = ["\(count) IS NULL"] + builder.orderTerms(label, type: group.type, scale: group.scale, descending: false)
            + ["population.\"first_row\""]
        sql += "SELECT " + items.joined(separator: ", ") + "\nFROM (\n" + counted + "\n) AS events"
            + "\nFULL JOIN (\nSELECT \(dialect.matchKey(keyColumn)) AS \"key\", \(dialect.firstInFile(keyColumn, rowOrder: rowOrder)) AS \"label\", "
            + "\(known) AS \"people\", MIN(\(rowOrder)) AS \"first_row\"\nFROM \(table)\nWHERE \(keyColumn) IS NOT NULL\nGROUP BY \(dialect.matchKey(keyColumn))"
            + "\n) AS population ON \(dialect.matchKey(label)) = population.\"key\""
            + "\nORDER BY " + order.joined(separator: ", ") + ";"
        return sql
    }
}
