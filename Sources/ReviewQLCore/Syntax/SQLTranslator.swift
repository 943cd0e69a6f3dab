/// SQL typed by habit: a `select … from … where … group by … having … order by … limit`
/// read into the ReviewQL statement that asks the same question, or the part that has no
/// ReviewQL form named (`SQLHabitProblem`). Reads the SQL people type at a prompt, not all
/// of SQL: one table (with joins), columns, `count(*)`, `count(distinct c)`, `sum`, `avg`,
/// `min`, `max`, conditions with `and`, `or`, `not`, `in`, `between`, `like`, `is null`.
struct SQLTranslator {
    /// One piece of SQL text.
    struct Token: Equatable {
        enum Kind { case word, number, string, symbol }
        var kind: Kind
        var text: String

        func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }
    }

    /// A column or measure of the `select` list, as ReviewQL names it.
    private struct Item {
        /// `count`, `count distinct c`, `sum c`; nil for a plain column.
        var measure: String?
        /// The column, for a plain column (or a measure's argument).
        var column: String?
        var alias: String?
    }

    private var tokens: [Token]
    private var position = 0
    /// Whether the table is a counted one (`count` adds up a column): `count(*)` is then `count rows`.
    private let isCounted: (String) -> Bool
    /// The levels of a column that is an ordered scale (`judgement`), nil for any other.
    private let scale: (String) -> [String]?
    private(set) var notes: [String] = []

    init(_ text: String, isCounted: @escaping (String) -> Bool, scale: @escaping (String) -> [String]?) throws(SQLHabitProblem) {
        tokens = try Self.tokenize(text)
        self.isCounted = isCounted
        self.scale = scale
    }

    /// Whether `text` starts with SQL's `select`.
    static func looksLikeSQL(_ text: String) -> Bool {
        let word = text.drop { $0.isWhitespace }.prefix { $0.isLetter }
        return word.lowercased() == "select"
    }

    // MARK: The statement

    /// select_stmt = SELECT [DISTINCT] items FROM table {join} [WHERE cond] [GROUP BY cols]
    ///               [HAVING cond] [ORDER BY keys] [LIMIT n] [;]
    mutating func translate() throws(SQLHabitProblem) -> String {
        try expect("select")
        let distinct = match("distinct")
        let items = try selectItems()
        try expect("from")
        let table = try name()
        skipTableAlias()
        var joins = ""
        while let join = try joinClause() { joins += join }
        let condition = match("where") ? try conditionText(until: ["group", "having", "order", "limit"]) : nil
        var groups: [String] = []
        if match("group") {
            try expect("by")
            repeat { groups.append(try name()) } while match(",")
            for column in groups {
                if let levels = scale(column) {
                    notes.append("\(column) is an ordered scale (\(levels.joined(separator: " < "))): ReviewQL shows every level, "
                                 + "with 0 for one no row has, which SQL leaves out, and orders by the scale, not the alphabet")
                }
            }
        }
        let having = match("having") ? try conditionText(until: ["order", "limit"], aliases: items) : nil
        var order: [String] = []
        if match("order") {
            try expect("by")
            repeat { order.append(try orderKey(items)) } while match(",")
        }
        var limit: String?
        if match("limit") {
            guard let count = next(), count.kind == .number else { throw .cannotTranslate("limit", "limit needs a number") }
            limit = count.text
            if peek()?.isWord("offset") == true || peek()?.text == "," {
                throw .cannotTranslate(rest(), "ReviewQL has no offset: it shows the first rows, and `show last all` every row")
            }
        }
        _ = match(";")
        if position < tokens.count { throw .cannotTranslate(rest(), "this part of the SQL was not understood") }

        var text = try head(items, distinct: distinct, table: table, groups: groups) + joins
        if let condition { text += " where " + condition }
        if !groups.isEmpty { text += " group by " + groups.joined(separator: ", ") }
        if let having { text += " having " + having }
        if !order.isEmpty { text += " order by " + order.joined(separator: ", ") }
        if let limit { text += " limit " + limit }
        return text
    }

    /// The verb, its measures or columns, and the dataset.
    private mutating func head(_ items: [Item], distinct: Bool, table: String, groups: [String]) throws(SQLHabitProblem) -> String {
        let measures = items.compactMap(\.measure)
        if measures.isEmpty {
            guard groups.isEmpty else { throw .cannotTranslate("group by", "a group by needs a measure, such as count(*)") }
            let columns = items.compactMap(\.column)
            if columns == ["*"] { return distinct ? "list distinct * from \(table)" : "list \(table)" }
            return "list " + (distinct ? "distinct " : "") + columns.joined(separator: ", ") + " from " + table
        }
        for item in items where item.measure == nil {
            guard let column = item.column, groups.contains(where: { $0.lowercased() == column.lowercased() }) else {
                throw .cannotTranslate(item.column ?? "*", "a column beside a measure must be in group by")
            }
        }
        let counted = isCounted(table)
        let words = measures.map { $0 == "count" && counted ? "count rows" : $0 }
        if words == ["count"] { return "count \(table)" }
        if counted && measures.contains("count") {
            notes.append("\(table) is a counted table: SQL's count(*) counts its rows, so this is `count rows`")
        }
        return words.joined(separator: ", ") + " from " + table
    }

    /// items = item {"," item};  item = "*" | column | fn "(" ["distinct"] arg ")"  [[AS] alias]
    private mutating func selectItems() throws(SQLHabitProblem) -> [Item] {
        var items: [Item] = []
        repeat {
            var item: Item
            if match("*") {
                item = Item(column: "*")
            } else {
                let word = try name()
                if match("(") {
                    item = try measure(word)
                } else {
                    item = Item(column: word)
                }
            }
            if match("as") { item.alias = try name() }
            else if let alias = peek(), alias.kind == .word, !["from", ","].contains(alias.text.lowercased()) {
                item.alias = try name()
            }
            items.append(item)
        } while match(",")
        return items
    }

    /// `count(*)`, `count(distinct c)`, `count(c)`, `sum(c)`, `avg(c)`, `min(c)`, `max(c)`, with
    /// the `(` read already.
    private mutating func measure(_ function: String) throws(SQLHabitProblem) -> Item {
        let verb: String
        switch function.lowercased() {
        case "count": verb = "count"
        case "sum", "total": verb = "sum"
        case "avg": verb = "average"
        case "min": verb = "min"
        case "max": verb = "max"
        default: throw .cannotTranslate(function + "(", "ReviewQL's measures are count, sum, average, min, max and median")
        }
        if verb == "count" && match("*") {
            try expect(")")
            return Item(measure: "count")
        }
        let distinct = match("distinct")
        let column = try name()
        guard match(")") else { throw .cannotTranslate(function + "(" + column + " " + rest(), "a measure takes one column") }
        if distinct && verb != "count" { throw .cannotTranslate("\(function)(distinct", "only count takes distinct") }
        if verb == "count" {
            if !distinct { notes.append("count(\(column)) counts the rows where \(column) is not missing") }
            return Item(measure: distinct ? "count distinct \(column)" : "count \(column)", column: column)
        }
        return Item(measure: "\(verb) \(column)", column: column)
    }

    /// [INNER | LEFT] JOIN table [ON a = b]
    private mutating func joinClause() throws(SQLHabitProblem) -> String? {
        let inner = match("inner")
        let left = !inner && match("left")
        if left { _ = match("outer") }
        guard match("join") else {
            if inner || left { throw .cannotTranslate(rest(), "expected join") }
            return nil
        }
        let other = try name()
        skipTableAlias()
        var text = " join " + other
        if match("on") {
            let a = try name()
            try expect("=")
            let b = try name()
            text += " on \(a) = \(b)"
        }
        if !left {
            notes.append("ReviewQL's join keeps rows that match nothing (as SQL's left join) and says how many there are")
        }
        return text
    }

    /// An `order by` key: a column, a measure (or its alias, or its place in the select list),
    /// with asc or desc.
    private mutating func orderKey(_ items: [Item]) throws(SQLHabitProblem) -> String {
        var key: String
        if let number = peek(), number.kind == .number, let place = Int(number.text) {
            position += 1
            guard (1...items.count).contains(place) else { throw .cannotTranslate(number.text, "no such column in the select list") }
            key = orderName(items[place - 1])
        } else {
            let word = try name()
            if match("(") {
                key = orderName(try measure(word))
            } else if let item = items.first(where: { $0.alias?.lowercased() == word.lowercased() }) {
                key = orderName(item)
            } else {
                key = word
            }
        }
        if match("desc") { key += " desc" } else { _ = match("asc") }
        return key
    }

    /// What ReviewQL calls an item's result column in `order by` and `having`.
    private func orderName(_ item: Item) -> String {
        item.measure ?? item.column ?? ""
    }

    // MARK: Conditions

    /// The condition's tokens as ReviewQL, up to one of `stops` at the top level.
    private mutating func conditionText(until stops: Set<String>, aliases items: [Item] = []) throws(SQLHabitProblem) -> String {
        var words: [String] = []
        var depth = 0
        while let token = peek() {
            if depth == 0, token.kind == .word, stops.contains(token.text.lowercased()) { break }
            if token.text == ";" { break }
            position += 1
            switch token.kind {
            case .string:
                words.append(Self.value(token.text))
            case .number:
                words.append(token.text)
            case .symbol:
                switch token.text {
                case "(": depth += 1; words.append("(")
                case ")": depth -= 1; words.append(")")
                case "<>": words.append("!=")
                case "==": words.append("=")
                case "=", "!=", "<", ">", "<=", ">=", ",": words.append(token.text)
                default: throw .cannotTranslate(token.text, "ReviewQL's conditions compare a column with values")
                }
            case .word:
                words.append(try conditionWord(token, items: items))
            }
        }
        guard !words.isEmpty else { throw .cannotTranslate(rest(), "a condition is missing") }
        return words.joined(separator: " ").replacingAll("( ", with: "(").replacingAll(" )", with: ")")
            .replacingAll(" ,", with: ",")
    }

    /// A word of a condition: a keyword, a column, `like 'pattern'`, `is [not] null`, `count(*)`.
    private mutating func conditionWord(_ token: Token, items: [Item]) throws(SQLHabitProblem) -> String {
        switch token.text.lowercased() {
        case "and", "or", "not", "in", "between": return token.text.lowercased()
        case "is":
            let not = match("not")
            guard match("null") else { throw .cannotTranslate("is " + rest(), "only is null and is not null are translated") }
            return not ? "is not missing" : "is missing"
        case "like":
            guard let pattern = next(), pattern.kind == .string else { throw .cannotTranslate("like", "like needs a quoted pattern") }
            return try Self.like(pattern.text)
        case "glob", "regexp", "match", "escape", "exists", "select", "case", "cast":
            throw .cannotTranslate(token.text + " " + rest(), "ReviewQL has no \(token.text.lowercased())")
        case "count" where peek()?.text == "(":
            position += 1
            return orderName(try measure("count"))
        default:
            if peek()?.text == "(" {
                throw .cannotTranslate(token.text + "(", "functions of SQL are not translated; ReviewQL's are in help functions")
            }
            if let item = items.first(where: { $0.alias?.lowercased() == token.text.lowercased() }) {
                return orderName(item)
            }
            return Self.unqualified(token.text)
        }
    }

    /// `like`: a pattern with `%` at its ends only becomes `contains`, `starts with` or
    /// `ends with` (both ignore case, as SQLite's like does for English letters).
    private static func like(_ pattern: String) throws(SQLHabitProblem) -> String {
        let starts = pattern.hasPrefix("%"), ends = pattern.hasSuffix("%") && pattern.count > 1
        var core = Substring(pattern)
        if starts { core = core.dropFirst() }
        if ends { core = core.dropLast() }
        guard !core.contains("%"), !core.contains("_"), !core.isEmpty else {
            throw .cannotTranslate("like '\(pattern)'", "only patterns with % at the start or end are translated (contains, starts with, ends with)")
        }
        let value = quoted(String(core))
        switch (starts, ends) {
        case (true, true): return "contains " + value
        case (false, true): return "starts with " + value
        case (true, false): return "ends with " + value
        case (false, false): return "= " + value
        }
    }

    /// A SQL string as a ReviewQL value: a date as written (`2009-01-31`), else in double quotes.
    private static func value(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let isDate = bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy { [4, 7].contains($0.offset) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0.element) }
        return isDate ? text : quoted(text)
    }

    private static func quoted(_ text: String) -> String { "\"" + text.replacingAll("\"", with: "\"\"") + "\"" }

    /// `r.authority` → `authority`: ReviewQL names a joined column by its own name.
    private static func unqualified(_ name: String) -> String {
        name.split(separator: ".").last.map(String.init) ?? name
    }

    /// `from reviews r`, `join authorities as a`: the alias is dropped, since names are
    /// read without their `r.` (`unqualified`).
    private mutating func skipTableAlias() {
        if match("as") { position += 1; return }
        let clauseWords: Set<String> = ["where", "join", "inner", "left", "group", "order", "limit", "having", "on"]
        if let token = peek(), token.kind == .word, !clauseWords.contains(token.text.lowercased()) { position += 1 }
    }

    // MARK: Tokens

    private mutating func name() throws(SQLHabitProblem) -> String {
        guard let token = next(), token.kind == .word else {
            throw .cannotTranslate(tokens.indices.contains(position - 1) ? tokens[position - 1].text + " " + rest() : "the end",
                                   "expected a name here")
        }
        return Self.unqualified(token.text)
    }

    private mutating func expect(_ text: String) throws(SQLHabitProblem) {
        guard match(text) else { throw .cannotTranslate(rest().isEmpty ? "the end" : rest(), "expected \(text) here") }
    }

    private mutating func match(_ text: String) -> Bool {
        guard let token = peek(), token.text.lowercased() == text, token.kind == .word || token.kind == .symbol else { return false }
        position += 1
        return true
    }

    private func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> Token? {
        defer { position += 1 }
        return peek()
    }

    /// The rest of the statement from here, for messages (at most 40 characters).
    private func rest() -> String {
        let text = tokens[min(position, tokens.count)...].map { $0.kind == .string ? "'\($0.text)'" : $0.text }.joined(separator: " ")
        return text.count > 40 ? String(text.prefix(40)) + "..." : text
    }

    /// Words (with `.` for `t.column`), numbers, 'strings', "names" and symbols.
    static func tokenize(_ text: String) throws(SQLHabitProblem) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c.isWhitespace { i += 1; continue }
            if c == "-", i + 1 < characters.count, characters[i + 1] == "-" {
                while i < characters.count, characters[i] != "\n" { i += 1 }
                continue
            }
            if c == "'" || c == "\"" || c == "`" {
                var content = ""
                i += 1
                while true {
                    guard i < characters.count else { throw .cannotTranslate(String(c) + content, "the quote is not closed") }
                    if characters[i] == c {
                        if i + 1 < characters.count, characters[i + 1] == c { content.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    content.append(characters[i])
                    i += 1
                }
                tokens.append(Token(kind: c == "'" ? .string : .word, text: content))
            } else if c.isLetter || c == "_" {
                let start = i
                while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" || characters[i] == "." { i += 1 }
                tokens.append(Token(kind: .word, text: String(characters[start..<i])))
            } else if c.isNumber || (c == "." && i + 1 < characters.count && characters[i + 1].isNumber) {
                let start = i
                while i < characters.count, characters[i].isNumber || characters[i] == "." { i += 1 }
                tokens.append(Token(kind: .number, text: String(characters[start..<i])))
            } else {
                let pair = i + 1 < characters.count ? String([c, characters[i + 1]]) : ""
                if ["<>", "!=", "<=", ">=", "=="].contains(pair) {
                    tokens.append(Token(kind: .symbol, text: pair))
                    i += 2
                } else {
                    tokens.append(Token(kind: .symbol, text: String(c)))
                    i += 1
                }
            }
        }
        return tokens
    }
}
