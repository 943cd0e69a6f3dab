/// Tab completion, from the same vocabulary the parser reads, and from the data itself.
///
/// Given the line typed so far and the cursor, it works out what can stand at the cursor:
/// a verb or command at the start; a dataset after a verb or `from`; a column of the dataset
/// named in the statement after `where`, `by` or a comma; a function; a keyword after a
/// finished condition; and, after `authority =` or `judgement in (`, the column's own values,
/// quoted when they hold spaces or symbols (`"Barking & Dagenham"`).
public enum Completion {
    public struct Candidates: Equatable, Sendable {
        /// Where the word being completed starts (a UTF-8 offset into the line).
        public var start: Int
        /// Whole replacements for the text from `start` to the cursor.
        public var words: [String]
    }

    public static func candidates(line: String, cursor: Int, session: Session) -> Candidates {
        let bytes = Array(line.utf8.prefix(cursor))
        let (start, partial, inString) = currentWord(bytes)
        let before = String(decoding: bytes[..<start], as: UTF8.self)
        var tokens: [Token] = []
        var lexer = Lexer(before)
        while let token = try? lexer.next(), token.kind != .end {
            if token.kind == .symbol(.semicolon) { tokens = [] } else if token.kind != .newline { tokens.append(token) }
        }
        // The columns in reach: those of every dataset the statement names (a join names two),
        // or, in `list` and the measures, where columns come before `from`, of every dataset.
        let statementWords = wordsOfStatement(line).map { $0.lowercased() }
        let allWords = Set(statementWords)
        var named = session.datasets.filter { allWords.contains($0.name.lowercased()) }
        if named.isEmpty, let first = statementWords.first, first != "count",
           verbs.contains(first) || Keyword.named(first) == .average {
            named = session.datasets
        }
        var columns: [Column] = []
        var seenColumns = Set<String>()
        for dataset in named {
            for column in dataset.table.columns where seenColumns.insert(column.name.lowercased()).inserted { columns.append(column) }
        }
        let words = options(after: tokens, columns: columns, session: session, inString: inString)
        let lowered = partial.lowercased()
        var seen = Set<String>()
        let matches = words.filter { word in
            let candidate = word.lowercased()
            let comparable = candidate.hasPrefix("\"") && !lowered.hasPrefix("\"") ? String(candidate.dropFirst()) : candidate
            return comparable.hasPrefix(lowered) && seen.insert(word).inserted
        }
        return Candidates(start: start, words: matches)
    }

    /// The word being typed: its start, its text, and whether it is inside an open quote.
    private static func currentWord(_ bytes: [UInt8]) -> (Int, String, Bool) {
        // An open quote (an odd number of quotes so far) makes everything after it the word.
        var openQuote: Int?
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") {
            openQuote = openQuote == nil ? i : nil
        }
        if let openQuote {
            return (openQuote, String(decoding: bytes[openQuote...], as: UTF8.self), true)
        }
        var start = bytes.count
        while start > 0 {
            let byte = bytes[start - 1]
            let isWordByte = byte >= 0x80 || byte == UInt8(ascii: "_") || (48...57).contains(byte)
                || ((byte | 0x20) >= 97 && (byte | 0x20) <= 122)
            if !isWordByte { break }
            start -= 1
        }
        return (start, String(decoding: bytes[start...], as: UTF8.self), false)
    }

    private static func wordsOfStatement(_ line: String) -> [String] {
        var lexer = Lexer(line)
        var words: [String] = []
        while let token = try? lexer.next(), token.kind != .end {
            if token.kind == .symbol(.semicolon) { words = [] }
            if token.kind == .word { words.append(token.text) }
        }
        return words
    }

    static let verbs = Vocabulary.entries.filter { $0.role == .verb || $0.role == .aggregate }.map(\.word)
    /// The clause words, from the vocabulary: after a dataset any but `having` (which needs
    /// groups); after a condition `and`, `or` and any that may follow `where`.
    static let clauses = Vocabulary.entries.filter { $0.role == .clause }.map(\.word)
    static let afterDataset = clauses.filter { $0 != "having" }
    static let afterCondition = [Keyword.and.rawValue, Keyword.or.rawValue] + clauses.filter { $0 != "where" && $0 != "join" }

    private static func options(after tokens: [Token], columns inReach: [Column], session: Session, inString: Bool) -> [String] {
        let datasetNames = session.datasets.map(\.name).sorted()
        let columns = inReach.map(\.name)
        let functions = ScalarFunction.allCases.map { $0.rawValue + "(" }
        guard let last = tokens.last else { return Vocabulary.statementStarts }
        let first = tokens[0].text.lowercased()

        if let shown = showOptions(tokens) { return shown }
        // After a command's first word, the vocabulary table says what comes next.
        let form = Vocabulary.statementForm(first: first, second: "")
        if tokens.count == 1 {
            switch form?.arguments {
            case .datasets?: return datasetNames
            case .settings?: return Setting.allCases.map(\.rawValue)
            case .helpTopics?: return Help.topics
            case .query?, nil: break
            }
            switch first {
            case "count": return datasetNames + ["distinct"] + columns
            case "list": return datasetNames + ["distinct", "*"] + columns
            default: break
            }
        }
        if tokens.count == 2, form?.arguments == .settings {
            // `set parameter <Tab>`: the parameters given so far, to give one another value.
            if ContextWord.parameter.matches(tokens[1].text) { return session.parameters.names }
            return Setting.named(tokens[1].text)?.values ?? []
        }

        // A value after a comparison, `in (` or a comma inside the list, `contains` ...
        if let column = valueColumn(tokens, columns: inReach) {
            return values(of: column)
        }
        if inString { return [] }

        switch last.kind {
        case .symbol(.comma), .symbol(.leftParen):
            return columns + functions + (isInMeasures(tokens) ? verbs : [])
        case .word:
            if let keyword = last.keyword {
                switch keyword {
                case .from, .of, .join: return datasetNames
                case .where, .and, .or, .not, .by: return columns + functions
                case .having: return AggregateFunction.allCases.map(\.rawValue) + ["percent"] + columns
                case .group, .order: return ["by"]
                case .distinct: return columns
                case .sum, .average, .min, .max, .median: return columns
                case .count: return datasetNames + columns + ["distinct"]
                case .is: return ["missing", "not missing"]
                case .starts, .ends: return ["with"]
                case .missing, .null, .asc, .desc: return afterCondition
                default: return []
                }
            }
            if datasetNames.contains(where: { $0.lowercased() == last.text.lowercased() }) {
                return afterDataset
            }
            if columns.contains(where: { $0.lowercased() == last.text.lowercased() }) {
                return isInClause(tokens, .order) ? ["asc", "desc", "limit"] : ["=", "in", "contains", "is", "from", ","] + afterCondition
            }
            return afterCondition
        case .string, .number, .date, .symbol(.rightParen):
            return afterCondition
        default:
            return []
        }
    }

    /// What follows `show`: the second words of its statements (`sql`, `last` ...); after
    /// `show sql`, `for` or a query's first word; after `show sql for`, the engines' names
    /// (`SQLEngine.spellings`, the grammar's first of each); after the engine, a query. Nil once
    /// the query has begun, where the query's own completion applies.
    private static func showOptions(_ tokens: [Token]) -> [String]? {
        let words = tokens.prefix(4).map { $0.text.lowercased() }
        let seconds = Vocabulary.forms.filter { $0.words.contains(words[0]) }.compactMap(\.then)
        guard !seconds.isEmpty else { return nil }
        if words.count == 1 { return seconds }
        guard Vocabulary.statementForm(first: words[0], second: words[1])?.rule == .showSQL else { return nil }
        let naming = words.count > 2 && ContextWord.for.matches(words[2])
        switch tokens.count {
        case 2: return [ContextWord.for.rawValue] + verbs
        case 3 where naming: return SQLEngine.allCases.map { $0.spellings[0] }
        case 4 where naming: return verbs
        default: return nil
        }
    }

    /// The column whose values can stand at the cursor: after `column =` (or another
    /// comparison), `column in (` and its commas, `column contains` / `starts with` / `ends with`.
    private static func valueColumn(_ tokens: [Token], columns: [Column]) -> Column? {
        func column(named name: String) -> Column? { columns.first { $0.name.lowercased() == name.lowercased() } }
        var index = tokens.count - 1
        guard index >= 0 else { return nil }
        // Inside `in ( a, b, `: walk back over the list to `in`.
        if tokens[index].kind == .symbol(.comma) || tokens[index].kind == .symbol(.leftParen) {
            var i = index
            while i >= 0, tokens[i].kind != .symbol(.leftParen) { i -= 1 }
            guard i >= 2, tokens[i - 1].keyword == .in else { return nil }
            index = i - 2
            if index >= 0, tokens[index].keyword == .not { index -= 1 }
            return index >= 0 ? column(named: tokens[index].text) : nil
        }
        let last = tokens[index]
        var isValuePosition = false
        if case .symbol(let symbol) = last.kind, Comparison(symbol: symbol) != nil { isValuePosition = true }
        if last.keyword == .contains || last.keyword == .with || last.keyword == .between { isValuePosition = true }
        guard isValuePosition else { return nil }
        index -= 1
        if last.keyword == .with { index -= 1 }
        if index >= 0, tokens[index].keyword == .not { index -= 1 }
        return index >= 0 ? column(named: tokens[index].text) : nil
    }

    /// A column's distinct values as they would be typed: bare when a single plain word,
    /// quoted otherwise. Scale levels come in scale order.
    private static func values(of column: Column) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        if let dictionary = column.dictionary {
            let ordered = column.scale ?? dictionary.sorted { $0.lowercased() < $1.lowercased() }
            for value in ordered where seen.insert(value).inserted { result.append(typed(value)) }
        } else if column.type == .boolean {
            result = ["yes", "no"]
        }
        return result
    }

    static func typed(_ value: String) -> String {
        let isPlainWord = !value.isEmpty && value.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_"
        } && Keyword.named(value) == nil && !(value.first?.isNumber ?? false)
        return isPlainWord ? value : "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    private static func isInMeasures(_ tokens: [Token]) -> Bool {
        !tokens.contains { $0.keyword == .from || $0.keyword == .of || $0.keyword == .where }
    }

    private static func isInClause(_ tokens: [Token], _ keyword: Keyword) -> Bool {
        guard let position = tokens.lastIndex(where: { $0.keyword == keyword }) else { return false }
        return !tokens[position...].contains { $0.keyword == .limit }
    }
}
