/// The parse functions of the statements that are not plain queries: commands and the
/// statistics statements. `Parser.parseStatement` picks one from the vocabulary table; each
/// opens with its grammar rule.
extension Parser {
    /// load = "load" string [ "sheet" string ] "as" name { load_option } ;
    /// load_option = "with" "counts" column | "separated" "by" ( string | "tab" )
    ///             | "header" "line" number | "encoding" string ;
    mutating func load() throws(ParseProblem) -> Statement {
        advance()
        let pathToken = peek
        guard pathToken.kind == .string else { throw .loadNeedsQuotedFile(at: pathToken.range) }
        advance()
        var sheet: String?
        if check(.sheet) {
            advance()
            guard peek.kind == .string || (peek.kind == .word && peek.keyword == nil) else { throw .loadSheetNeedsName(path: pathToken.text, at: peek.range) }
            sheet = peek.text
            advance()
        }
        guard match(.as) else { throw .loadNeedsAs(path: pathToken.text, at: peek.range) }
        let dataset = try name(.loadedDataset)
        var counts: Name?
        var options = LoadOptions()
        while true {
            if match(.with) {
                guard check(.counts) else { throw .loadNeedsCounts(path: pathToken.text, dataset: dataset.text, at: peek.range) }
                advance()
                counts = try name(.countsColumn)
            } else if check(.separated) {
                advance()
                _ = match(.by)
                let token = peek
                guard token.kind == .string || check(.tab),
                      let separator = Dialect.separator(named: token.text) else {
                    throw .loadBadSeparator(text: token.kind == .end ? "" : token.text, at: token.range)
                }
                advance()
                options.separator = separator
            } else if check(ContextWord.no), ContextWord.header.matches(peek(1).text) {
                advance()
                advance()
                options.noHeader = true
            } else if check(.header) {
                advance()
                if check(.line) { advance() }
                guard peek.kind == .number, let line = Int(peek.text), line >= 1 else { throw .loadNeedsHeaderLine(at: peek.range) }
                advance()
                options.headerLine = line
            } else if check(.encoding) {
                advance()
                let token = peek
                guard token.kind == .string, let encoding = TextEncoding.named(token.text) else {
                    throw .loadBadEncoding(text: token.kind == .end ? "" : token.text, at: token.range)
                }
                advance()
                options.encoding = encoding
            } else {
                return .load(path: pathToken.text, sheet: sheet, name: dataset, counts: counts, options: options)
            }
        }
    }

    /// datasets = "datasets" | "tables" ;
    mutating func datasets() throws(ParseProblem) -> Statement {
        advance()
        return .datasets
    }

    /// describe = "describe" name ;
    mutating func describe() throws(ParseProblem) -> Statement {
        advance()
        return .describe(try name(.describedDataset))
    }

    /// set = "set" setting value ;   (`set suppress below 10` reads as `set suppress 10`)
    ///     | "set" "scale" "of" column "in" dataset "to" level { ( "," | "<" ) level }
    ///     | "set" "dates" "of" column "in" dataset "to" ( "day" | "month" ) "first"
    ///     | set-parameter ;   (ParserParameters.swift)
    mutating func set() throws(ParseProblem) -> Statement {
        let start = advance()
        if check(.scale) || check(.dates), peek(1).keyword == .of { return try columnSetting(from: start.range) }
        if check(.parameter) { return try setParameter(from: start.range) }
        let setting = try name(.setting)
        if Setting.named(setting.text) == .suppress, check(.below) { advance() }
        let valueToken = peek
        guard valueToken.kind != .end else { throw .settingNeedsValue(setting: setting.text, at: valueToken.range) }
        advance()
        return .set(setting: setting, value: Name(valueToken.text, valueToken.range))
    }

    /// The column forms of `set` (see `set`), from `scale` or `dates`.
    private mutating func columnSetting(from start: SourceRange) throws(ParseProblem) -> Statement {
        let what = advance()
        let isScale = ContextWord.scale.matches(what.text)
        let problem = ParseProblem.columnSettingForm(what: isScale ? "scale" : "dates", at: what.range)
        advance()
        guard peek.kind == .word || peek.kind == .quotedName || peek.kind == .string else { throw problem }
        let column = Name(peek.text, peek.range)
        advance()
        guard match(.in), peek.kind == .word || peek.kind == .quotedName, peek.keyword == nil else { throw problem }
        let dataset = Name(peek.text, peek.range)
        advance()
        guard check(.to) else { throw problem }
        advance()
        if isScale {
            var levels: [Name] = []
            repeat {
                guard peek.kind == .word || peek.kind == .string || peek.kind == .number else { throw problem }
                levels.append(Name(peek.text, peek.range))
                advance()
            } while match(.comma) || match(.less)
            guard levels.count >= 2 else { throw problem }
            return .setScale(column: column, dataset: dataset, levels: levels)
        }
        guard let order = DateOrder.named(peek.text), peek(1).kind == .word,
              ContextWord.first.matches(peek(1).text) else { throw problem }
        advance()
        let last = advance()
        return .setDateOrder(column: column, dataset: dataset, order: order, range: start.union(last.range))
    }

    /// dot-mode = ( ".mode" | ".format" ) word ;   (sqlite3's spelling of `set format`)
    mutating func dotMode() throws(ParseProblem) -> Statement {
        let dot = advance()
        let valueToken = peek
        guard valueToken.kind == .word else { throw .dotFormNeedsFormat(command: dot.text, at: valueToken.range) }
        advance()
        return .set(setting: Name("format", dot.range), value: Name(valueToken.text, valueToken.range))
    }

    /// dot-timer = ".timer" value ;
    mutating func dotTimer() throws(ParseProblem) -> Statement {
        let dot = advance()
        let valueToken = advance()
        return .set(setting: Name("timer", dot.range), value: Name(valueToken.text, valueToken.range))
    }

    /// timer = "timer" ( "on" | "off" ) ;   (otherwise `timer` is a dataset's name in a query)
    mutating func timer() throws(ParseProblem) -> Statement {
        guard ["on", "off"].contains(peek(1).text.lowercased()) else { return .query(try query()) }
        let word = advance()
        let valueToken = advance()
        return .set(setting: Name("timer", word.range), value: Name(valueToken.text, valueToken.range))
    }

    /// quit = "quit" | "exit" ;
    mutating func quit() throws(ParseProblem) -> Statement {
        advance()
        return .quit
    }

    /// save = "save" "last" "to" string [ "as" format | "for" "excel" ] [ "replacing" ]
    ///      | "save" "chart" "to" string ;
    mutating func save() throws(ParseProblem) -> Statement {
        let saveToken = advance()
        if check(.chart) {
            advance()
            let path = try destination(example: "save chart to \"judgements.svg\"")
            return .saveChart(path: path, range: saveToken.range.union(previous.range))
        }
        guard check(.last) else { throw .saveNeedsLast(at: peek.range) }
        advance()
        let path = try destination(example: "save last to \"result.csv\"")
        var format: Name?
        if match(.as) {
            format = try name(.saveFormat)
        } else if check(.for), ContextWord.excel.matches(peek(1).text) {
            advance()
            let word = advance()
            format = Name(word.text, word.range)
        }
        let replacing = ContextWord.replacing.matches(peek.text) && peek.kind != .string
        if replacing { advance() }
        return .save(path: path, format: format, replacing: replacing, range: saveToken.range.union(previous.range))
    }

    /// destination = "to" string ;
    mutating func destination(example: String) throws(ParseProblem) -> String {
        guard check(.to) else { throw .saveNeedsTo(example: example, at: peek.range) }
        advance()
        let pathToken = peek
        guard pathToken.kind == .string else { throw .saveNeedsQuotedFile(example: example, at: pathToken.range) }
        advance()
        return pathToken.text
    }

    /// record = "record" ( string [ "titled" string ] [ "with" "errors" ] | "off" | "undo" ) ;
    mutating func record() throws(ParseProblem) -> Statement {
        let word = advance()
        if peek.kind == .string {
            let path = advance().text
            var title: String?
            if check(.titled) {
                advance()
                guard peek.kind == .string else { throw .recordNeedsTitle(at: peek.range) }
                title = advance().text
            }
            var keepsErrors = false
            if check(.with), ContextWord.errors.matches(peek(1).text) {
                advance()
                advance()
                keepsErrors = true
            }
            return .record(.start(path: path, title: title, keepsErrors: keepsErrors), range: word.range.union(previous.range))
        }
        if check(.undo) {
            advance()
            return .record(.undo, range: word.range.union(previous.range))
        }
        guard check(.off) else { throw .recordNeedsFile(at: peek.range) }
        advance()
        return .record(.stop, range: word.range.union(previous.range))
    }

    /// run = ( "run" | ".read" ) string [ "step" "by" "step" ] ;
    mutating func run() throws(ParseProblem) -> Statement {
        let word = advance()
        guard peek.kind == .string else { throw .runNeedsFile(at: peek.range) }
        let path = advance().text
        var stepByStep = false
        if check(.step) {
            advance()
            guard match(.by), check(.step) else { throw .runStepByStep(at: peek.range) }
            advance()
            stepByStep = true
        }
        return .runScript(path: path, stepByStep: stepByStep, range: word.range.union(previous.range))
    }

    /// pause = "pause" ;
    mutating func pause() throws(ParseProblem) -> Statement {
        advance()
        return .pause
    }

    /// explain = "explain" ( query | rate-of ) ;
    mutating func explain() throws(ParseProblem) -> Statement {
        advance()
        if let rate = try rateOfDatasetAhead() { return .explainRate(rate) }
        return .explain(try query())
    }

    /// show-unmatched = "show" "unmatched" ;
    mutating func showUnmatched() throws(ParseProblem) -> Statement {
        advance()
        advance()
        return .showUnmatched
    }

    /// show-sql = "show" "sql" [ "for" ( "sqlite" | "duckdb" | "postgresql" ) ] ( query | rate-of ) ;
    mutating func showSQL() throws(ParseProblem) -> Statement {
        advance()
        advance()
        var engine = SQLEngine.sqlite
        if check(.for) {
            advance()
            let word = peek
            guard word.kind != .end, let named = SQLEngine(word: word.text) else {
                throw .unknownSQLEngine(word: word.kind == .end ? "" : word.text, at: word.range)
            }
            advance()
            engine = named
        }
        if let rate = try rateOfDatasetAhead() { return .showSQLRate(rate, engine) }
        return .showSQL(try query(), engine)
    }

    /// show-last = "show" "last" [ "all" ] ;
    mutating func showLast() throws(ParseProblem) -> Statement {
        advance()
        advance()
        if check(.all) { advance() }
        return .showLast
    }

    /// copy-last = "copy" "last" ;
    mutating func copyLast() throws(ParseProblem) -> Statement {
        advance()
        advance()
        return .copyLast
    }

    /// presented = ( "chart" | "crosstab" ) query ;   (reads as the query `as chart`)
    mutating func presented() throws(ParseProblem) -> Statement {
        let word = advance()
        chartAhead = word.text.lowercased() == "chart"
        var query = try query()
        if query.presentation != .table { throw .presentationTwice(at: word.range) }
        query.presentation = chartAhead ? .chart : .crosstab(.none)
        return .query(query)
    }

    /// dot-help = ( ".help" | ".h" ) [ word ] ;
    mutating func dotHelp() throws(ParseProblem) -> Statement {
        advance()
        return .help(peek.kind == .end ? nil : advance().text.lowercased())
    }

    /// help = "help" [ word { word } ] ;
    mutating func help() throws(ParseProblem) -> Statement {
        advance()
        var words: [String] = []
        while peek.kind != .end {
            words.append(peek.text.lowercased())
            advance()
        }
        return .help(words.isEmpty ? nil : words.joined(separator: " "))
    }

    // MARK: Statistics

    /// proportion = "proportion" "of" dataset { join } "where" condition [ "among" condition ]
    ///              [ "group" "by" operand { "," operand } ] [ "order" "by" ... ] [ "limit" number ]
    ///              [ "as" ( "chart" | "table" ) ] ;
    mutating func proportion() throws(ParseProblem) -> Statement {
        advance()
        // `proportion 20 of 50`: the counts written as numbers, as `compare` takes them.
        if peek.kind == .number { return .proportionCounts(try countPair()) }
        return .proportion(try proportionQuery(verb: "proportion"))
    }

    /// The body of `proportion` and of `compare` over a dataset (which takes no groups).
    mutating func proportionQuery(verb: String, needsGroups: Bool = true) throws(ParseProblem) -> ProportionQuery {
        let start = previous.range
        _ = match(.of)
        let dataset = try name(.proportionDataset(verb: verb))
        var base = Query(verb: .aggregate([Measure(function: .count, argument: nil, range: dataset.range)]),
                         dataset: dataset, range: start)
        base.joins = try joins()
        guard match(.where) else { throw .proportionNeedsWhere(verb: verb, at: peek.range) }
        let event = try condition()
        if match(.among) { base.filter = try condition() }
        if needsGroups {
            base.groupBy = try groupByClause()
            base.orderBy = try orderByClause()
            base.limit = try limitClause()
            if base.limit != nil, check(.per) { throw .proportionWithin(what: "limit ... per", at: peek.range) }
            base.limitWithTies = base.limit != nil && withTies()
            if check(.with), let item = [ContextWord.rank, .running, .cumulative, .change].first(where: { $0.matches(peek(1).text) }) {
                throw .proportionWithin(what: "with \(item.rawValue)", at: peek(1).range)
            }
            if match(.as) {
                let word = peek
                base.chartForm = chartForm()
                base.presentation = try presentation()
                if case .crosstab = base.presentation { throw .proportionAsCrosstab(at: word.range) }
                if base.chartForm.isTwoWay { throw .chartFormNotHere(form: base.chartForm.rawValue, at: word.range) }
            }
            try captions(&base.captions, shown: base.presentation)
        }
        base.range = start.union(previous.range)
        return ProportionQuery(base: base, event: event)
    }

    /// compare = "compare" pair ( "with" | "and" ) pair
    ///         | "compare" dataset { join } "where" condition [ "among" condition ]
    ///           ( "by" ( column | condition ) [ "among" condition ]
    ///           | ( "with" | "and" ) dataset { join } "where" condition [ "among" condition ] ) ;
    mutating func compare() throws(ParseProblem) -> Statement {
        let compareWord = advance()
        if peek.kind == .number {
            let first = try countPair()
            guard match(.with) || match(.and) else { throw .compareNeedsSecondPair(at: peek.range) }
            return .compareCounts(first, try countPair())
        }
        var query = try proportionQuery(verb: "compare", needsGroups: false)
        if match(.with) || match(.and) {
            // `compare reviews where ... with statements where ...`: two datasets.
            return .compareDatasets(query, try proportionQuery(verb: "compare", needsGroups: false))
        }
        guard check(.by) else { throw .compareNeedsByOrWith(at: peek.range) }
        advance()
        // `by type` compares the two groups of a column; `by authority = Birmingham`
        // compares the rows where the condition holds with the rest.
        let saved = current
        let column = try operand()
        if peek.kind == .end || peek.keyword == .among {
            query.base.groupBy = [column]
        } else {
            current = saved
            let split = try condition()
            query.split = split
            query.splitText = text(of: split.range)
        }
        if match(.among) {
            let among = try condition()
            query.base.filter = query.base.filter.map { Expression(.and($0, among), $0.range.union(among.range)) } ?? among
        }
        query.base.range = compareWord.range.union(previous.range)
        return .compareGroups(query)
    }

    /// pair = number "of" number [ "as" string ] ;
    /// (`eventsMayExceed`: a rate's events may outnumber its population, as events per person-year do)
    mutating func countPair(eventsMayExceed: Bool = false) throws(ParseProblem) -> CountPair {
        let first = peek
        guard first.kind == .number, let successes = Int(first.text), successes >= 0 else {
            throw .pairNeedsWholeNumber(at: first.range)
        }
        advance()
        guard match(.of) else { throw .pairNeedsOf(at: peek.range) }
        let second = peek
        guard second.kind == .number, let trials = Int(second.text), trials >= 0 else { throw .pairNeedsTotal(at: second.range) }
        advance()
        guard successes <= trials || eventsMayExceed else {
            throw .pairMoreThanTotal(successes: successes, trials: trials, at: first.range.union(second.range))
        }
        var label: String?
        if match(.as) {
            guard peek.kind == .string || (peek.kind == .word && peek.keyword == nil) else { throw .pairNeedsLabel(at: peek.range) }
            label = advance().text
        }
        return CountPair(successes: successes, trials: trials, label: label, range: first.range.union(previous.range))
    }
}
