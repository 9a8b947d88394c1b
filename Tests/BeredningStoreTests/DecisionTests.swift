import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("The board's decision")
struct DecisionTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func decision(_ outcome: Decision.Outcome = .approve, grants: [Decision.Grant] = [.init(year: 2027, amount: 450_000)]) -> Decision {
        Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: outcome, grants: grants,
                 conditions: "Redovisa efter ett år.", rationale: "Stark ansökan.", recordedBy: MemberID("lars")!)
    }

    @Test func followUpsDefaultToOneAndFourYears() {
        #expect(decision().followUps.map(\.description) == ["2027-11-20", "2030-11-20"])
        #expect(Decision.defaultFollowUps(after: Day("2028-02-29")!).map(\.description) == ["2029-02-28", "2032-02-29"])  // 2032 is a leap year again
    }

    @Test func whatMakesADecisionIncomplete() {
        #expect(decision().problems == [])
        #expect(decision(.reject).problems == [Message(.decisionRejectedWithMoney)])
        #expect(decision(.approve, grants: []).problems == [Message(.decisionApprovedWithoutMoney)])
        var bad = decision(grants: [.init(year: 2027, amount: -1), .init(year: 2027, amount: 5)])
        bad.caseNumber = " "
        #expect(bad.problems.map(\.key) == [MessageKey.decisionNoCaseNumber, .decisionNegativeGrant, .decisionDuplicateYear].map(\.rawValue))
    }

    @Test func aDecisionRoundTrips() {
        let original = decision()
        let id = ApplicationID("2026-002")!
        let (read, problems) = decode(DecisionRecord.write(original, applicationID: id), file: "2026-002/decision.toml") {
            DecisionRecord.read($0, applicationID: id)
        }
        #expect(problems == [])
        #expect(read == original)
    }

    @Test func theDemoDecisionIsRead() throws {
        let decision = try #require(try demoSnapshot().entry(ApplicationID("2026-006")!)?.dossier?.decision)
        #expect(decision.caseNumber == "KS 2026/112")
        #expect(decision.totalGranted == 1_450_000)
    }

    @Test func recordingMovesTheApplicationAndOnlyFromForwarded() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let lars = try #require(snapshot.config.member(MemberID("lars")!)), karin = try #require(snapshot.config.member(MemberID("karin")!))
        let anna = try #require(snapshot.config.member(MemberID("anna")!))
        var dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        #expect(throws: StoreError.self) { try store.store.record(decision(), for: dossier, by: lars, config: snapshot.config, now: now) }
        #expect(!store.files(in: "2026-002").contains("decision.toml"))  // a refused decision writes nothing
        _ = try store.store.move(dossier, .forward, by: karin, config: snapshot.config, now: now)
        snapshot = try store.load()
        dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        #expect(throws: StoreError.self) { try store.store.record(decision(), for: dossier, by: anna, config: snapshot.config, now: now) }
        let moved = try store.store.record(decision(), for: dossier, by: lars, config: snapshot.config, now: now)
        #expect(moved.state == .approved)
        let after = try #require(try store.load().entry(ApplicationID("2026-002")!)?.dossier)
        #expect(after.application.state == .approved)
        #expect(after.decision?.recorded == now)
        #expect(store.store.history(of: ApplicationID("2026-002")!).events.map(\.kind) == [.moved, .decided, .moved])
    }

    @Test func approvingWithoutARecordedDecisionIsRefused() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!)), lars = try #require(snapshot.config.member(MemberID("lars")!))
        _ = try store.store.move(try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        let dossier = try #require(try store.load().entry(ApplicationID("2026-002")!)?.dossier)
        #expect {
            _ = try store.store.move(dossier, .approve, by: lars, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            return message == Message(.decisionNeeded)
        }
    }
}
