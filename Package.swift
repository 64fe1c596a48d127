// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "scaletop",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ScaleTopCore", targets: ["ScaleTopCore"]),
        .library(name: "ScaleTopTUI", targets: ["ScaleTopTUI"]),
        .executable(name: "scaletop", targets: ["scaletop"]),
        .executable(name: "scaletop-bench", targets: ["scaletop-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Pure core: reading, run model, fitting, diagnostics. Knows nothing of terminals.
        .target(name: "ScaleTopCore"),
        // Draws screens into an in-memory grid of cells: no terminal here either, so every screen
        // is testable as text.
        .target(name: "ScaleTopTUI", dependencies: ["ScaleTopCore"]),
        // Thin executable: argument parsing and wiring.
        .executableTarget(
            name: "scaletop",
            dependencies: [
                "ScaleTopCore",
                "ScaleTopTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks that print our figure beside a peer's, measured in the same run.
        .executableTarget(name: "scaletop-bench", dependencies: ["ScaleTopCore"]),
        // Fixtures and helpers shared by the test targets.
        .target(name: "ScaleTopTestSupport", dependencies: ["ScaleTopCore"], path: "Tests/ScaleTopTestSupport"),
        .testTarget(name: "ScaleTopCoreTests", dependencies: ["ScaleTopCore", "ScaleTopTestSupport"]),
        .testTarget(name: "ScaleTopTUITests", dependencies: ["ScaleTopTUI", "ScaleTopTestSupport"]),
        .testTarget(name: "ScaleTopCLITests", dependencies: ["scaletop", "ScaleTopTestSupport"]),
    ]
)
