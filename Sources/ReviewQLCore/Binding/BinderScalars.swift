/// The binder's scalars: a column, or a function of one, and how each is headed in a result.
extension Binder {
    /// A column or a function of one; an unknown name is an error with the nearest columns.
    func scalar(_ expression: Expression, role: String) throws(BindingError) -> (BoundExpression, ColumnType, [String]?) {
        switch expression.kind {
        case .word(let name), .column(let name):
            guard let index = table.columnIndex(named: name) else {
                if let named = try namedExpression(name, role: role, at: expression.range) { return named }
                throw BindingError(.unknownColumn(name: name, table: table.name, known: table.allColumnNames), at: expression.range)
            }
            let column = table.columns[index]
            return (.column(index), column.type, column.scale)
        case .call(let functionName, let argument):
            guard let function = ScalarFunction(rawValue: functionName.text.lowercased()) else {
                throw BindingError(.unknownFunction(name: functionName.text, known: ScalarFunction.allCases.map(\.rawValue)),
                                   at: functionName.range)
            }
            let (inner, type, scale) = try scalar(argument, role: role)
            if type != function.argumentType, let scale, case .column(let index) = inner,
               table.columns[index].name.lowercased() == ColumnNaming.periodColumn {
                throw BindingError(.periodNotADate(function: function.rawValue, column: table.columns[index].name,
                                                   example: scale.last ?? ""), at: argument.range)
            }
            guard type == function.argumentType else {
                throw BindingError(.functionArgumentType(function: function.rawValue, expected: function.argumentType,
                                                         column: label(of: argument), type: type), at: argument.range)
            }
            return (.function(function, inner), function.resultType, nil)
        case .arithmetic, .named:
            return try computed(expression, role: role)
        case .aggregate:
            throw BindingError(.measureNotAllowed(role: role), at: expression.range)
        case .literal(let value):
            throw BindingError(.expectedColumn(role: role, value: ValueFormatter.plain(value)), at: expression.range)
        default:
            throw BindingError(.expectedColumn(role: role, value: nil), at: expression.range)
        }
    }

    /// How an expression is headed in a result: the column's own spelling, `year(letter_date)`.
    func label(of expression: Expression) -> String {
        switch expression.kind {
        case .word(let name), .column(let name):
            return table.column(named: name)?.name ?? name
        case .call(let function, let argument):
            return function.text.lowercased() + "(" + label(of: argument) + ")"
        case .arithmetic(let arithmetic):
            return label(of: arithmetic)
        case .named(_, let name):
            return name.text
        case .aggregate(let function, let argument, let distinct):
            guard let argument else { return function.rawValue }
            return function.rawValue + "(" + (distinct ? "distinct " : "") + label(of: argument) + ")"
        case .literal(let value):
            return ValueFormatter.plain(value)
        default:
            return "expression"
        }
    }
}

extension Comparison {
    /// The same comparison with its sides swapped (`2 < x` is `x > 2`).
    var flipped: Comparison {
        switch self {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }
}
