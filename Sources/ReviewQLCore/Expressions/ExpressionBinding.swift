/// Binding arithmetic, date differences and names given with `as`: each operand resolved as
/// any column or value is, the types checked by `Computation.resultType`, and measures (in
/// `having`, `order by` and a measure worked out from others) found or added as in `having`.
extension Binder {
    /// Notes the names a query gives with `as` to a list's items or its group keys, so that
    /// `where`, `order by` and `having` can use them.
    mutating func collectNames(_ query: Query) {
        expressionNames = [:]
        measureNames = [:]
        measuresAllowed = false
        var items = query.groupBy
        if case .list(let listed?, _) = query.verb { items += listed }
        for item in items {
            if case .named(let inner, let name) = item.kind { expressionNames[name.text.lowercased()] = inner }
        }
        // A measure's name is known before `where` is bound, so that `where` can say it is a
        // measure; its index is set when the measure is bound.
        if case .aggregate(let measures) = query.verb {
            for name in measures.compactMap(\.name) { measureNames[name.text.lowercased()] = -1 }
        }
    }

    func isName(_ word: String) -> Bool {
        expressionNames[word.lowercased()] != nil || measureNames[word.lowercased()] != nil
    }

    /// The expression a name given with `as` stands for; nil when the word names nothing.
    func namedExpression(_ word: String, role: String, at range: SourceRange) throws(BindingError)
        -> (BoundExpression, ColumnType, [String]?)? {
        if measureNames[word.lowercased()] != nil { throw BindingError(.measureNameInWhere(name: word), at: range) }
        guard let expression = expressionNames[word.lowercased()] else { return nil }
        // The name cannot stand for itself (`list x + 1 as x` where there is no column x).
        var inner = self
        inner.expressionNames[word.lowercased()] = nil
        return try inner.scalar(expression, role: role)
    }

    /// A scalar that is arithmetic or named: `deaths / children`, `letter_date - 30`.
    func computed(_ expression: Expression, role: String) throws(BindingError) -> (BoundExpression, ColumnType, [String]?) {
        switch expression.kind {
        case .named(let inner, _):
            return try scalar(inner, role: role)
        case .arithmetic(let arithmetic):
            var binder = self
            let bound = try binder.bind(arithmetic, at: expression.range) { (b, e) throws(BindingError) in
                if case .literal(let value) = e.kind { return .constant(value) }
                return try b.scalar(e, role: role).0
            }
            return (bound, binder.boundType(bound), nil)
        default:
            return try scalar(expression, role: role)
        }
    }

    /// Arithmetic over measures, group keys and `percent` (in `having`, `order by`, or a measure
    /// worked out from others), or a name given to a measure; nil for anything else.
    mutating func measureExpression(_ expression: Expression) throws(BindingError) -> BoundExpression? {
        switch expression.kind {
        case .word(let word):
            guard let index = measureNames[word.lowercased()] else { return nil }
            return .measure(index)
        case .named(let inner, _):
            return try measureExpression(inner)
        case .arithmetic(let arithmetic):
            return try bind(arithmetic, at: expression.range) { (b, e) throws(BindingError) in try b.measureOperand(e) }
        default:
            return nil
        }
    }

    private mutating func measureOperand(_ expression: Expression) throws(BindingError) -> BoundExpression {
        if case .literal(let value) = expression.kind { return .constant(value) }
        if case .aggregate = expression.kind { return .measure(try measureIndex(expression)) }
        if let bound = try measureExpression(expression) { return bound }
        let wanted = label(of: expression).lowercased()
        if let index = groupKeys.firstIndex(where: { $0.label.lowercased() == wanted }) { return .groupKey(index) }
        if case .word(let word) = expression.kind, ContextWord.percent.matches(word) { return .percent }
        throw BindingError(.notAGroupOrMeasure(label: label(of: expression), groups: groupKeys.map(\.label)), at: expression.range)
    }

    /// `sum deaths / sum children * 100 as rate`, or a plain measure with a name.
    mutating func bindNamedMeasure(_ measure: Measure) throws(BindingError) -> BoundMeasure {
        var bound: BoundMeasure
        if let computed = measure.computed {
            guard let expression = try measureExpression(computed) else {
                return try bindPlainMeasure(measure)
            }
            bound = BoundMeasure(function: .max, argument: nil, distinct: false, label: label(of: computed),
                                 resultType: boundType(expression))
            bound.computed = expression
        } else {
            var plain = measure
            plain.name = nil
            bound = try bindPlainMeasure(plain)
        }
        if let name = measure.name {
            bound.label = name.text
            measureNames[name.text.lowercased()] = measures.count
        }
        return bound
    }

    /// Binds each operand with `operand`, then checks the types.
    private mutating func bind(_ arithmetic: ArithmeticSyntax, at range: SourceRange,
                               _ operand: (inout Binder, Expression) throws(BindingError) -> BoundExpression) throws(BindingError) -> BoundExpression {
        switch arithmetic {
        case .operation(let op, let left, let right):
            let l = try side(left, operand), r = try side(right, operand)
            let (lt, rt) = (boundType(l), boundType(r))
            guard let type = Computation.resultType(op, lt, rt) else {
                throw BindingError(.arithmeticTypes(operation: op.rawValue, left: label(of: left), leftType: lt,
                                                    right: label(of: right), rightType: rt), at: range)
            }
            return .computed(.operation(op, l, r, type: type))
        case .negate(let e):
            let bound = try side(e, operand)
            let type = boundType(bound)
            guard type.isNumeric else {
                throw BindingError(.arithmeticOperandType(what: "a minus sign", expected: "a number", operand: label(of: e), type: type), at: range)
            }
            return .computed(.negate(bound, type: type))
        case .round(let e, let digits):
            let bound = try side(e, operand)
            let type = boundType(bound)
            guard type.isNumeric else {
                throw BindingError(.arithmeticOperandType(what: "round", expected: "a number", operand: label(of: e), type: type), at: range)
            }
            return .computed(.round(bound, digits: digits, type: type))
        case .dateDifference(let unit, let from, let to):
            let a = try side(from, operand), b = try side(to, operand)
            for (e, bound) in [(from, a), (to, b)] where boundType(bound) != .date {
                throw BindingError(.arithmeticOperandType(what: "\(unit.rawValue) between", expected: "two dates",
                                                          operand: label(of: e), type: boundType(bound)), at: e.range)
            }
            return .computed(.dateDifference(unit, from: a, to: b))
        }
    }

    private mutating func side(_ e: Expression,
                               _ operand: (inout Binder, Expression) throws(BindingError) -> BoundExpression) throws(BindingError) -> BoundExpression {
        if case .arithmetic(let nested) = e.kind { return try bind(nested, at: e.range, operand) }
        return try operand(&self, e)
    }

    /// The type of a bound expression's values.
    func boundType(_ expression: BoundExpression) -> ColumnType {
        switch expression {
        case .column(let index): return table.columns[index].type
        case .constant(let value):
            switch value {
            case .integer: return .integer
            case .decimal: return .decimal
            case .date: return .date
            case .boolean: return .boolean
            case .text, .missing: return .text
            }
        case .function(let function, _): return function.resultType
        case .measure(let index): return measures[index].resultType
        case .groupKey(let index): return groupKeys[index].type
        case .percent: return .decimal
        case .computed(let computation): return computation.type
        default: return .boolean
        }
    }

    /// How arithmetic is headed in a result: as written, with the parentheses it needs.
    func label(of arithmetic: ArithmeticSyntax) -> String {
        func part(_ e: Expression, below precedence: Int, right: Bool) -> String {
            let text = label(of: e)
            guard case .arithmetic(.operation(let op, _, _)) = e.kind else { return text }
            let own = op == .add || op == .subtract ? 1 : 2
            return own < precedence || (right && own == precedence) ? "(" + text + ")" : text
        }
        switch arithmetic {
        case .operation(let op, let left, let right):
            let precedence = op == .add || op == .subtract ? 1 : 2
            return part(left, below: precedence, right: false) + " \(op.rawValue) " + part(right, below: precedence, right: true)
        case .negate(let e): return "-" + part(e, below: 3, right: false)
        case .round(let e, let digits): return "round(\(label(of: e)), \(digits))"
        case .dateDifference(let unit, let from, let to): return "\(unit.rawValue) between \(label(of: from)) and \(label(of: to))"
        }
    }
}
