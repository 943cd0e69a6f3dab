/// One column of a table: a name, one typed array of values and a bitmap of missing cells.
///
/// Text is dictionary-encoded: each row holds a code into `dictionary`, so grouping and
/// filtering on text compare small integers, and a million rows of a few hundred distinct
/// authorities cost one or two bytes a row (see `DictionaryCodes`).
public struct Column: Sendable {
    public var name: String
    public var storage: Storage { didSet { facts = ColumnFacts() } }
    /// Set bits mark missing cells; nil when the column has none.
    public var missing: Bitmap? { didSet { facts = ColumnFacts() } }
    /// What the evaluator works out once about the values (`ZoneMap`), made anew when they change.
    private(set) var facts = ColumnFacts()
    /// For an ordered scale (judgement: Inadequate < Adequate < Good < Outstanding), the levels
    /// in order. The text dictionary of such a column is exactly these levels, so codes sort
    /// in scale order.
    public var scale: [String]?
    /// For numbers written with a unit (`34%`, `£1,200`), the unit, to show them as written;
    /// the values are the numbers as written (34, 1200). See `NumberUnit`.
    public var unit: NumberUnit?
    /// For a column of numbers that holds official statistics symbols (`c`, `[x]`, `low` ...;
    /// see `OfficialSymbol`): a byte a row, the symbol's code in a missing cell, 0 elsewhere.
    /// Nil when the column has none, as almost every column.
    public var symbols: [UInt8]?

    public enum Storage: Sendable {
        case integer(IntegerValues)
        case decimal([Double])
        case date([Int32])
        case boolean([Bool])
        case text(codes: DictionaryCodes, dictionary: [String])
    }

    public init(name: String, storage: Storage, missing: Bitmap? = nil, scale: [String]? = nil, symbols: [UInt8]? = nil) {
        self.name = name
        self.storage = storage
        self.missing = missing.flatMap { $0.population == 0 ? nil : $0 }
        self.scale = scale
        self.symbols = symbols
    }

    public var type: ColumnType {
        switch storage {
        case .integer: return .integer
        case .decimal: return .decimal
        case .date: return .date
        case .boolean: return .boolean
        case .text: return .text
        }
    }

    public var count: Int {
        switch storage {
        case .integer(let v): return v.count
        case .decimal(let v): return v.count
        case .date(let v): return v.count
        case .boolean(let v): return v.count
        case .text(let codes, _): return codes.count
        }
    }

    @inline(__always)
    public func isMissing(_ row: Int) -> Bool { missing?[row] ?? false }

    /// The value in `row`, boxed.
    public func value(at row: Int) -> Value {
        if isMissing(row) { return .missing }
        switch storage {
        case .integer(let v): return .integer(v[row])
        case .decimal(let v): return .decimal(v[row])
        case .date(let v): return .date(v[row])
        case .boolean(let v): return .boolean(v[row])
        case .text(let codes, let dictionary): return .text(dictionary[codes[row]])
        }
    }

    /// How many cells are missing.
    public var missingCount: Int { missing?.population ?? 0 }

    /// The distinct text values of a text column, in dictionary order (scale order for a scale).
    public var dictionary: [String]? {
        if case .text(_, let dictionary) = storage { return dictionary }
        return nil
    }

    /// A new column holding the rows at `indexes`, in that order (-1 gives a missing cell).
    public func gathering(_ indexes: [Int]) -> Column {
        var newMissing = Bitmap(count: indexes.count)
        var anyMissing = false
        for (i, row) in indexes.enumerated() where row < 0 || isMissing(row) {
            newMissing[i] = true
            anyMissing = true
        }
        func pick<T>(_ values: [T], _ filler: T) -> [T] {
            indexes.map { $0 < 0 ? filler : values[$0] }
        }
        let newStorage: Storage
        switch storage {
        case .integer(let v): newStorage = .integer(v.gathering(indexes))
        case .decimal(let v): newStorage = .decimal(pick(v, 0))
        case .date(let v): newStorage = .date(pick(v, 0))
        case .boolean(let v): newStorage = .boolean(pick(v, false))
        case .text(let codes, let dictionary): newStorage = .text(codes: codes.gathering(indexes), dictionary: dictionary)
        }
        let newSymbols = symbols.map { codes in indexes.map { $0 < 0 ? 0 : codes[$0] } }
        var gathered = Column(name: name, storage: newStorage, missing: anyMissing ? newMissing : nil, scale: scale,
                              symbols: newSymbols.flatMap { $0.contains { $0 != 0 } ? $0 : nil })
        gathered.unit = unit
        return gathered
    }

    /// The official statistics symbol a missing cell holds (`c`, `[x]` ...), or nil.
    @inline(__always)
    public func symbol(at row: Int) -> OfficialSymbol? {
        guard let symbols, symbols[row] != 0 else { return nil }
        return OfficialSymbol.withCode(symbols[row])
    }

    /// How many cells hold each symbol, by code (empty when none do).
    var symbolCounts: [UInt8: Int] {
        guard let symbols else { return [:] }
        var counts: [UInt8: Int] = [:]
        for code in symbols where code != 0 { counts[code, default: 0] += 1 }
        return counts
    }
}

extension Column {
    /// Builds a column from boxed values, choosing the narrowest type that holds them all.
    /// Used for small results (group keys, aggregates), never for loading files.
    public init(name: String, values: [Value], scale: [String]? = nil) {
        var missing = Bitmap(count: values.count)
        var kinds = Set<ColumnType>()
        for (row, value) in values.enumerated() {
            switch value {
            case .missing: missing[row] = true
            case .integer: kinds.insert(.integer)
            case .decimal: kinds.insert(.decimal)
            case .date: kinds.insert(.date)
            case .boolean: kinds.insert(.boolean)
            case .text: kinds.insert(.text)
            }
        }
        let storage: Storage
        if kinds == [.integer] {
            storage = .integer(IntegerValues(values.map { if case .integer(let i) = $0 { return i } else { return 0 } }))
        } else if kinds.isSubset(of: [.integer, .decimal]) && !kinds.isEmpty {
            storage = .decimal(values.map { $0.number ?? 0 })
        } else if kinds == [.date] {
            storage = .date(values.map { if case .date(let d) = $0 { return d } else { return 0 } })
        } else if kinds == [.boolean] {
            storage = .boolean(values.map { if case .boolean(let b) = $0 { return b } else { return false } })
        } else {
            var dictionary = scale ?? []
            var codeOf: [String: UInt32] = [:]
            for (i, level) in dictionary.enumerated() { codeOf[level] = UInt32(i) }
            var codes: [UInt32] = []
            codes.reserveCapacity(values.count)
            for value in values {
                let text: String
                switch value {
                case .missing: codes.append(0); continue
                case .text(let t): text = t
                default: text = ValueFormatter.plain(value)
                }
                if let code = codeOf[text] { codes.append(code); continue }
                let code = UInt32(dictionary.count)
                dictionary.append(text)
                codeOf[text] = code
                codes.append(code)
            }
            storage = .text(codes: DictionaryCodes(codes, distinct: dictionary.count), dictionary: dictionary)
        }
        self.init(name: name, storage: storage, missing: missing, scale: scale)
    }
}

extension Column {
    /// A column of numbers from boxed values that stays a number column when every value is
    /// missing, as when suppression hides a whole column of counts: it still lines up as
    /// numbers and is typed as numbers in exports.
    static func numbers(name: String, values: [Value], type: ColumnType) -> Column {
        let column = Column(name: name, values: values)
        guard type.isNumeric, !column.type.isNumeric, values.allSatisfy(\.isMissing) else { return column }
        var missing = Bitmap(count: values.count)
        for row in values.indices { missing[row] = true }
        let zeros = [Double](repeating: 0, count: values.count)
        return Column(name: name, storage: type == .integer ? .integer(IntegerValues(zeros.map { _ in Int64(0) })) : .decimal(zeros),
                      missing: missing)
    }
}
