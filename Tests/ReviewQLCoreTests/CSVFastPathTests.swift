import Foundation
import Testing
@testable import ReviewQLCore

/// The parallel fast path (`ParallelCSVReader`) against the exact reader: part of
/// `CSVReaderTests`, in a file of its own.
extension CSVReaderTests {
    // MARK: - The parallel fast path

    /// The fast path on `bytes`, cut into `pieces` with a window of `window` bytes: its table
    /// as `describe` shows it, or nil when it leaves the file to `CSVReader`.
    static func fastOutcome(_ bytes: [UInt8], pieces: Int, window: Int, sample: Int = 1000) -> String? {
        fastTable(bytes, pieces: pieces, window: window, sample: sample).map(describe)
    }

    /// The fast path's table for `bytes`, or nil when it leaves the file to `CSVReader`.
    static func fastTable(_ bytes: [UInt8], pieces: Int, window: Int, sample: Int = 1000) -> Table? {
        bytes.withUnsafeBytes { memory in
            ParallelCSVReader.read(ByteSource(memory: memory), name: "t", pieceCount: pieces, windowSize: window,
                                   sampleRows: sample)
        }
    }

    /// Piece counts, window sizes and samples that put cuts and window ends everywhere in small
    /// files, and make the sample's guess at a column's type right, wrong or missing.
    static let cuttings: [(pieces: Int, window: Int, sample: Int)] = [
        (1, 64, 1000), (1, 1 << 20, 1), (2, 64, 1000), (2, 64, 3), (3, 100, 1), (5, 257, 10), (8, 64, 1000), (8, 64, 2),
    ]

    /// On every fixture, the fast path gives the reference table, or gives up; and it always
    /// gives up on a file with a problem, so the reference reader reports it.
    @Test(arguments: fixtures)
    func fastPathAgreesOnFixture(_ fixture: Fixture) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtureDirectory.appendingPathComponent(fixture.file)))
        let reference = Self.rawOutcome(bytes, file: fixture.file)
        let referenceFailed = (try? CSVReader.read(bytes, name: "t", file: fixture.file)) == nil
        for (pieces, window, sample) in Self.cuttings {
            let fast = Self.fastOutcome(bytes, pieces: pieces, window: window, sample: sample)
            if referenceFailed {
                #expect(fast == nil, "\(pieces) pieces, window \(window)")
            } else if let fast {
                #expect(fast == reference, "\(pieces) pieces, window \(window)")
            }
        }
    }

    /// Files with quoted fields (commas, doubled quotes, line breaks), CRLF and CR line ends,
    /// empty lines, non-ASCII text, blank and missing cells, and every type: the fast path
    /// reads each into the reference table however the file is cut.
    @Test(arguments: 0..<40)
    func fastPathAgreesOnRandomFile(_ seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &+ SplitMix.step)
        let bytes = Self.randomCSV(&random, rows: 20 + random.below(400))
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        var readAtLeastOnce = false
        for (pieces, window, sample) in Self.cuttings + [(2 + random.below(6), 64 + random.below(300), 1 + random.below(50))] {
            guard let fast = Self.fastOutcome(bytes, pieces: pieces, window: window, sample: sample) else { continue }
            readAtLeastOnce = true
            #expect(fast == reference, "seed \(seed), \(pieces) pieces, window \(window), sample \(sample)")
        }
        // These files have nothing the fast path leaves to the reference reader.
        #expect(readAtLeastOnce, "seed \(seed): the fast path gave up")
    }

    /// A cut guessed at a line break inside a quoted field is caught (the piece before does not
    /// end there) and the file is read again as one piece, correctly.
    @Test func aCutInsideAQuotedFieldIsCaught() throws {
        var csv = "id,note\n"
        for row in 0..<2_000 { csv += "\(row),\"line one\nline two\nline three\"\n" }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        for pieces in 2...6 {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 4096) == reference)
        }
    }

    /// Short rows first and long rows after: the sample's estimate of rows per piece is far too
    /// high for the later pieces' slots... and far too low for the first's when reversed. Either
    /// way the columns come out right (joined from the pieces' own arrays where slots overflow).
    @Test(arguments: [false, true])
    func rowsOfVeryDifferentLengths(_ longFirst: Bool) {
        var rows: [String] = []
        for row in 0..<3_000 { rows.append("\(row),\(row % 2 == 0 ? "1.5" : "2"),short,yes") }
        for row in 0..<3_000 { rows.append("\(row),7,\(String(repeating: "long text ", count: 20 + row % 5)),no") }
        if longFirst { rows.reverse() }
        let bytes = Array(("n,x,t,b\n" + rows.joined(separator: "\n") + "\n").utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        for (pieces, sample) in [(2, 1000), (4, 50), (7, 5)] {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 4096, sample: sample) == reference, "\(pieces) pieces")
        }
    }

    /// Columns whose type the sample cannot know (empty at first), or gets wrong (integers,
    /// then decimals; integers in one piece and decimals in another): joined right.
    @Test func typesTheSampleDidNotSee() {
        var csv = "late,widens,split,t\n"
        for row in 0..<4_000 {
            let late = row < 1_500 ? "" : String(row)
            let widens = row < 2_500 ? String(row) : "\(row).5"
            let split = row < 2_000 ? String(row % 10) : "0.\(row % 10)"
            csv += "\(late),\(widens),\(split),\(row < 10 ? "" : "x\(row % 3)")\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        #expect(reference.hasPrefix("rows: 4000\nlate: integer | widens: decimal | split: decimal | t: text"))
        for (pieces, sample) in [(1, 5), (2, 5), (3, 1000), (6, 1)] {
            #expect(Self.fastOutcome(bytes, pieces: pieces, window: 512, sample: sample) == reference, "\(pieces) pieces")
        }
    }

    /// Text columns get one-byte codes from the start when the sample has few values. Here the
    /// sample (the first 1000 rows) has 10 values, and then: (a) one piece meets 400 more, so
    /// its own dictionary outgrows the byte; (b) each of two pieces has about 200 values of its
    /// own, 410 together; (c) the pieces' values overlap and number 200 together. Each way the table
    /// is the reference reader's, and the codes take the fewest bytes that hold the dictionary.
    @Test(arguments: [
        ("a", 1, 410, 2), ("a", 3, 410, 2), ("b", 2, 410, 2), ("c", 2, 200, 1), ("c", 5, 200, 1),
    ])
    func textCodesNarrowAndWiden(_ shape: String, _ pieces: Int, _ distinct: Int, _ width: Int) throws {
        var csv = "n,t\n"
        for row in 0..<4_000 {
            let value: String
            switch shape {
            case "a": value = row < 2_000 ? "s\(row % 10)" : "v\(row % 400)"
            case "b": value = row < 1_000 ? "s\(row % 10)" : row < 2_000 ? "p\(row % 200)" : "q\(row % 200)"
            default: value = row < 1_000 ? "s\(row % 10)" : row < 2_500 ? "v\(row % 100)" : "v\(50 + row % 140)"
            }
            csv += "\(row),\(value)\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        let table = try #require(Self.fastTable(bytes, pieces: pieces, window: 4096))
        #expect(Self.describe(table) == reference)
        guard case .text(let codes, let dictionary) = table.columns[1].storage else {
            Issue.record("column t is not text")
            return
        }
        #expect(dictionary.count == distinct)
        #expect(codes.width == width)
        // Every row's value through its code, against the file (counted independently above).
        for row in [0, 999, 1_000, 2_499, 2_500, 3_999] {
            let expected = String(csv.split(separator: "\n")[row + 1].split(separator: ",")[1])
            #expect(table.columns[1].value(at: row) == .text(expected), "row \(row)")
        }
    }

    /// Integer columns get four-byte values from the start when the sample's are small. Here
    /// the sample has ids below 1000; later a piece meets 2^40 (which needs eight bytes) or
    /// only values that grow but fit. Either way the table is the reference reader's, and the
    /// values take four bytes only when every one fits.
    @Test(arguments: [(1, true, 8), (3, true, 8), (1, false, 4), (4, false, 4)])
    func integerValuesNarrowAndWiden(_ pieces: Int, _ huge: Bool, _ width: Int) throws {
        var csv = "n,m\n"
        for row in 0..<4_000 {
            let m = huge && row == 3_000 ? "1099511627776" : String(row * 1_000)
            csv += "\(row),\(m)\n"
        }
        let bytes = Array(csv.utf8)
        let reference = Self.rawOutcome(bytes, file: "t.csv")
        let table = try #require(Self.fastTable(bytes, pieces: pieces, window: 4096))
        #expect(Self.describe(table) == reference)
        guard case .integer(let values) = table.columns[1].storage else {
            Issue.record("column m is not integer")
            return
        }
        #expect(values.width == width)
        #expect(table.columns[1].value(at: 3_000) == .integer(huge ? 1 << 40 : 3_000_000))
        #expect(table.columns[1].value(at: 3_999) == .integer(3_999_000))
    }

    /// A big file (over the fast path's threshold) with a problem on its last line: the error
    /// is the reference reader's, word for word and at the same place.
    @Test func aProblemInALargeFileIsReportedExactly() throws {
        var csv = "id,name,when\n"
        for row in 0..<60_000 { csv += "\(row),\"Bristol, City of\",2009-04-0\(row % 9 + 1)\n" }
        csv += "60000,Leeds,2009-04-01,extra\n"
        let path = try Self.temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(csv.utf8.count > ParallelCSVReader.minimumFileSize)
        do {
            _ = try CSVReader.load(path: path, name: "t")
            Issue.record("a ragged file loaded")
        } catch {
            #expect(error.message == "line 60002 has 4 fields but the header has 3")
            #expect(error.location == FileLocation(file: path, line: 60_002, column: 24))
        }
    }

    /// A big file whose column turns to text near its end (which needs its first rows read
    /// again) loads through the reference reader, with the same table.
    @Test func aLateTypeChangeInALargeFileLoads() throws {
        var csv = "n,t\n"
        for row in 0..<200_000 { csv += "\(row),x\n" }
        csv += "n/a,y\n"
        let path = try Self.temporaryFile(csv)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try CSVReader.load(path: path, name: "t")
        #expect(Self.describe(table) == Self.rawOutcome(Array(csv.utf8), file: "t.csv"))
        #expect(table.columns[0].type == .text)
    }

    /// A big, clean file loads through the fast path, into the reference table.
    @Test func aLargeFileLoadsThroughTheFastPath() throws {
        var random = SplitMix(seed: 7 &+ SplitMix.step)
        var bytes: [UInt8] = []
        var rows = 20_000
        while bytes.count <= ParallelCSVReader.minimumFileSize {
            bytes = Self.randomCSV(&random, rows: rows)
            rows *= 2
        }
        let path = try Self.temporaryFile(String(decoding: bytes, as: UTF8.self))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fast = try #require(try FileSnapshot.inPlace(path) { ParallelCSVReader.read($0, name: "t") })
        #expect(Self.describe(fast) == Self.rawOutcome(bytes, file: "t.csv"))
    }

    static func temporaryFile(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A valid CSV file whose columns keep one type from top to bottom (the fast path's case),
    /// written with every variation the reader accepts.
    static func randomCSV(_ random: inout SplitMix, rows: Int) -> [UInt8] {
        let kinds = ["integer", "decimal", "date", "boolean", "text", "quoted", "multiline", "sparse"]
        let columns = (0..<(1 + random.below(6))).map { _ in kinds[random.below(kinds.count)] }
        let lineEnds = ["\n", "\r\n", "\r"]
        let lineEnd = lineEnds[random.below(3)]
        var text = (random.below(4) == 0 ? "\u{FEFF}" : "") + columns.indices.map { "c\($0)" }.joined(separator: ",") + lineEnd
        let words = ["Leeds", "Barnsley", "Bristol, City of", "say \"hi\"", "café", "Zürich", "日本", "  padded  ", "a\nb", "y"]
        for row in 0..<rows {
            var cells: [String] = []
            for kind in columns {
                let missing = random.below(20) == 0
                switch kind {
                case "integer": cells.append(missing ? "" : random.below(5) == 0 ? " \(random.below(100)) " : String(Int(random.next() % 2_000_001) - 1_000_000))
                case "decimal": cells.append(missing ? "" : "\(random.below(1000)).\(random.below(100))" + (random.below(4) == 0 ? ["e-0\(random.below(9))", "E+3", "e12"][random.below(3)] : ""))
                case "date": cells.append(missing ? "" : String(format: random.below(2) == 0 ? "%02d/%02d/20%02d" : "20%3$02d-%2$02d-%1$02d", 1 + random.below(28), 1 + random.below(12), random.below(30)))
                case "boolean": cells.append(missing ? "" : ["yes", "No", "TRUE", "false", " yes", "no ", "True\t", "  "][random.below(8)])
                case "sparse": cells.append(row % 97 == 5 ? "v\(row % 3)" : "")
                default:
                    if missing { cells.append(random.below(2) == 0 ? "" : "\"\"") ; continue }
                    let word = words[random.below(kind == "text" ? 2 : words.count)]
                    let needsQuotes = word.contains { $0 == "," || $0 == "\"" || $0 == "\n" } || kind == "quoted" && random.below(3) == 0
                    cells.append(needsQuotes ? "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : word)
                }
            }
            text += cells.joined(separator: ",") + lineEnd
            if random.below(50) == 0 { text += lineEnd }  // an empty line, skipped
        }
        if random.below(2) == 0 { text += lineEnd + lineEnd }
        return Array(text.utf8)
    }
}
