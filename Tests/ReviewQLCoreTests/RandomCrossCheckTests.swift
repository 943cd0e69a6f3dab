import Foundation
import Testing
@testable import ReviewQLCore

/// Random queries, each answered by ReviewQL and, through `show sql`, by the system sqlite3
/// over the same data; any difference is a failure that prints the query. A few hundred run in
/// `swift test`; `REVIEWQL_CROSSCHECK=10000 swift test --filter RandomCrossCheck` (the script
/// `Tests/crosscheck.sh`) runs a long one. The seed is printed, and `REVIEWQL_SEED` repeats a run.
@Suite struct RandomCrossCheckTests {
    static var count: Int { Int(ProcessInfo.processInfo.environment["REVIEWQL_CROSSCHECK"] ?? "") ?? 300 }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["REVIEWQL_SEED"] ?? "") ?? 20_081_231 }

    @Test func randomQueriesAgreeWithSQLite() throws {
        let session = Bundled.session()
        session.add(Synthetic.dataset(rows: 2_000, seed: Self.seed))
        let folder = SQLite.export(session)
        var generator = QueryGenerator(session: session, seed: Self.seed)
        var queries: [(text: String, sql: String, ours: Table)] = []
        var skipped = 0
        while queries.count < Self.count {
            let text = generator.next()
            let outcomes = session.run(text)
            guard let outcome = outcomes.last, !outcome.failed, case .result(let result)? = outcome.output else {
                // A generated query ReviewQL rejects must say why, and must not be a crash.
                #expect(outcomes.last?.diagnostics.isEmpty == false, "no answer and no error for: \(text)")
                if ProcessInfo.processInfo.environment["REVIEWQL_SHOW_SKIPPED"] != nil {
                    print("skipped: \(text)\n  \(outcomes.last?.diagnostics.first?.message ?? "")")
                }
                skipped += 1
                continue
            }
            let sqlOutcome = session.run("show sql " + text).last
            guard case .text(let sql)? = sqlOutcome?.output else {
                skipped += 1  // median has no SQL form
                continue
            }
            queries.append((text, sql, result.table))
        }
        // One sqlite3 process for the whole batch, a marker line between the answers.
        var script = SQLite.loadScript(session, from: folder) + [".mode csv", ".headers off"]
        for query in queries { script += [".print '=== next'", query.sql] }
        let output = try SQLite.sqlite3(script.joined(separator: "\n"))
        let answers = output.components(separatedBy: "=== next\n").dropFirst().map { SQLite.parseCSV($0) }
        #expect(answers.count == queries.count, "sqlite3 gave \(answers.count) answers to \(queries.count) queries (seed \(Self.seed))")
        var failures = 0
        for (query, answer) in zip(queries, answers) {
            let mine = (0..<query.ours.rowCount).map { query.ours.row($0).map(ValueFormatter.plain) }
            let same = mine.count == answer.count && zip(mine, answer).allSatisfy { SQLite.same($0, $1) }
            if !same {
                failures += 1
                if failures <= 10 {
                    let at = Array(zip(mine, answer)).firstIndex { !SQLite.same($0.0, $0.1) } ?? min(mine.count, answer.count)
                    Issue.record("differs from sqlite3 (seed \(Self.seed)) at row \(at) (\(mine.count) rows against \(answer.count)): \(query.text)\nReviewQL: \(mine.dropFirst(at).prefix(3))\nsqlite3: \(answer.dropFirst(at).prefix(3))\nSQL:\n\(query.sql)")
                }
            }
        }
        #expect(failures == 0, "\(failures) of \(queries.count) queries differ (seed \(Self.seed)); \(skipped) skipped")
        // The long run's record (Tests/crosscheck.sh): how many were compared, and how many not.
        print("cross-check, seed \(Self.seed): \(queries.count) queries compared with sqlite3, \(failures) differ; \(skipped) generated queries skipped (rejected with a message, or median, which has no SQL form)")
    }
}

/// A deterministic table with the awkward cases: missing values in every column, text with
/// spaces, symbols, quotes, commas and mixed case, an ordered scale, dates, yes/no.
enum Synthetic {
    static let places = ["Norfolk", "norfolk", "Barking & Dagenham", "Bristol, City of", "St. Helens", "O'Brien Town",
                         "say \"hi\"", "ælfric", "Kingston", "Leeds", "Stockton-on-Tees", "York"]
    static let levels = ["Inadequate", "Adequate", "Good", "Outstanding"]

    static func dataset(rows: Int, seed: UInt64) -> Dataset {
        var random = SplitMix(seed: seed)
        var place: [Value] = [], level: [Value] = [], score: [Value] = [], count: [Value] = [], when: [Value] = [], flag: [Value] = []
        for _ in 0..<rows {
            let missing = { (chance: UInt64) -> Bool in random.next() % 100 < chance }
            place.append(missing(5) ? .missing : .text(places[Int(random.next() % UInt64(places.count))]))
            level.append(missing(5) ? .missing : .text(levels[Int(random.next() % 3)]))
            score.append(missing(10) ? .missing : .decimal(Double(Int(random.next() % 2001) - 1000) / 8))
            count.append(missing(10) ? .missing : .integer(Int64(random.next() % 20)))
            when.append(missing(10) ? .missing : .date(Int32(13_900 + Int(random.next() % 900))))
            flag.append(missing(10) ? .missing : .boolean(random.next() % 2 == 0))
        }
        let table = Table(name: "synthetic", columns: [
            Column(name: "place", values: place), Column(name: "level", values: level, scale: levels),
            Column(name: "score", values: score), Column(name: "n", values: count),
            Column(name: "seen", values: when), Column(name: "flag", values: flag),
        ])
        return Dataset(table: table, path: "synthetic.csv")
    }
}

/// A small, fast, seedable random number generator (SplitMix64, Steele et al. 2014).
/// Shared by the tests that generate data (the CSV reader's random files start their seed one
/// `step` on, as they always have, so they test the same files).
struct SplitMix {
    static let step: UInt64 = 0x9E37_79B9_7F4A_7C15
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= Self.step
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
}

/// Generates random well-formed queries over the bundled data and the synthetic table.
struct QueryGenerator {
    let session: Session
    var random: SplitMix
    /// Whether a measure may be a median (DuckDB and PostgreSQL have one; SQLite has not).
    var medians = false

    init(session: Session, seed: UInt64) {
        self.session = session
        random = SplitMix(seed: seed)
    }

    /// A dataset with the joins it may take.
    struct Source { var text: String; var table: Table }

    mutating func source() -> Source {
        let choice = random.next() % 12
        func table(_ name: String) -> Table { session.datasets.first { $0.name == name }!.table }
        switch choice {
        case 10, 11: return presenceSource()
        case 0..<4: return Source(text: "synthetic", table: table("synthetic"))
        case 4..<6: return Source(text: "reviews", table: table("reviews"))
        case 6..<8:
            var joined = table("reviews")
            joined.columns += table("authorities").columns
            return Source(text: "reviews join authorities", table: joined)
        case 8: return Source(text: "completion_times", table: table("completion_times"))
        default:
            var joined = table("statements")
            joined.columns += table("authorities").columns
            return Source(text: "statements join authorities", table: joined)
        }
    }

    /// A dataset with `with` or `without` another (a semi- or anti-join), sometimes with the
    /// other's rows narrowed by a condition, sometimes joined too.
    mutating func presenceSource() -> Source {
        let datasets = session.datasets
        func table(_ name: String) -> Table { datasets.first { $0.name == name }!.table }
        let word = random.chance(50) ? "without" : "with"
        switch random.next() % 5 {
        case 0: return Source(text: "authorities \(word) reviews", table: table("authorities"))
        case 1:
            let reviews = Source(text: "reviews", table: table("reviews"))
            return Source(text: "authorities \(word) (reviews where \(condition(reviews)))", table: table("authorities"))
        case 2: return Source(text: "authorities \(word) statements on name = board", table: table("authorities"))
        case 3:
            var joined = table("reviews")
            joined.columns += table("authorities").columns
            return Source(text: "reviews \(word) statements on authority = board join authorities", table: joined)
        default: return Source(text: "statements \(word) authorities", table: table("statements"))
        }
    }

    /// A value written as a query would write it, taken from the column (or not, sometimes).
    mutating func literal(for column: Column, rows: Int) -> String {
        let row = Int(random.next() % UInt64(max(column.count, 1)))
        var value = column.value(at: row)
        if value.isMissing { value = column.value(at: 0) }
        switch value {
        case .missing: return "\"nothing\""
        case .integer(let i): return String(i + Int64(random.next() % 3) - 1)
        case .decimal(let d): return ValueFormatter.decimal(d)
        case .date(let d): return CivilDate.iso(d + Int32(random.next() % 5) - 2)
        case .boolean(let b): return b ? "yes" : "no"
        case .text(let t):
            // SQLite's lower() folds only ASCII letters (documented with show sql), so only
            // ASCII text is sent in another case.
            let text = random.chance(10) && t.unicodeScalars.allSatisfy(\.isASCII) ? t.uppercased() : t
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    mutating func condition(_ source: Source, depth: Int = 0) -> String {
        if depth < 2, random.chance(30) {
            let op = random.chance(50) ? "and" : "or"
            return "(\(condition(source, depth: depth + 1)) \(op) \(condition(source, depth: depth + 1)))"
        }
        if depth < 2, random.chance(8) { return "not " + condition(source, depth: depth + 1) }
        let column = random.pick(source.table.columns)
        let name = column.name
        let value = literal(for: column, rows: source.table.rowCount)
        switch (column.type, random.next() % 6) {
        case (_, 0): return "\(name) is \(random.chance(50) ? "" : "not ")missing"
        case (.text, 1):
            let text = ValueFormatter.plain(column.value(at: Int(random.next() % UInt64(max(column.count, 1)))))
            let part = String(text.lowercased().prefix(Int(random.next() % 4) + 1))
            let verb = random.pick(["contains", "starts with", "ends with", "not contains"])
            return "\(name) \(verb) \"\(part.replacingOccurrences(of: "\"", with: "\"\""))\""
        case (_, 2):
            let other = literal(for: column, rows: source.table.rowCount)
            return "\(name) \(random.chance(20) ? "not " : "")in (\(value), \(other))"
        case (.text, _) where column.scale == nil:
            return "\(name) \(random.pick(["=", "!="])) \(value)"
        case (.boolean, _):
            return "\(name) \(random.pick(["=", "!="])) \(value)"
        default:
            return "\(name) \(random.pick(["=", "!=", "<", "<=", ">", ">="])) \(value)"
        }
    }

    mutating func groupKey(_ source: Source) -> String? {
        let candidates = source.table.columns.filter { $0.type == .text || $0.type == .boolean || $0.type == .date || $0.type == .integer }
        guard let column = candidates.isEmpty ? nil : random.pick(candidates) else { return nil }
        if column.type == .date {
            // Every function of a date, as the vocabulary lists them.
            return random.pick(ScalarFunction.allCases.filter { $0.argumentType == .date }.map(\.rawValue)) + "(\(column.name))"
        }
        return column.name
    }

    mutating func next() -> String {
        let source = self.source()
        let numeric = source.table.columns.filter { $0.type.isNumeric }
        var whereText = random.chance(70) ? " where " + condition(source) : ""
        if random.chance(15), let expression = arithmetic(source) {
            whereText += (whereText.isEmpty ? " where " : " and ") + "\(expression) \(random.pick(["<", ">=", "="])) \(random.below(40) - 10)"
        }
        if random.chance(25) {
            // A list, sometimes distinct, ordered and cut.
            var columns = (0..<Int(random.next() % 3) + 1).map { _ in random.pick(source.table.columns).name }
            if random.chance(40), let expression = arithmetic(source) { columns.append(expression + " as e1") }
            let distinct = random.chance(20)
            var text = "list " + (distinct ? "distinct " : "") + columns.joined(separator: ", ")
                + " from \(source.text)" + whereText
            if columns.last?.hasSuffix(" as e1") == true, random.chance(60) {
                text += " order by e1" + (random.chance(50) ? " desc" : "")
            } else if random.chance(60) {
                text += " order by \(random.pick(source.table.columns).name)" + (random.chance(50) ? " desc" : "")
            }
            if random.chance(40) {
                text += " limit \(random.next() % 20)"
                // A list cut per group (not distinct: that is refused).
                if !distinct, random.chance(35), let key = groupKey(source) {
                    text += " per \(key)" + (random.chance(40) ? " with ties" : "")
                }
            }
            return text
        }
        var measures = ["count"]
        if !numeric.isEmpty, random.chance(40) {
            let column = random.pick(numeric).name
            measures = [random.pick(["sum", "average", "min", "max", "count distinct", "count"] + (medians ? ["median"] : [])) + " " + column]
            if random.chance(30) { measures.append("count") }
        }
        let computed = random.chance(20) ? computedMeasure(source) : nil
        if let computed { measures.append(computed) }
        var keys = (0..<Int(random.next() % 3)).compactMap { _ in groupKey(source) }
        if random.chance(10), let expression = arithmetic(source) { keys.append(expression) }
        var uniqueKeys: [String] = []
        for key in keys where !uniqueKeys.contains(key) { uniqueKeys.append(key) }
        var text = measures.joined(separator: ", ") + " from \(source.text)" + whereText
        if !uniqueKeys.isEmpty {
            text += " group by " + uniqueKeys.joined(separator: ", ")
            if computed != nil, random.chance(40) {
                text += " having rate \(random.pick(["<", ">"])) \(random.below(20))"
            } else if random.chance(25) { text += " having count > \(random.next() % 5)" }
            if computed != nil, random.chance(50) {
                text += " order by rate" + (random.chance(50) ? " desc" : "")
            } else if random.chance(40) { text += " order by count" + (random.chance(50) ? " desc" : "") }
            // Within groups: `limit N per KEY` and the values worked out down the rows.
            let per = computed == nil && uniqueKeys.count > 1 && random.chance(30) ? random.pick(uniqueKeys) : nil
            if random.chance(30) {
                text += " limit \(random.next() % 10 + 1)" + (per.map { " per \($0)" } ?? "")
                if per != nil, random.chance(30) { text += " with ties" }
            }
            if computed == nil, random.chance(30) {
                let items = (0..<Int(random.next() % 2) + 1).map { _ in random.pick(WithinItem.allCases.map(\.rawValue)) }
                text += " with " + items.joined(separator: ", ") + (per.map { " per \($0)" } ?? "")
            }
        }
        return text
    }
}
