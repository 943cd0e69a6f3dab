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
        // The command-line program: flags, the script runner and (later) the line editor.
        .executableTarget(
            name: "reviewql",
            dependencies: [
                "ReviewQLCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ReviewQLCoreTests",
            dependencies: ["ReviewQLCore", "reviewql"],
            exclude: []
        ),
    ]
)
