import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Issue 14: a history line is never lost to its neighbour, an over-long one is named rather
/// than shown, a second session of the same member does not overwrite the first, and a field
/// that is shown on one line holds no control character.
@Suite("No lost lines, no escape codes")
struct NoLostLinesTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let id = ApplicationID("2026-005")!
    let path = "2026-005/history.jsonl"

    func line(_ details: String, minute: Int) -> String {
        "{\"action\":\"edited\",\"details\":\"\(details)\",\"member\":\"lars\",\"role\":\"coordinator\",\"time\":\"2026-03-01T10:\(String(format: "%02d", minute)):00Z\"}"
    }

    /// Whether `body` was refused with the message `key`.
    func refused(_ key: MessageKey, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch {
            guard case StoreError.refused(let message) = error else { return false }
            return message.key == key.rawValue
        }
    }

    @Test func anAppendAfterALastLineWithoutALineEndStartsANewLine() throws {
        let store = try TestStore()
        try store.write(path, line("från en kollega", minute: 0))
        try store.store.append(HistoryEvent(time: now, member: MemberID("lars")!, role: .coordinator, kind: .edited, details: "titel"), to: id)
        let (events, problems) = store.store.history(of: id)
        #expect(problems == [])
        #expect(events.map(\.details) == ["från en kollega", "titel"])
    }

    @Test func aPartialLineLeftByAFullDiskCostsOnlyItself() throws {
        let store = try TestStore()
        try store.write(path, line("hel", minute: 0) + "\n" + "{\"action\":\"edited\",\"deta")
        try store.store.append(HistoryEvent(time: now, member: MemberID("lars")!, role: .coordinator, kind: .edited, details: "ny"), to: id)
        let (events, problems) = store.store.history(of: id)
        #expect(events.map(\.details) == ["hel", "ny"])
        #expect(problems.map(\.line) == [2])
    }

    @Test func aTenMegabyteLineIsNamedNotDecodedAndTheOthersRead() throws {
        let store = try TestStore()
        let huge = line(String(repeating: "ab ", count: 3_500_000), minute: 1)
        try store.write(path, line("före", minute: 0) + "\n" + huge + "\n" + line("efter", minute: 2) + "\n")
        let (events, problems) = store.store.history(of: id)
        #expect(events.map(\.details) == ["före", "efter"])
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.key == MessageKey.fileHistoryLineTooLong.rawValue)
    }

    @Test func aSecondSessionsSaveOfTheSameReviewIsRefusedAndTheFirstKept() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let config = snapshot.config
        let lars = try #require(config.member(MemberID("lars")!)), anna = try #require(config.member(MemberID("anna")!))
        _ = try store.store.move(try #require(snapshot.entry(id)?.dossier), .startPreparation, by: lars, config: config, now: now)
        snapshot = try store.load()
        // Both sessions opened the application from this one read.
        let opened = try #require(snapshot.entry(id)?.dossier)
        var first = Review(applicationID: id, reviewer: anna.id)
        first.assessments[.problem] = Assessment(score: .points(2), comment: "Första terminalen.")
        var second = Review(applicationID: id, reviewer: anna.id)
        second.assessments[.problem] = Assessment(score: .points(3), comment: "Andra terminalen.")
        try store.store.save(first, by: anna, in: opened, config: config, now: now.addingTimeInterval(60))
        #expect(refused(.storeOwnFileChanged) { try store.store.save(second, by: anna, in: opened, config: config, now: now.addingTimeInterval(120)) })
        #expect(try store.read("2026-005/reviews/anna.toml").contains("Första terminalen."))
        // Read again, the second session saves over what it now has seen.
        let reread = try #require(try store.load().entry(id)?.dossier)
        try store.store.save(second, by: anna, in: reread, config: config, now: now.addingTimeInterval(180))
        #expect(try store.read("2026-005/reviews/anna.toml").contains("Andra terminalen."))
    }

    @Test func controlCharactersAreRefusedAtWriteNamingTheField() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let config = snapshot.config
        let lars = try #require(config.member(MemberID("lars")!))
        let dossier = try #require(snapshot.entry(id)?.dossier)
        let history = try? store.read(path)
        #expect(refused(.storeControlCharacter) { _ = try store.store.move(dossier, .startPreparation, by: lars, config: config, reason: "ok\u{1B}]52;c;aGVq\u{07}", now: now) })
        #expect((try? store.read(path)) == history)
        // A reason is several lines: a line break and a tab are kept.
        _ = try store.store.move(dossier, .startPreparation, by: lars, config: config, reason: "Rad ett\n\tRad två", now: now)
        #expect(refused(.storeControlCharacter) { _ = try store.store.register(title: "Ny\nrad", year: 2026, skeleton: { _ in "" }, by: lars) })
        var renamed = dossier.application
        renamed.title = "Titel\u{202E}txt.exe"
        #expect(refused(.storeControlCharacter) { try store.store.save(renamed, by: lars) })
        #expect(catalog(Message(.storeControlCharacter, ["field": .text("title"), "lines": .message(Message(.storeControlCharacterLines))]))
            == "title får inte innehålla styrtecken eller radbrytningar; ta bort dem och försök igen.")
    }

    @Test func printableShowsEveryControlAndIsLinear() {
        #expect(Printable.shown("a\u{1B}]52;c;x\u{07}b\u{9B}c\u{202E}d\u{2066}\u{7F}") == "a\u{FFFD}]52;c;x\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}\u{FFFD}")
        #expect(Printable.shown("a\nb\tc") == "a\nb\tc")
        #expect(Printable.shown("a\nb\tc", singleLine: true) == "a⏎b c")
        // 20 MB of controls: quadratic would take hours.
        let big = String(repeating: "\u{1B}[31mx\n", count: 2_000_000)
        #expect(Printable.shown(big, singleLine: true).unicodeScalars.count == big.unicodeScalars.count)
    }
}
