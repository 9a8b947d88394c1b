import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

/// `bered trust` and a sync that checks what it receives (issue 14): the coordinator's sync
/// refuses a youth-panel member's forged decision, move, review and promotion, says whose and
/// why, and `--restore` puts the files back.
@Suite("A verified store: every sync checks what it receives (issue 14)")
struct VerifiedSyncTests {
    /// Lars shares the demo with keys (made where `bered key` makes them) for `keyed`, and turns checking on.
    static func verifiedStore(_ world: SyncWorld, keyed: [String] = ["lars", "anna", "sara"]) throws -> URL {
        let folder = world.root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        var lines: [String: String] = [:]
        for id in keyed { lines[id] = try MemberKey.ensure(for: MemberID(id)!, environment: world.environment).get().publicLine }
        try world.addKeys(lines, in: folder)
        #expect(try world.sync(folder, as: "lars").share(remote: world.remote.path).isSynced)
        let outcome = try world.sync(folder, as: "lars").trustFromHere()
        guard case .on(_, let withoutKeys, let then) = outcome, then.isSynced else { Issue.record("\(outcome)"); throw SyncTestError.git("trust") }
        #expect(withoutKeys.map(\.rawValue) == ["bengt", "cecilia", "omar", "karin"].filter { !keyed.contains($0) })
        return folder
    }

    /// Sara, youth panel, edits her own copy the way the attack did and shares it with bered's own sync, signed with her key.
    static func sarasForgery(_ world: SyncWorld, in folder: URL) throws {
        let application = try world.read("2026-002/application.toml", in: folder)
        try world.write("2026-002/application.toml", application.replacingOccurrences(of: "state = \"with_steering_group\"", with: "state = \"approved\""), in: folder)
        let decision = try world.read("2026-006/decision.toml", in: folder)
            .replacingOccurrences(of: "application = \"2026-006\"", with: "application = \"2026-002\"")
            .replacingOccurrences(of: "amount = 400000", with: "amount = 9000000")
        try world.write("2026-002/decision.toml", decision, in: folder)
        // Bengt's review overwritten with Anna's scores.
        try world.write("2026-001/reviews/bengt.toml", try world.read("2026-001/reviews/anna.toml", in: folder)
            .replacingOccurrences(of: "reviewer = \"anna\"", with: "reviewer = \"bengt\""), in: folder)
        let sara = try world.sync(folder, as: "sara")
        try world.write("bered.toml", SignedHistoryTests.settingRole(of: "sara", to: "coordinator", in: try world.read("bered.toml", in: folder)), in: folder)
        #expect(sara.sync().isSynced)
    }

    @Test func aYouthMembersForgedDecisionMoveReviewAndPromotionAreRefusedAndPutBack() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        let annas = try world.join("anna"), saras = try world.join("sara")
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        let before = try world.git(lars).value(["rev-parse", "HEAD"])
        let config = try world.read("bered.toml", in: lars), bengts = try world.read("2026-001/reviews/bengt.toml", in: lars)
        try Self.sarasForgery(world, in: saras)

        let refused = try world.sync(lars, as: "lars").sync()
        guard case .refused(let findings, _) = refused else { Issue.record("\(refused)"); return }
        #expect(findings.map(\.path) == ["2026-001/reviews/bengt.toml", "2026-002/application.toml", "2026-002/decision.toml", "bered.toml"])
        let report = SyncReport.lines(refused, catalog: catalog)
        #expect(report.first == "Kollegornas ändringar togs inte emot: 4 filer ändrades av någon som inte fick. Ingenting i din mapp har ändrats av det som hämtades.")
        #expect(report.contains { $0.hasPrefix("  2026-002/decision.toml: ändrad av sara (ungdomspanelen) i ") && $0.hasSuffix(", som inte får ändra beslut") })
        #expect(report.contains { $0.hasPrefix("  bered.toml: ändrad av sara (ungdomspanelen) i ") })
        #expect(report.last?.contains("bered sync --restore") == true)
        // Nothing reached the coordinator's folder: no decision, the state and the members as they were.
        #expect(try world.git(lars).value(["rev-parse", "HEAD"]) == before)
        #expect(!FileManager.default.fileExists(atPath: lars.appendingPathComponent("2026-002/decision.toml").path))
        #expect(try world.dossier("2026-002", in: lars).application.state == .withSteeringGroup)
        #expect(try world.read("bered.toml", in: lars) == config)
        // Anna's sync refuses the same, for the same reasons.
        guard case .refused(let annasFindings, _) = try world.sync(annas, as: "anna").sync() else { Issue.record("anna received it"); return }
        #expect(annasFindings.map(\.path) == findings.map(\.path))

        // The coordinator puts every file back, signed; then everyone receives again.
        let restored = try world.sync(lars, as: "lars").sync(restore: true)
        guard case .restored(let paths, let then) = restored, then.isSynced else { Issue.record("\(restored)"); return }
        #expect(paths == findings.map(\.path))
        #expect(!FileManager.default.fileExists(atPath: lars.appendingPathComponent("2026-002/decision.toml").path))
        #expect(try world.read("2026-001/reviews/bengt.toml", in: lars) == bengts)
        #expect(try world.dossier("2026-002", in: lars).application.state == .withSteeringGroup)
        #expect(try world.read("bered.toml", in: lars) == config)
        #expect(try world.verify(lars).findings == [])
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        #expect(try world.dossier("2026-002", in: annas).application.state == .withSteeringGroup)
        #expect(try world.member("sara", in: annas).role == .youthPanel)
    }

    @Test func onlyACoordinatorMayRestore() throws {
        let world = try SyncWorld()
        _ = try Self.verifiedStore(world)
        let annas = try world.join("anna"), saras = try world.join("sara")
        try Self.sarasForgery(world, in: saras)
        let outcome = try world.sync(annas, as: "anna").sync(restore: true)
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message == Permissions.check(.preparationGroup, .manageStore)?.reason)
    }

    @Test func aSignedReviewAndMoveByTheRightPeopleAreReceived() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        let annas = try world.join("anna")
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: annas)
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        let outcome = try world.sync(lars, as: "lars").sync()
        guard case .synced(_, let received, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(received == 1)
        #expect(try world.dossier("2026-001", in: lars).reviews.contains { $0.reviewer.rawValue == "anna" })
        // Checked once: the next sync starts from what was received.
        #expect(world.git(lars).value(["config", "--get", "bered.trusted"]) == world.git(lars).value(["rev-parse", "origin/main"]))
    }

    @Test func anUnsignedCommitPushedByHandIsRefused() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        let someone = try world.join("someone")
        let decision = try world.read("2026-006/decision.toml", in: someone)
        try world.write("2026-006/decision.toml", decision.replacingOccurrences(of: "amount = 400000", with: "amount = 4000000"), in: someone)
        try world.commit(someone, signedWith: nil)
        #expect(world.git(someone).run(["push", "--quiet", "origin", "HEAD:main"]).succeeded)
        guard case .refused(let findings, _) = try world.sync(lars, as: "lars").sync() else { Issue.record("received"); return }
        #expect(findings.map(\.message.key) == [MessageKey.signedUnsigned.rawValue])
        #expect(try world.read("2026-006/decision.toml", in: lars) == decision)
    }

    @Test func aRuleFileFromAPreparationGroupMemberIsRefused() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        let annas = try world.join("anna")
        try world.write(".gitattributes", "*.toml merge=union\n", in: annas)
        let key = try #require(MemberKey.existing(for: MemberID("anna")!, environment: world.environment))
        try world.commit(annas, signedWith: key.path)
        #expect(world.git(annas).run(["push", "--quiet", "origin", "HEAD:main"]).succeeded)
        guard case .refused(let findings, _) = try world.sync(lars, as: "lars").sync() else { Issue.record("received"); return }
        #expect(findings.map(\.path) == [".gitattributes"])
        #expect(catalog(findings[0].message).hasSuffix("som inte får ändra den filen (bara samordnaren gör det)"))
    }

    @Test func aMemberWithoutAKeyIsToldBeforeAnythingIsCommitted() throws {
        let world = try SyncWorld()
        _ = try Self.verifiedStore(world)
        let bengts = try world.join("bengt")
        try world.scoreProblem(of: "2026-001", 2, "Oklart.", as: "bengt", in: bengts)
        let outcome = try world.sync(bengts, as: "bengt").sync()
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message == Message(.signedSyncNeedsKey, ["member": "bengt"]))
        #expect(catalog(message).contains("bered key --as bengt"))
        #expect(world.git(bengts).value(["rev-list", "--count", "HEAD"]) == world.git(bengts).value(["rev-list", "--count", "origin/main"]))
        #expect(FileManager.default.fileExists(atPath: bengts.appendingPathComponent("2026-001/reviews/bengt.toml").path))
    }

    @Test func aKeyOtherThanTheListedOneIsToldBeforeAnythingIsCommitted() throws {
        let world = try SyncWorld()
        _ = try Self.verifiedStore(world, keyed: ["lars", "anna", "sara", "bengt"])
        let bengts = try world.join("bengt")
        // Bengt's laptop was replaced: a new key, not yet the one in bered.toml.
        let key = try #require(MemberKey.path(for: MemberID("bengt")!, environment: world.environment))
        try FileManager.default.removeItem(at: key)
        try FileManager.default.removeItem(atPath: key.path + ".pub")
        _ = try MemberKey.ensure(for: MemberID("bengt")!, environment: world.environment).get()
        try world.scoreProblem(of: "2026-001", 2, "Oklart.", as: "bengt", in: bengts)
        let outcome = try world.sync(bengts, as: "bengt").sync()
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message == Message(.signedSyncKeyNotListed, ["member": "bengt"]))
    }

    @Test func aRewrittenSharedHistoryIsRefused() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        let annas = try world.join("anna")
        try world.scoreProblem(of: "2026-001", 3, "Tydligt.", as: "anna", in: annas)
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        #expect(try world.sync(lars, as: "lars").sync().isSynced)
        // Someone with access to the share forces an older history onto it.
        let someone = try world.join("someone")
        #expect(world.git(someone).run(["reset", "--quiet", "--hard", "HEAD~2"]).succeeded)
        try world.write("2026-006/decision.toml", "application = \"2026-006\"\n", in: someone)
        try world.commit(someone, signedWith: nil)
        #expect(world.git(someone).run(["push", "--quiet", "--force", "origin", "HEAD:main"]).succeeded)
        let outcome = try world.sync(lars, as: "lars").sync()
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.key == MessageKey.signedSyncRewritten.rawValue)
    }

    @Test func aMemberJoiningLaterTrustsTheRecordedCommitAndChecksFromThere() throws {
        let world = try SyncWorld()
        _ = try Self.verifiedStore(world)
        let saras = try world.join("sara")
        try Self.sarasForgery(world, in: saras)
        // Anna clones after the forgery: her first sync checks from the commit bered trust recorded.
        let annas = try world.join("anna")
        guard case .refused(let findings, _) = try world.sync(annas, as: "anna").sync() else { Issue.record("accepted"); return }
        #expect(findings.map(\.path).contains("2026-002/decision.toml"))
        #expect(world.git(annas).value(["config", "--get", "bered.trusted"]) == nil)
    }

    @Test func trustingTwiceSaysItIsOnAlreadyAndOnlyACoordinatorTrusts() throws {
        let world = try SyncWorld()
        let lars = try Self.verifiedStore(world)
        guard case .already = try world.sync(lars, as: "lars").trustFromHere() else { Issue.record("trusted twice"); return }
        let annas = try world.join("anna")
        guard case .refused = try world.sync(annas, as: "anna").trustFromHere() else { Issue.record("anna trusted"); return }
    }

    @Test func aCoordinatorWithoutAListedKeyCannotTurnItOn() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        let outcome = try world.sync(lars, as: "lars").trustFromHere()
        guard case .refused(let message) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message == Message(.signedTrustNeedsOwnKey, ["member": "lars"]))
        #expect(try world.store(lars).loadConfig().trustedCommit == nil)
    }

    @Test func theCommitIsRecordedWithoutTouchingTheCoordinatorsLines() {
        let commit = String(repeating: "a", count: 40)
        let plain = StoreSync.recording(commit, in: "fund = \"X\" # vår fond\n", catalog: catalog)
        #expect(plain.hasPrefix("fund = \"X\" # vår fond\n\n[sharing]\n# bered trust: "))
        #expect(plain.hasSuffix("trusted_commit = \"\(commit)\"\n"))
        let existing = StoreSync.recording(commit, in: "fund = \"X\"\r\n[sharing]\r\n# ours\r\n", catalog: catalog)
        #expect(existing == "fund = \"X\"\r\n[sharing]\r\ntrusted_commit = \"\(commit)\"\n# ours\r\n")
    }
}
