import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

@Suite("Sharing a store through git: a bare repository and the members' own copies")
struct StoreSyncTests {
    @Test func reviewsCommentsAndMovesFromThreeLaptopsMergeWithoutAConflict() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        let anna = try world.join("anna"), sara = try world.join("sara"), karin = try world.join("karin")

        // anna reviews 2026-001, sara comments on it: both write 2026-001/history.jsonl.
        let annaStore = try world.store(anna), annaMember = try world.member("anna", in: anna)
        var review = try world.dossier("2026-001", in: anna).review(by: annaMember.id)
            ?? Review(applicationID: ApplicationID("2026-001")!, reviewer: annaMember.id)
        review.assessments[.evidence] = Assessment(score: .points(3), comment: "Stark evidens, väl beskriven på svenska: åäö.")
        try annaStore.save(review, by: annaMember, in: try world.dossier("2026-001", in: anna), config: try annaStore.loadConfig(), now: world.now)
        let comment = YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!, time: world.now.addingTimeInterval(60),
                                   about: .whole, text: "Bra att unga får vara med och bestämma.")
        try world.store(sara).save(comment, by: try world.member("sara", in: sara))
        // karin returns 2026-002 (its state, near the top of the file) while lars edits the
        // long-term plan of the same application (near the end): two edits git merges by itself.
        let karinStore = try world.store(karin)
        _ = try karinStore.move(try world.dossier("2026-002", in: karin), .returnForCompletion, by: try world.member("karin", in: karin),
                                config: try karinStore.loadConfig(), reason: "Lokala siffror saknas.", now: world.now.addingTimeInterval(120))
        var application = try world.dossier("2026-002", in: lars).application
        application.longTerm.plan = "Förvaltningen tar över finansieringen 2029 (ändrat av samordnaren)."
        try world.store(lars).save(application, by: try world.member("lars", in: lars), now: world.now.addingTimeInterval(180))

        for (folder, who) in [(anna, "anna"), (sara, "sara"), (karin, "karin"), (lars, "lars")] {
            let outcome = try world.sync(folder, as: who).sync()
            #expect(outcome.isSynced, "\(who): \(outcome)")
        }
        // Those who synced before the others' pushes fetch them now.
        for (folder, who) in [(anna, "anna"), (sara, "sara"), (karin, "karin")] { #expect(try world.sync(folder, as: who).sync().isSynced) }

        for folder in [anna, sara, karin, lars] {
            let one = try world.dossier("2026-001", in: folder)
            #expect(one.review(by: annaMember.id)?.assessments[.evidence]?.comment == "Stark evidens, väl beskriven på svenska: åäö.")
            #expect(one.comments.contains { $0.text == "Bra att unga får vara med och bestämma." })
            let two = try world.dossier("2026-002", in: folder)
            #expect(two.application.state == .returned)
            #expect(two.application.longTerm.plan == "Förvaltningen tar över finansieringen 2029 (ändrat av samordnaren).")
            #expect(try world.store(folder).load().problems.isEmpty)
            // Union of the history lines, read back in time order.
            let history = try world.store(folder).history(of: ApplicationID("2026-001")!)
            #expect(history.problems.isEmpty)
            #expect(history.events.contains { [.reviewSaved, .reviewCompleted].contains($0.kind) && $0.member == annaMember.id && $0.time == world.now })
            #expect(history.events.contains { $0.kind == .commentAdded })
            #expect(history.events.map(\.time) == history.events.map(\.time).sorted())
            let twoHistory = try world.store(folder).history(of: ApplicationID("2026-002")!).events
            #expect(twoHistory.contains { $0.kind == .moved } && twoHistory.contains { $0.kind == .edited })
        }
        // Every laptop ends on the same commit, with nothing left uncommitted.
        let heads = Set([anna, sara, karin, lars].map { world.git($0).value(["rev-parse", "HEAD"]) ?? "" })
        #expect(heads.count == 1)
        #expect(world.git(lars).value(["status", "--porcelain"]) == "")
    }

    /// bengt sends his work in the moment between anna's pull and her push (a pre-push hook
    /// in anna's copy does it): her push is refused, and the sync pulls again and sends.
    @Test func aColleagueSendingBetweenPullAndPushIsPulledAgain() throws {
        let world = try SyncWorld()
        _ = try world.coordinatorShares()
        let anna = try world.join("anna"), bengt = try world.join("bengt")
        try world.scoreProblem(of: "2026-004", 2, "Bengts bedömning.", as: "bengt", in: bengt)
        let bengtSync = try world.sync(bengt, as: "bengt")
        // As bengt's sync commits: the store's files, not the machine's lock folder.
        bengtSync.git.run(["add", "--all", "--", ".", ":(exclude).bered"])
        bengtSync.git.run(["commit", "--quiet", "-m", "bengt"])
        let marker = world.root.appendingPathComponent("pushed-once")
        let hook = anna.appendingPathComponent(".git/hooks/pre-push")
        try Data("""
            #!/bin/sh
            # Once: bengt pushes first, as if he synced a moment before anna.
            [ -e '\(marker.path)' ] && exit 0
            touch '\(marker.path)'
            unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX
            cd '\(bengt.path)' && git push --quiet origin HEAD:main
            """.utf8).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)

        try world.scoreProblem(of: "2026-004", 3, "Annas bedömning.", as: "anna", in: anna)
        let outcome = try world.sync(anna, as: "anna").sync()
        guard case .synced(_, let received, let sent) = outcome else { Issue.record("\(outcome)"); return }
        #expect(FileManager.default.fileExists(atPath: marker.path))  // the race did happen
        #expect(received == 1 && sent == 1)
        let lars2 = try world.join("lars2")
        let both = try world.dossier("2026-004", in: lars2)
        #expect(both.review(by: MemberID("anna")!)?.assessments[.problem]?.comment == "Annas bedömning.")
        #expect(both.review(by: MemberID("bengt")!)?.assessments[.problem]?.comment == "Bengts bedömning.")
    }

    @Test func theCommitSaysWhoDidWhatInWords() throws {
        let world = try SyncWorld()
        _ = try world.coordinatorShares()
        let anna = try world.join("anna")
        let annaMember = try world.scoreProblem(of: "2026-005", 2, "Tydligt.", as: "anna", in: anna)
        guard case .synced(let committed?, _, let sent) = try world.sync(anna, as: "anna").sync() else { Issue.record("not synced"); return }
        #expect(sent == 1 && !committed.isEmpty)
        let message = world.git(anna).value(["log", "-1", "--format=%s%n%an"]) ?? ""
        #expect(message.hasPrefix("\(annaMember.name) (anna): bedömning 2026-005"))
        #expect(message.hasSuffix("\n" + annaMember.name))  // git was never set up on this laptop: the member signs
    }

    @Test func locksTemporaryFilesAndExportsStayOnTheLaptop() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        try world.write("2026-001/.application.toml.lock", "", in: lars)
        try FileManager.default.createDirectory(at: lars.appendingPathComponent(".bered/locks"), withIntermediateDirectories: true)
        try world.write(".bered/locks/2026-001.application.toml.lock", "lars 1 host", in: lars)
        try world.write("2026-001/reviews/.anna.toml.tmp-123-1", "halv", in: lars)
        try FileManager.default.createDirectory(at: lars.appendingPathComponent("exports"), withIntermediateDirectories: true)
        try world.write("exports/beslut.csv", "x", in: lars)
        _ = try world.sync(lars, as: "lars").sync()
        let tracked = world.git(lars).paths(["ls-files", "-z"])
        #expect(!tracked.contains { $0.contains(".lock") || $0.contains(".tmp-") || $0.hasPrefix("exports/") || $0.hasPrefix(".bered") })
        #expect(tracked.contains("2026-001/application.toml") && !tracked.contains(".gitattributes"))
        // The rules are the repository's own, which no pull changes.
        #expect(try world.read(".git/info/attributes", in: lars).contains("*.jsonl merge=union"))
        #expect(try world.read(".git/info/exclude", in: lars).contains(".bered/"))
        #expect(world.git(lars).value(["status", "--porcelain"]) == "")
    }

    @Test func withoutANetworkTheWorkIsCommittedHereAndSentLater() throws {
        let world = try SyncWorld()
        _ = try world.coordinatorShares()
        let anna = try world.join("anna")
        let annaMember = try world.scoreProblem(of: "2026-005", 3, "Skrivet på tåget utan nät.", as: "anna", in: anna)

        // The file share is gone (the train has no network).
        let away = world.root.appendingPathComponent("share-away")
        try FileManager.default.moveItem(at: world.root.appendingPathComponent("share"), to: away)
        let outcome = try world.sync(anna, as: "anna").sync()
        guard case .offline(let committed?, _) = outcome else { Issue.record("expected offline, got \(outcome)"); return }
        #expect(world.git(anna).value(["status", "--porcelain"]) == "")
        #expect(world.git(anna).value(["log", "-1", "--format=%h"]) == committed)
        #expect(SyncReport.lines(outcome, catalog: catalog).joined().contains("Kunde inte nå den gemensamma lagringen"))

        try FileManager.default.moveItem(at: away, to: world.root.appendingPathComponent("share"))
        guard case .synced(nil, 0, 1) = try world.sync(anna, as: "anna").sync() else { Issue.record("not sent later"); return }
        let lars2 = try world.join("lars2")
        #expect(try world.dossier("2026-005", in: lars2).review(by: annaMember.id)?.assessments[.problem]?.comment == "Skrivet på tåget utan nät.")
    }

    @Test func aFolderThatIsNotSharedSaysSo() throws {
        let world = try SyncWorld()
        let folder = world.root.appendingPathComponent("plain")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        let outcome = try world.sync(folder, as: "anna").sync()
        guard case .notShared(let message) = outcome else { Issue.record("\(outcome)"); return }
        #expect(catalog(message).contains("delas inte via git"))
    }

    @Test func withoutGitOnTheMachineItSaysSo() throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorShares()
        var environment = world.environment
        environment["PATH"] = world.root.appendingPathComponent("no-programs-here").path
        let sync = StoreSync(store: lars, member: try world.member("lars", in: lars), catalog: catalog, coreCriteria: try BundledResources.coreCriteria(), environment: environment)
        let outcome = sync.sync()
        guard case .failed(let message, _) = outcome else { Issue.record("\(outcome)"); return }
        #expect(catalog(message).contains("git finns inte på den här datorn"))
    }

    /// A store inside another repository (a home folder kept in git) is not committed into it.
    @Test func aStoreInsideAnotherRepositoryIsLeftAlone() throws {
        let world = try SyncWorld()
        let home = world.root.appendingPathComponent("dotfiles")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        world.git(home).run(["init", "--quiet"])
        let folder = home.appendingPathComponent("fond")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: folder)
        let outcome = try world.sync(folder, as: "anna").sync()
        guard case .notShared(let message) = outcome else { Issue.record("\(outcome)"); return }
        #expect(catalog(message).contains("inuti ett annat git-förråd"))
        #expect(world.git(home).value(["rev-parse", "--verify", "--quiet", "HEAD"]) == nil)  // nothing committed there
        #expect(world.git(home).value(["status", "--porcelain"])?.contains("fond/") == true)  // nor even staged
    }
}

@Suite("When two people changed the same file, sync stops and nothing is lost")
struct SyncConflictTests {
    /// lars at the office and lars at home both retitle 2026-003.
    func twoTitles(_ world: SyncWorld) throws -> (office: URL, home: URL) {
        let office = try world.coordinatorShares()
        let home = try world.join("lars-home")
        for (folder, title) in [(office, "Familjecentral – kontorets titel"), (home, "Familjecentral – hemmets titel")] {
            var application = try world.dossier("2026-003", in: folder).application
            application.title = title
            try world.store(folder).save(application, by: try world.member("lars", in: folder), now: world.now)
        }
        #expect(try world.sync(office, as: "lars").sync().isSynced)
        return (office, home)
    }

    @Test func theConflictShowsBothVersionsAndChangesNothing() throws {
        let world = try SyncWorld()
        let (_, home) = try twoTitles(world)
        let outcome = try world.sync(home, as: "lars").sync()
        guard case .conflicts(_, let committed?) = outcome else { Issue.record("\(outcome)"); return }
        let conflict = try #require(outcome.conflicts.first)
        #expect(outcome.conflicts.map(\.path) == ["2026-003/application.toml"])
        #expect(conflict.differences == [TOMLFieldDiff.Difference(path: "title", mine: "Familjecentral – hemmets titel", theirs: "Familjecentral – kontorets titel")])
        // Nothing was merged: the member's own text and commit are as they were, with no markers.
        #expect(world.git(home).value(["rev-parse", "--short", "HEAD"]) == committed)
        #expect(world.git(home).value(["log", "-1", "--format=%s"])?.contains("ansökan 2026-003") == true)
        #expect(try world.dossier("2026-003", in: home).application.title == "Familjecentral – hemmets titel")
        #expect(!(try world.read("2026-003/application.toml", in: home)).contains("<<<<<<<"))
        #expect(world.git(home).value(["status", "--porcelain"]) == "")
        let words = SyncReport.lines(outcome, catalog: catalog).joined(separator: "\n")
        #expect(words.contains("Ansökans text 2026-003") && words.contains("Din version") && words.contains("Kollegans version"))
        #expect(words.contains("hemmets titel") && words.contains("kontorets titel"))
    }

    @Test(arguments: [SyncSide.mine, .theirs])
    func choosingKeepsOneVersionInTheStoreAndTheOtherAside(_ side: SyncSide) throws {
        let world = try SyncWorld()
        let (office, home) = try twoTitles(world)
        _ = try world.sync(home, as: "lars").sync()
        let outcome = try world.sync(home, as: "lars").sync(choices: ["2026-003/application.toml": side])
        guard case .resolved(let kept, let then) = outcome, then.isSynced else { Issue.record("\(outcome)"); return }
        let (chosen, other) = side == .mine ? ("hemmets titel", "kontorets titel") : ("kontorets titel", "hemmets titel")
        #expect(try world.dossier("2026-003", in: home).application.title.hasSuffix(chosen))
        // No text lost: the version not chosen is whole, on this laptop, where the report says.
        let aside = try #require(kept.first)
        #expect(try String(contentsOf: aside, encoding: .utf8).contains("title = \"Familjecentral – \(other)\""))
        #expect(SyncReport.lines(outcome, catalog: catalog).joined().contains(aside.path))
        // And the office gets the chosen text at its next sync.
        #expect(try world.sync(office, as: "lars").sync().isSynced)
        #expect(try world.dossier("2026-003", in: office).application.title.hasSuffix(chosen))
        #expect(try world.store(home).load().problems.isEmpty)
    }

    /// A sync killed in the middle of its rebase (here: a rebase left stopped by hand) leaves
    /// git half-way; the next sync undoes it first and finds the member's commit whole.
    @Test func aRebaseLeftHalfWayIsUndoneByTheNextSync() throws {
        let world = try SyncWorld()
        let (_, home) = try twoTitles(world)
        _ = try world.sync(home, as: "lars").sync()  // commits home's title, stops on the conflict
        world.git(home).run(["fetch", "--quiet", "origin"])
        #expect(!world.git(home).run(["rebase", "origin/main"]).succeeded)
        #expect(try world.read("2026-003/application.toml", in: home).contains("<<<<<<<"))
        let outcome = try world.sync(home, as: "lars").sync()
        #expect(outcome.conflicts.map(\.path) == ["2026-003/application.toml"])
        #expect(try world.dossier("2026-003", in: home).application.title == "Familjecentral – hemmets titel")
        #expect(world.git(home).value(["status", "--porcelain"]) == "")
    }

    @Test func twoVersionsOfADecisionKeepBothRationales() throws {
        let world = try SyncWorld()
        let office = try world.coordinatorShares()
        let home = try world.join("lars-home")
        let path = "2026-006/decision.toml"
        let original = try world.read(path, in: office)
        let opening = "Insatsen når alla familjer"
        #expect(original.contains("rationale = \"\"\"\n" + opening))
        try world.write(path, original.replacingOccurrences(of: opening, with: "Kontorets motivering: stark evidens. " + opening), in: office)
        try world.write(path, original.replacingOccurrences(of: opening, with: "Hemmets motivering: tidig insats. " + opening), in: home)
        #expect(try world.sync(office, as: "lars").sync().isSynced)
        let stopped = try world.sync(home, as: "lars").sync()
        #expect(stopped.conflicts.first?.differences?.map(\.path) == ["rationale"])
        #expect(SyncReport.lines(stopped, catalog: catalog).joined().contains("Beslutet om 2026-006"))
        guard case .resolved(let kept, _) = try world.sync(home, as: "lars").sync(choices: [path: .theirs]) else { Issue.record("not resolved"); return }
        #expect(try world.read(path, in: home).contains("Kontorets motivering: stark evidens."))
        #expect(try String(contentsOf: try #require(kept.first), encoding: .utf8).contains("Hemmets motivering: tidig insats."))
    }
}

@Suite("What a change is called")
struct StoreFileTests {
    @Test func pathsAreNamedAsAMemberWouldNameThem() {
        #expect(StoreFile(path: "2026-003/reviews/anna.toml") == .review(ApplicationID("2026-003")!, MemberID("anna")!))
        #expect(StoreFile(path: "2026-003/application.toml") == .application(ApplicationID("2026-003")!))
        #expect(StoreFile(path: "2026-003/decision.toml") == .decision(ApplicationID("2026-003")!))
        #expect(StoreFile(path: "2026-003/comments/20261123T100000Z-sara.toml") == .comment(ApplicationID("2026-003")!))
        #expect(StoreFile(path: "bered.toml") == .settings)
        #expect(StoreFile(path: "notes/readme.txt") == .other("notes/readme.txt"))
        #expect(StoreFile(path: "2026-003/reviews/Anna Berg.toml") == .other("2026-003/reviews/Anna Berg.toml"))
    }

    @Test func theCommitMessageGroupsByKindAndApplication() {
        let anna = Member(id: MemberID("anna")!, name: "Anna Berg", role: .preparationGroup)
        let message = CommitMessage.of(paths: ["2026-004/reviews/anna.toml", "2026-003/reviews/anna.toml", "2026-003/history.jsonl",
                                               "2026-001/comments/20261123T100000Z-anna.toml", "bered.toml"], member: anna, catalog: catalog)
        let title = message.split(separator: "\n").first.map(String.init)
        #expect(title == "Anna Berg (anna): bedömning 2026-003, 2026-004; kommentar 2026-001; övrigt bered.toml")
        #expect(message.contains("\n2026-003/history.jsonl\n"))
    }
}

@Suite("Why the shared repository did not answer")
struct RemoteFailureTests {
    @Test(arguments: [
        ("fatal: could not read Username for 'https://git.example.se': terminal prompts disabled", "loggar in"),
        ("remote: HTTP Basic: Access denied\nfatal: Authentication failed for 'https://git.example.se/fond.git/'", "loggar in"),
        ("git@git.example.se: Permission denied (publickey).\nfatal: Could not read from remote repository.", "skrivrätt"),
        ("fatal: unable to access 'https://git.example.se/fond.git/': Could not resolve host: git.example.se", "Kunde inte nå"),
        ("fatal: '/mnt/delat/fond.git' does not appear to be a git repository", "Kunde inte nå"),
        ("ssh: connect to host git.example.se port 22: Network is unreachable", "Kunde inte nå"),
    ])
    func gitsWordsBecomeOurs(_ said: String, _ expected: String) {
        let outcome = StoreSync.remoteFailure(said, committed: "abc1234")
        let words = SyncReport.lines(outcome, catalog: catalog).joined(separator: "\n")
        #expect(words.contains(expected), "\(words)")
        #expect(words.contains("git: "))  // git's own words follow, for whoever helps
    }
}

@Suite("A conflict in words")
struct ConflictWordsTests {
    @Test func aStateAndAnOutcomeAreShownAsTheInterfaceNamesThem() {
        let moved = SyncConflict(path: "2026-002/application.toml", mine: "state = \"returned\"\n", theirs: "state = \"forwarded\"\n")
        let words = SyncReport.describe(moved, catalog: catalog).joined(separator: "\n")
        #expect(words.contains("Din version: \(catalog.label(ApplicationState.returned)) (returned)"))
        #expect(words.contains("Kollegans version: \(catalog.label(ApplicationState.forwarded)) (forwarded)"))
        let decided = SyncConflict(path: "2026-006/decision.toml", mine: "outcome = \"approve\"\n", theirs: "outcome = \"reject\"\n")
        #expect(SyncReport.describe(decided, catalog: catalog).joined().contains("Din version: \(catalog.label(Decision.Outcome.approve)) (approve)"))
    }

    @Test func aDeletedSideAndAnUnreadableOneShowTheWholeTexts() {
        let deleted = SyncConflict(path: "2026-003/application.toml", mine: nil, theirs: "title = \"Kvar\"\n")
        let words = SyncReport.describe(deleted, catalog: catalog).joined(separator: "\n")
        #expect(words.contains("Du har tagit bort filen") && words.contains("title = \"Kvar\""))
        let broken = SyncConflict(path: "bered.toml", mine: "name = \"Fond\u{1B}[31m\"\n[[", theirs: "name = \"Fond\"\n")
        let shown = SyncReport.describe(broken, catalog: catalog).joined(separator: "\n")
        #expect(shown.contains("kan inte jämföras fält för fält") && shown.contains("Fondens inställningar"))
        #expect(!shown.contains("\u{1B}"))  // a terminal escape in a file is shown, never sent
    }
}
