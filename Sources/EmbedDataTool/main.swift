import Foundation

// The EmbedData plugin's tool: writes Swift source holding the named files of the data folder,
// and the commit and date of the build.
//
//     EmbedDataTool OUTPUT.swift DATA_FOLDER PACKAGE_FOLDER FILE...
//
// A file that is UTF-8 becomes a StaticString (its bytes sit in the program as they are, read
// at start-up with no decoding); any other becomes an array of bytes.

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write("usage: EmbedDataTool OUTPUT.swift DATA_FOLDER PACKAGE_FOLDER FILE...\n".data(using: .utf8)!)
    exit(2)
}
let output = URL(fileURLWithPath: arguments[1])
let dataFolder = URL(fileURLWithPath: arguments[2])
let packageFolder = arguments[3]

/// A raw string literal for `text`: control characters (line breaks included, so CRLF files
/// keep their bytes) are escapes, and enough `#`s that nothing in the text closes it.
func literal(_ text: String) -> String {
    var hashes = "#"
    while text.contains("\"" + hashes) || text.contains("\\" + hashes) { hashes += "#" }
    var body = ""
    for scalar in text.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F {
            body += "\\" + hashes + "u{" + String(scalar.value, radix: 16) + "}"
        } else {
            body.unicodeScalars.append(scalar)
        }
    }
    return hashes + "\"" + body + "\"" + hashes
}

/// The commit the build was made from, or nil when git or the repository is not there.
func commit() -> String? {
    let git = Process()
    git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    git.arguments = ["git", "-C", packageFolder, "rev-parse", "--short=12", "HEAD"]
    let pipe = Pipe()
    git.standardOutput = pipe
    git.standardError = FileHandle.nullDevice
    guard (try? git.run()) != nil else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    git.waitUntilExit()
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return git.terminationStatus == 0 && !trimmed.isEmpty ? trimmed : nil
}

/// Today (UTC), or SOURCE_DATE_EPOCH's day for a reproducible build.
func buildDate() -> String {
    let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date())
}

var source = """
    // Made by the EmbedData plugin (Plugins/EmbedData) from the package's Data/ folder at build
    // time; not kept in the repository. Edit Data/, not this.

    let embeddedFiles: [EmbeddedFile] = [

    """
for name in arguments.dropFirst(4) {
    let bytes = try Data(contentsOf: dataFolder.appendingPathComponent(name))
    if let text = String(data: bytes, encoding: .utf8), !text.utf8.contains(0) {
        source += "    EmbeddedFile(name: \(literal(name)), text: \(literal(text))),\n"
    } else {
        source += "    EmbeddedFile(name: \(literal(name)), bytes: [\(bytes.map { String($0) }.joined(separator: ","))]),\n"
    }
}
source += """
    ]

    let embeddedCommit: String? = \(commit().map { "\"\($0)\"" } ?? "nil")
    let embeddedBuildDate = "\(buildDate())"

    """
// Written only when it changed, so an unchanged Data/ does not rebuild what depends on it.
if (try? String(contentsOf: output, encoding: .utf8)) != source {
    try source.write(to: output, atomically: true, encoding: .utf8)
}
