import Foundation
import Testing
@testable import Core

/// An installed binary (/usr/bin/schakel from the Debian package) reads its strings and
/// reference data from ../share/schakel/resources; a development build from SwiftPM's bundle.
@Suite struct ResourceLocationTests {
    @Test func installedTreeIsFoundNextToTheExecutable() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-res-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let bin = tree.appendingPathComponent("usr/bin")
        let strings = tree.appendingPathComponent("usr/share/schakel/resources/strings")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let exe = bin.appendingPathComponent("schakel").path
        // Nothing installed yet: nothing is invented.
        #expect(ResourceFiles.installedRoot(executablePath: exe) == nil)
        try FileManager.default.createDirectory(at: strings, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: strings.appendingPathComponent("nl.json"))
        let found = try #require(ResourceFiles.installedRoot(executablePath: exe))
        #expect(found.path == tree.appendingPathComponent("usr/share/schakel/resources").standardizedFileURL.path)
    }

    @Test func executableLocationIsTheRealFileNotTheTypedName() {
        let path = ExecutableLocation.path
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
        // A test run has no installed tree beside it, so strings come from the build's bundle.
        #expect(ResourceFiles.installedRoot(executablePath: path) == nil)
        #expect(ResourceFiles.root.path.hasSuffix("/Resources"))
        #expect(ResourceFiles.url("strings/en.json") != nil)
    }
}
