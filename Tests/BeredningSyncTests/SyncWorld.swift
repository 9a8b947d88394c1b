import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

let catalog = try! BundledResources.catalog(.sv)

/// A shared repository on a "file share" (a bare repository in a temporary folder) and the
/// members' own copies of the store, each on its "laptop" (a folder of its own), with a
/// HOME where git was never set up: what a municipality's machines look like.
final class SyncWorld {
    let root: URL
    let remote: URL
    let environment: [String: String]
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-sync-\(UUID().uuidString)")
        remote = root.appendingPathComponent("share/fond.git")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root.appendingPathComponent("home").path
        environment["XDG_STATE_HOME"] = root.appendingPathComponent("state").path
        environment["XDG_CONFIG_HOME"] = root.appendingPathComponent("home/.config").path
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        for key in environment.keys where key.hasPrefix("GIT_") && key != "GIT_CONFIG_NOSYSTEM" { environment[key] = nil }
        self.environment = environment
        try FileManager.default.createDirectory(at: remote, withIntermediateDirectories: true)
        let bare = Git(folder: remote, environment: environment).run(["init", "--quiet", "--bare"])  // as a coordinator types it: the default branch may be master
        #expect(bare.succeeded, "\(bare.errors)")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// The coordinator's store, made from the demo and shared with `bered share`'s code.
    func coordinatorShares() throws -> URL {
        let folder = root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        let outcome = try sync(folder, as: "lars").share(remote: remote.path)
        guard case .synced = outcome else { throw SyncTestError.unexpected(outcome) }
        return folder
    }

    /// The coordinator's store as `coordinatorShares()` makes it, with every file's lines ended
    /// in CRLF (as git checks them out on Windows) or, `mixed`, alternately CRLF and LF.
    func coordinatorSharesWindowsStore(mixed: Bool) throws -> URL {
        let folder = root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            // The demo's files end their lines in LF only.
            var converted: [UInt8] = [], lineNumber = 0
            for byte in try Data(contentsOf: url) {
                if byte == 10 {
                    lineNumber += 1
                    if !mixed || lineNumber % 2 == 1 { converted.append(13) }
                }
                converted.append(byte)
            }
            try Data(converted).write(to: url)
        }
        let outcome = try sync(folder, as: "lars").share(remote: remote.path)
        guard case .synced = outcome else { throw SyncTestError.unexpected(outcome) }
        return folder
    }

    /// A member joins: `git clone`, nothing more.
    func join(_ name: String) throws -> URL {
        let folder = root.appendingPathComponent(name)
        let cloned = Git(folder: root, environment: environment).run(["clone", "--quiet", remote.path, folder.path])
        guard cloned.succeeded else { throw SyncTestError.git(cloned.errors) }
        return folder
    }

    func store(_ folder: URL) throws -> FileStore { FileStore(root: folder, coreCriteria: try BundledResources.coreCriteria()) }

    func member(_ id: String, in folder: URL) throws -> Member {
        try #require(try store(folder).loadConfig().member(MemberID(id)!))
    }

    func sync(_ folder: URL, as id: String) throws -> StoreSync {
        StoreSync(store: folder, member: try member(id, in: folder), catalog: catalog, coreCriteria: try BundledResources.coreCriteria(), environment: environment, now: { [now] in now })
    }

    func dossier(_ id: String, in folder: URL) throws -> Dossier {
        try #require(try store(folder).load().entry(ApplicationID(id)!)?.dossier)
    }

    func git(_ folder: URL) -> Git { Git(folder: folder, environment: environment) }

    /// A preparation-group member saves a review scoring one criterion, in their own copy.
    @discardableResult
    func scoreProblem(of id: String, _ points: Int, _ comment: String, as member: String, in folder: URL) throws -> Member {
        let store = try store(folder), reviewer = try self.member(member, in: folder)
        var review = Review(applicationID: ApplicationID(id)!, reviewer: reviewer.id)
        review.assessments[.problem] = Assessment(score: .points(points), comment: comment)
        try store.save(review, by: reviewer, in: try dossier(id, in: folder), config: try store.loadConfig(), now: now)
        return reviewer
    }

    func read(_ path: String, in folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ path: String, _ text: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(path))
    }
}

enum SyncTestError: Error {
    case unexpected(SyncOutcome)
    case git(String)
}

extension SyncOutcome {
    var isSynced: Bool { if case .synced = self { return true } else { return false } }
    var conflicts: [SyncConflict] { if case .conflicts(let list, _) = self { return list } else { return [] } }
}
