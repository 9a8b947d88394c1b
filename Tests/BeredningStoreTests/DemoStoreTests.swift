import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("The bundled demo store")
struct DemoStoreTests {
    /// The verdict of every criterion of every demo application, as the demo's texts were written
    /// to show them (see the demo table in README.md). Order: the six core criteria, then long_term_plan.
    static let expected: [String: (automatic: [Verdict?], outcomes: [Outcome], passes: Bool, reviews: Int)] = [
        "2026-001": ([.ok, .ok, .ok, .ok, .ok, .ok, nil], [.pass, .pass, .pass, .pass, .pass, .pass, .pass], true, 3),
        // Evidence: 4, 3 and 2 — a disagreement, so a warning that still passes.
        "2026-002": ([.ok, .ok, .ok, .ok, .ok, .ok, nil], [.pass, .pass, .warning, .pass, .pass, .pass, .pass], true, 3),
        // The only indicator has no baseline; Cecilia's conflict keeps her out; Bengt's draft does not count.
        "2026-003": ([.ok, .ok, .ok, .ok, .missing, .ok, nil], [.pass, .pass, .pass, .pass, .missing, .pass, .fail], false, 1),
        // One municipal actor (Ale's rule needs two); a new method with no learning plan or references; Bengt could
        // not judge early timing, and nobody else has, so it is "could not be judged", not met.
        "2026-004": ([.ok, .ok, .warning, .ok, .ok, .missing, nil], [.pass, .pass, .fail, .notJudged, .pass, .missing, .fail], false, 1),
        // No consequences of not acting; no target-group size; nobody has reviewed it yet.
        "2026-005": ([.missing, .missing, .ok, .ok, .ok, .ok, nil], [.missing, .missing, .pass, .pass, .pass, .pass, .pending], false, 0),
        // The local extent gives no figures.
        "2026-006": ([.warning, .ok, .ok, .ok, .ok, .ok, nil], [.warning, .pass, .pass, .pass, .pass, .pass, .pass], true, 3),
    ]

    @Test func everyFileIsSound() throws {
        let snapshot = try demoSnapshot()
        #expect(snapshot.allProblems.map { $0.formatted(catalog) } == [])
        #expect(snapshot.entries.count == 6)
    }

    @Test func everyCriterionOfEveryApplicationHasItsVerdict() throws {
        let snapshot = try demoSnapshot()
        for dossier in snapshot.dossiers {
            let id = dossier.application.id.description
            let expected = try #require(Self.expected[id])
            let checklist = Checklist(dossier: dossier, config: snapshot.config)
            #expect(checklist.rows.map { $0.automatic?.verdict } == expected.automatic, "\(id)")
            #expect(checklist.rows.map(\.outcome) == expected.outcomes, "\(id)")
            #expect(checklist.passes == expected.passes, "\(id)")
            #expect(checklist.quorum.complete == expected.reviews, "\(id)")
        }
    }

    @Test func theDemoHasWhatTheProductShows() throws {
        let snapshot = try demoSnapshot()
        let dossiers = snapshot.dossiers
        #expect(snapshot.config.reviewers.map(\.id.rawValue) == ["anna", "bengt", "cecilia"])
        #expect(Set(dossiers.map(\.application.state)).count >= 4)
        #expect(dossiers.flatMap(\.comments).count >= 5)
        #expect(dossiers.contains { $0.reviews.contains { $0.status == .draft } })
        #expect(dossiers.contains { !$0.conflicts.isEmpty })
        #expect(dossiers.flatMap(\.reviews).contains { $0.assessments.values.contains { $0.score == .cannotJudge } })
        // Every review records the version it assessed, and the texts have not moved since.
        #expect(dossiers.allSatisfy { $0.outdatedReviews.isEmpty })
        #expect(dossiers.flatMap(\.reviews).allSatisfy { !$0.assessedVersion.isEmpty })
    }
}
