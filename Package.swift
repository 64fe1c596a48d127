// swift-tools-version:6.1
import PackageDescription

// `SCALETOP_STATIC_NCURSES=DIR` (scripts/build-release.sh) links ncursesw and tinfo from their static
// archives in DIR, so the binary needs no ncurses of the machine it runs on; by default they are
// linked as shared libraries.
let ncursesLinking: [LinkerSetting] = Context.environment["SCALETOP_STATIC_NCURSES"].map { dir in
    [.unsafeFlags(["\(dir)/libncursesw.a", "\(dir)/libtinfo.a"])]
} ?? [.linkedLibrary("ncursesw")]

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
        // Pure core: reading, run model, fitting, diagnostics. Knows nothing of terminals. Starts
        // ssh for remote paths through ScaleTopProcess.
        .target(name: "ScaleTopCore", dependencies: ["CCRC32C", "ScaleTopProcess"]),
        // CRC-32C with the CPU's instruction (SSE 4.2), for TensorBoard's record framing, and
        // CRC-32 folded with the carry-less multiply (PCLMULQDQ), for W&B's.
        .target(name: "CCRC32C"),
        // Draws screens into an in-memory grid of cells: no terminal here either, so every screen
        // is testable as text.
        .target(name: "ScaleTopTUI", dependencies: ["ScaleTopCore"]),
        // The sweep simulator behind `scaletop simulate` and the demo: synthetic runs from a known
        // law, written as growing logs. Not part of the pure core.
        .target(name: "ScaleTopSimulation", dependencies: ["ScaleTopCore"]),
        // Starting and reaping child processes (the --on-alert command, the benches' and tests'
        // children): kept out of the pure core.
        .target(name: "ScaleTopProcess"),
        // ncursesw, as a system library (Debian: libncurses-dev).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The only code that talks to the terminal: blits cell grids, reads keys, restores the
        // terminal on every exit path.
        .target(name: "ScaleTopTerminal", dependencies: ["CNcursesw", "ScaleTopTUI"], exclude: ["Terminfo"], linkerSettings: ncursesLinking),
        // Thin executable: argument parsing and wiring.
        .executableTarget(
            name: "scaletop",
            dependencies: [
                "ScaleTopCore",
                "ScaleTopTUI",
                "ScaleTopTerminal",
                "ScaleTopProcess",
                "ScaleTopSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildCommitPlugin"]
        ),
        // Records the git commit the binary is built from, for `scaletop --version`.
        .plugin(name: "BuildCommitPlugin", capability: .buildTool()),
        // Benchmarks that print our figure beside a peer's, measured in the same run.
        .executableTarget(
            name: "scaletop-bench",
            dependencies: ["ScaleTopCore", "ScaleTopTUI", "ScaleTopProcess", "ScaleTopSimulation", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Fixtures and helpers shared by the test targets.
        .target(name: "ScaleTopTestSupport", dependencies: ["ScaleTopCore", "ScaleTopProcess", "ScaleTopSimulation"], path: "Tests/ScaleTopTestSupport"),
        .testTarget(name: "ScaleTopCoreTests", dependencies: ["ScaleTopCore", "ScaleTopSimulation", "ScaleTopTestSupport"]),
        .testTarget(name: "ScaleTopSimulationTests", dependencies: ["ScaleTopSimulation", "ScaleTopTestSupport"]),
        .testTarget(name: "ScaleTopTUITests", dependencies: ["ScaleTopTUI", "ScaleTopSimulation", "ScaleTopTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "ScaleTopCLITests", dependencies: ["scaletop", "ScaleTopTerminal", "ScaleTopTestSupport"]),
    ]
)
