import BeredningCore
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

/// Issue 14: a colleague (or anyone with write access to the shared repository) commits git
/// rule files or links with plain git; the other members' bered keeps syncing their work,
/// byte for byte, and writes nothing outside the store.
@Suite("Rule files and links from the shared repository")
struct RuleFileTests {
    /// A colleague working with plain git: commits `files` (path → text; a nil text is a
    /// link to `linkTarget`) and pushes.
    func colleagueCommits(_ files: [String: String?], linkTarget: String = "", in world: SyncWorld) throws {
        let mallory = try world.join("mallory-\(UUID().uuidString.prefix(6))")
        var git = world.git(mallory)
        git.settings = ["-c", "user.name=Mallory", "-c", "user.email=mallory@example.invalid"]
        for (path, text) in files {
            let url = mallory.appendingPathComponent(path)
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let text {
                try Data(text.utf8).write(to: url)
            } else {
                try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: linkTarget)
            }
            #expect(git.run(["add", "--force", "--", path]).succeeded)
        }
        let committed = git.run(["commit", "--quiet", "-m", "rules"])
        #expect(committed.succeeded, "\(committed.errors)")
        let pushed = git.run(["push", "--quiet", "origin", "HEAD"])
        #expect(pushed.succeeded, "\(pushed.errors)")
    }

    func bytes(_ path: String, in folder: URL) -> Data? { FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) }

    @Test func aCommittedGitignoreListingReviewsDoesNotKeepReviewsFromBeingShared() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        let anna = try world.join("anna")
        try colleagueCommits([".gitignore": "reviews/\n*.jsonl\n"], in: world)
        let received = try world.sync(anna, as: "anna").sync()
        // Said in words, naming the file.
        let words = SyncReport.lines(received, catalog: catalog).joined(separator: "\n")
        #expect(words.contains(".gitignore") && words.contains(catalog(Message(.linkRuleFilesChanged, ["files": .text(".gitignore")]))))
        try world.scoreProblem(of: "2026-005", 2, "Tydligt.", as: "anna", in: anna)
        #expect(try world.sync(anna, as: "anna").sync().underlying.isSynced)
        #expect(try world.sync(lars, as: "lars").sync().underlying.isSynced)
        for path in ["2026-005/reviews/anna.toml", "2026-005/history.jsonl"] {
            #expect(bytes(path, in: lars) != nil && bytes(path, in: lars) == bytes(path, in: anna), "\(path)")
        }
    }

    @Test func aCommittedUnionMergeOnTOMLStillStopsAtAConflict() throws {
        let world = try SyncWorld()
        let office = try world.coordinatorShares()
        let home = try world.join("lars-home")
        try colleagueCommits([".gitattributes": "*.toml merge=union\n*.jsonl merge=union\n"], in: world)
        #expect(try world.sync(office, as: "lars").sync().underlying.isSynced)
        #expect(try world.sync(home, as: "lars").sync().underlying.isSynced)
        for (folder, title) in [(office, "Familjecentral – kontorets titel"), (home, "Familjecentral – hemmets titel")] {
            var application = try world.dossier("2026-003", in: folder).application
            application.title = title
            try world.store(folder).save(application, by: try world.member("lars", in: folder), now: world.now)
        }
        #expect(try world.sync(office, as: "lars").sync().underlying.isSynced)
        let before = bytes("2026-003/application.toml", in: home)
        let outcome = try world.sync(home, as: "lars").sync()
        // A union would have kept both title lines in one file, silently.
        #expect(outcome.conflicts.map(\.path) == ["2026-003/application.toml"], "\(outcome)")
        #expect(bytes("2026-003/application.toml", in: home) == before)
    }

    @Test func aCommittedUTF16WorkingTreeEncodingChangesNoBytes() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        let anna = try world.join("anna")
        try colleagueCommits([".gitattributes": "*.toml working-tree-encoding=UTF-16\n*.jsonl working-tree-encoding=UTF-16\n"], in: world)
        #expect(try world.sync(anna, as: "anna").sync().underlying.isSynced)
        try world.scoreProblem(of: "2026-005", 2, "Tydligt – åäö.", as: "anna", in: anna)
        let synced = try world.sync(anna, as: "anna").sync()
        #expect(synced.underlying.isSynced, "\(synced)")
        #expect(try world.sync(lars, as: "lars").sync().underlying.isSynced)
        for path in ["2026-005/reviews/anna.toml", "2026-005/history.jsonl"] {
            #expect(bytes(path, in: lars) != nil && bytes(path, in: lars) == bytes(path, in: anna), "\(path)")
        }
        #expect(try world.store(lars).load().entry(ApplicationID("2026-005")!)?.dossier?.review(by: MemberID("anna")!) != nil)
        // A member who joins with plain `git clone` gets the files in UTF-16; their first sync puts them back.
        let carl = try world.join("carl")
        #expect(bytes("2026-005/reviews/anna.toml", in: carl) != bytes("2026-005/reviews/anna.toml", in: anna))
        StoreSync.applyOwnRules(store: carl, environment: world.environment)
        #expect(try world.sync(carl, as: "karin").sync().underlying.isSynced)
        #expect(bytes("2026-005/reviews/anna.toml", in: carl) == bytes("2026-005/reviews/anna.toml", in: anna))
        #expect(world.git(carl).value(["status", "--porcelain"]) == "")
    }

    @Test func aLinkedHistoryDeliveredByAPullIsNeitherAppendedToNorShared() throws {
        let world = try SyncWorld()
        _ = try world.coordinatorShares()
        let anna = try world.join("anna")
        let outside = world.root.appendingPathComponent("anna-home-bashrc")
        try Data("export PATH=/usr/bin\n".utf8).write(to: outside)
        try colleagueCommits(["2026-005/history.jsonl": nil], linkTarget: outside.path, in: world)
        #expect(try world.sync(anna, as: "anna").sync().underlying.isSynced)
        #expect(NoFollowProbe.isLink(anna.appendingPathComponent("2026-005/history.jsonl")))
        #expect {
            try world.scoreProblem(of: "2026-005", 2, "Tydligt.", as: "anna", in: anna)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return catalog(message).contains("2026-005/history.jsonl")
        }
        #expect(FileManager.default.contents(atPath: outside.path) == Data("export PATH=/usr/bin\n".utf8))
        let problems = try world.store(anna).load().allProblems.map { $0.formatted(catalog) }
        #expect(problems.contains("2026-005/history.jsonl: " + catalog(Message(.linkNotRead))))
    }
}

enum NoFollowProbe {
    static func isLink(_ url: URL) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
    }
}
