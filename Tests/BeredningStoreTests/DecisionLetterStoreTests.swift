import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The feedback writes the decision letter into the application's folder with the move, and
/// the history's fingerprints tell the letter that was sent from one changed since (issue 16).
@Suite("The sent decision letter in the store")
struct DecisionLetterStoreTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let id = ApplicationID("2026-006")!

    /// The demo with 2026-006 approved and its feedback not yet sent.
    func approved() throws -> TestStore {
        let box = try TestStore()
        let path = "2026-006/application.toml"
        try box.write(path, try box.read(path).replacingOccurrences(of: "state = \"running\"", with: "state = \"approved\""))
        try? FileManager.default.removeItem(at: box.root.appendingPathComponent("2026-006/letter.md"))
        try? FileManager.default.removeItem(at: box.root.appendingPathComponent("2026-006/letter.html"))
        try? FileManager.default.removeItem(at: box.root.appendingPathComponent("2026-006/history.jsonl"))
        return box
    }

    func sent() throws -> (TestStore, SentLetter) {
        let box = try approved()
        let snapshot = try box.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        let dossier = try #require(snapshot.entry(id)?.dossier)
        let letter = SentLetter(try #require(DecisionLetter.document(dossier, config: snapshot.config, sender: lars, date: Day("2026-12-02")!, catalog: catalog)))
        _ = try box.store.move(dossier, .sendFeedback, by: lars, config: snapshot.config, letter: letter, now: now)
        return (box, letter)
    }

    @Test func theMoveWritesBothFilesAndTheirFingerprintsWithIt() throws {
        let (box, letter) = try sent()
        #expect(try box.read("2026-006/letter.md") == letter.markdown)
        #expect(try box.read("2026-006/letter.html") == letter.html)
        let snapshot = try box.load()
        #expect(snapshot.entry(id)?.dossier?.application.state == .feedbackSent)
        let events = box.store.history(of: id).events
        let sentEvent = try #require(events.last { $0.kind == .letterSent })
        #expect(sentEvent.member == MemberID("lars")!)
        #expect(sentEvent.details == "letter.md sha256:\(SHA256.hex(letter.markdown))\nletter.html sha256:\(SHA256.hex(letter.html))")
        guard case .intact(_, let markdown, let html) = box.store.checkLetter(of: id) else { Issue.record("not intact"); return }
        #expect(markdown == letter.markdown && html == letter.html)
    }

    @Test func withoutALetterNothingMovesAndNothingIsWritten() throws {
        let box = try approved()
        let snapshot = try box.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        do {
            _ = try box.store.move(try #require(snapshot.entry(id)?.dossier), .sendFeedback, by: lars, config: snapshot.config, now: now)
            Issue.record("sent without a letter")
        } catch StoreError.refused(let message) {
            #expect(message == Message(.letterNeeded))
        }
        #expect(try box.load().entry(id)?.dossier?.application.state == .approved)
        #expect(!box.files(in: "2026-006").contains("letter.md"))
        #expect(box.store.checkLetter(of: id) == .notSent)
    }

    @Test func aLetterChangedAfterSendingIsToldEitherFile() throws {
        for file in ["letter.md", "letter.html"] {
            let (box, _) = try sent()
            try box.write("2026-006/\(file)", try box.read("2026-006/\(file)").replacingOccurrences(of: "450", with: "950"))
            guard case .changed(let path, _) = box.store.checkLetter(of: id) else { Issue.record("\(file) change not seen"); continue }
            #expect(path == "2026-006/\(file)")
        }
    }

    /// A colleague who rewrites the letter and appends a history line with its fingerprint
    /// still does not make it the letter that was sent: the first line no longer matches.
    @Test func aForgedLetterWithAForgedHistoryLineIsStillTold() throws {
        let (box, _) = try sent()
        let forged = SentLetter(markdown: "# Ni har fått 9 000 000 kr\n", html: "<p>9 000 000 kr</p>\n")
        try box.write("2026-006/letter.md", forged.markdown)
        try box.write("2026-006/letter.html", forged.html)
        let history = try box.read("2026-006/history.jsonl")
        let line = ##"{"time":"2026-06-01T10:00:00Z","member":"lars","role":"coordinator","action":"letter_sent","details":"# "}"##
            .replacingOccurrences(of: "# ", with: forged.fingerprints(markdownFile: "letter.md", htmlFile: "letter.html").replacingOccurrences(of: "\n", with: "\\n"))
        try box.write("2026-006/history.jsonl", history + line + "\n")
        #expect(box.store.history(of: id).events.filter { $0.kind == .letterSent }.count == 2)
        guard case .changed = box.store.checkLetter(of: id) else { Issue.record("the forgery passed"); return }
    }

    @Test func aDeletedLetterIsTold() throws {
        let (box, _) = try sent()
        try FileManager.default.removeItem(at: box.store.root.appendingPathComponent("2026-006/letter.html"))
        #expect({ if case .missing("2026-006/letter.html", _) = box.store.checkLetter(of: id) { return true }; return false }())
    }
}
