import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("Writing: atomic files, one file per writer, the role table on every write")
struct WritingTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    func member(_ id: String, in snapshot: StoreSnapshot) throws -> Member {
        try #require(snapshot.config.member(MemberID(id)!))
    }

    @Test func anAtomicWriteLeavesOnlyTheTarget() throws {
        let store = try TestStore(copyingDemo: false)
        let url = store.root.appendingPathComponent("a.toml")
        try AtomicFile.write(Data("old".utf8), to: url)
        try AtomicFile.write(Data("ny text åäö".utf8), to: url)
        #expect(try store.read("a.toml") == "ny text åäö")
        #expect(store.files(in: "") == ["a.toml"])
    }

    /// Content made in pieces (the JSON export of a large store) lands whole or not at all: while
    /// the pieces are written, readers still see the old file.
    @Test func aWriteInPiecesIsAtomicToo() throws {
        let store = try TestStore(copyingDemo: false)
        let url = store.root.appendingPathComponent("export.json")
        try AtomicFile.write(Data("gammal".utf8), to: url)
        var seenMeanwhile: [String] = []
        try AtomicFile.write(to: url) { append in
            for piece in ["{", "\"a\": ", "\"åäö\"", "}"] {
                Data(piece.utf8).withUnsafeBytes(append)
                seenMeanwhile.append((try? store.read("export.json")) ?? "")
            }
        }
        #expect(seenMeanwhile == ["gammal", "gammal", "gammal", "gammal"])
        #expect(try store.read("export.json") == "{\"a\": \"åäö\"}")
        #expect(store.files(in: "") == ["export.json"])
    }

    @Test func aFailedAtomicWriteLeavesNoTemporaryFileAndTheOldContent() throws {
        let store = try TestStore(copyingDemo: false)
        // A folder where the file should go: the rename fails after the temporary file was written.
        try FileManager.default.createDirectory(at: store.root.appendingPathComponent("b.toml"), withIntermediateDirectories: false)
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(Data("x".utf8), to: store.root.appendingPathComponent("b.toml"))
        }
        #expect(store.files(in: "") == ["b.toml"])
        #expect(store.files(in: "b.toml") == [])
    }

    @Test func aWriteIntoAMissingFolderFailsCleanly() throws {
        let store = try TestStore(copyingDemo: false)
        #expect {
            try AtomicFile.write(Data("x".utf8), to: store.root.appendingPathComponent("saknas/c.toml"))
        } throws: { error in
            (error as? AtomicFile.WriteError)?.step == "create"
        }
    }

    @Test func aReviewIsSavedToTheMembersOwnFileAndReadBack() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let anna = try member("anna", in: snapshot)
        var review = Review(applicationID: dossier.application.id, reviewer: anna.id)
        review.assessments[.problem] = Assessment(score: .points(2), comment: "Konsekvenserna saknas – komplettera gärna.")
        try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now)

        // Nothing beside it: the lock a second session of hers waits on is in .bered/locks, never shared.
        #expect(store.files(in: "2026-005/reviews") == ["anna.toml"])
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent(".bered/locks").path))
        let saved = try #require(try store.load().entry(dossier.application.id)?.dossier?.review(by: anna.id))
        #expect(saved.assessments == review.assessments)
        #expect(saved.updated == now)
        #expect(saved.assessedVersion == ApplicationVersion.of(dossier.application))
    }

    @Test func aYouthPanelMemberCannotSaveAReview() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.dossiers.first)
        let sara = try member("sara", in: snapshot)
        let review = Review(applicationID: dossier.application.id, reviewer: sara.id)
        #expect {
            try store.store.save(review, by: sara, in: dossier, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            return catalog(message).hasPrefix("Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen).")
        }
        #expect(!store.files(in: "2026-001/reviews").contains("sara.toml"))
    }

    @Test func aMemberWithAConflictCannotSaveAReview() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-003")!)?.dossier)
        let cecilia = try member("cecilia", in: snapshot)
        #expect(dossier.hasConflict(cecilia.id))
        #expect {
            try store.store.save(Review(applicationID: dossier.application.id, reviewer: cecilia.id), by: cecilia, in: dossier, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            return message.key == MessageKey.refusalConflict.rawValue
        }
    }

    @Test func noOneSavesAnotherMembersReview() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.dossiers.first)
        let anna = try member("anna", in: snapshot)
        #expect(throws: StoreError.self) {
            try store.store.save(Review(applicationID: dossier.application.id, reviewer: MemberID("bengt")!), by: anna, in: dossier, config: snapshot.config, now: now)
        }
    }

    @Test func anIncompleteReviewCannotBeMarkedComplete() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let anna = try member("anna", in: snapshot)
        let review = Review(applicationID: dossier.application.id, reviewer: anna.id, status: .complete)
        #expect {
            try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            return catalog(message) == "Kriteriet ”Definierat problem” har ingen poäng (eller ”kan ej bedömas”)."
        }
        #expect(store.files(in: "2026-005/reviews") == [])
    }

    @Test func twoCommentsInTheSameSecondGetTwoFiles() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let sara = try member("sara", in: snapshot)
        let id = ApplicationID("2026-005")!
        for text in ["Första tanken.", "Andra tanken, samma sekund."] {
            try store.store.save(YouthComment(applicationID: id, author: sara.id, time: now, about: .methods, text: text), by: sara)
        }
        #expect(store.files(in: "2026-005/comments") == ["20260528T202640Z-sara.toml", "20260528T202640Z_2-sara.toml"])
        let comments = try #require(try store.load().entry(id)?.dossier?.comments)
        #expect(Set(comments.map(\.text)) == ["Första tanken.", "Andra tanken, samma sekund."])
        #expect(comments.allSatisfy { $0.author == sara.id })
    }

    @Test func onlyTheYouthPanelComments() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let anna = try member("anna", in: snapshot)
        #expect(throws: StoreError.self) {
            try store.store.save(YouthComment(applicationID: ApplicationID("2026-001")!, author: anna.id, time: now, about: .whole, text: "x"), by: anna)
        }
    }

    @Test func aConflictDeclarationTakesTheMemberOutOfTheQuorum() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let bengt = try member("bengt", in: snapshot)
        let id = ApplicationID("2026-001")!
        try store.store.save(ConflictDeclaration(applicationID: id, member: bengt.id, reason: "Min sambo arbetar i projektet.", declared: now), by: bengt)
        snapshot = try store.load()
        let dossier = try #require(snapshot.entry(id)?.dossier)
        let checklist = Checklist(dossier: dossier, config: snapshot.config)
        #expect(checklist.quorum.complete == 2)
        #expect(!checklist.quorum.eligible.contains(bengt.id))
    }

    @Test func registeringTakesTheNextNumberAndTheSkeletonReadsBack() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", in: snapshot)
        let received = Day("2026-11-23")!
        let id = try store.store.register(title: "Läxhjälp \"Plugga mera\"", year: 2026, skeleton: { id in
            try! BundledResources.applicationSkeleton(id: id, title: "Läxhjälp \"Plugga mera\"", received: received)
        }, by: lars)
        #expect(id.description == "2026-007")
        let entry = try #require(try store.load().entry(id))
        #expect(entry.problems == [])
        #expect(entry.dossier?.application.title == "Läxhjälp \"Plugga mera\"")
        #expect(entry.dossier?.application.received == received)
        let checks = AutomaticChecks.run(try #require(entry.dossier?.application), rules: snapshot.config.rules)
        #expect(checks.allSatisfy { $0.verdict == .missing })
    }

    @Test func onlyTheCoordinatorRegisters() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        #expect(throws: StoreError.self) {
            try store.store.register(title: "x", year: 2026, skeleton: { _ in "" }, by: try member("karin", in: snapshot))
        }
    }

    @Test func creatingAStoreRefusesToOverwriteOne() throws {
        let store = try TestStore()
        #expect(throws: StoreError.self) { try FileStore.create(at: store.root, configText: "fund = \"x\"") }
        #expect(try store.read("bered.toml").contains("Ale"))
    }
}

@Suite("Finding the line of a field")
struct LineIndexTests {
    let index = LineIndex(text: """
    title = "x"
    text = \"\"\"
    [not_a_table]
    key = inside the string
    \"\"\"
    [problem]
      description = "d"
    [[actors]]
    name = "a"
    [[actors]]
    name = "b"
    role = "r"
    [[measurability.indicators]]
    "quoted key" = 1
    [scores.evidence]
    score = 3
    """)

    @Test func keysTablesAndArrayElements() {
        #expect(index.line(of: "title") == 1)
        #expect(index.line(of: "problem.description") == 7)
        #expect(index.line(of: "actors[1].role") == 12)
        #expect(index.line(of: "actors[0].name") == 9)
        #expect(index.line(of: "measurability.indicators[0].quoted key") == 14)
        #expect(index.line(of: "scores.evidence.score") == 16)
    }

    @Test func multiLineStringsAreNotReadAsTables() {
        #expect(index.line(of: "not_a_table") == 1)
        #expect(index.line(of: "not_a_table.key") == 1)
    }

    @Test func stringsArraysAndCommentsThatLookLikeKeys() {
        let lines = [
            #"a = "innehåller ''' och \" = x""#,
            #"b = 'bokstavligt """ ' # kommentar = [c]"#,
            #"list = ["#,
            #"  "x = 1","#,
            #"  "[table]","#,
            #"]"#,
            #""nyckel = med likhetstecken" = 2"#,
            #"d = """text med \""" inuti""""#,
            #"e = 5"#,
            #"[after]"#,
            #"f = 1"#,
        ]
        let index = LineIndex(text: lines.joined(separator: "\n"))
        #expect(index.line(of: "a") == 1)
        #expect(index.line(of: "b") == 2)
        #expect(index.line(of: "list") == 3)
        #expect(index.line(of: "table") == 1)  // inside the array, not a table
        #expect(index.line(of: "nyckel = med likhetstecken") == 7)
        #expect(index.line(of: "e") == 9)
        #expect(index.line(of: "after.f") == 11)
    }

    @Test func anAbsentKeyPointsAtItsTable() {
        #expect(index.line(of: "actors[1].contribution") == 10)
        #expect(index.line(of: "problem.consequences") == 6)
        #expect(index.line(of: "state") == 1)
    }
}

@Suite("Colleagues saving at the same time")
struct ConcurrentWritingTests {
    @Test func twoWritersInTheSameSecondLoseNoComment() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let sara = try #require(snapshot.config.member(MemberID("sara")!))
        let omar = try #require(snapshot.config.member(MemberID("omar")!))
        let id = ApplicationID("2026-005")!
        let time = Date(timeIntervalSince1970: 1_780_000_000)
        let fileStore = store.store
        // Two writers per member, all in the same second: names collide and must be claimed atomically.
        let writers = [sara, sara, omar, omar]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: writers.count) { writer in
            for n in 0..<50 {
                let comment = YouthComment(applicationID: id, author: writers[writer].id, time: time, about: .whole, text: "Skrivare \(writer), kommentar \(n)")
                do { try fileStore.save(comment, by: writers[writer]) } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.all == [])
        let comments = try #require(try store.load().entry(id)?.dossier?.comments)
        #expect(comments.count == 200)
        #expect(Set(comments.map(\.text)).count == 200)
        #expect(store.files(in: "2026-005/comments").allSatisfy { !$0.hasPrefix(".") })  // no temporary file left
    }

    @Test func reviewsAndCommentsFromDifferentMembersAtOnce() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let members = ["anna", "bengt", "cecilia", "sara"].compactMap { snapshot.config.member(MemberID($0)!) }
        let fileStore = store.store
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: members.count) { index in
            let member = members[index]
            for n in 0..<30 {
                do {
                    if member.role == .youthPanel {
                        try fileStore.save(YouthComment(applicationID: dossier.application.id, author: member.id,
                                                        time: Date(timeIntervalSince1970: 1_780_000_000 + Double(n)), about: .methods, text: "Fråga \(n)"), by: member)
                    } else {
                        var review = Review(applicationID: dossier.application.id, reviewer: member.id)
                        review.assessments[.problem] = Assessment(score: .points(1 + n % 4), comment: "Version \(n) av \(member.id)")
                        // Each save builds on the member's last one, as the interface reads it again after a save.
                        guard let current = fileStore.loadEntry(dossier.application.id, config: snapshot.config).dossier else {
                            failures.add("\(member.id): the application did not read")
                            continue
                        }
                        try fileStore.save(review, by: member, in: current, config: snapshot.config, now: Date())
                    }
                } catch {
                    failures.add("\(member.id): \(error)")
                }
            }
        }
        #expect(failures.all == [])
        let after = try #require(try store.load().entry(dossier.application.id))
        #expect(after.problems == [])
        #expect(after.dossier?.comments.count == 30)
        #expect(after.dossier?.reviews.map(\.reviewer.rawValue) == ["anna", "bengt", "cecilia"])
        for review in after.dossier?.reviews ?? [] {
            #expect(review.assessments[.problem]?.comment == "Version 29 av \(review.reviewer)")  // each member's last save
        }
    }

    @Test func aNameThatIsTakenIsNeverOverwritten() throws {
        let store = try TestStore(copyingDemo: false)
        let url = store.root.appendingPathComponent("x.toml")
        try AtomicFile.write(Data("första".utf8), to: url, replacing: false)
        #expect {
            try AtomicFile.write(Data("andra".utf8), to: url, replacing: false)
        } throws: { error in
            (error as? AtomicFile.WriteError)?.step == "exists"
        }
        #expect(try store.read("x.toml") == "första")
        #expect(store.files(in: "") == ["x.toml"])
    }
}

/// Errors collected from concurrent writers.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
