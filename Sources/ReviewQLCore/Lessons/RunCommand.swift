/// `run "lesson.rql"` (and `run "lesson.rql" step by step`): the session reads the file and
/// hands its statements back; the program runs them, showing each step and waiting for the
/// trainer when asked to.
extension Session {
    func runCommand(path: String, stepByStep: Bool, range: SourceRange) throws(Diagnostic) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readFile(path)
        } catch {
            throw Diagnostic.error("cannot read the script \(path): \(error.reason)", at: range,
                                   help: "give the file's name relative to the folder reviewql was started in, e.g. run \"queries/teaching/01_percentages_and_denominators.rql\"")
        }
        return Outcome(output: .script(SourceText(file: path, text: String(decoding: bytes, as: UTF8.self)), stepByStep: stepByStep))
    }
}
