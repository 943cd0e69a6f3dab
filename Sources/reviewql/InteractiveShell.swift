import ReviewQLCore

/// The interactive session: a banner, a prompt, and statements run as they are typed.
struct InteractiveShell {
    let session: Session
    let runner: ScriptRunner

    func run() -> Bool {
        runner.isInteractive = true
        let names = session.datasets.map { "\($0.name) (\($0.table.rowCount))" }.joined(separator: ", ")
        Terminal.print("ReviewQL \(ReviewQLVersion.current): datasets \(names)\nType help for help, quit to leave.")
        var buffer = ""
        while true {
            Swift.print(buffer.isEmpty ? "reviewql> " : "     ...> ", terminator: "")
            guard let line = readLine() else {
                Terminal.print("")
                return true
            }
            let trimmed = line.trimmingCharacters()
            if buffer.isEmpty && ["quit", "exit", ".quit", ".exit"].contains(trimmed.lowercased()) { return true }
            buffer += buffer.isEmpty ? line : "\n" + line
            if !trimmed.isEmpty && StatementSplitter.needsMoreInput(buffer) { continue }
            runner.run(SourceText(text: buffer))
            buffer = ""
        }
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
