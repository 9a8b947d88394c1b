import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation

/// A throw-away store folder for one test, removed when the test ends.
final class TestStore {
    let root: URL
    let store: FileStore

    init(copyingDemo: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-test-\(UUID().uuidString)")
        if copyingDemo {
            try FileManager.default.copyItem(at: BundledResources.demoStore, to: root)
        } else {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        store = FileStore(root: root, coreCriteria: try BundledResources.coreCriteria())
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func files(in path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(path).path)) ?? []).sorted()
    }

    func load() throws -> StoreSnapshot { try store.load() }
}

let catalog = try! BundledResources.catalog(.sv)

/// The bundled demo store, read in place (never written to).
func demoSnapshot() throws -> StoreSnapshot {
    try FileStore(root: BundledResources.demoStore, coreCriteria: BundledResources.coreCriteria()).load()
}

/// Parses `text` as the store file `file` and runs `decode`, returning the value and the problems.
func decode<T>(_ text: String, file: String = "2026-001/application.toml", _ decode: (TOMLDocument) -> T?) -> (T?, [FileProblem]) {
    do {
        let document = try TOMLDocument(file: file, data: Data(text.utf8))
        let value = decode(document)
        return (value, document.problems)
    } catch {
        return (nil, [error])
    }
}
