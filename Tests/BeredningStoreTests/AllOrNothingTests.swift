import BeredningCore
@testable import BeredningStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A decision is a decision file, a state and two history lines: a failure at any step, made
/// for real (a colleague's lock, a file in the way), leaves none of them, and a retry then
/// records the decision once.
@Suite("Recording a decision: all or nothing")
struct AllOrNothingTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let id = ApplicationID("2026-002")!
    let decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: .approve, grants: [.init(year: 2027, amount: 450_000)],
                            rationale: "Stark ansökan.", recordedBy: MemberID("lars")!)

    enum Failure: String, CaseIterable, CustomTestStringConvertible {
        /// A colleague holds application.toml, which a decision moves after writing its own file.
        case applicationLocked
        /// The history cannot be appended to: the last step, after both files are written.
        case historyInTheWay
        /// The application file is no longer what was read: refused before any write.
        case changedOnDisk
        var testDescription: String { rawValue }
    }

    /// A store with 2026-002 forwarded, ready for a decision.
    func forwarded() throws -> TestStore {
        let store = try TestStore()
        let snapshot = try store.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!))
        _ = try store.store.move(try #require(snapshot.entry(id)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        return store
    }

    func record(in store: TestStore) throws -> Application {
        let snapshot = try store.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        return try store.store.record(decision, for: try #require(snapshot.entry(id)?.dossier), by: lars, config: snapshot.config, now: now)
    }

    @Test(arguments: Failure.allCases)
    func aFailedDecisionLeavesNothingAndARetryRecordsItOnce(_ failure: Failure) throws {
        let store = try forwarded()
        let folder = store.root.appendingPathComponent(id.description)
        let before = store.fileContents()
        let snapshot = try store.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        let dossier = try #require(snapshot.entry(id)?.dossier)

        var lock: Int32 = -1
        switch failure {
        case .applicationLocked:
            // flock locks of two open files exclude each other within one process too.
            lock = open(try lockFile("\(id)/application.toml", in: store.root), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            #expect(flock(lock, LOCK_EX) == 0)
        case .historyInTheWay:
            try FileManager.default.removeItem(at: folder.appendingPathComponent(FileStore.historyFile))
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(FileStore.historyFile), withIntermediateDirectories: false)
        case .changedOnDisk:
            let path = "\(id)/\(FileStore.applicationFile)"
            try store.write(path, try store.read(path).replacingOccurrences(of: "Star for Life\"", with: "Star for Life 2\""))
        }
        let changed = store.fileContents()
        #expect(throws: StoreError.self) { try store.store.record(decision, for: dossier, by: lars, config: snapshot.config, now: now) }
        #expect(store.fileContents() == changed, "a file was left changed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(FileStore.decisionFile).path))

        // The cause goes away; the coordinator tries again.
        switch failure {
        case .applicationLocked: close(lock)
        case .historyInTheWay:
            try FileManager.default.removeItem(at: folder.appendingPathComponent(FileStore.historyFile))
            try before["\(id)/\(FileStore.historyFile)"]!.write(to: folder.appendingPathComponent(FileStore.historyFile))
        case .changedOnDisk: break
        }
        #expect(try record(in: store).state == .approved)
        let after = try #require(try store.load().entry(id)?.dossier)
        #expect(after.application.state == .approved)
        #expect(after.decision?.caseNumber == "KS 2026/88")
        #expect(store.store.history(of: id).events.map(\.kind) == [.moved, .decided, .moved])
        #expect(store.files(in: id.description).filter { $0.contains(".tmp-") } == [])
    }
}
