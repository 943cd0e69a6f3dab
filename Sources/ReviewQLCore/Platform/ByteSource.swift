#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes read at an offset: a file, by descriptor, or a buffer in memory (`FileSnapshot`).
///
/// `@unchecked Sendable` is safe: `pread` may be called from several threads on one descriptor,
/// and the memory case is only read. Whoever makes a source keeps the descriptor open, or the
/// buffer alive, until every reader has finished.
struct ByteSource: @unchecked Sendable {
    private enum Storage {
        case file(Int32)
        case memory(UnsafeRawBufferPointer)
    }

    private let storage: Storage
    /// The size when reading started; nothing past it is read.
    let size: Int

    init(descriptor: Int32, size: Int) {
        storage = .file(descriptor)
        self.size = size
    }

    init(memory: UnsafeRawBufferPointer) {
        storage = .memory(memory)
        size = memory.count
    }

    /// Reads `count` bytes at `offset` (which with `count` stays within `size`) into `buffer`;
    /// false when they could not all be read (the file shrank, or a read failed).
    func read(into buffer: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) -> Bool {
        precondition(offset >= 0 && count >= 0 && offset + count <= size)
        switch storage {
        case .memory(let memory):
            // Safe: the range lies within `memory` by the precondition.
            UnsafeMutableRawPointer(buffer).copyMemory(from: memory.baseAddress! + offset, byteCount: count)
            return true
        case .file(let descriptor):
            var done = 0
            while done < count {
                let n = pread(descriptor, buffer + done, count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }
}
