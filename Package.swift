// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "schakel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "schakel", targets: ["App"]),
        .executable(name: "schakel-bench", targets: ["SchakelBench"]),
        // For the fuzz package in Fuzz/ (a separate package, so that normal builds never see it).
        .library(name: "SchakelCore", targets: ["Core"]),
        .library(name: "SchakelTUI", targets: ["TUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            path: "Sources/CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(
            name: "Core",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few statements an import runs a million times (`RawStatement`).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Sources/Core",
            resources: [.copy("Resources")]
        ),
        .target(
            name: "TUI",
            dependencies: ["Core", "CNCursesW"],
            path: "Sources/TUI"
        ),
        .executableTarget(
            name: "App",
            dependencies: [
                "Core", "TUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/App"
        ),
        .executableTarget(
            name: "SchakelBench",
            dependencies: ["Core", "TUI"],
            path: "Benchmarks/SchakelBench"
        ),
        .testTarget(name: "CoreTests", dependencies: ["Core", .product(name: "PropertyBased", package: "swift-property-based")], path: "Tests/CoreTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Core"], path: "Tests/TUITests"),
        .testTarget(name: "AppTests", dependencies: ["Core", "App"], path: "Tests/AppTests"),
    ],
    swiftLanguageModes: [.v5]
)
