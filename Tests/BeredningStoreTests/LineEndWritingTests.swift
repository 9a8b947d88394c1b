import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// Every write path on copies of the demo store in LF, CRLF (git on Windows) and mixed line
/// ends: no crash, the one field changed, every other record as it was, the line ends kept.
@Suite("Writing on LF, CRLF and mixed line ends")
struct LineEndWritingTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// The store, read before and after `write`, and its files before and after.
    struct Run {
        let before: StoreSnapshot
        let after: StoreSnapshot
        let filesBefore: [String: Data]
        let filesAfter: [String: Data]
    }

    func run(_ store: TestStore, _ write: (StoreSnapshot) throws -> Void) throws -> Run {
        let before = try store.load()
        let filesBefore = store.fileContents()
        try write(before)
        return Run(before: before, after: try store.load(), filesBefore: filesBefore, filesAfter: store.fileContents())
    }

    func member(_ id: String, _ snapshot: StoreSnapshot) throws -> Member { try #require(snapshot.config.member(MemberID(id)!)) }

    func dossier(_ id: String, _ snapshot: StoreSnapshot) throws -> Dossier { try #require(snapshot.entry(ApplicationID(id)!)?.dossier) }

    /// Every dossier but `id` as it was, and `id` as `expected`; no problem in any file.
    func expectOnly(_ id: String, is expected: Dossier, in run: Run, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.before.allProblems == [], sourceLocation: sourceLocation)
        #expect(run.after.allProblems == [], sourceLocation: sourceLocation)
        #expect(run.after.entry(ApplicationID(id)!)?.dossier == expected, sourceLocation: sourceLocation)
        #expect(run.after.dossiers.filter { $0.application.id.description != id } == run.before.dossiers.filter { $0.application.id.description != id },
                sourceLocation: sourceLocation)
    }

    @Test(arguments: LineEndStyle.allCases)
    func move(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        let run = try run(store) { snapshot in
            _ = try store.store.move(try dossier("2026-002", snapshot), .forward, by: try member("karin", snapshot), config: snapshot.config, now: now)
        }
        var expected = try dossier("2026-002", run.before)
        expected.application.state = .forwarded
        expectOnly("2026-002", is: expected, in: run)
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter, changed: ["2026-002/application.toml", "2026-002/history.jsonl"])
        #expect(store.store.history(of: ApplicationID("2026-002")!).events.map(\.kind) == [.moved])
    }

    /// One CRLF line above `state` used to shift the line `move` rewrote onto the applicant.
    @Test func oneCRLFLineAboveTheStateMovesTheStateAndNothingElse() throws {
        let store = try TestStore()
        let path = "2026-005/application.toml"
        let text = try store.read(path)
        try store.write(path, text.replacingOccurrences(of: "schema = 1\n", with: "schema = 1\r\n"))
        let snapshot = try store.load()
        let before = try dossier("2026-005", snapshot)
        let moved = try store.store.move(before, .startPreparation, by: try member("lars", snapshot), config: snapshot.config, now: now)
        var expected = before.application
        expected.state = moved.state
        #expect(try dossier("2026-005", try store.load()).application == expected)
        #expect(try store.read(path) == text.replacingOccurrences(of: "schema = 1\n", with: "schema = 1\r\n")
            .replacingOccurrences(of: "state = \"received\"", with: "state = \"\(moved.state.rawValue)\""))
    }

    @Test(arguments: LineEndStyle.allCases)
    func decide(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        let start = try store.load()
        _ = try store.store.move(try dossier("2026-002", start), .forward, by: try member("karin", start), config: start.config, now: now)
        let decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: .approve, grants: [.init(year: 2027, amount: 450_000)],
                                rationale: "Stark ansökan.", recordedBy: MemberID("lars")!)
        let run = try run(store) { snapshot in
            _ = try store.store.record(decision, for: try dossier("2026-002", snapshot), by: try member("lars", snapshot), config: snapshot.config, now: now)
        }
        var expected = try dossier("2026-002", run.before)
        expected.application.state = .approved
        expected.decision = decision
        expected.decision?.recorded = now
        expected.decision?.economicModel = .grant  // the model 2026-002 asks for, recorded with the decision
        expectOnly("2026-002", is: expected, in: run)
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter,
                       changed: ["2026-002/application.toml", "2026-002/decision.toml", "2026-002/history.jsonl"])
        #expect(store.store.history(of: ApplicationID("2026-002")!).events.map(\.kind) == [.moved, .decided, .moved])
    }

    @Test(arguments: LineEndStyle.allCases)
    func edit(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        var edited: Application?
        let run = try run(store) { snapshot in
            var application = try dossier("2026-001", snapshot).application
            application.longTerm.plan = "Förvaltningen tar över 2029."
            try store.store.save(application, by: try member("lars", snapshot), basis: try dossier("2026-001", snapshot).application, now: now)
            edited = application
        }
        var expected = try dossier("2026-001", run.before)
        expected.application = try #require(edited)
        // The text the reviews assessed is kept beside it, so each reviewer is shown what changed.
        let before = try dossier("2026-001", run.before).application
        expected.earlierVersions[ApplicationVersion.of(before)] = before
        expectOnly("2026-001", is: expected, in: run)
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter,
                       changed: ["2026-001/application.toml", "2026-001/history.jsonl", "2026-001/versions/\(ApplicationVersion.of(before)).toml"])
    }

    @Test(arguments: LineEndStyle.allCases)
    func review(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        var saved: Review?
        let run = try run(store) { snapshot in
            let dossier = try dossier("2026-001", snapshot), anna = try member("anna", snapshot)
            var review = try #require(dossier.review(by: anna.id))
            review.assessments[.problem]?.comment = "Konsekvenserna är nu beskrivna."
            try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now)
            review.updated = now
            review.assessedVersion = ApplicationVersion.of(dossier.application)
            saved = review
        }
        var expected = try dossier("2026-001", run.before)
        expected.reviews = expected.reviews.map { $0.reviewer.rawValue == "anna" ? saved! : $0 }
        expectOnly("2026-001", is: expected, in: run)
        let version = "2026-001/versions/\(ApplicationVersion.of(expected.application)).toml"
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter,
                       changed: ["2026-001/reviews/anna.toml", "2026-001/history.jsonl", version])
    }

    @Test(arguments: LineEndStyle.allCases)
    func comment(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        let comment = YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!, time: now, about: .methods,
                                   text: "Fråga unga i skolan också.")
        let run = try run(store) { snapshot in try store.store.save(comment, by: try member("sara", snapshot)) }
        var expected = try dossier("2026-001", run.before)
        expected.comments.append(comment)
        expectOnly("2026-001", is: expected, in: run)
        let name = "2026-001/comments/\(TOMLTime.text(now).filter { $0 != "-" && $0 != ":" })-sara.toml"
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter, changed: [name, "2026-001/history.jsonl"])
    }

    @Test(arguments: LineEndStyle.allCases)
    func conflict(_ style: LineEndStyle) throws {
        let store = try TestStore(demoIn: style)
        var declared: ConflictDeclaration?
        let run = try run(store) { snapshot in
            var conflict = try #require(try dossier("2026-003", snapshot).conflicts.first { $0.member.rawValue == "cecilia" })
            conflict.reason = "Jag är chef för enheten som söker."
            try store.store.save(conflict, by: try member("cecilia", snapshot))
            declared = conflict
        }
        var expected = try dossier("2026-003", run.before)
        expected.conflicts = expected.conflicts.map { $0.member.rawValue == "cecilia" ? declared! : $0 }
        expectOnly("2026-003", is: expected, in: run)
        expectLineEnds(style, before: run.filesBefore, after: run.filesAfter, changed: ["2026-003/conflicts/cecilia.toml", "2026-003/history.jsonl"])
    }

    @Test(arguments: LineEndStyle.allCases)
    func aHistoryInAnyLineEndsIsReadLineByLine(_ style: LineEndStyle) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", snapshot)
        for offset in 0..<3 {
            try store.store.append(HistoryEvent(time: now.addingTimeInterval(Double(offset)), member: lars.id, role: lars.role, kind: .edited, details: "\(offset)"),
                                   to: ApplicationID("2026-001")!)
        }
        let path = "2026-001/history.jsonl"
        try Data(style.apply(to: Array(try store.read(path).utf8))).write(to: store.root.appendingPathComponent(path))
        let history = store.store.history(of: ApplicationID("2026-001")!)
        #expect(history.problems == [])
        #expect(history.events.map(\.details) == ["0", "1", "2"])
    }
}
