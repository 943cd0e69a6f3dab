#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Array where Element: BitwiseCopyable {
    /// Makes room for `capacity` elements in all, like `reserveCapacity`; for an array of many
    /// megabytes, also asks the kernel to back it with huge pages.
    ///
    /// Filling a column of ten million rows otherwise takes a page fault (and a zeroed page)
    /// every 4 KiB; with 2 MiB pages, faults all but vanish from the time a large file takes
    /// to load.
    mutating func reserveLargeCapacity(_ capacity: Int) {
        guard capacity > self.capacity else { return }
        guard capacity * MemoryLayout<Element>.stride >= 4 << 20 else {
            reserveCapacity(capacity)
            return
        }
        let old = self
        self = Array(unsafeUninitializedCapacity: capacity) { buffer, initializedCount in
            adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            // The old elements are plain bits, so copying them initializes the new ones.
            old.withUnsafeBufferPointer { oldElements in
                if let source = oldElements.baseAddress {
                    buffer.baseAddress!.initialize(from: source, count: oldElements.count)
                }
            }
            initializedCount = old.count
        }
    }
}

/// Tells the kernel that `memory` will be filled and kept: back it with huge pages where it can.
/// Only the whole pages inside `memory` are named, and the advice changes how they are mapped,
/// never what they hold, so it is safe on any memory we own.
func adviseHugePages(_ memory: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard memory.count >= 4 << 20, let (start, length) = wholePages(memory, from: 0) else { return }
    _ = madvise(start, length, MADV_HUGEPAGE)
    #endif
}

/// Gives the kernel back the pages of `memory` past its first `byteCount` bytes, which must hold
/// nothing that will be read (the unused capacity of an array). They stay ours: touched again,
/// they come back as zeros. Only whole pages inside `memory` are released.
func releasePages(_ memory: UnsafeMutableRawBufferPointer, after byteCount: Int) {
    #if os(Linux)
    guard memory.count - byteCount >= 1 << 20, let (start, length) = wholePages(memory, from: byteCount) else { return }
    _ = madvise(start, length, MADV_DONTNEED)
    #endif
}

/// The whole pages of `memory` from byte `offset` on: where they start and how many bytes.
private func wholePages(_ memory: UnsafeMutableRawBufferPointer, from offset: Int) -> (UnsafeMutableRawPointer, Int)? {
    guard let base = memory.baseAddress else { return nil }
    let pageSize = 4096
    let start = (Int(bitPattern: base) + offset + pageSize - 1) & ~(pageSize - 1)
    let end = (Int(bitPattern: base) + memory.count) & ~(pageSize - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return nil }
    return (pointer, end - start)
}
