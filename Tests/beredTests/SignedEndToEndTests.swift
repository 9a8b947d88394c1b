import Foundation
import Testing

/// `bered key`, a signed `bered share` and `bered verify`, with the real binary, git and ssh-keygen (issue 14).
@Suite("Signed sharing with the real binary", .serialized)
struct SignedEndToEndTests {
    @Test func aKeyASignedShareAndAnUnsignedChangeAfterIt() throws {
        let world = try SharedDemo("signed")
        let root = world.root, store = world.store, share = world.share, environment = world.environment

        let key = try Bered.run(["key", "--as", "lars"], environment: environment)
        #expect(key.status == 0, "\(key.stderr)")
        #expect(key.stdout.contains("Skicka raden nedan till samordnaren"))
        let line = try #require(key.stdout.split(separator: "\n").last.map(String.init))
        #expect(line.hasPrefix("ssh-ed25519 ") && line.hasSuffix(" lars@bered"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("state/bered/keys/lars").path))
        let again = try Bered.run(["key", "--as", "lars"], environment: environment)
        #expect(again.stdout.contains("Din nyckel finns redan") && again.stdout.hasSuffix(line + "\n"))

        let config = store.appendingPathComponent("bered.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "id = \"lars\"\n", with: "id = \"lars\"\nsigning_key = \"\(line)\"\n").utf8).write(to: config)
        let shared = try Bered.run(["share", store.path, share.path, "--as", "lars"], environment: environment)
        #expect(shared.status == 0, "\(shared.stderr)")
        let decision = store.appendingPathComponent("2026-006/decision.toml")
        try Data(try String(contentsOf: decision, encoding: .utf8).replacingOccurrences(of: "amount = 400000", with: "amount = 4000000").utf8).write(to: decision)
        #expect(try Bered.run(["sync", store.path, "--as", "lars"], environment: environment).status == 0)
        let clean = try Bered.run(["verify", store.path], environment: environment)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("Historiken är kontrollerad från"))

        // Someone at the shared repository, or with git by hand, changes the decision unsigned.
        try Data(try String(contentsOf: decision, encoding: .utf8).replacingOccurrences(of: "amount = 4000000", with: "amount = 9000000").utf8).write(to: decision)
        try runGit(["-c", "user.name=X", "-c", "user.email=x@x", "commit", "--quiet", "-am", "ändrat"], in: store, environment)
        let refused = try Bered.run(["verify", store.path], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("2026-006/decision.toml: osignerad ändring i "))
        let english = try Bered.run(["verify", store.path, "--lang", "en"], environment: environment)
        #expect(english.stdout.contains("2026-006/decision.toml: unsigned change in "))

        // Checked from the unsigned commit on, as a store shared before keys would be, there is nothing after it.
        let fromThere = try Bered.run(["verify", store.path, "--from", "HEAD"], environment: environment)
        #expect(fromThere.status == 0)
        #expect(fromThere.stdout.contains(": 0 ändringar"))
        #expect(try Bered.run(["verify", store.path, "--from", "nosuchcommit"], environment: environment).status == 2)
        #expect(try Bered.run(["verify", root.appendingPathComponent("home").path], environment: environment).status == 2)
    }

    /// The attack the issue reports, against the release build as installed: a youth-panel member
    /// raises a decision with bered's own sync, signed with her own key; after `bered trust` the
    /// coordinator's sync refuses it in plain words, and `--restore` puts it back.
    @Test func afterTrustAForgedDecisionIsRefusedAtSyncAndPutBack() throws {
        let bered = try Bered.installed.get()
        let world = try SharedDemo("trust")
        let root = world.root, store = world.store, share = world.share, environment = world.environment
        let saras = root.appendingPathComponent("sara")
        let run = { (arguments: [String]) in try Bered.run(arguments, environment: environment, executable: bered) }
        let config = store.appendingPathComponent("bered.toml")
        var text = try String(contentsOf: config, encoding: .utf8)
        for id in ["lars", "sara"] {
            let line = try #require(try run(["key", "--as", id]).stdout.split(separator: "\n").last.map(String.init))
            text = text.replacingOccurrences(of: "id = \"\(id)\"\n", with: "id = \"\(id)\"\nsigning_key = \"\(line)\"\n")
        }
        try Data(text.utf8).write(to: config)
        #expect(try run(["share", store.path, share.path, "--as", "lars"]).status == 0)
        let trusted = try run(["trust", store.path, "--as", "lars"])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout.contains("Kontrollen är på från "))
        #expect(trusted.stdout.contains("deras ändringar tas inte emot förrän de har det: anna, bengt, cecilia, omar, karin"))
        #expect(try run(["trust", store.path, "--as", "lars"]).stdout.contains("Kontrollen är redan på"))

        try runGit(["clone", "--quiet", share.path, saras.path], in: root, environment)
        let decision = saras.appendingPathComponent("2026-006/decision.toml")
        let board = try String(contentsOf: decision, encoding: .utf8)
        try Data(board.replacingOccurrences(of: "amount = 400000", with: "amount = 9000000").utf8).write(to: decision)
        #expect(try run(["sync", saras.path, "--as", "sara"]).status == 0)

        let refused = try run(["sync", store.path, "--as", "lars"])
        #expect(refused.status == 5)
        #expect(refused.stdout.contains("Kollegornas ändringar togs inte emot: 1 filer ändrades av någon som inte fick."), "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.contains("2026-006/decision.toml: ändrad av sara (ungdomspanelen) i "))
        #expect(try String(contentsOf: store.appendingPathComponent("2026-006/decision.toml"), encoding: .utf8) == board)
        let restored = try run(["sync", store.path, "--as", "lars", "--restore"])
        #expect(restored.status == 0, "\(restored.stdout)\(restored.stderr)")
        #expect(restored.stdout.contains("Lade tillbaka som de senast godkändes: 2026-006/decision.toml"))
        #expect(try run(["verify", store.path]).status == 0)
        #expect(try run(["sync", saras.path, "--as", "sara"]).status == 0)
        #expect(try String(contentsOf: decision, encoding: .utf8) == board)
    }
}
