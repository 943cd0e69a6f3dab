/// The `save` statements: a result to a file, and a chart to a picture or text.
extension Session {
    /// `save last to "file" [as format]`.
    func saveCommand(path: String, formatName: Name?, replacing: Bool = false, range: SourceRange) throws(Diagnostic) -> Outcome {
        try refuseInSafeMode(.save(path), at: range)
        guard let result = lastResult else {
            throw Diagnostic.error("there is no result to save yet", at: range,
                                   help: "run a query first, e.g. count reviews group by judgement")
        }
        if let refusal = FileSystem.refusalToWrite(path, replacingProtected: replacing) {
            throw Diagnostic.error("cannot write \(path): \(refusal.reason(path: path))", at: range)
        }
        var format = OutputFormat.forExtension(of: path)
        if let formatName, ContextWord.excel.matches(formatName.text) {
            // `for excel`: a workbook when the name says .xlsx, CSV that Excel opens right for .csv.
            guard format == .xlsx || format == .csv else {
                throw Diagnostic.error("for excel writes a workbook (.xlsx) or CSV (.csv), and \"\(path)\" is neither", at: range,
                                       help: "save last to \"result.xlsx\" (best for Excel), or save last to \"result.csv\" for excel")
            }
            format = format == .xlsx ? .xlsx : .csvExcel
        } else if let formatName {
            guard let named = OutputFormat(rawValue: formatName.text.lowercased()) else {
                throw Diagnostic.error("unknown format \"\(formatName.text)\"", at: formatName.range,
                                       help: "the formats are " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            format = named
        }
        guard let format else {
            throw Diagnostic.error("cannot tell the format from the name \"\(path)\"", at: range,
                                   help: "end the name in .xlsx, .csv, .tsv, .json, .md or .txt, or add `as csv`")
        }
        let remarks: [ExportRemark]
        do {
            remarks = try write(result, to: path, as: format, replacingProtected: replacing)
        } catch {
            throw located(error, range)
        }
        return Outcome(output: .notice("saved \(result.table.rowCount) rows to \(path) as \(format.rawValue)"),
                       diagnostics: remarks.map { Diagnostic(.note, $0.text) })
    }

    /// `copy last`: the last result as tab-separated text, for the program to put on the
    /// clipboard; cells a spreadsheet would read as formulas are guarded, with a note.
    func copyLastCommand() throws(Diagnostic) -> Outcome {
        try refuseInSafeMode(.copy, at: nil)
        guard let result = lastResult else {
            throw Diagnostic.error("there is no result to copy yet",
                                   help: "run a query first, e.g. count reviews group by judgement")
        }
        let (text, remarks) = SpreadsheetText.clipboardTSV(result)
        return Outcome(output: .clipboard(text, rows: result.table.rowCount), diagnostics: remarks.map { Diagnostic(.note, $0.text) })
    }

    /// `save chart to "file.svg"` (or `.txt`): the last result drawn.
    func saveChartCommand(path: String, range: SourceRange) throws(Diagnostic) -> Outcome {
        try refuseInSafeMode(.save(path), at: range)
        guard var result = lastResult else {
            throw Diagnostic.error("there is no result to chart yet", at: range,
                                   help: "run a grouped query first, e.g. count reviews group by judgement")
        }
        if let refusal = FileSystem.refusalToWrite(path) {
            throw Diagnostic.error("cannot write \(path): \(refusal.reason(path: path))", at: range)
        }
        if path.lowercased().hasSuffix(".png") { return try savePNG(result, path: path, range: range) }
        if let funnel = result.funnel {
            guard path.lowercased().hasSuffix(".svg") else {
                throw Diagnostic.error("a funnel plot is saved as .svg or .png (a picture)", at: range, help: "for example: save chart to \"funnel.svg\"")
            }
            do {
                try FileSystem.writeFileAtomically(path, Array(FunnelChart.render(funnel, title: "", captions: result.captions).utf8))
            } catch {
                throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
            }
            return Outcome(output: .notice("saved the funnel plot to \(path)"))
        }
        do { result.chart = try ChartData.of(result) } catch { throw Diagnostic.error(error.message, at: range) }
        let text: String
        switch OutputFormat.forExtension(of: path) {
        case .box?: text = ChartRenderer.render(result, width: settings.width ?? 80, unicode: true)
        default:
            guard path.lowercased().hasSuffix(".svg") else {
                throw Diagnostic.error("a chart is saved as .svg or .png (a picture) or .txt (text)", at: range,
                                       help: "for example: save chart to \"judgements.svg\"")
            }
            text = SVGChart.render(result, title: "")
        }
        do {
            try FileSystem.writeFileAtomically(path, Array((text + "\n").utf8))
        } catch {
            throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range)
        }
        return Outcome(output: .notice("saved the chart to \(path)"))
    }

    /// Writes a result to a file whole, or not at all (a temporary file renamed into place),
    /// and says what was written otherwise than the result holds it (cells guarded against
    /// formulas, numbers too long for a spreadsheet). Tables and charts for people are written
    /// without colour and without row limits.
    public func write(_ result: QueryResult, to path: String, as format: OutputFormat,
                      replacingProtected: Bool = false) throws(Diagnostic) -> [ExportRemark] {
        // Refused before the work of rendering, which may be large.
        if let refusal = FileSystem.refusalToWrite(path, replacingProtected: replacingProtected) {
            throw Diagnostic(.error, "cannot write \(path): \(refusal.reason(path: path))")
        }
        let bytes: [UInt8]
        var remarks: [ExportRemark] = []
        switch format {
        case .xlsx:
            guard let packer = workbookPacker else {
                throw Diagnostic(.error, "cannot write a workbook here: this build has no zip packer",
                                 help: "save it as CSV for Excel instead: save last to \"result.csv\" for excel")
            }
            let (parts, workbookRemarks) = try WorkbookWriter.parts(for: result)
            remarks = workbookRemarks
            do {
                bytes = try packer.pack(parts)
            } catch {
                throw Diagnostic(.error, "cannot write \(path): the workbook could not be packed (\(error))")
            }
        case .csvExcel:
            let (text, guarded) = SpreadsheetText.excelCSV(result)
            bytes = Array(text.utf8)
            remarks = guarded
        default:
            bytes = Array((try ResultWriter.render(result, as: format) + "\n").utf8)
        }
        do {
            try FileSystem.writeFileAtomically(path, bytes, replacingProtected: replacingProtected)
        } catch {
            throw Diagnostic(.error, "cannot write \(path): \(error.reason)")
        }
        return remarks
    }
}
