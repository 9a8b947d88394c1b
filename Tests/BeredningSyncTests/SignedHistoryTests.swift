import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

/// Members' real SSH keys (made by ssh-keygen) and commits signed with them by git itself.
extension SyncWorld {
    /// A new ed25519 key pair for `id`: the private key's path and the public key's line.
    func key(_ id: String) throws -> (path: String, line: String) {
        let folder = root.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(id).path
        let made = Process()
        made.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
        made.arguments = ["-q", "-t", "ed25519", "-N", "", "-C", "\(id)@bered", "-f", path]
        try made.run()
        made.waitUntilExit()
        guard made.terminationStatus == 0 else { throw SyncTestError.git("ssh-keygen \(made.terminationStatus)") }
        return (path, try String(contentsOfFile: path + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Adds `signing_key` lines to `bered.toml` for the members given.
    func addKeys(_ keys: [String: String], in folder: URL) throws {
        var text = try read("bered.toml", in: folder)
        for (id, line) in keys {
            text = text.replacingOccurrences(of: "id = \"\(id)\"\n", with: "id = \"\(id)\"\nsigning_key = \"\(line)\"\n")
        }
        try write("bered.toml", text, in: folder)
    }

    /// Commits everything in `folder`, signed with the key at `key` (nil: unsigned).
    @discardableResult
    func commit(_ folder: URL, signedWith key: String?, _ message: String = "change") throws -> String {
        var git = self.git(folder)
        git.settings = ["-c", "user.name=Someone", "-c", "user.email=someone@beredning.invalid"]
        if let key { git.settings += ["-c", "gpg.format=ssh", "-c", "user.signingkey=" + key, "-c", "commit.gpgsign=true"] }
        let added = git.run(["add", "--all", "."])
        let committed = git.run(["commit", "--quiet", "-m", message])
        guard added.succeeded, committed.succeeded else { throw SyncTestError.git(added.errors + committed.errors) }
        return git.value(["rev-parse", "--short=8", "HEAD"]) ?? ""
    }

    func verify(_ folder: URL) throws -> (commits: Int, findings: [VerifyFinding]) {
        let outcome = HistoryVerifier(store: folder, coreCriteria: try BundledResources.coreCriteria(), environment: environment).verify()
        guard case .checked(_, let commits, let findings) = outcome else { throw SyncTestError.unexpected(.failed(Message(.syncGitFailed), detail: "\(outcome)")) }
        return (commits, findings)
    }
}

@Suite("Signed changes: bered verify checks every commit against the members' keys and roles (issue 14)")
struct SignedHistoryTests {
    /// The coordinator shares a store whose first commit has anna's, sara's, karin's and lars's keys.
    static func sharedWithKeys(_ world: SyncWorld) throws -> (folder: URL, keys: [String: String]) {
        let folder = world.root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        var paths: [String: String] = [:], lines: [String: String] = [:]
        for id in ["anna", "sara", "karin", "lars"] {
            let key = try world.key(id)
            (paths[id], lines[id]) = (key.path, key.line)
        }
        try world.addKeys(lines, in: folder)
        let outcome = try world.sync(folder, as: "lars").share(remote: world.remote.path)
        guard case .synced = outcome else { throw SyncTestError.unexpected(outcome) }
        return (folder, paths)
    }

    @Test func annasSignedReviewIsClean() throws {
        let world = try SyncWorld()
        let (folder, keys) = try Self.sharedWithKeys(world)
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: folder)
        try world.commit(folder, signedWith: keys["anna"])
        let result = try world.verify(folder)
        #expect(result.commits == 1)
        #expect(result.findings == [])
    }

    @Test func saraDecidingAndMakingHerselfCoordinatorIsNamedFileByFile() throws {
        let world = try SyncWorld()
        let (folder, keys) = try Self.sharedWithKeys(world)
        let application = try world.read("2026-002/application.toml", in: folder)
        try world.write("2026-002/application.toml", application.replacingOccurrences(of: "state = \"with_steering_group\"", with: "state = \"approved\""), in: folder)
        let decision = try world.read("2026-006/decision.toml", in: folder)
            .replacingOccurrences(of: "application = \"2026-006\"", with: "application = \"2026-002\"")
            .replacingOccurrences(of: "amount = 400000", with: "amount = 9000000")
        try world.write("2026-002/decision.toml", decision, in: folder)
        let config = try world.read("bered.toml", in: folder)
        // The plain edit a hand would make: her role line changed.
        try world.write("bered.toml", Self.settingRole(of: "sara", to: "coordinator", in: config), in: folder)
        let commit = try world.commit(folder, signedWith: keys["sara"])

        let findings = try world.verify(folder).findings
        #expect(findings.map(\.path) == ["2026-002/application.toml", "2026-002/decision.toml", "bered.toml"])
        #expect(findings.map(\.commit) == [commit, commit, commit])
        let lines = findings.map { catalog($0.message) }
        #expect(lines[1] == "2026-002/decision.toml: ändrad av sara (ungdomspanelen) i \(commit), som inte får ändra beslut")
        #expect(lines[0] == "2026-002/application.toml: ändrad av sara (ungdomspanelen) i \(commit), som inte får flytta ansökan från styrgrupp till beviljad")
        #expect(lines[2] == "bered.toml: ändrad av sara (ungdomspanelen) i \(commit), som inte får ändra fondens inställningar och medlemmar")

        // Her refused promotion does not make her a coordinator for what she signs next.
        try world.write("2026-001/decision.toml", decision.replacingOccurrences(of: "application = \"2026-002\"", with: "application = \"2026-001\""), in: folder)
        try world.commit(folder, signedWith: keys["sara"])
        #expect(try world.verify(folder).findings.map(\.path) == ["2026-001/decision.toml", "2026-002/application.toml", "2026-002/decision.toml", "bered.toml"])
    }

    @Test func anUnsignedCommitIsRefusedAsUnsigned() throws {
        let world = try SyncWorld()
        let (folder, _) = try Self.sharedWithKeys(world)
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: folder)
        let commit = try world.commit(folder, signedWith: nil)
        let findings = try world.verify(folder).findings
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.message == Message(.signedUnsigned, ["path": .text($0.path), "commit": .text(commit)]) })
        #expect(findings.map(\.path).contains("2026-001/reviews/anna.toml"))
        #expect(catalog(findings.first { $0.path == "2026-001/reviews/anna.toml" }!.message) == "2026-001/reviews/anna.toml: osignerad ändring i \(commit)")
    }

    @Test func aKeyNotInThePreviousConfigIsRefused() throws {
        let world = try SyncWorld()
        let (folder, _) = try Self.sharedWithKeys(world)
        let stranger = try world.key("stranger")
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: folder)
        let commit = try world.commit(folder, signedWith: stranger.path)
        let findings = try world.verify(folder).findings
        #expect(findings.contains { $0.path == "2026-001/reviews/anna.toml" && $0.message == Message(.signedUnknownKey, ["path": "2026-001/reviews/anna.toml", "commit": .text(commit)]) })
        #expect(findings.allSatisfy { $0.message.key == MessageKey.signedUnknownKey.rawValue })
    }

    @Test func aKeyAddedInTheSameCommitDoesNotVouchForIt() throws {
        let world = try SyncWorld()
        let (folder, _) = try Self.sharedWithKeys(world)
        // Someone adds their own key as a coordinator's and signs with it: checked against the
        // bered.toml before the commit, the key is nobody's.
        let stranger = try world.key("stranger")
        let config = try world.read("bered.toml", in: folder)
        try world.write("bered.toml", config + "\n[[members]]\nid = \"mallory\"\nname = \"Mallory\"\nrole = \"coordinator\"\nsigning_key = \"\(stranger.line)\"\n", in: folder)
        try world.commit(folder, signedWith: stranger.path)
        #expect(try world.verify(folder).findings.map(\.message.key) == [MessageKey.signedUnknownKey.rawValue])
    }

    @Test func aMemberTheCoordinatorAddsIsTrustedFromThen() throws {
        let world = try SyncWorld()
        let (folder, keys) = try Self.sharedWithKeys(world)
        let nils = try world.key("nils")
        let config = try world.read("bered.toml", in: folder)
        try world.write("bered.toml", config + "\n[[members]]\nid = \"nils\"\nname = \"Nils\"\nrole = \"preparation_group\"\nsigning_key = \"\(nils.line)\"\n", in: folder)
        try world.commit(folder, signedWith: keys["lars"])
        try world.scoreProblem(of: "2026-001", 4, "Väl underbyggt.", as: "nils", in: folder)
        try world.commit(folder, signedWith: nils.path)
        let result = try world.verify(folder)
        #expect(result.commits == 2)
        #expect(result.findings == [])
    }

    @Test func onlyTheLastChangeOfAFileCounts() throws {
        let world = try SyncWorld()
        let (folder, keys) = try Self.sharedWithKeys(world)
        let decision = try world.read("2026-006/decision.toml", in: folder)
        try world.write("2026-006/decision.toml", decision.replacingOccurrences(of: "amount = 400000", with: "amount = 9000000"), in: folder)
        try world.commit(folder, signedWith: keys["sara"])
        #expect(try world.verify(folder).findings.map(\.path) == ["2026-006/decision.toml"])
        // The coordinator puts the board's decision back, signed: nothing is left to report.
        try world.write("2026-006/decision.toml", decision, in: folder)
        try world.commit(folder, signedWith: keys["lars"])
        #expect(try world.verify(folder).findings == [])
    }

    @Test func aStoreInsideSomeOtherRepositoryHasNoHistoryToCheck() throws {
        let world = try SyncWorld()
        let home = world.root.appendingPathComponent("home")
        #expect(world.git(home).run(["init", "--quiet"]).succeeded)
        let folder = home.appendingPathComponent("fond")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        try world.commit(home, signedWith: nil)
        let outcome = HistoryVerifier(store: folder, coreCriteria: try BundledResources.coreCriteria(), environment: world.environment).verify()
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.key == MessageKey.signedNoHistory.rawValue)
    }

    @Test func aStartingPointOffTheBranchIsRefused() throws {
        let world = try SyncWorld()
        let (folder, keys) = try Self.sharedWithKeys(world)
        let git = world.git(folder)
        #expect(git.run(["checkout", "--quiet", "-b", "side"]).succeeded)
        try world.write("2026-006/decision.toml", "changed\n", in: folder)
        let side = try world.commit(folder, signedWith: keys["lars"])
        #expect(git.run(["checkout", "--quiet", "main"]).succeeded)
        let outcome = HistoryVerifier(store: folder, coreCriteria: try BundledResources.coreCriteria(), environment: world.environment).verify(from: side)
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(message.key == MessageKey.signedNoHistory.rawValue)
    }

    /// `bered.toml` with one member's role line replaced, as an editor would.
    static func settingRole(of id: String, to role: String, in config: String) -> String {
        var lines = config.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "id = \"\(id)\""),
              let roleLine = lines[start...].firstIndex(where: { $0.hasPrefix("role = ") }) else { return config }
        lines[roleLine] = "role = \"\(role)\""
        return lines.joined(separator: "\n")
    }
}

@Suite("A member's key and signed syncs (issue 14)")
struct SignedSyncTests {
    @Test func theKeyIsMadeOnceReadableByTheMemberAlone() throws {
        let world = try SyncWorld()
        let first = try MemberKey.ensure(for: MemberID("anna")!, environment: world.environment).get()
        #expect(first.created)
        #expect(first.privateKey.path == world.root.appendingPathComponent("state/bered/keys/anna").path)
        #expect(SigningKey(first.publicLine)?.type == "ssh-ed25519")
        #expect(first.publicLine.hasSuffix(" anna@bered"))
        let file = try FileManager.default.attributesOfItem(atPath: first.privateKey.path)[.posixPermissions] as? Int
        let folder = try FileManager.default.attributesOfItem(atPath: first.privateKey.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(file == 0o600)
        #expect(folder == 0o700)
        let again = try MemberKey.ensure(for: MemberID("anna")!, environment: world.environment).get()
        #expect(!again.created)
        #expect(again.publicLine == first.publicLine)
    }

    @Test func withoutAHomeThereIsNoKeyAndTheMemberIsToldWhy() {
        let result = MemberKey.ensure(for: MemberID("anna")!, environment: ["PATH": "/usr/bin:/bin"])
        guard case .failure(let refusal) = result else { Issue.record("made a key without a folder"); return }
        #expect(refusal.reason == Message(.signedKeyNoFolder))
    }

    @Test func aMemberWithAKeySyncsSignedCommitsThatVerify() throws {
        let world = try SyncWorld()
        let folder = world.root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        var lines: [String: String] = [:]
        for id in ["lars", "anna"] { lines[id] = try MemberKey.ensure(for: MemberID(id)!, environment: world.environment).get().publicLine }
        try world.addKeys(lines, in: folder)
        #expect(try world.sync(folder, as: "lars").share(remote: world.remote.path).isSynced)

        let annas = try world.join("anna")
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: annas)
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        #expect(try world.sync(folder, as: "lars").sync().isSynced)

        #expect(world.git(folder).value(["cat-file", "commit", "HEAD"])?.contains("-----BEGIN SSH SIGNATURE-----") == true)
        let result = try world.verify(folder)
        #expect(result.commits == 1)
        #expect(result.findings == [])
    }

    @Test func aCommitReplayedOnAColleaguesIsSignedAgain() throws {
        let world = try SyncWorld()
        let folder = world.root.appendingPathComponent("lars")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        var lines: [String: String] = [:]
        for id in ["lars", "anna", "bengt"] { lines[id] = try MemberKey.ensure(for: MemberID(id)!, environment: world.environment).get().publicLine }
        try world.addKeys(lines, in: folder)
        #expect(try world.sync(folder, as: "lars").share(remote: world.remote.path).isSynced)
        let annas = try world.join("anna"), bengts = try world.join("bengt")
        try world.scoreProblem(of: "2026-001", 3, "Tydligt beskrivet.", as: "anna", in: annas)
        try world.scoreProblem(of: "2026-001", 2, "Oklart omfång.", as: "bengt", in: bengts)
        #expect(try world.sync(annas, as: "anna").sync().isSynced)
        // Bengt's commit is rebased onto Anna's, and so made anew: it must be signed anew.
        #expect(try world.sync(bengts, as: "bengt").sync().isSynced)
        let result = try world.verify(bengts)
        #expect(result.commits == 2)
        #expect(result.findings == [])
    }
}
