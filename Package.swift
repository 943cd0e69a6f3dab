// swift-tools-version:6.0
import PackageDescription

// The line editor, chosen when the program is built. By default the shell edits lines with
// libedit (history, Tab completion). `REVIEWQL_LINE_READER=plain swift build` builds it
// without libedit, as a system that lacks it (Windows) gets it: Sources/reviewql/
// PlainLineReader.swift reads plain lines and nothing links libedit. `reviewql --version`
// says which one a program has. Every build also holds the plain reader, chosen at run time
// by REVIEWQL_LINE_READER=plain; Tests/plain-reader.sh compiles the sources with libedit out of
// reach and runs the shell's tests on the plain reader (with --full it builds the plain program).
let plainLineReader = Context.environment["REVIEWQL_LINE_READER"] == "plain"
// What the static libedit archive needs beside it in the one-file release program.
let libeditLinkFlags = plainLineReader ? [] : ["-Xlinker", "-ltinfo", "-Xlinker", "-lbsd", "-Xlinker", "-lmd"]

let package = Package(
    name: "ReviewQL",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reviewql", targets: ["reviewql"]),
        .library(name: "ReviewQLCore", targets: ["ReviewQLCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        // The zip archive around .xlsx and .ods workbooks (reading and writing; on Linux it needs zlib).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // The language and the engine: lexer → parser → binder → evaluator over columnar
        // tables, plus rendering. No terminal I/O lives here.
        .target(name: "ReviewQLCore"),
        // The bundled data (`Data/`) and the build's commit and date, compiled into the program
        // by the EmbedData plugin so the one release file needs no source tree beside it.
        .target(name: "ReviewQLData", plugins: ["EmbedData"]),
        .plugin(name: "EmbedData", capability: .buildTool(), dependencies: ["EmbedDataTool"]),
        .executableTarget(name: "EmbedDataTool"),
        // libedit (BSD editline) through its readline-compatible header, for the shell's line
        // editing, history and completion. Only `LineEditor.swift` imports it.
        .systemLibrary(
            name: "CLibEdit",
            path: "Sources/CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // libexpat, the streaming XML parser that reads a workbook's sheets: no dependencies, so
        // it links into the one static release program (Foundation's XMLParser would need
        // libxml2 with ICU and lzma as static archives), and faster than a tree parser.
        .systemLibrary(
            name: "CExpat",
            path: "Sources/CExpat",
            pkgConfig: "expat",
            providers: [.apt(["libexpat1-dev"])]
        ),
        // zlib's crc32, to check each workbook part as it is unpacked (ZIPFoundation's own
        // check is a slow loop on Linux). ZIPFoundation links zlib already.
        .systemLibrary(
            name: "CZlibCRC",
            path: "Sources/CZlibCRC",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Workbooks: opening .xlsx and .ods (the archive and the XML into a `SheetGrid`, which
        // the core turns into a table by the same rules as a CSV file), and the zip archive
        // around the sheet XML the core writes (`WorkbookPacker`). Kept apart from the core so
        // the core stays free of Foundation, zip and XML, and nothing of it runs at start-up.
        .target(
            name: "ReviewQLWorkbook",
            dependencies: ["ReviewQLCore", "CExpat", "CZlibCRC", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // The XML handlers are classes whose fields change once per cell; checking each
            // access for exclusivity at run time cost about a twentieth of a sheet's load.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        // The command-line program: flags, the script runner and the interactive shell.
        .executableTarget(
            name: "reviewql",
            dependencies: [
                "ReviewQLCore",
                "ReviewQLWorkbook",
                "ReviewQLData",
                // Where libedit is not there (Windows), or left out (REVIEWQL_LINE_READER=plain),
                // the shell reads plain lines (Sources/reviewql/PlainLineReader.swift).
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + (plainLineReader ? [] : [.target(name: "CLibEdit", condition: .when(platforms: [.linux, .macOS]))]),
            swiftSettings: plainLineReader ? [.define("REVIEWQL_PLAIN_LINE_READER")] : [],
            // A release build is one self-contained file: the Swift runtime, libedit and the C
            // library linked in, so nothing is looked up or relocated at start. That halves the
            // start-up (about 5.5 ms instead of 11 with shared libraries, bench/RESULTS.md),
            // which matters for a tool run once per query from scripts. The libraries after
            // -static-executable are what the static Foundation and libedit archives need.
            // Debug builds (and the tests, which link the program's code) stay dynamic.
            // Tests/release-smoke.sh checks the release build links and answers.
            // ZIPFoundation (workbooks) brings Foundation, whose static archives need each other
            // (a group, so their order does not matter), ICU's C++ library and zlib.
            linkerSettings: [.unsafeFlags(["-static-executable",
                                           "-Xlinker", "--start-group",
                                           "-Xlinker", "-lFoundation", "-Xlinker", "-lCoreFoundation",
                                           "-Xlinker", "-lFoundationInternationalization", "-Xlinker", "-l_FoundationICU",
                                           "-Xlinker", "-lFoundationEssentials",
                                           "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-l_FoundationCollections",
                                           "-Xlinker", "--end-group", "-Xlinker", "-lz", "-Xlinker", "-lstdc++"]
                                           + libeditLinkFlags,
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "ReviewQLCoreTests",
            dependencies: ["ReviewQLCore", "ReviewQLWorkbook", "ReviewQLData", "reviewql"],
            exclude: []
        ),
    ]
)
