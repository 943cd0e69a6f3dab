/// Dictionary-encodes a text column: each row gets the code of its value, and each distinct
/// value is stored once, in order of first appearance.
///
/// Cells are looked up by their bytes in an open-addressing hash table, so a row whose value
/// was seen before costs a hash and a compare; a `String` is made only for a new value.
struct TextColumnBuilder {
    private(set) var codes: [UInt32] = []
    private(set) var dictionary: [String] = []
    /// The distinct values' bytes, back to back; value `code` is at
    /// `entryStarts[code]..<entryStarts[code + 1]`.
    private var storage: [UInt8] = []
    private var entryStarts: [Int] = [0]
    private var entryHashes: [UInt64] = []
    /// Hash table slots: 0 for empty, otherwise a code plus one.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)

    var rowCount: Int { codes.count }

    /// Missing rows take code 0; the column's missing bitmap says they hold nothing.
    mutating func appendPlaceholders(_ count: Int) {
        codes.append(contentsOf: repeatElement(0, count: count))
    }

    @inline(__always)
    mutating func append(_ cell: UnsafeBufferPointer<UInt8>) {
        codes.append(code(for: cell))
    }

    mutating func reserveCapacity(_ rowCount: Int) {
        codes.reserveLargeCapacity(rowCount)
    }

    /// Appends codes already looked up with `code(for:)`.
    mutating func appendCodes(_ newCodes: [UInt32]) {
        codes.append(contentsOf: newCodes)
    }

    mutating func appendCodes(_ newCodes: UnsafeBufferPointer<UInt32>) {
        codes.append(contentsOf: newCodes)
    }

    /// Takes the codes out, leaving the dictionary (the fast reader writes them elsewhere).
    mutating func removeCodes() -> [UInt32] {
        defer { codes = [] }
        return codes
    }

    mutating func prependCodes(_ earlier: [UInt32]) {
        codes = earlier + codes
    }

    /// The code of `value`, adding it to the dictionary when it is new.
    @inline(__always)
    mutating func code(for value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if entryHashes[code] == hash && storedValueEquals(code, value) { return UInt32(code) }
            slot = (slot + 1) & mask
        }
        let code = UInt32(dictionary.count)
        slots[slot] = code + 1
        storage.append(contentsOf: value)
        entryStarts.append(storage.count)
        entryHashes.append(hash)
        dictionary.append(String(decoding: value, as: UTF8.self))
        if dictionary.count * 2 > slots.count { growSlots() }
        return code
    }

    @inline(__always)
    private func storedValueEquals(_ code: Int, _ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = entryStarts[code]
        guard entryStarts[code + 1] - start == value.count else { return false }
        guard let valueStart = value.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { stored in
            Self.bytesEqual(UnsafeRawPointer(stored.baseAddress! + start), UnsafeRawPointer(valueStart), value.count)
        }
    }

    /// Whether `count` bytes at `a` and `b` are equal, compared a word at a time.
    @inline(__always)
    private static func bytesEqual(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        // Safe: each load reads `a[offset..<offset + width]` and the same of `b` with
        // `offset + width <= count`; loads may overlap, which is harmless when comparing.
        if count >= 8 {
            var offset = 0
            while offset + 8 <= count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset += 8
            }
            return a.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == b.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        return shortWord(a, count) == shortWord(b, count)
    }

    /// Up to 7 bytes read into one word with at most three loads (overlapping when that is
    /// shorter); equal byte strings of the same length give equal words. Every load lies within
    /// `bytes[0..<count]`.
    @inline(__always)
    private static func shortWord(_ bytes: UnsafeRawPointer, _ count: Int) -> UInt64 {
        if count >= 4 {
            return UInt64(bytes.loadUnaligned(as: UInt32.self))
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        }
        if count == 0 { return 0 }
        return UInt64(bytes.load(as: UInt8.self))
            | UInt64(bytes.load(fromByteOffset: count >> 1, as: UInt8.self)) << 8
            | UInt64(bytes.load(fromByteOffset: count - 1, as: UInt8.self)) << 16
    }

    private mutating func growSlots() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (code, hash) in entryHashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(code + 1)
        }
    }

    /// These rows followed by `later`'s, with `later`'s codes renumbered into this dictionary
    /// (its values new here are added in their order of first appearance).
    func appending(_ later: TextColumnBuilder) -> TextColumnBuilder {
        var merged = self
        var renumbered: [UInt32] = []
        renumbered.reserveCapacity(later.dictionary.count)
        later.storage.withUnsafeBufferPointer { laterStorage in
            for code in later.dictionary.indices {
                let range = later.entryStarts[code]..<later.entryStarts[code + 1]
                renumbered.append(merged.code(for: UnsafeBufferPointer(rebasing: laterStorage[range])))
            }
        }
        merged.codes.reserveCapacity(codes.count + later.codes.count)
        if renumbered.isEmpty {
            merged.codes.append(contentsOf: later.codes)  // only placeholders
        } else {
            for code in later.codes { merged.codes.append(renumbered[Int(code)]) }
        }
        return merged
    }

    /// Adds `later`'s values to this dictionary (those new here in their order in `later`)
    /// and returns, for each of `later`'s codes, its code here; nil when they are the same.
    mutating func mergeDictionary(_ later: TextColumnBuilder) -> [UInt32]? {
        var renumbered: [UInt32] = []
        renumbered.reserveCapacity(later.dictionary.count)
        var isIdentity = true
        later.storage.withUnsafeBufferPointer { laterStorage in
            for code in later.dictionary.indices {
                let range = later.entryStarts[code]..<later.entryStarts[code + 1]
                let mapped = self.code(for: UnsafeBufferPointer(rebasing: laterStorage[range]))
                if mapped != UInt32(code) { isIdentity = false }
                renumbered.append(mapped)
            }
        }
        return isIdentity ? nil : renumbered
    }

    /// A fast, well-mixed 64-bit hash of a byte string, read a word at a time.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var last: UInt64
        if count >= 8 {
            // Safe: each load reads bytes[offset..<offset + 8] with offset + 8 <= count.
            var offset = 0
            while offset + 8 < count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                offset += 8
            }
            last = raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else {
            last = shortWord(raw, count)
        }
        hash = (hash ^ last) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
    }
}
