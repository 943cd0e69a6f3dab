#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `save chart to "x.png"`: a picture for Google Slides and older PowerPoint, which cannot
/// import SVG. The program draws no pixels itself (that would need a font renderer and an
/// image library in the single static program); it hands the chart's SVG to `rsvg-convert`
/// (librsvg's converter, Debian's package `librsvg2-bin`) when that is on the PATH, at twice
/// the SVG's size for a sharp slide, on a white background, and says which package to install
/// when it is not. The PNG comes back on a pipe and is written like every other file
/// (`writeFileAtomically`), whole or not at all.
public enum PNGConversion {
    /// The converter's name, and the Debian package that has it.
    public static let program = "rsvg-convert", package = "librsvg2-bin"

    /// Why no PNG could be made, worded in `message`.
    public enum Problem: Error, Equatable {
        case programMissing
        case failed(status: Int32, detail: String)
        case couldNotStart(String)

        public var message: String {
            switch self {
            case .programMissing:
                return "saving a chart as PNG needs \(program), which is not installed (on Debian or Ubuntu: apt-get install \(package))"
            case .failed(let status, let detail):
                return "\(program) could not draw the chart (exit status \(status))" + (detail.isEmpty ? "" : ": " + detail)
            case .couldNotStart(let reason): return "could not start \(program): \(reason)"
            }
        }
    }

    /// The converter's full path: the first executable `rsvg-convert` in `searchPath` (the
    /// PATH's folders), or nil.
    public static func converter(searchPath: String? = FileSystem.environment("PATH")) -> String? {
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + program
            if access(candidate, X_OK) == 0, !FileSystem.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    /// The PNG of `svg`, drawn by the converter at `converterPath`.
    public static func png(svg: String, converterPath: String) throws(Problem) -> [UInt8] {
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else { throw .couldNotStart(FileSystem.lastError()) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        for descriptor in input + output + errors { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let arguments = [converterPath, "--format", "png", "--zoom", "2", "--background-color", "white"]
        var pointers = arguments.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, converterPath, &actions, nil, &pointers, environ)
        for descriptor in [input[0], output[1], errors[1]] { close(descriptor) }
        guard spawned == 0 else {
            for descriptor in [input[1], output[0], errors[0]] { close(descriptor) }
            throw .couldNotStart(String(cString: strerror(spawned)).lowercased())
        }
        // rsvg-convert reads the whole document before it writes, so writing it all first
        // cannot wait on a full output pipe. A closed pipe (the converter gave up) is not fatal here.
        let previous = signal(SIGPIPE, SIG_IGN)
        let bytes = Array(svg.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(input[1], $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            written += n
        }
        close(input[1])
        signal(SIGPIPE, previous)
        let png = readAll(output[0]), detail = readAll(errors[0])
        close(output[0])
        close(errors[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exit == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            let text = String(decoding: detail, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw .failed(status: exit, detail: TextSafety.escaped(text))
        }
        return png
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return bytes }
            bytes += buffer[0..<n]
        }
    }
}
