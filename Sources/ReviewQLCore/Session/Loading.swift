/// Loading data into a session: a folder of CSV files with its catalog, one file, or a
/// dataset built in memory; and the `load` statement.
extension Session {
    /// `load "file.csv" as name [with counts column] [separated by …] [header line N] [encoding "…"]`.
    func loadCommand(path: String, name: Name, counts: Name?, options: LoadOptions) throws(Diagnostic) -> Outcome {
        var entry = Catalog.Entry(name: name.text, file: path)
        entry.counts = counts.map { CountsDeclaration(column: $0.text) }
        entry.options = options
        let notes = try load(path: path, as: name.text, entry: entry)
        let rows = datasets.first { $0.name.lowercased() == name.text.lowercased() }?.table.rowCount ?? 0
        var outcome = Outcome(output: .notice("loaded \(name.text): \(rows) rows from \(path)"))
        outcome.noticeNotes = notes.map(\.text)
        return outcome
    }

    /// A load's notes as diagnostics (`--load`, a data folder), each naming the dataset and file.
    public static func noteDiagnostics(_ notes: [LoadNote], dataset: String, path: String) -> [Diagnostic] {
        notes.map { Diagnostic(.note, "\(dataset) (\(path)): \($0.text)") }
    }

    /// Loads every CSV file in `directory`, using `catalog.txt` there for names, descriptions,
    /// sources and scales. Returns the problems found; a file with a problem is not loaded.
    @discardableResult
    public func loadDataDirectory(_ directory: String) -> [Diagnostic] {
        guard let names = FileSystem.listDirectory(directory) else {
            return [Diagnostic(.error, "cannot read the data folder \(directory)",
                               help: "give a folder of CSV files with --data")]
        }
        var problems: [Diagnostic] = []
        var catalog = Catalog()
        let catalogPath = directory + "/catalog.txt"
        if names.contains("catalog.txt") {
            do {
                let bytes = try FileSystem.readFile(catalogPath)
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
                let path = directory + "/" + entry.file
                problems += Self.noteDiagnostics(try load(path: path, as: entry.name, entry: entry), dataset: entry.name, path: path)
            } catch {
                problems.append(error)
            }
        }
        for name in names where name.lowercased().hasSuffix(".csv") && !described.contains(name) {
            do {
                let path = directory + "/" + name
                problems += Self.noteDiagnostics(try load(path: path, as: String(name.dropLast(4))),
                                                 dataset: String(name.dropLast(4)), path: path)
            } catch {
                problems.append(error)
            }
        }
        return problems
    }

    /// Loads one CSV file as a dataset, replacing any dataset of the same name, and returns the
    /// choices made while loading it (also kept on the dataset). `entry`: its catalog entry or
    /// what `load` said (counts, separator, header line, encoding). `reading`: the columns to
    /// read (`ColumnDemand`), nil for all.
    @discardableResult
    public func load(path: String, as name: String, entry: Catalog.Entry? = nil,
                     reading wanted: (@Sendable (String) -> Bool)? = nil) throws(Diagnostic) -> [LoadNote] {
        guard isValidName(name) else {
            throw Diagnostic(.error, "\"\(name)\" cannot be a dataset name",
                             help: "use letters, digits and _, starting with a letter, e.g. my_data")
        }
        let loaded = try CSVReader.loadFile(path: path, name: name, options: entry?.options ?? LoadOptions(),
                                            reading: wanted, hashing: hashesLoadedFiles, afterOpening: afterOpeningFile)
        var table = loaded.table
        for (columnName, levels) in entry?.scales ?? [] {
            guard let index = table.columnIndex(named: columnName) else {
                // A column a one-off run left out needs no scale.
                if table.allColumnNames.contains(where: { $0.lowercased() == columnName.lowercased() }) { continue }
                throw Diagnostic(.error, "the catalog gives a scale for column \"\(columnName)\", which \(path) does not have",
                                 location: FileLocation(file: path, line: 1))
            }
            try table.columns[index].applyScale(levels, file: path)
        }
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
        return loaded.notes
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
