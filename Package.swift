// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ReviewQL",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "reviewql", targets: ["reviewql"]),
        .library(name: "ReviewQLCore", targets: ["ReviewQLCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        // The language and the engine: lexer → parser → binder → evaluator over columnar
        // tables, plus rendering. No terminal I/O lives here.
        .target(name: "ReviewQLCore"),
        // libedit (BSD editline) through its readline-compatible header, for the shell's line
        // editing, history and completion. Only `LineEditor.swift` imports it.
        .systemLibrary(
            name: "CLibEdit",
            path: "Sources/CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // The command-line program: flags, the script runner and the interactive shell.
        .executableTarget(
            name: "reviewql",
            dependencies: [
                "ReviewQLCore",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime linked into the program rather than loaded from shared
            // libraries: start-up drops by about a third (bench/RESULTS.md), which matters for
            // a tool run once per query from scripts.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-l_FoundationCollections"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(
            name: "ReviewQLCoreTests",
            dependencies: ["ReviewQLCore", "reviewql"],
            exclude: []
        ),
    ]
)
