import CZlibCRC
import Foundation
import ReviewQLCore
import ZIPFoundation

/// A workbook file opened as the zip archive it is, with its parts read through libexpat.
/// Refuses what is not a readable workbook: an encrypted or old binary Excel file (OLE2
/// compound files, which start D0 CF 11 E0), a damaged archive, a missing part.
struct WorkbookArchive {
    let archive: Archive
    /// The SHA-256 of the file's bytes, when asked for.
    let sha256: String?

    init(path: String, kind: WorkbookKind, hashing: Bool) throws(WorkbookProblem) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw .cannotRead(reason: error.reason)
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            // Excel keeps an encrypted workbook in an OLE2 file with an "EncryptionInfo" stream;
            // an .xls is an OLE2 file without one.
            let marker: [UInt8] = "EncryptionInfo".utf8.flatMap { [$0, 0] }
            throw Self.contains(bytes, marker) ? .encrypted(kind) : .oldExcel
        }
        guard kind != .xls else { throw .oldExcel }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw .damagedArchive(detail: "it does not start as one")
        }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .damagedArchive(detail: "its table of contents cannot be read (the file may be cut short)")
        }
        sha256 = hashing ? SHA256.hex(bytes) : nil
    }

    func has(_ part: String) -> Bool { archive[part] != nil }

    /// Streams the part `part` through `handler`; throws when it is missing or damaged.
    func parse(_ part: String, with handler: XMLHandler) throws(WorkbookProblem) {
        guard let entry = archive[part] else { throw .missingPart(part) }
        let stream = XMLStream(part: part, handler: handler)
        do {
            // On Linux ZIPFoundation checks the CRC-32 with a loop of its own, slower than
            // unpacking; zlib's crc32 here checks the same sum at a fraction of the cost.
            var checksum: UInt = 0
            _ = try archive.extract(entry, bufferSize: 1 << 18, skipCRC32: true) { data in
                try data.withUnsafeBytes { bytes in
                    checksum = crc32(checksum, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count))
                    try stream.feed(bytes)
                }
            }
            guard UInt32(truncatingIfNeeded: checksum) == entry.checksum else {
                throw WorkbookProblem.damagedArchive(detail: "its part \(part) does not match its checksum (CRC-32)")
            }
            try stream.feed(UnsafeRawBufferPointer(start: nil, count: 0), last: true)
        } catch let problem as WorkbookProblem {
            throw problem
        } catch {
            throw .damagedArchive(detail: "its part \(part) cannot be unpacked: \(Self.reason(error))")
        }
    }

    /// ZIPFoundation's error in words. Its errors on unpacking are an `ArchiveError` or its
    /// (internal) `CompressionError`, which is always data that does not inflate.
    static func reason(_ error: any Error) -> String {
        switch error {
        case Archive.ArchiveError.invalidCRC32: return "it does not match its checksum (CRC-32)"
        case let error as Archive.ArchiveError: return "\(error)"
        default: return "the compressed data is corrupt"
        }
    }

    /// The bytes of a small part (a manifest), or nil when it is not there.
    func bytes(of part: String) throws(WorkbookProblem) -> [UInt8]? {
        guard let entry = archive[part] else { return nil }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in bytes.append(contentsOf: data) }
        } catch {
            throw .damagedArchive(detail: "its part \(part) cannot be unpacked: \(Self.reason(error))")
        }
        return bytes
    }

    static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
        guard bytes.count >= marker.count, let first = marker.first else { return false }
        var index = 0
        while index <= bytes.count - marker.count {
            if bytes[index] == first, bytes[index..<index + marker.count].elementsEqual(marker) { return true }
            index += 1
        }
        return false
    }
}
