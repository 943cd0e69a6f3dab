#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Which of 64 consecutive bytes end a field (comma, LF, CR) and which need a closer look
/// (quote, NUL, or any byte of a non-ASCII character): bit `i` stands for byte `i`.
///
/// The fast CSV reader classifies its window 64 bytes at a time and then finds each field's
/// end with one bit scan, instead of testing every byte.
struct ByteClasses {
    var separators: UInt64
    var specials: UInt64

    /// Classifies `base[0..<64]`, all of which must be readable.
    @inline(__always)
    static func of64(_ base: UnsafePointer<UInt8>) -> ByteClasses {
        #if arch(x86_64)
        // SSE2 is part of every x86-64 processor, so these need no run-time check.
        let comma = _mm_set1_epi8(Int8(bitPattern: CSVByte.comma))
        let lineFeed = _mm_set1_epi8(Int8(bitPattern: CSVByte.lineFeed))
        let carriageReturn = _mm_set1_epi8(Int8(bitPattern: CSVByte.carriageReturn))
        let quote = _mm_set1_epi8(Int8(bitPattern: CSVByte.quote))
        let zero = _mm_setzero_si128()
        var separators: UInt64 = 0
        var specials: UInt64 = 0
        for part in 0..<4 {
            // Safe: reads base[16 * part ..< 16 * part + 16], inside the 64 readable bytes.
            let bytes = _mm_loadu_si128(UnsafeRawPointer(base + 16 * part).assumingMemoryBound(to: __m128i.self))
            let ends = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, lineFeed)),
                                    _mm_cmpeq_epi8(bytes, carriageReturn))
            // A byte's top bit marks it: set for a match, and for a non-ASCII byte itself.
            let odd = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, zero)), bytes)
            separators |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(ends))) << (16 * part)
            specials |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(odd))) << (16 * part)
        }
        return ByteClasses(separators: separators, specials: specials)
        #else
        var classes = ByteClasses(separators: 0, specials: 0)
        for index in 0..<64 {
            let byte = base[index]
            if byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                classes.separators |= 1 << UInt64(index)
            } else if byte == CSVByte.quote || byte == 0 || byte >= 0x80 {
                classes.specials |= 1 << UInt64(index)
            }
        }
        return classes
        #endif
    }
}
