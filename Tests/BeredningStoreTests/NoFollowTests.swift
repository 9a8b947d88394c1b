import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Issue 14, nothing outside the store: a symbolic link in the store, however it got there,
/// is never read, written or appended through; the write is refused naming the link, and
/// `validate` lists it.
@Suite("No writes through links")
struct NoFollowTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// A folder beside the store, standing for anything of the member's outside it.
    final class Outside {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-outside-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: root) }

        /// A file outside with `text`, its path.
        func file(_ name: String, _ text: String) throws -> String {
            let path = root.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        func folder(_ name: String) throws -> String {
            let path = root.appendingPathComponent(name).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
        func items(_ path: String) -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] }
    }

    func member(_ id: String, in snapshot: StoreSnapshot) throws -> Member {
        try #require(snapshot.config.member(MemberID(id)!))
    }

    func link(_ path: String, in store: TestStore, to target: String) throws {
        let url = store.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Whether `error` is the refusal naming `path`.
    func refusesLink(_ error: any Error, _ path: String) -> Bool {
        guard case .refused(let message) = error as? StoreError else { return false }
        return message.key == MessageKey.linkRefused.rawValue && catalog(message).contains(path)
    }

    func annasReview(_ snapshot: StoreSnapshot) throws -> (Review, Member, Dossier) {
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let anna = try member("anna", in: snapshot)
        var review = Review(applicationID: dossier.application.id, reviewer: anna.id)
        review.assessments[.problem] = Assessment(score: .points(2), comment: "Tydligt.")
        return (review, anna, dossier)
    }

    @Test func aLinkedReviewsFolderIsRefusedAndNothingIsWrittenThere() throws {
        let store = try TestStore(), outside = try Outside()
        let elsewhere = try outside.folder("documents")
        let snapshot = try store.load()
        try link("2026-005/reviews", in: store, to: elsewhere)
        let (review, anna, dossier) = try annasReview(snapshot)
        #expect { try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now) } throws: {
            refusesLink($0, "2026-005/reviews")
        }
        #expect(outside.items(elsewhere).isEmpty)
    }

    @Test func aLinkedHistoryIsNotAppendedToAndTheReviewIsNotLeftHalfSaved() throws {
        let store = try TestStore(), outside = try Outside()
        let bashrc = try outside.file("bashrc", "export PATH=/usr/bin\n")
        let snapshot = try store.load()
        try link("2026-005/history.jsonl", in: store, to: bashrc)
        let (review, anna, dossier) = try annasReview(snapshot)
        #expect { try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now) } throws: {
            refusesLink($0, "2026-005/history.jsonl")
        }
        #expect(outside.contents(bashrc) == Data("export PATH=/usr/bin\n".utf8))
        #expect(!store.files(in: "2026-005/reviews").contains("anna.toml"))
    }

    @Test func aLinkedLockFileIsNeitherTruncatedNorUsed() throws {
        let store = try TestStore(), outside = try Outside()
        let old = try outside.file("thesis.odt", "fyra års arbete")
        let new = try outside.file("notes.txt", "anteckningar")
        let snapshot = try store.load()
        // Where locks were kept before (beside the record, in the shared tree) and where they are now.
        try link("2026-002/.application.toml.lock", in: store, to: old)
        try link(RecordLock.path(for: "2026-002/application.toml"), in: store, to: new)
        let karin = try member("karin", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        #expect { _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now) } throws: {
            refusesLink($0, RecordLock.path(for: "2026-002/application.toml"))
        }
        #expect(outside.contents(old) == Data("fyra års arbete".utf8))
        #expect(outside.contents(new) == Data("anteckningar".utf8))
    }

    @Test func aLinkedLockFolderIsRefused() throws {
        let store = try TestStore(), outside = try Outside()
        let elsewhere = try outside.folder("bered")
        let snapshot = try store.load()
        try link(".bered", in: store, to: elsewhere)
        let karin = try member("karin", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        #expect { _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now) } throws: {
            refusesLink($0, ".bered")
        }
        #expect(outside.items(elsewhere).isEmpty)
    }

    @Test func aLinkedApplicationFileIsNotReadNorCopiedIntoTheStore() throws {
        let store = try TestStore(), outside = try Outside()
        let snapshot = try store.load()
        // A file outside that reads as an application: moving would copy it into the store, and sync would share it.
        let secret = try outside.file("secret.toml", try store.read("2026-002/application.toml"))
        let secretBytes = outside.contents(secret)
        try link("2026-002/application.toml", in: store, to: secret)
        let karin = try member("karin", in: snapshot), lars = try member("lars", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        #expect { _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now) } throws: {
            refusesLink($0, "2026-002/application.toml")
        }
        var edited = dossier.application
        edited.title = "Ändrad"
        #expect { try store.store.save(edited, by: lars, basis: dossier.application, now: now) } throws: {
            refusesLink($0, "2026-002/application.toml")
        }
        #expect(outside.contents(secret) == secretBytes)
        #expect(NoFollow.isLink(store.root.appendingPathComponent("2026-002/application.toml").path))
        #expect(try store.load().entry(ApplicationID("2026-002")!)?.dossier == nil)
    }

    @Test func aLinkedExportsFolderIsRefused() throws {
        let store = try TestStore(), outside = try Outside()
        let elsewhere = try outside.folder("public_html")
        try link(FileStore.exportsFolder, in: store, to: elsewhere)
        #expect { _ = try store.store.exportURL("beslut.csv") } throws: { refusesLink($0, "exports") }
        #expect(outside.items(elsewhere).isEmpty)
        try FileManager.default.removeItem(at: store.root.appendingPathComponent(FileStore.exportsFolder))
        #expect(try store.store.exportURL("beslut.csv").path == store.root.appendingPathComponent("exports/beslut.csv").path)
    }

    @Test func validateNamesEveryLinkAndReadsNoneOfThem() throws {
        let store = try TestStore(), outside = try Outside()
        let application = try outside.file("application.toml", try store.read("2026-004/application.toml"))
        let folder = try outside.folder("elsewhere")
        try FileManager.default.copyItem(atPath: store.root.appendingPathComponent("2026-003/reviews").path, toPath: folder + "/reviews")
        try link("2026-007", in: store, to: store.root.appendingPathComponent("2026-001").path)
        try link("2026-003/reviews", in: store, to: folder + "/reviews")
        try link("2026-004/application.toml", in: store, to: application)
        try link("2026-001/history.jsonl", in: store, to: "/etc/passwd")
        let snapshot = try store.load()
        let lines = Set(snapshot.allProblems.filter { $0.message.key == MessageKey.linkNotRead.rawValue }.map { $0.formatted(catalog) })
        let said = catalog(Message(.linkNotRead))
        #expect(lines == Set(["2026-007", "2026-003/reviews", "2026-004/application.toml", "2026-001/history.jsonl"].map { "\($0): \(said)" }))
        #expect(snapshot.entry(ApplicationID("2026-003")!)?.dossier?.reviews.isEmpty == true)
        #expect(snapshot.entry(ApplicationID("2026-004")!)?.dossier == nil)
        #expect(snapshot.entry(ApplicationID("2026-007")!) == nil)
        #expect(store.store.history(of: ApplicationID("2026-001")!).events.isEmpty)
    }
}
