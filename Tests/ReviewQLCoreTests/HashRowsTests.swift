import Foundation
import Testing
@testable import ReviewQLCore

/// A line starting with `#` that has as many fields as the rows is read as data (`TableShape`
/// rule 5: `#1,Norfolk,3` is a row). When most of the first column does not start with `#`, it
/// may be a comment written with commas in it, and every count holds it: the load says so, on
/// each way a CSV file is read (shaped whole, by blocks, in parallel from disk). The expected row
/// numbers follow from how each text is built here.
@Suite struct HashRowsTests {
    static let comment = "# checked, by the board, in 2009, x\n"

    @Test func aCommentShapedLikeTheRowsIsNamedInANote() {
        let text = MidSizeTextTests.header + MidSizeTextTests.rows(2) + Self.comment + MidSizeTextTests.rows(2, from: 3)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 5\nid: text"))
        #expect(outcome.contains("note: row 3 of the table starts with # (\"# checked\"…) but has as many fields as the other rows, "
            + "so it is read as data, and counted; if it is a comment, delete it from the file"))
    }

    @Test func aCommentBetweenTheBlocksIsNamedToo() {
        let text = MidSizeTextTests.header + MidSizeTextTests.rows(3_000) + Self.comment + Self.comment
            + MidSizeTextTests.rows(3_000, from: 3_001)
        #expect(text.utf8.count > 2 * CSVReader.sniffBlock)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 6002\nid: text"))
        #expect(outcome.contains("note: 2 rows of the table (the first is row 3001) start with # (\"# checked\"…)"))
    }

    @Test func aCommentInALargeFileReadInParallelIsNamedToo() throws {
        let text = MidSizeTextTests.header + MidSizeTextTests.rows(20_000) + Self.comment + MidSizeTextTests.rows(20_000, from: 20_001)
        #expect(text.utf8.count > ParallelCSVReader.minimumFileSize)
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("reviewql-hash-\(UUID().uuidString).csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let loaded = try CSVReader.loadFile(path: file.path, name: "t")
        #expect(loaded.table.rowCount == 40_001)
        #expect(loaded.notes.map(\.text).contains { $0.hasPrefix("row 20001 of the table starts with # (\"# checked\"…)") })
    }

    @Test func rowsNumberedWithAHashAreDataWithNoNote() {
        let text = "id,authority,reviews\n#1,Norfolk,3\n#2,Leeds,4\n#3,Kent,5\n"
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 3\nid: text"))
        #expect(!outcome.contains("note:"))
    }

    @Test func aLoneHashAndOtherColumnsAreNotLookedAt() {
        // A lone `#` is a value (rule 5 reads it as a column of row numbers); `#` in a later column is data.
        let text = "id,tag,reviews\n1,#ofsted,3\n2,#,4\n#,x,5\n"
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(!outcome.contains("starts with #") && !outcome.contains("start with #"))
    }
}
