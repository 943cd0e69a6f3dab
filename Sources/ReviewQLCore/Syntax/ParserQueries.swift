/// The parse functions of queries: the head (verb, measures, dataset), joins and clauses,
/// and how a result is shown. Each opens with its grammar rule.
extension Parser {
    /// query = head [ "where" condition ] [ "group" "by" expr { "," expr } ]
    ///         [ "having" condition ] [ "order" "by" order { "," order } ] [ "limit" number ] ;
    /// (with `{ "join" dataset [ "on" column "=" column ] }` straight after the head)
    mutating func query() throws(ParseProblem) -> Query {
        let start = peek.range
        var query = try head()
        query.presence = try presenceClauses()
        query.joins = try joins()
        query.presence += try presenceClauses()
        if match(.where) { query.filter = try condition() }
        query.groupBy = try groupByClause()
        if check(.having) {
            let havingToken = advance()
            guard case .aggregate = query.verb else {
                throw .havingWithoutGroups(at: havingToken.range)
            }
            query.having = try condition()
        }
        query.orderBy = try orderByClause()
        query.limit = try limitClause()
        if query.limit != nil { query.limitPerGroup = try perClause(&query) }
        query.limitWithTies = query.limit != nil && withTies()
        if check(.with) { try withItems(&query) }
        if match(.as) {
            let word = peek
            query.chartForm = chartForm()
            query.presentation = try presentation()
            if query.presentation == .funnel { throw .funnelNeedsProportion(at: word.range) }
            if check(.with) { try withItems(&query) }
        }
        try captions(&query.captions, shown: chartAhead ? .chart : query.presentation)
        query.range = start.union(previous.range)
        return query
    }

    /// joins = { "join" dataset [ "on" column "=" column ] } ;
    mutating func joins() throws(ParseProblem) -> [JoinClause] {
        var clauses: [JoinClause] = []
        while check(.join) {
            let joinToken = advance()
            let dataset = try name(.joinedDataset)
            var clause = JoinClause(dataset: dataset, on: nil, range: joinToken.range.union(dataset.range))
            if match(.on) {
                let left = try name(.joinColumn)
                try consume(.equal, .equalsBetweenJoinColumns)
                let right = try name(.joinedColumn(dataset: dataset.text))
                clause.on = (left, right)
                clause.range = clause.range.union(right.range)
            }
            clauses.append(clause)
        }
        return clauses
    }

    /// group = [ "group" "by" operand { "," operand } ] ;
    mutating func groupByClause() throws(ParseProblem) -> [Expression] {
        guard check(.group) else { return [] }
        advance()
        try consume(.by, .byAfterGroup)
        return try expressionList()
    }

    /// order = [ "order" "by" operand [ "asc" | "desc" ] { "," operand [ "asc" | "desc" ] } ] ;
    mutating func orderByClause() throws(ParseProblem) -> [OrderItem] {
        guard check(.order) else { return [] }
        advance()
        try consume(.by, .byAfterOrder)
        var items: [OrderItem] = []
        repeat {
            let expression = try operand()
            var descending = false
            if match(.desc) { descending = true } else { _ = match(.asc) }
            items.append(OrderItem(expression: expression, descending: descending))
        } while match(.comma)
        return items
    }

    /// limit = [ "limit" whole-number ] ;
    mutating func limitClause() throws(ParseProblem) -> Int? {
        guard check(.limit) else { return nil }
        advance()
        let number = peek
        guard number.kind == .number, let value = Int(number.text), value >= 0 else {
            throw .limitNeedsWholeNumber(at: number.range)
        }
        advance()
        return value
    }

    /// ties = [ "with" "ties" ] ;  (after a limit)
    mutating func withTies() -> Bool {
        guard check(.with), peek(1).kind == .word, ContextWord.ties.matches(peek(1).text) else { return false }
        advance()
        advance()
        return true
    }

    /// with = "with" item { ( "," | "and" ) item } ;
    /// item = "ci" | "chi-square" | ( "row" | "column" ) "percent" ;
    mutating func withItems(_ query: inout Query) throws(ParseProblem) {
        advance()
        repeat {
            let word = peek
            if peek.kind == .number {
                // `with 90% ci`: the level, then the interval it is for.
                try confidenceLevel(afterWith: false)
                query.withIntervals = true
            } else if check(.ci) {
                advance()
                // `confidence intervals`, `ci interval`: the second word says nothing more.
                if peek.text.lowercased() == "intervals" || peek.text.lowercased() == "interval" { advance() }
                query.withIntervals = true
            } else if check(.chiSquare) {
                advance()
                query.withTest = true
            } else if check(.row) || check(.column) {
                let isRow = check(.row)
                advance()
                guard check(.percent) else { throw .percentMissing(after: word.text, at: peek.range) }
                advance()
                guard case .crosstab = query.presentation else { throw .percentWithoutCrosstab(at: word.range) }
                query.presentation = .crosstab(isRow ? .row : .column)
            } else if try withinItem(&query) {
                continue
            } else {
                throw .unknownWithItem(at: word.range)
            }
        } while match(.comma) || match(.and)
    }

    /// presentation = "table" | chart-form "chart" | "crosstab" | "funnel" ;  (then an optional `with` list, then captions)
    mutating func presentation() throws(ParseProblem) -> Presentation {
        let word = peek
        let shown: Presentation
        if word.kind == .word, check(.table) {
            shown = .table
        } else if word.kind == .word, check(.chart) {
            shown = .chart
        } else if word.kind == .word, check(.crosstab) {
            shown = .crosstab(.none)
        } else if word.kind == .word, check(.funnel) {
            shown = .funnel
        } else {
            throw .unknownPresentation(at: word.range)
        }
        advance()
        return shown
    }

    /// head = "count" [ "distinct" operand "from" | operand "from" | "from" | "of" ] dataset
    ///      | measure { "," measure } ( "from" | "of" ) dataset
    ///      | "list" [ "distinct" ] ( dataset | ( "*" | operand { "," operand } ) "from" dataset ) ;
    mutating func head() throws(ParseProblem) -> Query {
        let verbToken = peek
        if startsMeasureExpression { return try measuresHead(verbToken) }
        guard let keyword = verbToken.keyword, keyword == .list || AggregateFunction(keyword: keyword) != nil else {
            throw unknownStart(verbToken)
        }
        if keyword == .list { return try listHead() }

        // `count reviews`: count followed straight by the dataset.
        if keyword == .count, peek(1).kind == .word, peek(1).keyword == nil,
           peek(2).keyword != .from, peek(2).keyword != .of, peek(2).kind != .symbol(.comma) {
            advance()
            let dataset = try name(.countedDataset)
            let measure = Measure(function: .count, argument: nil, range: verbToken.range)
            return Query(verb: .aggregate([measure]), dataset: dataset, range: verbToken.range)
        }
        return try measuresHead(verbToken)
    }

    /// measures-head = measure-item { "," measure-item } ( "from" | "of" ) dataset ;
    mutating func measuresHead(_ verbToken: Token) throws(ParseProblem) -> Query {
        var measures: [Measure] = []
        repeat { measures.append(try measureItem()) } while match(.comma)
        guard match(.from) || match(.of) else {
            if measures.count == 1, measures[0].function == .count, measures[0].argument == nil {
                throw .countNeedsDataset(at: peek.range)
            }
            throw .measuresNeedFrom(verb: verbToken.text.lowercased(), at: peek.range)
        }
        let dataset = try name(.dataset)
        return Query(verb: .aggregate(measures), dataset: dataset, range: verbToken.range)
    }

    /// measure = "count" [ "distinct" ] [ operand ] | aggregate ( "(" operand ")" | operand ) ;
    mutating func measure() throws(ParseProblem) -> Measure {
        let token = peek
        guard let keyword = token.keyword, let function = AggregateFunction(keyword: keyword) else {
            throw .expectedMeasure(found: token.described, at: token.range)
        }
        advance()
        var measure = Measure(function: function, argument: nil, range: token.range)
        measure.distinct = match(.distinct)
        if check(.leftParen) {
            // `sum(children)`, `count(*)`, `count(distinct authority)`
            let open = advance()
            if match(.distinct) { measure.distinct = true }
            if function == .count, !measure.distinct, match(.star) {
                try closeParen(opened: open)
                measure.range = token.range.union(previous.range)
                return measure
            }
            measure.argument = try operand()
            try closeParen(opened: open)
            measure.range = token.range.union(previous.range)
            return measure
        }
        let needsArgument = function != .count || measure.distinct
        let hasArgument = (peek.kind == .word && peek.keyword == nil) || peek.kind == .quotedName
        if hasArgument {
            if function == .count, peek.kind == .word, !measure.distinct,
               peek(1).keyword != .from, peek(1).keyword != .of, peek(1).kind != .symbol(.comma) {
                return measure
            }
            let argument = try primary()
            measure.argument = argument
            measure.range = token.range.union(argument.range)
        } else if needsArgument {
            throw .measureNeedsColumn(function: token.text.lowercased(), at: peek.range)
        }
        return measure
    }

    /// list = "list" [ "distinct" ] ( dataset | ( "*" | operand { "," operand } ) "from" dataset ) ;
    mutating func listHead() throws(ParseProblem) -> Query {
        let verbToken = advance()
        let distinct = match(.distinct)
        if check(.star) {
            advance()
            try consume(.from, .fromAfterStar)
            let dataset = try name(.dataset)
            return Query(verb: .list(nil, distinct: distinct), dataset: dataset, range: verbToken.range)
        }
        if peek.kind == .word, peek.keyword == nil, peek(1).kind != .symbol(.comma),
           peek(1).keyword != .from, peek(1).keyword != .of, peek(1).kind != .symbol(.leftParen), !isArithmetic(peek(1)) {
            let dataset = try name(.listedDataset)
            return Query(verb: .list(nil, distinct: distinct), dataset: dataset, range: verbToken.range)
        }
        let items = try expressionList()
        guard match(.from) || match(.of) else {
            throw .listNeedsFrom(at: peek.range)
        }
        let dataset = try name(.dataset)
        return Query(verb: .list(items, distinct: distinct), dataset: dataset, range: verbToken.range)
    }
}
