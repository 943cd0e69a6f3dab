import Foundation
import ReviewQLCore
import ZIPFoundation

/// Packs a workbook's files into a zip archive in memory with ZIPFoundation (deflated, as
/// Excel writes them), so `save` can write the file whole or not at all.
public struct ZipPacker: WorkbookPacker {
    public init() {}

    public func pack(_ parts: [WorkbookWriter.Part]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        // A fixed date: the same result gives the same bytes.
        let date = Date(timeIntervalSince1970: 1_262_304_000)
        for part in parts {
            let data = Data(part.bytes)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: date, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [UInt8](bytes)
    }
}
