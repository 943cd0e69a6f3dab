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
private func adviseHugePages(_ memory: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
    guard let base = memory.baseAddress else { return }
    let pageSize = 4096
    let start = (Int(bitPattern: base) + pageSize - 1) & ~(pageSize - 1)
    let end = (Int(bitPattern: base) + memory.count) & ~(pageSize - 1)
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, MADV_HUGEPAGE)
    #endif
}
