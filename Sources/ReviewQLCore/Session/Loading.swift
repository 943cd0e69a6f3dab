/// Loading data into a session: a folder of CSV files with its catalog, one file, or a
/// dataset built in memory; and the `load` statement.
extension Session {
    /// `load "file.csv" [sheet "name"] as name [with counts column] [separated by …] [header line N]
    /// [encoding "…"]`.
    func loadCommand(path: String, sheet: String?, name: Name, counts: Name?, options: LoadOptions) throws(Diagnostic) -> Outcome {
        try refuseInSafeMode(.load(path), at: name.range)
        var entry = try catalogEntry(beside: path) ?? Catalog.Entry(name: name.text, file: path)
        if let counts { entry.counts = CountsDeclaration(column: counts.text) }
        if options != LoadOptions() { entry.options = options }
        let notes = try load(path: path, as: name.text, sheet: sheet, entry: entry)
        let dataset = datasets.first { $0.name.lowercased() == name.text.lowercased() }
        let table = dataset?.table
        let from = dataset?.workbook.map { "sheet \"\($0.sheet)\" of \(path)" } ?? path
        let lines = ["loaded \(name.text): \(table?.rowCount ?? 0) rows from \(from)"] + (table.map(Describer.loadNotes) ?? [])
        return Outcome(output: .notice(lines.joined(separator: "\n")), diagnostics: notes)
    }

    /// The entry for the file at `path` in a `catalog.txt` in the same folder, if there is
    /// one naming it (`file: NAME.csv`).
    public func catalogEntry(beside path: String) throws(Diagnostic) -> Catalog.Entry? {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
        let fileName = String(slash.map { path[path.index(after: $0)...] } ?? Substring(path))
        let catalogPath = (folder == "/" ? "" : folder) + "/catalog.txt"
        guard FileSystem.listDirectory(folder)?.contains("catalog.txt") ?? false else { return nil }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(catalogPath) } catch { return nil }
        let catalog = try Catalog(text: String(decoding: bytes, as: UTF8.self), file: catalogPath)
        guard var entry = catalog.entries.first(where: { $0.file.lowercased() == fileName.lowercased() }) else { return nil }
        entry.catalogPath = catalogPath
        return entry
    }

    /// Loads every CSV file in `directory`, using `catalog.txt` there for names, descriptions,
    /// sources and scales. Returns the problems found (a file with a problem is not loaded),
    /// and, as notes, what reading each file's values chose (`FormatNote`).
    @discardableResult
    public func loadDataDirectory(_ directory: String) -> [Diagnostic] {
        guard let names = FileSystem.listDirectory(directory) else {
            return [Diagnostic(.error, "cannot read the data folder \(directory)",
                               help: "give a folder of CSV files with --data")]
        }
        let catalogPath = directory + "/catalog.txt"
        return loadCatalogued(names: names, catalogPath: catalogPath,
                              readCatalog: { () throws(FileSystem.Failure) in try FileSystem.readFile(catalogPath) }) { file, name, entry throws(Diagnostic) in
            let path = directory + "/" + file
            return (path, try load(path: path, as: name, entry: entry, lookingBeside: false))
        }
    }

    /// Loads the data built into the program (`files`: the bundled `Data/` folder's CSV files
    /// and `catalog.txt`, by name) as `loadDataDirectory` loads a folder. Each dataset's path
    /// is its file's name, and `describe` says it is built in.
    @discardableResult
    public func loadBuiltInData(_ files: [(name: String, bytes: [UInt8])]) -> [Diagnostic] {
        let contents = Dictionary(files, uniquingKeysWith: { first, _ in first })
        return loadCatalogued(names: files.map(\.name), catalogPath: "catalog.txt",
                              readCatalog: { contents["catalog.txt"] ?? [] }) { file, name, entry throws(Diagnostic) in
            guard let bytes = contents[file] else {
                throw Diagnostic(.error, "the built-in catalog names \(file), which is not built into the program",
                                 help: "give a folder of CSV files with --data")
            }
            return (file, try load(path: file, as: name, entry: entry, lookingBeside: false, builtIn: bytes))
        }
    }

    /// The catalog's datasets, then every other CSV file among `names`, each through `loadOne`
    /// (a file's name, the dataset's name and its catalog entry → the path it was read from
    /// and its notes).
    private func loadCatalogued(names: [String], catalogPath: String, readCatalog: () throws(FileSystem.Failure) -> [UInt8],
                                loadOne: (String, String, Catalog.Entry?) throws(Diagnostic) -> (String, [Diagnostic])) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var catalog = Catalog()
        if names.contains("catalog.txt") {
            do {
                let bytes = try readCatalog()
                catalog = try Catalog(text: String(decoding: bytes, as: UTF8.self), file: catalogPath)
            } catch let error as Diagnostic {
                problems.append(error)
            } catch {
                problems.append(Diagnostic(.error, "cannot read \(catalogPath)"))
            }
        }
        var described = Set<String>()
        for entry in catalog.entries {
            described.insert(entry.file)
            do {
                let (path, notes) = try loadOne(entry.file, entry.name, entry)
                problems += notes.map { Diagnostic(.note, "\(entry.name) (\(path)): " + $0.message) }
            } catch {
                problems.append(error)
            }
        }
        for name in names where name.lowercased().hasSuffix(".csv") && !described.contains(name) {
            do {
                let (path, notes) = try loadOne(name, String(name.dropLast(4)), nil)
                problems += notes.map { Diagnostic(.note, "\(name.dropLast(4)) (\(path)): " + $0.message) }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// Loads one CSV file, or one sheet of a workbook (.xlsx, .ods: `sheet`, nil for the first
    /// visible one), as a dataset, replacing any dataset of the same name. Returns notes on the
    /// choices made while loading (the encoding, separator and lines skipped; the sheet; cells
    /// read as missing; numbers and dates as written; scales recognised); the CSV loader's are
    /// also kept on the dataset for `describe`. `entry`: its catalog entry or what `load` said
    /// (counts, separator, header line, encoding). `reading`: the columns to read
    /// (`ColumnDemand`), nil for all. With no `entry`, a `catalog.txt` in the file's folder that
    /// names the file gives it (`lookingBeside`). `builtIn`: the file's bytes, when it is built
    /// into the program rather than read from `path`.
    @discardableResult
    public func load(path: String, as name: String, sheet: String? = nil, entry given: Catalog.Entry? = nil,
                     reading wanted: (@Sendable (String) -> Bool)? = nil, lookingBeside: Bool = true,
                     builtIn: [UInt8]? = nil) throws(Diagnostic) -> [Diagnostic] {
        guard isValidName(name) else {
            throw Diagnostic(.error, "\"\(name)\" cannot be a dataset name",
                             help: "use letters, digits and _, starting with a letter, e.g. my_data")
        }
        var notes: [Diagnostic] = []
        var workbook: WorkbookOrigin?
        var entry = given
        if entry == nil, lookingBeside { entry = try catalogEntry(beside: path) }
        var loaded: LoadedCSV
        if let builtIn {
            loaded = try CSVReader.readFile(builtIn, name: name, path: path, options: entry?.options ?? LoadOptions(), reading: wanted)
            loaded.sha256 = hashesLoadedFiles ? SHA256.hex(builtIn) : nil
            notes = loaded.notes.map { Diagnostic(.note, $0.text) }
        } else if let kind = WorkbookKind(path: path) {
            if let options = entry?.options, options.separator != nil || options.encoding != nil || options.noHeader {
                throw WorkbookProblem.csvOptionOfWorkbook.diagnostic(file: path)
            }
            let sheetTable = try loadSheet(path: path, kind: kind, sheet: sheet, name: name,
                                           headerLine: entry?.options.headerLine)
            loaded = LoadedCSV(table: sheetTable.table, sha256: sheetTable.sha256, dialect: Dialect(), notes: [])
            workbook = sheetTable.origin
            notes = sheetTable.notes.map { Diagnostic(.note, $0.text) }
        } else if sheet != nil {
            throw WorkbookProblem.sheetOfNonWorkbook.diagnostic(file: path)
        } else {
            let memoryNote = try MemoryEstimate.checkLoad(path: path, readWhole: hashesLoadedFiles)
            loaded = try CSVReader.loadFile(path: path, name: name, options: entry?.options ?? LoadOptions(),
                                            reading: wanted, hashing: hashesLoadedFiles, afterOpening: afterOpeningFile)
            notes = [memoryNote].compactMap { $0 } + loaded.notes.map { Diagnostic(.note, $0.text) }
        }
        // A Ctrl-C stops the reading early: nothing of it is kept.
        try Cancellation.check()
        var table = OfficialPeriods.apply(to: loaded.table).table
        for (columnName, levels) in entry?.scales ?? [] {
            guard let index = table.columnIndex(named: columnName) else {
                // A column a one-off run left out needs no scale.
                if table.allColumnNames.contains(where: { $0.lowercased() == columnName.lowercased() }) { continue }
                throw Diagnostic(.error, "the catalog gives a scale for column \"\(columnName)\", which \(path) does not have",
                                 location: FileLocation(file: path, line: 1))
            }
            try table.columns[index].applyScale(levels, file: path)
            if let catalog = entry?.catalogPath {
                table.formatNotes.append(.scaleFromCatalog(column: table.columns[index].name, levels: levels, catalog: catalog))
            }
        }
        try recogniseScales(&table, file: path)
        for declared in entry?.aliases ?? [] {
            for name in [declared.column, declared.aliases]
            where !table.allColumnNames.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw Diagnostic(.error, "the catalog gives aliases with column \"\(name)\", which \(path) does not have",
                                 location: FileLocation(file: path, line: 1))
            }
        }
        var dataset = Dataset(table: table, path: path, description: entry?.description ?? "",
                              source: entry?.source ?? "", joins: entry?.joins ?? [], sha256: loaded.sha256,
                              aliases: entry?.aliases ?? [])
        dataset.workbook = workbook
        dataset.isBuiltIn = builtIn != nil
        dataset.dialect = loaded.dialect
        dataset.loadNotes = loaded.notes
        if let counts = entry?.counts {
            try Self.check(counts, of: table, file: path)
            dataset.counts = counts
        }
        if let existing = datasets.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            datasets[existing] = dataset
        } else {
            datasets.append(dataset)
        }
        return notes + table.formatNotes.map { Diagnostic(.note, $0.text) }
    }

    /// Gives each text column without a scale whose values are the levels of an Ofsted scale
    /// that scale (`KnownScales`), with a note.
    private func recogniseScales(_ table: inout Table, file: String) throws(Diagnostic) {
        for index in table.columns.indices where table.columns[index].scale == nil {
            guard let dictionary = table.columns[index].dictionary, let levels = KnownScales.recognise(dictionary) else { continue }
            try table.columns[index].applyScale(levels, file: file)
            table.formatNotes.append(.scaleRecognised(column: table.columns[index].name, levels: levels, dataset: table.name))
        }
    }

    /// A counts declaration must name number columns the file has (a one-off run may have left
    /// them unread, which is fine: nothing that reads them runs).
    static func check(_ counts: CountsDeclaration, of table: Table, file: String) throws(Diagnostic) {
        for name in [counts.column] + (counts.total.map { [$0.column] + $0.per } ?? []) {
            if let index = table.columnIndex(named: name) {
                let isNumber = table.columns[index].type.isNumeric || table.columns[index].missingCount == table.rowCount
                if name == counts.column || name == counts.total?.column, !isNumber {
                    throw Diagnostic(.error, "the counts column \"\(name)\" of \(file) holds \(table.columns[index].type.rawValue), not numbers",
                                     location: FileLocation(file: file, line: 1))
                }
            } else if !table.allColumnNames.contains(where: { $0.lowercased() == name.lowercased() }) {
                throw Diagnostic(.error, "\(file) has no column \"\(name)\" to take counts from",
                                 location: FileLocation(file: file, line: 1))
            }
        }
    }

    /// What reading the values of the dataset called `name` chose (`FormatNote`).
    public func formatNotes(of name: String) -> [FormatNote] {
        datasets.first { $0.name.lowercased() == name.lowercased() }?.table.formatNotes ?? []
    }

    /// Adds a dataset built in memory (tests, and results saved as datasets).
    public func add(_ dataset: Dataset) {
        datasets.removeAll { $0.name.lowercased() == dataset.name.lowercased() }
        datasets.append(dataset)
    }

    private func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
            && Keyword.named(name) == nil
    }
}
