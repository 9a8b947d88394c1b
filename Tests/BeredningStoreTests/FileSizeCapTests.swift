import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// A file far larger than any store file (a log saved under a .toml name) is named in a plain
/// message and not read, and the rest of the store reads as before.
@Suite("Store files above the size cap")
struct FileSizeCapTests {
    /// Valid TOML larger than the cap: a comment line repeated.
    static let oversized = String(repeating: "# " + String(repeating: "x", count: 1022) + "\n", count: FileStore.maximumFileSize / 1024 + 1)

    @Test func anOversizedApplicationIsAPlainProblemAndTheOthersRead() throws {
        let store = try TestStore()
        let before = try store.load()
        try store.write("2026-004/application.toml", FileSizeCapTests.oversized)
        let after = try store.load()
        let entry = try #require(after.entry(ApplicationID("2026-004")!))
        #expect(entry.isBroken)
        #expect(entry.problems == [FileProblem(file: "2026-004/application.toml", line: nil,
                                               message: Message(.storeFileTooLarge, ["size": .text("17"), "limit": .text("16")]))])
        #expect(catalog(entry.problems[0].message).hasPrefix("filen är 17 MB, mer än de 16 MB"))
        #expect(after.dossiers == before.dossiers.filter { $0.application.id.description != "2026-004" })
    }

    @Test func anOversizedConfigurationMakesTheStoreUnusableWithItsName() throws {
        let store = try TestStore()
        try store.write(FileStore.configFile, FileSizeCapTests.oversized)
        #expect {
            _ = try store.store.loadConfig()
        } throws: { error in
            guard case StoreError.unusable(let problems) = error else { return false }
            return problems.map(\.message.key) == [MessageKey.storeFileTooLarge.rawValue] && problems.first?.file == FileStore.configFile
        }
    }
}
