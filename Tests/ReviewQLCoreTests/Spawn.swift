import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and waits for it with `posix_spawnp` and `waitpid`, its output through files.
/// The PostgreSQL cross-check uses it rather than Foundation's `Process`, whose wait on Linux was
/// seen never to return (the child a zombie, not reaped) when the program it ran, `pg_ctl`,
/// left a server running behind it while another test ran a program at the same time.
enum Spawn {
    static func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> ExternalTools.Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reviewql-spawn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        try (input ?? "").write(toFile: inPath, atomically: true, encoding: .utf8)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else {
            return ExternalTools.Run(status: 127, stdout: "", stderr: "could not run \(program): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // The exit status, as WEXITSTATUS gives it (Swift has no macro); a signal counts as failure.
        let exited = status & 0x7f == 0
        return ExternalTools.Run(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                                 stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                                 stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
