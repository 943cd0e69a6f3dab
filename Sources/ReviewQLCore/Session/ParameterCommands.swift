/// The session's side of script parameters: `set parameter`, `show parameters`, the check a
/// script passes before it runs, and each statement bound to the values as it runs.
extension Session {
    /// `set parameter NAME to VALUE`; a note when it changes a value given with `--set`, so a
    /// script that sets its own value never hides that the one given was not used.
    func setParameterCommand(name: Name, value: ParameterValue, range: SourceRange) -> Outcome {
        let previous = parameters.set(name.text, to: value, from: .statement)
        var outcome = Outcome(output: .notice(":\(name.text) is \(value.shown)"))
        if let previous, previous.origin == .commandLine, previous.value != value {
            outcome.diagnostics.append(ParameterProblem.replaced(name: previous.name, old: previous.value.shown,
                                                                 new: value.shown, at: range).diagnostic)
        }
        return outcome
    }

    /// `show parameters`: each parameter, its value, its kind and where it came from.
    func showParametersCommand() -> Outcome {
        guard !parameters.isEmpty else {
            return Outcome(output: .text("no parameters are set: give one with --set NAME=VALUE on the command line, or set parameter NAME to VALUE"))
        }
        let entries = parameters.all
        let written = entries.map { TextSafety.escaped(":\($0.name) = \($0.value.shown)") }
        let width = written.map { DisplayWidth.of($0) }.max() ?? 0
        let lines = zip(entries, written).map { entry, written in
            let origin = entry.origin == .commandLine ? "--set" : "set parameter"
            return DisplayWidth.padded(written, to: width) + "  (\(entry.value.kind.rawValue), from \(origin))"
        }
        return Outcome(output: .text(lines.joined(separator: "\n")))
    }

    /// Before a script (or a line typed) runs: an error naming every parameter its statements
    /// use that has no value and that no `set parameter` before the use gives one; nil when
    /// every one has.
    public func parameterProblem(in pieces: some Sequence<ParsedStatement>, source: SourceText) -> Diagnostic? {
        var known = Set(parameters.names.map { $0.lowercased() })
        var missing: [Token] = []
        for piece in pieces {
            for use in piece.parameterUses where !known.contains(use.text.lowercased()) {
                if !missing.contains(where: { $0.text.lowercased() == use.text.lowercased() }) { missing.append(use) }
            }
            if case .statement(.setParameter(let name, _, _)) = piece.content { known.insert(name.text.lowercased()) }
        }
        guard let first = missing.first else { return nil }
        var diagnostic = ParameterProblem.notGiven(names: missing.map(\.text), given: parameters.names,
                                                   script: source.file, at: first.range).diagnostic
        diagnostic.source = source
        return diagnostic
    }

    /// The statement bound to the parameters' values as they are now, each one it uses marked
    /// as used; a statement with no parameter as it is.
    func bindingParameters(_ piece: ParsedStatement) -> ParsedStatement {
        parameterValuesUsed = nil
        guard piece.unbound != nil else { return piece }
        let bound = piece.bound(to: parameters)
        guard case .statement = bound.content else { return bound }
        for use in piece.parameterUses { parameters.markUsed(use.text) }
        if recorder != nil { parameterValuesUsed = parameterValues(of: piece) }
        return bound
    }

    /// `-- :authority = "Norfolk"`: the values the parameters a statement uses have now, each
    /// once, as a handout and `--echo` show them after the statement as written; nil when it
    /// uses none that has a value.
    public func parameterValues(of piece: ParsedStatement) -> String? {
        var shown: [String] = []
        var named: Set<String> = []
        for use in piece.parameterUses {
            if let value = parameters.value(of: use.text), named.insert(use.text.lowercased()).inserted {
                shown.append(":\(use.text) = \(value.shown)")
            }
        }
        return shown.isEmpty ? nil : "-- " + shown.joined(separator: ", ")
    }

    /// The statements of `source` one at a time, bound as `statements(in:)` binds them.
    public func statementStream(in source: SourceText) -> ParsedStatements {
        ParsedStatements(source, parameters: parameters.isEmpty ? nil : parameters)
    }

    /// The statements of `source`, with the parameters' values known now in place, so that
    /// `ColumnDemand` sees them; each is bound again as it runs (`execute`).
    func boundStatements(in source: SourceText) -> [ParsedStatement] {
        let pieces = ParsedStatement.all(in: source)
        return parameters.isEmpty ? pieces : pieces.map { $0.bound(to: parameters) }
    }
}
