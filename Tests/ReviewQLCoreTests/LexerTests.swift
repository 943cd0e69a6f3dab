import Testing
@testable import ReviewQLCore

/// The lexer, case by case: what each piece of text becomes.
@Suite struct LexerTests {
    static func kinds(_ text: String) throws -> [String] {
        try Lexer.tokens(text).dropLast().map { token in
            switch token.kind {
            case .word: return token.keyword.map { "kw:\($0.rawValue)" } ?? "word:\(token.text)"
            case .quotedName: return "name:\(token.text)"
            case .string: return "string:\(token.text)"
            case .number: return "number:\(token.text)"
            case .date: return "date:\(token.text)"
            case .symbol(let symbol): return symbol.rawValue
            case .newline: return "newline"
            case .parameter: return "param:\(token.text)"
            case .end: return "end"
            }
        }
    }

    @Test(arguments: [
        ("count reviews", ["kw:count", "word:reviews"]),
        ("COUNT Reviews", ["kw:count", "word:Reviews"]),
        ("where judgement = inadequate", ["kw:where", "word:judgement", "=", "word:inadequate"]),
        ("x >= 2 and y <> 3 or z != 4", ["word:x", ">=", "number:2", "kw:and", "word:y", "!=", "number:3",
                                         "kw:or", "word:z", "!=", "number:4"]),
        ("\"Barking & Dagenham\"", ["string:Barking & Dagenham"]),
        ("'it''s'", ["string:it's"]),
        ("\"say \"\"hi\"\"\"", ["string:say \"hi\""]),
        ("“curly quotes”", ["string:curly quotes"]),
        ("`my column`", ["name:my column"]),
        ("2009-01-31", ["date:2009-01-31"]),
        ("31/01/2009", ["date:31/01/2009"]),
        ("-3 2.5 10", ["number:-3", "number:2.5", "number:10"]),
        ("3rd", ["word:3rd"]),
        ("count -- a comment\nlist", ["kw:count", "newline", "kw:list"]),
        ("avg mean", ["kw:average", "kw:average"]),
        ("in (a, b)", ["kw:in", "(", "word:a", ",", "word:b", ")"]),
        ("year(letter_date)", ["word:year", "(", "word:letter_date", ")"]),
        ("Café", ["word:Café"]),
    ])
    func tokens(text: String, expected: [String]) throws {
        #expect(try Self.kinds(text) == expected)
    }

    @Test func rangesCoverTheText() throws {
        let text = "count reviews where authority = \"Barking & Dagenham\""
        let tokens = try Lexer.tokens(text)
        let bytes = Array(text.utf8)
        let covered = tokens.dropLast().map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
        #expect(covered == ["count", "reviews", "where", "authority", "=", "\"Barking & Dagenham\""])
    }

    @Test(arguments: [
        ("count \"open", "this text has no closing \"", 6),
        ("count `open", "this name has no closing `", 6),
        ("count & x", "unexpected character '&'", 6),
    ])
    func errors(text: String, message: String, column: Int) {
        #expect(throws: Diagnostic.self) { try Lexer.tokens(text) }
        do {
            _ = try Lexer.tokens(text)
        } catch {
            #expect(error.message == message)
            #expect(error.range?.start == column)
        }
    }
}

/// Where statements begin and end in a script, and when the shell should ask for more.
@Suite struct StatementSplitterTests {
    static func statements(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return StatementSplitter.split(text).map { piece in
            switch piece {
            case .statement(_, let range): return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
            case .lexError(let error): return "error: " + error.message
            }
        }
    }

    @Test(arguments: [
        ("count reviews\ncount reviews", ["count reviews", "count reviews"]),
        ("count reviews; list reviews", ["count reviews", "list reviews"]),
        ("count reviews\nwhere judgement = good", ["count reviews\nwhere judgement = good"]),
        ("count reviews where\njudgement = good", ["count reviews where\njudgement = good"]),
        ("count reviews\n  where judgement = good\ngroup by authority", ["count reviews\n  where judgement = good\ngroup by authority"]),
        ("count reviews where judgement in (good,\nadequate)", ["count reviews where judgement in (good,\nadequate)"]),
        ("count reviews where\n\ncount reviews", ["count reviews where", "count reviews"]),
        ("list authority,\njudgement from reviews", ["list authority,\njudgement from reviews"]),
        ("-- only a comment\n\n;;", []),
        ("count & x\ncount reviews", ["error: unexpected character '&'", "count reviews"]),
        ("set timer on\ncount reviews", ["set timer on", "count reviews"]),
        ("help where\ncount reviews", ["help where", "count reviews"]),
    ])
    func splits(text: String, expected: [String]) {
        #expect(Self.statements(text) == expected)
    }

    @Test(arguments: [
        ("count reviews", false),
        ("count reviews where", true),
        ("count reviews where judgement = good and", true),
        ("count reviews group by", true),
        ("count reviews where judgement in (good,", true),
        ("count reviews where authority = \"Barking", true),
        ("count", true),
        ("count reviews group by authority having count", false),
        ("count reviews where judgement = good;", false),
        ("count & x", false),
    ])
    func needsMoreInput(text: String, expected: Bool) {
        #expect(StatementSplitter.needsMoreInput(text) == expected)
    }
}
