import Foundation
import PackagePlugin

/// Puts the package's `Data/` folder (the bundled CSV files and `catalog.txt`) into the program
/// as Swift source, so the one release file answers with no source tree in reach. `Data/`
/// stays the one home of the data: the source is made from it at every build where it changed.
/// The same step writes the commit and build date that `--version` shows.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let package = context.package.directoryURL
        let data = package.appending(path: "Data")
        let names = try FileManager.default.contentsOfDirectory(atPath: data.path)
            .filter { $0.lowercased().hasSuffix(".csv") || $0 == "catalog.txt" }
            .sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedData.swift")
        var inputs = names.map { data.appending(path: $0) }
        // A new commit makes the generated source again, so --version names it.
        if let log = Self.gitLog(package) { inputs.append(log) }
        return [.buildCommand(
            displayName: "Embedding Data/ (\(names.count) files) in \(target.name)",
            executable: try context.tool(named: "EmbedDataTool").url,
            arguments: [output.path, data.path, package.path] + names,
            inputFiles: inputs,
            outputFiles: [output]
        )]
    }

    /// `.git/logs/HEAD`, which every commit and checkout appends to; in a worktree `.git` is a
    /// file naming the real folder.
    static func gitLog(_ package: URL) -> URL? {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        var folder = dotGit
        if !isFolder.boolValue {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8),
                  let line = text.split(separator: "\n").first(where: { $0.hasPrefix("gitdir:") }) else { return nil }
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            folder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        let log = folder.appending(path: "logs").appending(path: "HEAD")
        return FileManager.default.fileExists(atPath: log.path) ? log : nil
    }
}
