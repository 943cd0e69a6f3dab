/// A chart statement's result made ready to draw: its form, its captions with the statement
/// in words (the default title of a picture), and for a time series its period; then its
/// chart, with what the chart filled in (empty periods, empty combinations) as notes.
extension Session {
    func dressChart(_ result: inout QueryResult, query: Query, period function: ScalarFunction?, inWords: String?) throws(Diagnostic) {
        result.chartForm = query.chartForm
        result.captions = query.captions
        result.captions.inWords = inWords
        let form = query.chartForm
        if form.isTimeSeries {
            guard query.having == nil, query.limit == nil else {
                throw Diagnostic.error("a \(form.rawValue) shows every period from the first to the last: leave out having and limit",
                                       at: query.range, help: "or draw only the groups kept with as chart")
            }
            let labels = result.table.columns.indices.filter { result.roles[$0] == .label }
            let texts = labels.count == 1 ? (0..<result.table.rowCount).map { ValueFormatter.display(result.table.columns[labels[0]].value(at: $0)) } : []
            guard labels.count == 1, let period = function.flatMap(Period.init(function:)) ?? Period.of(labels: texts) else {
                let group = labels.map { TextSafety.escaped(result.table.columns[$0].name) }.joined(separator: ", ")
                throw Diagnostic.error("cannot draw this as a chart: "
                                       + ChartProblem.timeSeriesNeedsPeriod(form: form.rawValue, group: group.isEmpty ? "nothing" : group).message,
                                       at: query.range)
            }
            result.chartPeriod = period
        }
        try drawable(&result, range: query.range)
        result.notes += result.chart?.fillNotes ?? []
    }

    /// The period function a query groups by, when it groups by one alone (`year_month(letter_date)`).
    static func periodFunction(_ keys: [BoundOutput]) -> ScalarFunction? {
        guard keys.count == 1, case .function(let function, _) = keys[0].expression else { return nil }
        return function
    }
}

extension Session {
    /// `save chart to "x.png"`: the chart's SVG turned into PNG by `PNGConversion`, or why not.
    func savePNG(_ result: QueryResult, path: String, range: SourceRange) throws(Diagnostic) -> Outcome {
        let svg: String
        if let funnel = result.funnel {
            svg = FunnelChart.render(funnel, title: "", captions: result.captions)
        } else {
            var result = result
            do { result.chart = try ChartData.of(result) } catch { throw Diagnostic.error(error.message, at: range) }
            svg = SVGChart.render(result, title: "")
        }
        guard let converter = PNGConversion.converter(searchPath: pngSearchPath) else {
            throw Diagnostic.error(PNGConversion.Problem.programMissing.message, at: range,
                                   help: "or save chart to \"\(Self.svgName(path))\": browsers, Word and PowerPoint 2016 or later open SVG")
        }
        let png: [UInt8]
        do { png = try PNGConversion.png(svg: svg, converterPath: converter) } catch { throw Diagnostic.error(error.message, at: range) }
        do { try FileSystem.writeFileAtomically(path, png) } catch { throw Diagnostic.error("cannot write \(path): \(error.reason)", at: range) }
        return Outcome(output: .notice("saved the chart to \(path)"))
    }

    /// `x.png` as `x.svg`, for the help line.
    static func svgName(_ path: String) -> String { String(path.dropLast(4)) + ".svg" }
}
