import Foundation
import Testing

/// End-to-end tests: each `Tests/Golden/NAME.rql` script is run through the real `reviewql`
/// program, and its standard output, standard error and exit status are compared byte for byte
/// with `NAME.expected`. Extra flags for a case go in `NAME.args`, one per line.
///
/// The saved scripts of `queries/` are checked the same way against `Tests/Queries/`.
///
/// To re-record after a deliberate change: `REVIEWQL_RECORD=1 swift test --filter Golden`,
/// then read the diff of every `.expected` file before committing it.
@Suite struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".rql") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func thereAreGoldenCases() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func golden(_ name: String) throws {
        let argsFile = Self.folder.appendingPathComponent(name + ".args")
        var arguments = (try? String(contentsOf: argsFile, encoding: .utf8))?
            .split(separator: "\n").map(String.init) ?? []
        arguments.append(name + ".rql")
        let run = try ReviewQLProcess.run(arguments, directory: Self.folder)
        let actual = Self.transcript(run)
        let expectedFile = Self.folder.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["REVIEWQL_RECORD"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected, "\(name).rql: output differs from \(name).expected")
    }

    /// Every saved script in `queries/` (and `queries/teaching/`) runs, and its output is
    /// compared with `Tests/Queries/NAME.expected` the same way.
    static let queriesFolder = folder.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("queries")
    static let expectedQueriesFolder = folder.deletingLastPathComponent().appendingPathComponent("Queries")

    /// Each run of a saved script: its name (`teaching/01_percentages_and_denominators`), or,
    /// for a script that takes parameters, its name and the value it is run with
    /// (`council_record.Norfolk`). The arguments of such a run are in
    /// `Tests/Queries/NAME.VALUE.args`, one per line as in `Tests/Golden/NAME.args`, and are
    /// given after the script, as a journalist types them: `reviewql council_record.rql --set
    /// authority=Norfolk`. A script with any `.args` file is run only with them.
    static let savedScripts: [String] = {
        let enumerator = FileManager.default.enumerator(atPath: queriesFolder.path)
        var scripts: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".rql") { scripts.append(String(path.dropLast(4))) }
        }
        let argsFiles = ((try? FileManager.default.contentsOfDirectory(atPath: expectedQueriesFolder.path)) ?? [])
            .filter { $0.hasSuffix(".args") }
        return scripts.flatMap { script -> [String] in
            let prefix = flatName(script) + "."
            let variants = argsFiles.filter { $0.hasPrefix(prefix) }
                .map { script + "." + String($0.dropFirst(prefix.count).dropLast(5)) }
            return variants.isEmpty ? [script] : variants
        }.sorted()
    }()

    /// `teaching/01_x` is kept in `Tests/Queries/` as `teaching__01_x`.
    static func flatName(_ script: String) -> String {
        script.replacingOccurrences(of: "/", with: "__")
    }

    /// The script and the arguments after it for one run of `savedScripts`.
    static func savedRun(_ run: String) throws -> (script: String, arguments: [String]) {
        guard let dot = run.firstIndex(of: ".") else { return (run, []) }
        let script = String(run[..<dot])
        let argsFile = expectedQueriesFolder.appendingPathComponent(flatName(run) + ".args")
        let arguments = try String(contentsOf: argsFile, encoding: .utf8)
            .split(separator: "\n").map(String.init)
        return (script, arguments)
    }

    @Test func thereAreSavedScripts() {
        #expect(Self.savedScripts.count >= 10)
        // The council record is checked as it is run, with `--set`, for both councils.
        #expect(Self.savedScripts.contains("council_record.Norfolk"))
        #expect(Self.savedScripts.contains("council_record.Birmingham"))
        #expect(!Self.savedScripts.contains("council_record"))
    }

    @Test(arguments: savedScripts)
    func savedScript(_ name: String) throws {
        let (script, arguments) = try Self.savedRun(name)
        let run = try ReviewQLProcess.run([script + ".rql"] + arguments, directory: Self.queriesFolder)
        let actual = Self.transcript(run)
        let expectedFile = Self.expectedQueriesFolder.appendingPathComponent(Self.flatName(name) + ".expected")
        if ProcessInfo.processInfo.environment["REVIEWQL_RECORD"] == "1" {
            try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
        #expect(actual == expected, "queries/\(name).rql: output differs from Tests/Queries/")
        #expect(run.status == 0, "queries/\(name).rql failed")
    }

    /// A script run with `--set` is refused without it, before anything runs, and the error
    /// names each parameter its `.args` files give.
    @Test(arguments: savedScripts.filter { $0.contains(".") })
    func aScriptWithParametersIsRefusedWithoutThem(_ name: String) throws {
        let (script, arguments) = try Self.savedRun(name)
        let run = try ReviewQLProcess.run([script + ".rql"], directory: Self.queriesFolder)
        #expect(run.status == 1)
        #expect(run.stdout == "")
        let names = arguments.compactMap { $0.split(separator: "=").first }.filter { !$0.hasPrefix("-") }
        #expect(!names.isEmpty)
        for parameter in names {
            #expect(run.stderr.contains("needs a value for :\(parameter), which was not given"), "\(run.stderr)")
            #expect(run.stderr.contains("--set \(parameter)="), "\(run.stderr)")
        }
    }

    /// The three results as one text, in the order people read them.
    static func transcript(_ run: ReviewQLProcess.Result) -> String {
        "--- stdout\n" + run.stdout + "--- stderr\n" + run.stderr + "--- exit \(run.status)\n"
    }
}

/// Runs the built `reviewql` program, which SwiftPM puts beside the test bundle.
enum ReviewQLProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The program under test: the one built beside the tests, or the one
    /// `REVIEWQL_TEST_PROGRAM` names (Tests/plain-reader.sh points it at a build without
    /// libedit, to run the shell tests against that).
    static var executable: URL {
        if let program = ProcessInfo.processInfo.environment["REVIEWQL_TEST_PROGRAM"], !program.isEmpty {
            return URL(fileURLWithPath: program)
        }
        let testBinary = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                             ?? CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        // On Linux the test binary is `ReviewQLPackageTests.xctest` in the build folder; on
        // macOS it sits inside a bundle a few levels down.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("reviewql").path),
              folder.pathComponents.count > 1 {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("reviewql")
    }

    /// Whether the program under test edits lines with libedit (Tab, Up-arrow), as its
    /// `--version` says: the tests of libedit's keys run only then.
    static let usesLibedit: Bool = {
        let version = try? run(["--version"], directory: FileManager.default.temporaryDirectory)
        return version?.stdout.contains("line editor: libedit") ?? false
    }()

    static func run(_ arguments: [String], directory: URL, input: String? = nil,
                    environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "LC_ALL")
        environment.removeValue(forKey: "REVIEWQL_DATA")
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        // Output goes to files rather than pipes, so a large output can never block the child.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("reviewql-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutData = try Data(contentsOf: outURL), stderrData = try Data(contentsOf: errURL)
        return Result(stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
