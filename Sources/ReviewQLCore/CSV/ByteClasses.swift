#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Which of 64 consecutive bytes end a field (the separator, LF, CR) and which need a closer look
/// (quote, NUL, or any byte of a non-ASCII character): bit `i` stands for byte `i`.
///
/// The fast CSV reader classifies its window 64 bytes at a time and then finds each field's
/// end with one bit scan, instead of testing every byte.
struct ByteClasses {
    var separators: UInt64
    var specials: UInt64

    /// Classifies `base[0..<64]`, all of which must be readable; `separator` (a comma, tab,
    /// semicolon or pipe: ASCII, never a quote or line break) ends a field.
    @inline(__always)
    static func of64(_ base: UnsafePointer<UInt8>, separator: UInt8 = CSVByte.comma) -> ByteClasses {
        #if arch(x86_64)
        // SSE2 is part of every x86-64 processor, so these need no run-time check.
        let separatorBytes = _mm_set1_epi8(Int8(bitPattern: separator))
        let lineFeed = _mm_set1_epi8(Int8(bitPattern: CSVByte.lineFeed))
        let carriageReturn = _mm_set1_epi8(Int8(bitPattern: CSVByte.carriageReturn))
        let quote = _mm_set1_epi8(Int8(bitPattern: CSVByte.quote))
        let zero = _mm_setzero_si128()
        var separators: UInt64 = 0
        var specials: UInt64 = 0
        for part in 0..<4 {
            // Safe: reads base[16 * part ..< 16 * part + 16], inside the 64 readable bytes.
            let bytes = _mm_loadu_si128(UnsafeRawPointer(base + 16 * part).assumingMemoryBound(to: __m128i.self))
            let ends = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, separatorBytes), _mm_cmpeq_epi8(bytes, lineFeed)),
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
            if byte == separator || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn {
                classes.separators |= 1 << UInt64(index)
            } else if byte == CSVByte.quote || byte == 0 || byte >= 0x80 {
                classes.specials |= 1 << UInt64(index)
            }
        }
        return classes
        #endif
    }
}

/// Which of up to 64 consecutive dictionary codes equal one code: bit `i` for `codes[i]`. The
/// evaluator's test of `column = value` on a text column, 64 rows at a time.
enum CodeMatch {
    /// Compares `codes[0..<count]` (count ≤ 64, all readable) with `code`.
    @inline(__always)
    static func equal(_ codes: UnsafePointer<UInt32>, _ count: Int, _ code: UInt32) -> UInt64 {
        #if arch(x86_64)
        if count == 64 {
            // SSE2: four codes a compare; `movemask_ps` takes the top bit of each 32-bit lane.
            let wanted = _mm_set1_epi32(Int32(bitPattern: code))
            var bits: UInt64 = 0
            for part in 0..<16 {
                // Safe: reads codes[4 * part ..< 4 * part + 4], inside the 64 readable codes.
                let four = _mm_loadu_si128(UnsafeRawPointer(codes + 4 * part).assumingMemoryBound(to: __m128i.self))
                let matches = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(four, wanted)))
                bits |= UInt64(UInt32(bitPattern: matches)) << (4 * part)
            }
            return bits
        }
        #endif
        var bits: UInt64 = 0
        for index in 0..<count where codes[index] == code { bits |= 1 << UInt64(index) }
        return bits
    }

    /// As above, for one-byte codes (a dictionary of at most 256 values).
    @inline(__always)
    static func equal(_ codes: UnsafePointer<UInt8>, _ count: Int, _ code: UInt32) -> UInt64 {
        guard code < 256 else { return 0 }
        #if arch(x86_64)
        if count == 64 {
            // SSE2: sixteen codes a compare; `movemask_epi8` takes the top bit of each byte.
            let wanted = _mm_set1_epi8(Int8(bitPattern: UInt8(code)))
            var bits: UInt64 = 0
            for part in 0..<4 {
                // Safe: reads codes[16 * part ..< 16 * part + 16], inside the 64 readable codes.
                let sixteen = _mm_loadu_si128(UnsafeRawPointer(codes + 16 * part).assumingMemoryBound(to: __m128i.self))
                let matches = _mm_movemask_epi8(_mm_cmpeq_epi8(sixteen, wanted))
                bits |= UInt64(UInt16(truncatingIfNeeded: matches)) << (16 * part)
            }
            return bits
        }
        #endif
        var bits: UInt64 = 0
        for index in 0..<count where UInt32(codes[index]) == code { bits |= 1 << UInt64(index) }
        return bits
    }

    /// As above, for two-byte codes.
    @inline(__always)
    static func equal(_ codes: UnsafePointer<UInt16>, _ count: Int, _ code: UInt32) -> UInt64 {
        var bits: UInt64 = 0
        for index in 0..<count where UInt32(codes[index]) == code { bits |= 1 << UInt64(index) }
        return bits
    }
}
