import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Declaring and withdrawing a conflict of interest (jäv), and what it shuts the member out of (issue 17).
@Suite("Conflicts of interest: declared, withdrawn, on a member's behalf, and what they shut out")
struct ConflictOfInterestTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func member(_ id: String, _ snapshot: StoreSnapshot) throws -> Member { try #require(snapshot.config.member(MemberID(id)!)) }
    func dossier(_ id: String, _ snapshot: StoreSnapshot) throws -> Dossier { try #require(snapshot.entry(ApplicationID(id)!)?.dossier) }

    @Test func aDeclarationAndItsWithdrawalAreBothInTheHistory() throws {
        let box = try TestStore()
        let karin = try member("karin", try box.load())
        try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-002")!, member: karin.id, reason: "Min bror leder projektet.", declared: now), by: karin)
        var snapshot = try box.load()
        #expect(try dossier("2026-002", snapshot).hasConflict(karin.id))
        // Karin is in the steering group: she can no longer forward or return it.
        #expect(Workflow.available(for: karin, dossier: try dossier("2026-002", snapshot), config: snapshot.config).isEmpty)
        #expect(throws: StoreError.self) {
            _ = try box.store.move(try dossier("2026-002", snapshot), .forward, by: karin, config: snapshot.config, now: now)
        }
        try box.store.withdrawConflict(of: karin.id, in: ApplicationID("2026-002")!, reason: "Brodern har lämnat projektet.", by: karin, now: now)
        snapshot = try box.load()
        #expect(try !dossier("2026-002", snapshot).hasConflict(karin.id))
        #expect(box.files(in: "2026-002/conflicts") == [])
        let kinds = box.store.history(of: ApplicationID("2026-002")!).events.map(\.kind).suffix(2)
        #expect(Array(kinds) == [.conflictDeclared, .conflictWithdrawn])
        #expect(box.store.history(of: ApplicationID("2026-002")!).events.last?.details == "Brodern har lämnat projektet.")
    }

    @Test func aCoordinatorRecordsOneOnAMembersBehalfNamedAsSuch() throws {
        let box = try TestStore()
        let snapshot = try box.load()
        let lars = try member("lars", snapshot)
        try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: MemberID("bengt")!, reason: "Anställd hos FoU i Väst.", declared: now),
                           by: lars, config: snapshot.config)
        let text = try box.read("2026-001/conflicts/bengt.toml")
        #expect(text.contains("recorded_by = \"lars\""))
        let read = try #require(try dossier("2026-001", try box.load()).conflicts.first { $0.member.rawValue == "bengt" })
        #expect(read.recordedBy?.rawValue == "lars")
        let event = try #require(box.store.history(of: ApplicationID("2026-001")!).events.last)
        #expect(event.member.rawValue == "lars" && event.kind == .conflictDeclared && event.details == "bengt: Anställd hos FoU i Väst.")
        // For someone who is no member, nothing is written.
        #expect(throws: StoreError.self) {
            try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: MemberID("nisse")!, reason: "x", declared: now), by: lars, config: snapshot.config)
        }
        try box.store.withdrawConflict(of: MemberID("bengt")!, in: ApplicationID("2026-001")!, reason: "", by: lars, now: now)
        #expect(!box.files(in: "2026-001/conflicts").contains("bengt.toml"))
    }

    @Test func onlyACoordinatorActsForSomeoneElseAndTheYouthPanelDeclaresNone() throws {
        let box = try TestStore()
        let snapshot = try box.load()
        let anna = try member("anna", snapshot), sara = try member("sara", snapshot)
        #expect(throws: StoreError.self) {
            try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: MemberID("bengt")!, reason: "x", declared: now), by: anna)
        }
        #expect(throws: StoreError.self) {
            try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: sara.id, reason: "x", declared: now), by: sara)
        }
        #expect(throws: StoreError.self) {
            try box.store.withdrawConflict(of: MemberID("cecilia")!, in: ApplicationID("2026-003")!, reason: "", by: anna, now: now)
        }
        #expect(throws: StoreError.self) {
            try box.store.withdrawConflict(of: anna.id, in: ApplicationID("2026-001")!, reason: "", by: anna, now: now)
        }
        #expect(box.files(in: "2026-003/conflicts") == ["cecilia.toml"])
    }

    @Test func aConflictedMemberSeesNoReviewsAndDecidesNothing() throws {
        let box = try TestStore()
        var snapshot = try box.load()
        let lars = try member("lars", snapshot), anna = try member("anna", snapshot)
        // Anna has completed her own review of 2026-001, so without a conflict she sees the others'.
        #expect(try dossier("2026-001", snapshot).showsScores(to: anna, rules: snapshot.config.rules))
        try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: anna.id, reason: "Jag är förälder till ett barn i målgruppen.", declared: now), by: anna)
        try box.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-006")!, member: lars.id, reason: "Jag sitter i styrelsen för BVC-föreningen.", declared: now), by: lars)
        snapshot = try box.load()
        let first = try dossier("2026-001", snapshot)
        #expect(!first.showsScores(to: anna, rules: snapshot.config.rules))
        #expect(Checklist(dossier: first, config: snapshot.config, viewer: anna).rows.allSatisfy { $0.aggregate.count == 0 })
        #expect(Quorum(dossier: first, config: snapshot.config).eligible.map(\.rawValue) == ["bengt", "cecilia"])
        // The coordinator with a conflict on 2026-006 cannot send its feedback or record anything on it.
        let sixth = try dossier("2026-006", snapshot)
        #expect(Workflow.available(for: lars, dossier: sixth, config: snapshot.config).isEmpty)
        #expect(throws: StoreError.self) { _ = try box.store.move(sixth, .sendFeedback, by: lars, config: snapshot.config, now: now) }
    }
}
