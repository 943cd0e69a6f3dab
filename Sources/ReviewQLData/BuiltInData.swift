/// The bundled data, compiled into the program from the package's `Data/` folder by the
/// EmbedData build plugin, and the commit and date of the build. The program loads it unless
/// `--data` or `REVIEWQL_DATA` names a folder.
public enum BuiltInData {
    /// Each file of `Data/` (the CSV files and `catalog.txt`), by name, with its bytes.
    public static var files: [(name: String, bytes: [UInt8])] {
        embeddedFiles.map { ($0.name, $0.bytes) }
    }

    /// The commit the program was built from (abbreviated), nil when built outside git.
    public static var commit: String? { embeddedCommit }

    /// The day it was built (UTC), `YYYY-MM-DD`.
    public static var buildDate: String { embeddedBuildDate }
}

/// One file of `Data/` as the generated source holds it.
struct EmbeddedFile {
    let name: String
    let bytes: [UInt8]

    init(name: String, text: StaticString) {
        self.name = name
        bytes = Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
