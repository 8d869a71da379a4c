// swift-tools-version:6.0
// Fuzz targets for Schakel (libFuzzer). A separate package so that the main package, its
// normal builds and `make test` never see the fuzzer flags. Build and run with `make fuzz`.
import PackageDescription
import Foundation

// A path dependency's identity is the name of its directory (a worktree may not be called
// "schakel"), so it is read from this file's location.
let rootDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let root = rootDirectory.lastPathComponent.lowercased()

let fuzzTargets = [
    "FuzzAgeDecrypt", "FuzzAgeStream", "FuzzAgeKeys",
    "FuzzBundleParser", "FuzzRecords", "FuzzBundleImport", "FuzzBackupRestore",
    "FuzzContactCard", "FuzzOutsideSignal", "FuzzCSV", "FuzzTheme", "FuzzConfig",
]

let package = Package(
    name: "schakel-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", .product(name: "SchakelCore", package: root)],
            path: "Sources/FuzzSupport"
        ),
    ] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport",
                           .product(name: "SchakelCore", package: root),
                           .product(name: "SchakelTUI", package: root)],
            path: "Sources/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    },
    swiftLanguageModes: [.v5]
)
