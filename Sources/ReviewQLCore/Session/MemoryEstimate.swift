#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a load or a grouping would need in memory, estimated before it is made, and what is
/// said when it would not fit (`MemoryBudget` gives what is available). Worded in one place.
///
/// A CSV file's table takes between `leastFactor` and `mostFactor` times the file's size,
/// measured on this build (peak resident memory of `reviewql --load d=FILE -c "list d limit 1"`
/// less that of an empty run, by `/usr/bin/time -f %M`): 0.55 for an 82 MB file of numbers,
/// dates and repeated texts (1.5 M rows of six columns), 7.1 for a 75 MB file of texts each
/// different (1 M rows of three columns). Reading a file whole (to take its SHA-256, as the
/// shell does) adds the file's size once more.
enum MemoryEstimate {
    static let leastFactor = 0.4
    static let mostFactor = 7.5

    /// A load that would not fit even at the least it could take.
    case loadTooLarge(file: String, size: Int, least: Int, available: Int)
    /// A grouping that has made `groups` groups and would need `needed` bytes for more.
    case groupingTooLarge(groups: Int, needed: Int, available: Int)

    var diagnostic: Diagnostic {
        switch self {
        case .loadTooLarge(let file, let size, let least, let available):
            return Diagnostic(.error, "\(file) is \(MemoryBudget.words(size)); loading it would take at least \(MemoryBudget.words(least)) "
                              + "of memory, and \(MemoryBudget.words(available)) is available; it was not loaded",
                              help: "close other programs to free memory, or load a smaller file (fewer rows or columns)")
        case .groupingTooLarge(let groups, let needed, let available):
            return Diagnostic(.error, "this grouping has made \(groups) groups so far, and more would take about \(MemoryBudget.words(needed)) "
                              + "of memory, where \(MemoryBudget.words(available)) is available; it was stopped",
                              help: "group by fewer columns, or by columns with fewer values, or filter with where first")
        }
    }

    /// The note when a file may not fit: its table could take more than is available, though
    /// the least it could take fits.
    static func mayNotFit(file: String, most: Int, available: Int) -> Diagnostic {
        Diagnostic(.note, "\(file) could take up to \(MemoryBudget.words(most)) of memory if most of its values are different texts, "
                   + "and \(MemoryBudget.words(available)) is available")
    }

    /// Before loading the CSV file at `path`: an error when even the least its table could
    /// take is more than is available; a note when the most it could take is. `readWhole`:
    /// the file's bytes are held while it is read.
    static func checkLoad(path: String, readWhole: Bool) throws(Diagnostic) -> Diagnostic? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let available = MemoryBudget.available() else { return nil }
        let size = Int(info.st_size)
        let extra = readWhole ? Double(size) : 0
        let least = Int(Double(size) * leastFactor + extra), most = Int(Double(size) * mostFactor + extra)
        if least > available { throw loadTooLarge(file: path, size: size, least: least, available: available).diagnostic }
        return most > available ? mayNotFit(file: path, most: most, available: available) : nil
    }

    /// The bytes a grouping of `groups` groups of `keys` key values takes: each group's key
    /// (an array of values), its place in the index (the key again, and a slot), and its record.
    static func groupingBytes(groups: Int, keys: Int) -> Int {
        let key = 32 + keys * MemoryLayout<Value>.stride
        return groups * (2 * key + 64)
    }

    /// Called as a grouping reaches `groups` groups (each power of two from 65,536, where its
    /// arrays grow): an error when twice as many would not fit in what is available.
    static func checkGrouping(groups: Int, keys: Int) throws(Diagnostic) {
        guard let available = MemoryBudget.available() else { return }
        let needed = groupingBytes(groups: 2 * groups, keys: keys)
        if needed > available { throw groupingTooLarge(groups: groups, needed: needed, available: available).diagnostic }
    }
}
