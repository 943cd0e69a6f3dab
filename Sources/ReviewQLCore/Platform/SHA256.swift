/// SHA-256 (FIPS 180-4), for naming exactly which file a handout's numbers came from. Written
/// here because the library avoids Foundation, and one hash does not justify a dependency.
public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest as 64 lower-case hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finishHex()
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = Hasher()
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finish()
    }

    /// A digest computed piece by piece, so a file can be hashed as it is read, without a
    /// second pass over its bytes or a copy of them.
    public struct Hasher {
        private var state: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        /// The bytes of an unfinished 64-byte block, carried to the next `update`.
        private var pending: [UInt8] = []
        private var byteCount: UInt64 = 0

        public init() {}

        /// Adds `bytes` to the message.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard !bytes.isEmpty else { return }
            byteCount &+= UInt64(bytes.count)
            var offset = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<take])
                offset = take
                guard pending.count == 64 else { return }
                pending.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!, blocks: 1) }
                pending.removeAll(keepingCapacity: true)
            }
            let blocks = (bytes.count - offset) / 64
            if blocks > 0 { SHA256.compress(&state, bytes.baseAddress! + offset, blocks: blocks) }
            offset += blocks * 64
            if offset < bytes.count { pending.append(contentsOf: bytes[offset...]) }
        }

        /// The digest of everything added (the hasher is spent after this).
        public mutating func finish() -> [UInt8] {
            let bitLength = byteCount &* 8
            var tail = pending
            tail.append(0x80)
            while tail.count % 64 != 56 { tail.append(0) }
            for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
            tail.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!, blocks: tail.count / 64) }
            return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * $0)) } }
        }

        /// `finish` as 64 lower-case hex digits, as `sha256sum` prints them.
        public mutating func finishHex() -> String {
            finish().map { byte in
                let text = String(byte, radix: 16)
                return byte < 16 ? "0" + text : text
            }.joined()
        }
    }

    /// Runs the compression function over `blocks` 64-byte blocks at `data`.
    private static func compress(_ h: inout [UInt32], _ data: UnsafeRawPointer, blocks: Int) {
        var state = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        var w = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                 UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        withUnsafeMutableBytes(of: &w) { raw in
            let w = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            k.withUnsafeBufferPointer { kBuffer in
                let k = kBuffer.baseAddress!
                for block in 0..<blocks {
                    let chunk = data + block &* 64
                    var (a, b, c, d, e, f, g, hh) = state
                    for i in 0..<64 {
                        let word: UInt32
                        if i < 16 {
                            word = UInt32(bigEndian: chunk.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
                        } else {
                            let w15 = w[(i &- 15) & 15], w2 = w[(i &- 2) & 15]
                            let s0 = rotate(w15, 7) ^ rotate(w15, 18) ^ (w15 &>> 3)
                            let s1 = rotate(w2, 17) ^ rotate(w2, 19) ^ (w2 &>> 10)
                            word = w[i & 15] &+ s0 &+ w[(i &- 7) & 15] &+ s1
                        }
                        w[i & 15] = word
                        let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
                        let choice = (e & f) ^ (~e & g)
                        let t1 = hh &+ s1 &+ choice &+ k[i] &+ word
                        let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        hh = g; g = f; f = e; e = d &+ t1
                        d = c; c = b; b = a; a = t1 &+ s0 &+ majority
                    }
                    state.0 &+= a; state.1 &+= b; state.2 &+= c; state.3 &+= d
                    state.4 &+= e; state.5 &+= f; state.6 &+= g; state.7 &+= hh
                }
            }
        }
        h = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    }

    @inline(__always)
    private static func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { x &>> n | x &<< (32 &- n) }
}
