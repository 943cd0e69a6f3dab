import Foundation

/// Other programs the export tests open ReviewQL's files with (Python with openpyxl,
/// LibreOffice), as a user would, each found on the PATH. A test that needs one that is
/// missing is skipped, and its name says so.
enum ExternalTools {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository's `Tests/` folder.
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let hasLibreOffice = which("soffice") != nil
    static let hasOpenpyxl = (try? run("python3", ["-c", "import openpyxl"]).status) == 0
    static let hasPython = which("python3") != nil
    static let hasHTML5Lib = (try? run("python3", ["-c", "import html5lib"]).status) == 0

    /// Runs `program` with `arguments`, its output through files (never a blocked pipe).
    static func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> Run {
        guard let executable = which(program) else { return Run(status: 127, stdout: "", stderr: "\(program) not found") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out"), err = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        if let input {
            let inURL = scratch.appendingPathComponent("in")
            try input.write(to: inURL, atomically: true, encoding: .utf8)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        }
        try process.run()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A fresh folder for a test's files.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
