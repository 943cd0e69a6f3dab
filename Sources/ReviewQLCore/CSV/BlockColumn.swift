/// One column of a block of rows held by the tokenizer: the cells a `ColumnBuilder` reads.
struct BlockColumn {
    /// The file's bytes.
    let file: UnsafePointer<UInt8>
    /// Unescaped copies of quoted fields that held doubled quotes.
    let unescaped: UnsafePointer<UInt8>?
    /// Each field's content, row by row, as `[start, end)` offsets into `file`, or for a field
    /// in `unescaped`, the bitwise complements of offsets into that.
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    let columnCount: Int
    let column: Int
    let rowCount: Int

    /// The cell in `row` (0-based within the block). The offsets were taken by `BlockSink`
    /// from ranges inside `file` or `unescaped`, so the buffer returned lies inside one of them.
    @inline(__always)
    subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
        let slot = row * columnCount + column
        let start = starts[slot]
        let end = ends[slot]
        if start >= 0 { return UnsafeBufferPointer(start: file + start, count: end - start) }
        return UnsafeBufferPointer(start: unescaped.map { $0 + ~start }, count: ~end - ~start)
    }
}
