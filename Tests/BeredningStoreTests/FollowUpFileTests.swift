import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// `<id>/followups/YYYY-MM-DD.toml`: read, written and checked as the other records are.
@Suite("Follow-up files")
struct FollowUpFileTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// The refusal a write gave, or nil when it gave none.
    func refusal(_ write: () throws(StoreError) -> Void) -> Message? {
        do { try write() } catch { if case .refused(let message) = error { return message } }
        return nil
    }

    func dossier(_ snapshot: StoreSnapshot) throws -> Dossier { try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier) }

    @Test func theDemosOneYearFollowUpReadsBackAsItWasWritten() throws {
        let snapshot = try demoSnapshot()
        let dossier = try dossier(snapshot)
        #expect(dossier.application.state == .running)
        let followUp = try #require(dossier.followUps.first)
        #expect(followUp.date == Day("2027-06-16"))
        #expect(followUp.measurements.map(\.value) == [62, 49, 21])
        #expect(followUp.realised.map(\.cost) == [452_000, 76_000, 238_000])
        #expect(snapshot.entries.allSatisfy { $0.problems.isEmpty })
        let written = FollowUpRecord.write(followUp)
        let reread = FollowUpRecord.read(try TOMLDocument(file: "x", data: Data(written.utf8)), applicationID: dossier.application.id,
                                         fileDay: followUp.date, application: dossier.application)
        #expect(reread == followUp)
    }

    @Test func aHandEditedFollowUpIsNamedWithFileAndLineAndStillShown() throws {
        let store = try TestStore()
        let path = "2026-006/followups/2027-06-16.toml"
        var text = try store.read(path)
        text = text.replacingOccurrences(of: "unit = \"antal\"", with: "unit = \"procent\"")
        text = text.replacingOccurrences(of: "indicator = \"Andel föräldrar", with: "indicator = \"Andelen föräldrar")
        try store.write(path, text)
        try store.write("2026-006/followups/juni.toml", "schema = 1\n")
        let entry = try #require(try store.load().entry(ApplicationID("2026-006")!))
        let shown = entry.problems.map { $0.formatted(catalog) }
        #expect(shown.contains { $0.hasPrefix("\(path):20: Ansökan har ingen indikator som heter ”Andelen föräldrar") })
        #expect(shown.contains { $0.hasPrefix("\(path):30: Indikatorn ”Antal BBIC-utredningar av barn 0–6 år per år” mäts i antal, inte i procent.") })
        #expect(shown.contains("2026-006/followups/juni.toml: En uppföljning heter som sitt datum, ÅÅÅÅ-MM-DD.toml; den här filen läses inte."))
        // A hand edit that breaks the rules is named, and the follow-up is still shown.
        #expect(entry.dossier?.followUps.count == 1)
    }

    @Test func recordingWritesTheFileAndItsHistoryLineTogetherAndNeverOverAnother() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try dossier(snapshot)
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        let followUp = FollowUp(applicationID: dossier.application.id, date: Day("2030-06-16")!,
                                measurements: [.init(indicator: "Antal BBIC-utredningar av barn 0–6 år per år", value: 16, unit: "antal")],
                                recordedBy: MemberID("anna")!)
        try store.store.record(followUp, for: dossier, by: lars, now: now)
        let saved = try store.read("2026-006/followups/2030-06-16.toml")
        #expect(saved.contains("recorded_by = \"lars\""))
        #expect(try store.read("2026-006/history.jsonl").contains("\"action\":\"follow_up_recorded\""))
        #expect(refusal { () throws(StoreError) in try store.store.record(followUp, for: dossier, by: lars, now: now) }
                == Message(.followUpExists, ["file": .text("2026-006/followups/2030-06-16.toml")]))
    }

    @Test func aRefusedFollowUpLeavesNoFileAndNoHistoryLine() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try dossier(snapshot)
        let history = try store.read("2026-006/history.jsonl")
        let bad = FollowUp(applicationID: dossier.application.id, date: Day("2030-06-16")!,
                           measurements: [.init(indicator: "Andel familjer som tar emot samtliga utökade hembesök", value: 0.85, unit: "procent"),
                                          .init(indicator: "Antal BBIC-utredningar av barn 0–6 år per år", value: 16, unit: "dagar")],
                           recordedBy: MemberID("lars")!)
        for member in snapshot.config.members {
            #expect(throws: StoreError.self, "\(member.id)") { try store.store.record(bad, for: dossier, by: member, now: now) }
        }
        let good = FollowUp(applicationID: dossier.application.id, date: Day("2030-06-16")!, recordedBy: MemberID("lars")!)
        for member in snapshot.config.members where member.role != .coordinator {
            #expect(refusal { () throws(StoreError) in try store.store.record(good, for: dossier, by: member, now: now) }
                    == Message(rawKey: "refusal.follow_up", ["role": .message(member.role.label), "instead": .text("")]))
        }
        #expect(store.files(in: "2026-006/followups") == ["2027-06-16.toml"])
        #expect(try store.read("2026-006/history.jsonl") == history)
        // Not before an approval: an application in preparation has nothing to follow up.
        let preparing = try #require(snapshot.entry(ApplicationID("2026-001")!)?.dossier)
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        var early = good
        early.applicationID = preparing.application.id
        #expect(throws: StoreError.self) { try store.store.record(early, for: preparing, by: lars, now: now) }
    }

    @Test func closingWritesTheOutcomeUnderTheStateAndReadsBack() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!))
        let moved = try store.store.move(try dossier(snapshot), .closeDiscontinued, by: lars, config: snapshot.config, reason: "Personalen räckte inte.", now: now)
        #expect(moved.closing == .discontinued)
        let reread = try #require(try store.load().entry(ApplicationID("2026-006")!)?.dossier?.application)
        #expect(reread.state == .closed && reread.closing == .discontinued)
        #expect(try store.read("2026-006/history.jsonl").contains("running → closed (discontinued): Personalen räckte inte."))
    }
}
