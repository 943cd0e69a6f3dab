import Testing
@testable import ReviewQLCore

/// Texts longer than two sniffing blocks (128 KB) are shaped by their first and last blocks
/// when those show a plain table (`TableLayout.find`, `byBlocks`); the rows between are then
/// read as they are. Whatever the blocks miss must come out as it does when the text is shaped
/// whole: a header repeated in the middle, a comment line, a line of another shape. The
/// expected counts and line numbers follow from how each text is built here.
@Suite struct MidSizeTextTests {
    static let header = "id,authority,judgement,children\n"

    /// `count` rows numbered from `first`, each line about 30 bytes.
    static func rows(_ count: Int, from first: Int = 1) -> String {
        let judgements = ["Inadequate", "Adequate", "Good"]
        return (first..<first + count).map { "\($0),Authority \($0 % 150),\(judgements[$0 % 3]),\($0 % 10)\n" }.joined()
    }

    static func layout(_ text: String) throws -> TableLayout {
        try Array(text.utf8).withUnsafeBufferPointer { text in
            try TableLayout.find(text, from: 0, separator: UInt8(ascii: ","), headerLine: nil)
        }
    }

    @Test func aPlainTextOverTwoBlocksIsShapedByItsBlocks() throws {
        let text = Self.header + Self.rows(6_000)
        #expect(text.utf8.count > 2 * CSVReader.sniffBlock)
        #expect(try Self.layout(text).byBlocks)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 6000\nid: integer | authority: text | judgement: text | children: integer"))
        #expect(!outcome.contains("left out") && !outcome.contains("dropped"))
    }

    @Test func aTextOfTwoBlocksOrLessIsShapedWhole() throws {
        let text = Self.header + Self.rows(3_000)
        #expect(text.utf8.count <= 2 * CSVReader.sniffBlock)
        #expect(try !Self.layout(text).byBlocks)
    }

    @Test func aHeaderRepeatedBetweenTheBlocksIsDropped() {
        let text = Self.header + Self.rows(3_000) + Self.header + Self.rows(3_000, from: 3_001)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        // Line 1 is the header and lines 2–3001 the first 3,000 rows: the repeat is line 3002.
        #expect(outcome.hasPrefix("rows: 6000\nid: integer"))
        #expect(outcome.contains("note: dropped line 3002, which repeats the header"))
    }

    @Test func aCommentLineBetweenTheBlocksIsDropped() {
        let text = Self.header + Self.rows(3_000) + "# checked by the board in 2009\n" + Self.rows(3_000, from: 3_001)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 6000\nid: integer"))
        #expect(outcome.contains("comment line starting with # inside the table (line 3002)"))
    }

    @Test func aLineOfAnotherShapeBetweenTheBlocksIsReportedWhereItIs() {
        let odd = "9999,Authority 1,Good\n"
        let text = Self.header + Self.rows(3_000) + odd + Self.rows(3_000, from: 3_002)
        let small = Self.header + Self.rows(3) + odd + Self.rows(3, from: 5)
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        // The same problem as in a small text shaped whole, on its own line (3002, not 5).
        let smallOutcome = CSVReaderTests.outcome(Array(small.utf8), file: "t.csv")
        #expect(outcome.contains("3002"))
        #expect(outcome.replacingOccurrences(of: "3002", with: "5") == smallOutcome)
    }

    @Test func footnotesBelowTheTableAreLeftOutWithANote() {
        let text = Self.header + Self.rows(6_000) + "\nSource: Ofsted\n"
        let outcome = CSVReaderTests.outcome(Array(text.utf8), file: "t.csv")
        #expect(outcome.hasPrefix("rows: 6000\nid: integer"))
        #expect(outcome.contains("left out lines 6002–6003 below the table"))
    }
}
