import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The role table at the last door: `FileStore` itself, whatever screen or command called it.
@Suite("The store refuses writes the role table forbids, and writes nothing then")
struct PermissionStoreTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// Every file and folder under the store, with its bytes: a refused write leaves all of it as it was.
    static func everything(_ store: TestStore) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: store.root.path) else { return result }
        while let relative = walker.nextObject() as? String {
            let full = store.root.appendingPathComponent(relative).path
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isFolder)
            result[relative] = isFolder.boolValue ? Data("<folder>".utf8) : (FileManager.default.contents(atPath: full) ?? Data("<unreadable>".utf8))
        }
        return result
    }

    static func changes(_ before: [String: Data], _ after: [String: Data]) -> String {
        Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }.joined(separator: ", ")
    }

    func member(_ id: String, in snapshot: StoreSnapshot) throws -> Member {
        try #require(snapshot.config.member(MemberID(id)!))
    }

    /// A review that would be saved for a preparation-group member: complete, every criterion.
    func fullReview(of id: ApplicationID, by reviewer: MemberID, criteria: CriteriaSet) -> Review {
        var review = Review(applicationID: id, reviewer: reviewer, status: .complete, recommendation: .approve, summary: "Bra.")
        for criterion in criteria.ids { review.assessments[criterion] = Assessment(score: .points(3), comment: "Godtagbart.") }
        return review
    }

    static func isRefusal(_ error: any Error, naming role: String) -> Bool {
        guard case StoreError.refused(let message) = error else { return false }
        return catalog(message).contains("(din roll: \(role))")
    }

    // MARK: Reviews

    @Test(arguments: [("sara", "ungdomspanelen"), ("omar", "ungdomspanelen"), ("karin", "styrgruppen"), ("lars", "samordnare")])
    func onlyThePreparationGroupSavesAReview(_ who: String, _ role: String) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let writer = try member(who, in: snapshot)
        let before = Self.everything(store)
        for dossier in snapshot.dossiers {
            let id = dossier.application.id
            // Their own review, a draft and a complete one, and a preparation-group member's file.
            for review in [Review(applicationID: id, reviewer: writer.id),
                           fullReview(of: id, by: writer.id, criteria: snapshot.config.criteria),
                           fullReview(of: id, by: MemberID("anna")!, criteria: snapshot.config.criteria)] {
                #expect {
                    try store.store.save(review, by: writer, in: dossier, config: snapshot.config, now: now)
                } throws: { error in
                    Self.isRefusal(error, naming: role)
                }
            }
            #expect(!store.files(in: "\(id)/reviews").contains("\(who).toml"))
        }
        let after = Self.everything(store)
        #expect(after == before, "changed: \(Self.changes(before, after))")
    }

    @Test func saraIsToldWhyInPlainSwedish() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let sara = try member("sara", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        do {
            try store.store.save(fullReview(of: dossier.application.id, by: sara.id, criteria: snapshot.config.criteria),
                                 by: sara, in: dossier, config: snapshot.config, now: now)
            Issue.record("saved")
        } catch .refused(let message) {
            #expect(catalog(message) == "Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen). Du kan läsa ansökan och kommentera den i stället.")
        } catch {
            Issue.record("not a refusal: \(error)")
        }
        #expect(store.files(in: "2026-005") == ["application.toml"])
    }

    @Test func aReviewerCannotSaveIntoAnotherApplicationsFolder() throws {
        // A review of 2026-005 handed in with the dossier of 2026-001 (a stale screen, a bug)
        // must not land in either folder under the wrong name.
        let store = try TestStore()
        let snapshot = try store.load()
        let anna = try member("anna", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-001")!)?.dossier)
        let before = Self.everything(store)
        #expect(throws: StoreError.self) {
            try store.store.save(fullReview(of: ApplicationID("2026-005")!, by: anna.id, criteria: snapshot.config.criteria),
                                 by: anna, in: dossier, config: snapshot.config, now: now)
        }
        #expect(Self.everything(store) == before)
    }

    // MARK: Decisions

    func decision(_ outcome: Decision.Outcome, by who: String) -> Decision {
        Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: outcome,
                 grants: outcome == .approve ? [.init(year: 2027, amount: 450_000)] : [],
                 conditions: "", rationale: "Beslut.", recordedBy: MemberID(who)!)
    }

    @Test(arguments: [("anna", "beredningsgruppen"), ("sara", "ungdomspanelen"), ("omar", "ungdomspanelen"), ("karin", "styrgruppen")])
    func onlyTheCoordinatorRecordsADecision(_ who: String, _ role: String) throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let karin = try member("karin", in: snapshot)
        // 2026-002 forwarded to the board, so only the role stands in the way.
        _ = try store.store.move(try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        snapshot = try store.load()
        let writer = try member(who, in: snapshot)
        let before = Self.everything(store)
        for dossier in snapshot.dossiers {
            for outcome in Decision.Outcome.allCases {
                // Whether recorded in their own name or in the coordinator's.
                for recorder in [who, "lars"] {
                    #expect {
                        _ = try store.store.record(decision(outcome, by: recorder), for: dossier, by: writer, config: snapshot.config, now: now)
                    } throws: { error in
                        Self.isRefusal(error, naming: role)
                    }
                }
            }
        }
        #expect(!store.files(in: "2026-002").contains("decision.toml"))
        let after = Self.everything(store)
        #expect(after == before, "changed: \(Self.changes(before, after))")
        #expect(try store.load().entry(ApplicationID("2026-002")!)?.dossier?.application.state == .forwarded)
    }

    @Test(arguments: ["anna", "sara"])
    func anExistingDecisionIsNotReplaced(_ who: String) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let writer = try member(who, in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier)
        let bytes = try store.read("2026-006/decision.toml")
        #expect(throws: StoreError.self) {
            _ = try store.store.record(decision(.reject, by: who), for: dossier, by: writer, config: snapshot.config, now: now)
        }
        #expect(try store.read("2026-006/decision.toml") == bytes)
    }

    // MARK: Moves, comments, conflicts, registrations, edits

    @Test func everyMoveByAForbiddenRoleIsRefusedAndWritesNothing() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let before = Self.everything(store)
        let allowed: [Transition: Role] = [
            .startPreparation: .coordinator, .toSteeringGroup: .coordinator, .resumePreparation: .coordinator,
            .returnForCompletion: .steeringGroup, .forward: .steeringGroup,
            .approve: .coordinator, .reject: .coordinator, .sendFeedback: .coordinator,
            .start: .coordinator, .closeImplemented: .coordinator, .closeEnded: .coordinator, .closeDiscontinued: .coordinator,
        ]
        var refused = 0
        for writer in snapshot.config.members {
            for dossier in snapshot.dossiers {
                for transition in Transition.allCases where allowed[transition] != writer.role {
                    #expect(throws: StoreError.self, "\(transition) of \(dossier.application.id) by \(writer.id)") {
                        _ = try store.store.move(dossier, transition, by: writer, config: snapshot.config, reason: "Därför.", override: "Ändå.", now: now)
                    }
                    refused += 1
                }
            }
        }
        #expect(refused > 200)
        let after = Self.everything(store)
        #expect(after == before, "changed: \(Self.changes(before, after))")
    }

    @Test func onlyTheYouthPanelComments() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let before = Self.everything(store)
        for (who, role) in [("anna", "beredningsgruppen"), ("karin", "styrgruppen"), ("lars", "samordnare")] {
            let writer = try member(who, in: snapshot)
            #expect {
                try store.store.save(YouthComment(applicationID: ApplicationID("2026-001")!, author: writer.id, time: now, about: .whole, text: "Hej."), by: writer)
            } throws: { error in
                Self.isRefusal(error, naming: role)
            }
        }
        // Sara may comment, but not in Omar's name.
        let sara = try member("sara", in: snapshot)
        #expect(throws: StoreError.self) {
            try store.store.save(YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("omar")!, time: now, about: .whole, text: "Hej."), by: sara)
        }
        #expect(Self.everything(store) == before)
    }

    @Test func theYouthPanelDeclaresNoConflictRegistersNothingAndEditsNothing() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let sara = try member("sara", in: snapshot)
        let before = Self.everything(store)
        #expect {
            try store.store.save(ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: sara.id, reason: "Min mamma söker.", declared: now), by: sara)
        } throws: { Self.isRefusal($0, naming: "ungdomspanelen") }
        #expect {
            _ = try store.store.register(title: "Saras idé", year: 2026, skeleton: { "schema = 1\nid = \"\($0)\"\n" }, by: sara)
        } throws: { Self.isRefusal($0, naming: "ungdomspanelen") }
        var application = try #require(snapshot.entry(ApplicationID("2026-001")!)?.dossier?.application)
        application.state = .approved
        #expect {
            try store.store.save(application, by: sara, now: now)
        } throws: { Self.isRefusal($0, naming: "ungdomspanelen") }
        let after = Self.everything(store)
        #expect(after == before, "changed: \(Self.changes(before, after))")
    }

    // MARK: Ids that become file names

    @Test func idsThatCouldNameAnotherFileDoNotExist() {
        for raw in ["../../etc", "Anna", "ANNA", "an\u{1B}na", "anna/../lars", "anna.toml", "-anna", "anna-", "", "..", "ｌａｒｓ", "lars\u{0301}",
                    String(repeating: "a", count: 41)] {
            #expect(MemberID(raw) == nil, "\(raw.debugDescription)")
        }
        for raw in ["../2026-001", "2026-001/../..", "2026-0001x", "2026-001/", "2026–001", "2026-000", "２026-001", "2026-00١"] {
            #expect(ApplicationID(raw) == nil, "\(raw.debugDescription)")
        }
    }

    @Test func anApplicationIdNamesExactlyOneFolder() {
        // The id is a folder's name: a text that is accepted is the folder's name as written back,
        // so `2026-0007` and `2026-007` can never be two spellings of one application.
        for raw in ["2026-0001", "2026-0007", "2026-0999", "0202-001", "2026-001", "2026-999", "2026-1000", "2026-12345"] {
            guard let id = ApplicationID(raw) else { continue }
            #expect(id.description == raw, "\(raw) is read as \(id)")
        }
    }

    @Test func aFolderThatIsNotAnIdsOwnSpellingIsNamedAsItIs() throws {
        // A colleague's copy left as `2026-0007`: the store must not read it as 2026-007 (whose
        // folder does not exist) and must not report a problem in a folder that is not there.
        let store = try TestStore()
        try FileManager.default.copyItem(at: store.root.appendingPathComponent("2026-005"), to: store.root.appendingPathComponent("2026-0007"))
        let snapshot = try store.load()
        #expect(!snapshot.entries.contains { $0.folder == "2026-007" }, "listed as 2026-007")
        let files = snapshot.allProblems.map(\.file)
        #expect(!files.contains { $0.hasPrefix("2026-007/") }, "\(files)")
        #expect(files.contains { $0.hasPrefix("2026-0007") }, "the stray folder is not named: \(files)")
    }
}
