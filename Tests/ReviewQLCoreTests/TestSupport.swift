import Foundation
@testable import ReviewQLCore

/// A session over the bundled data, loaded once per test process.
enum Bundled {
    static let dataFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Data").path

    static func session() -> Session {
        let session = Session()
        let problems = session.loadDataDirectory(dataFolder)
        precondition(problems.isEmpty, "bundled data failed to load: \(problems.map(\.message))")
        return session
    }
}

extension Session {
    /// The result of the last statement of `text`; records a test issue if any failed.
    func result(_ text: String) throws -> QueryResult {
        let outcomes = run(text)
        if let failure = outcomes.first(where: \.failed) {
            throw failure.diagnostics.first { $0.severity == .error }!
        }
        guard case .result(let result)? = outcomes.last?.output else {
            throw Diagnostic.error("no result from: \(text)")
        }
        return result
    }

    /// The single number a query such as `count reviews` gives.
    func number(_ text: String) throws -> Double? {
        try result(text).table.columns.first?.value(at: 0).number
    }

    /// A grouped result as key → first measure.
    func counts(_ text: String) throws -> [String: Int64] {
        let table = try result(text).table
        var counts: [String: Int64] = [:]
        for row in 0..<table.rowCount {
            let measureColumn = table.columns[table.columns.count - (table.column(named: "percent") == nil ? 1 : 2)]
            if case .integer(let n) = measureColumn.value(at: row) {
                counts[ValueFormatter.plain(table.columns[0].value(at: row))] = n
            }
        }
        return counts
    }
}
