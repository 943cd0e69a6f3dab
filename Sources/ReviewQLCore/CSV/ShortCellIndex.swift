/// A hash table from short cells (up to 32 bytes, held inline as four words) to a 32-bit
/// value, a text column's code. A repeated cell costs one hash and one probe, without
/// following a pointer to compare bytes.
struct ShortCellIndex {
    static let maximumLength = 32
    /// Past this many entries, new cells are no longer added (they are still answered the
    /// general way), which bounds the table's memory.
    private static let maximumCount = 1 << 16

    /// A cell's bytes as four little-endian words, zero past its end.
    struct Key: Equatable {
        var words: (UInt64, UInt64, UInt64, UInt64)

        static func == (a: Key, b: Key) -> Bool {
            // All four compared without stopping early: one branch, not four.
            ((a.words.0 ^ b.words.0) | (a.words.1 ^ b.words.1) | (a.words.2 ^ b.words.2) | (a.words.3 ^ b.words.3)) == 0
        }
    }

    private struct Entry {
        var key = Key(words: (0, 0, 0, 0))
        /// The cell's length (1 to 32) in the high half and the value in the low half; 0 for
        /// an empty slot.
        var tag: UInt64 = 0
    }

    private var entries = [Entry](repeating: Entry(), count: 256)
    private var count = 0

    /// Word `index` (0 to 3) of a cell of `count` bytes at `raw`: its bytes `8 * index ..<
    /// 8 * index + 8`, zero past the cell's end.
    ///
    /// Reads 8 bytes at `raw + 8 * index`, up to 32 bytes from the cell's start: safe because
    /// every cell handed to it lies in the parser's window, which keeps
    /// `CSVChunkParser.windowPadding` (64) initialized bytes after its capacity.
    @inline(__always)
    static func word(_ raw: UnsafeRawPointer, _ index: Int, count: Int) -> UInt64 {
        let value = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 &* index, as: UInt64.self))
        // The bytes of the cell in this word: 0 to 8.
        let bytes = min(max(count &- 8 &* index, 0), 8)
        // For 1 to 8 bytes, a shift of 56 down to 0 keeps them; for none, nothing is kept.
        return bytes == 0 ? 0 : value & (UInt64.max &>> UInt64(64 &- 8 &* bytes))
    }

    /// The key of a cell of up to `maximumLength` bytes in the window.
    @inline(__always)
    static func key(_ cell: UnsafeBufferPointer<UInt8>) -> Key {
        let raw = UnsafeRawPointer(cell.baseAddress!)
        let count = cell.count
        return Key(words: (word(raw, 0, count: count), word(raw, 1, count: count),
                           word(raw, 2, count: count), word(raw, 3, count: count)))
    }

    @inline(__always)
    private func slot(_ key: Key, _ length: Int) -> Int {
        // Rotations keep the words' bytes apart before the one multiply mixes them.
        @inline(__always) func rotated(_ word: UInt64, _ bits: UInt64) -> UInt64 { word << bits | word >> (64 - bits) }
        let folded = key.words.0 ^ rotated(key.words.1, 19) ^ rotated(key.words.2, 37) ^ rotated(key.words.3, 53)
            ^ UInt64(truncatingIfNeeded: length)
        return Int(truncatingIfNeeded: (folded &* 0xFF51_AFD7_ED55_8CCD) >> 32) & (entries.count - 1)
    }

    @inline(__always)
    func find(_ key: Key, length: Int) -> UInt32? {
        var index = slot(key, length)
        let mask = entries.count - 1
        return entries.withUnsafeBufferPointer { entries in
            while true {
                let entry = entries[index]
                if entry.tag == 0 { return nil }
                if entry.key == key && Int(entry.tag >> 32) == length {
                    return UInt32(truncatingIfNeeded: entry.tag)
                }
                index = (index + 1) & mask
            }
        }
    }

    /// Adds a cell not yet in the table (or does nothing once the table is full).
    mutating func insert(_ key: Key, length: Int, value: UInt32) {
        guard count < Self.maximumCount else { return }
        if (count + 1) * 2 > entries.count { grow() }
        var index = slot(key, length)
        while entries[index].tag != 0 { index = (index + 1) & (entries.count - 1) }
        entries[index] = Entry(key: key, tag: UInt64(length) << 32 | UInt64(value))
        count += 1
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(), count: old.count * 2)
        for entry in old where entry.tag != 0 {
            var index = slot(entry.key, Int(entry.tag >> 32))
            while entries[index].tag != 0 { index = (index + 1) & (entries.count - 1) }
            entries[index] = entry
        }
    }
}
