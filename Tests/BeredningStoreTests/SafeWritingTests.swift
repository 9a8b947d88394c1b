import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Saving never overwrites a colleague's change, never keeps a personal identity number, and a
/// lock left by a crashed writer never blocks anyone.
@Suite("Safe writing: stale copies, locks, personal data")
struct SafeWritingTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func member(_ id: String, in snapshot: StoreSnapshot) throws -> Member {
        try #require(snapshot.config.member(MemberID(id)!))
    }

    @Test func aMoveFromAStaleCopyIsRefusedAndNamesWhatChanged() throws {
        let store = try TestStore()
        let stale = try store.load()
        let karin = try member("karin", in: stale), lars = try member("lars", in: stale)
        let dossier = try #require(stale.entry(ApplicationID("2026-002")!)?.dossier)
        // A colleague edits the title in the meantime.
        var edited = dossier.application
        edited.title = "Star for life, reviderad"
        try store.store.save(edited, by: lars, basis: dossier.application, now: now)
        let before = try store.read("2026-002/application.toml")
        #expect {
            _ = try store.store.move(dossier, .forward, by: karin, config: stale.config, now: now)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            let text = catalog(message)
            return text.contains("2026-002/application.toml") && text.contains("(Titel)")
        }
        #expect(try store.read("2026-002/application.toml") == before)
    }

    @Test func anEditFromAStaleCopyIsRefused() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", in: snapshot)
        let original = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier?.application)
        var first = original, second = original
        first.title = "Första ändringen"
        second.applicant = "Andra ändringen"
        try store.store.save(first, by: lars, basis: original, now: now)
        #expect(throws: StoreError.self) { try store.store.save(second, by: lars, basis: original, now: now) }
        let read = try #require(try store.load().entry(original.id)?.dossier?.application)
        #expect(read.title == "Första ändringen")
        #expect(read.applicant == original.applicant)
    }

    @Test func aDecisionRecordedMeanwhileIsNotOverwritten() throws {
        let store = try TestStore()
        let stale = try store.load()
        let lars = try member("lars", in: stale)
        let dossier = try #require(stale.entry(ApplicationID("2026-006")!)?.dossier)
        let existing = try store.read("2026-006/decision.toml")
        var replacement = try #require(dossier.decision)
        replacement.rationale = "Någon annans motivering"
        var missing = dossier
        missing.decision = nil  // as if the decision form was opened before the colleague recorded it
        #expect(throws: StoreError.self) { _ = try store.store.record(replacement, for: missing, by: lars, config: stale.config, now: now) }
        #expect(try store.read("2026-006/decision.toml") == existing)
    }

    @Test func aLockHeldByAColleagueMakesTheSaveWaitThenSaySo() throws {
        let store = try TestStore()
        let lock = try lockFile("2026-002/application.toml", in: store.root)
        let fd = open(lock, O_RDWR | O_CREAT, 0o644)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        _ = "bengt 1 host".withCString { pwrite(fd, $0, strlen($0), 0) }
        // flock locks belong to the open file: a second open in this process is a colleague.
        let snapshot = try store.load()
        let karin = try member("karin", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        let started = Date()
        #expect {
            _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return catalog(message).hasPrefix("bengt sparar 2026-002/application.toml just nu")
        }
        #expect(Date().timeIntervalSince(started) >= RecordLock.patience - 0.5)
    }

    @Test func aLockLeftByAKilledProcessIsTakenOverAtOnce() throws {
        let store = try TestStore()
        let lock = try lockFile("2026-002/application.toml", in: store.root)
        // A child takes the lock and is killed with SIGKILL while holding it.
        let child = fork()
        if child == 0 {
            let fd = open(lock, O_RDWR | O_CREAT, 0o644)
            flock(fd, LOCK_EX)
            _ = "omar 999 elsewhere".withCString { pwrite(fd, $0, strlen($0), 0) }
            while true { pause() }
        }
        // Wait until the child holds it.
        var waited = 0
        while waited < 200 {
            let fd = open(lock, O_RDWR | O_CREAT, 0o644)
            let free = flock(fd, LOCK_EX | LOCK_NB) == 0
            close(fd)
            if !free { break }
            usleep(10_000)
            waited += 1
        }
        kill(child, SIGKILL)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        let snapshot = try store.load()
        let karin = try member("karin", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        let started = Date()
        _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now)
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(try store.read("2026-002/application.toml").contains("state = \"forwarded\""))
    }

    @Test("a personal identity number in any free text stops the save", arguments: [
        "Barnet (120314-2383) behöver stöd.", "Se 19850709-9805 i journalen.", "Samordningsnummer 850769-9802 finns.",
    ])
    func personalNumbersAreRefused(text: String) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let anna = try member("anna", in: snapshot), sara = try member("sara", in: snapshot), lars = try member("lars", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let filesBefore = store.files(in: "2026-005") + store.files(in: "2026-005/reviews") + store.files(in: "2026-005/comments")

        var review = Review(applicationID: dossier.application.id, reviewer: anna.id)
        review.assessments[.problem] = Assessment(score: .points(2), comment: text)
        func refusesAsPersonalData(_ body: () throws -> Void) {
            #expect {
                try body()
            } throws: { error in
                guard case .refused(let message) = error as? StoreError else { return false }
                return message.key == MessageKey.privacyPersonalNumber.rawValue && !catalog(message).contains(String(text.filter(\.isNumber).suffix(4)))
            }
        }
        refusesAsPersonalData { try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now) }
        refusesAsPersonalData {
            try store.store.save(YouthComment(applicationID: dossier.application.id, author: sara.id, time: now, about: .whole, text: text), by: sara)
        }
        var application = dossier.application
        application.problem.localExtent = text
        refusesAsPersonalData { try store.store.save(application, by: lars, basis: dossier.application, now: now) }
        #expect(store.files(in: "2026-005") + store.files(in: "2026-005/reviews") + store.files(in: "2026-005/comments") == filesBefore)
    }

    @Test("numbers that only look like personal numbers are saved", arguments: [
        "Kostnaden är 2 189 250 000 kr.", "Projektet pågår 2026-08-01 till 2028-06-30.", "Diarienummer KS 2026/123.",
        "Telefon 08-123 456 78.", "Organisationsnummer 212000-1355.", "Fel kontrollsiffra 850709-9806.",
    ])
    func lookAlikesAreSaved(text: String) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let sara = try member("sara", in: snapshot)
        let comment = YouthComment(applicationID: ApplicationID("2026-005")!, author: sara.id, time: now, about: .whole, text: text)
        try store.store.save(comment, by: sara)
        #expect(try store.load().entry(ApplicationID("2026-005")!)?.dossier?.comments.contains { $0.text == text } == true)
    }
}

/// The lock file of `record` as bered opens it, its folder made.
func lockFile(_ record: String, in root: URL) throws -> String {
    let path = root.appendingPathComponent(RecordLock.path(for: record)).path
    try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    return path
}
