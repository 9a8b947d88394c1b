import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("Honest counting in the store: copies and outsiders' files do not count")
struct HonestCountingTests {
    /// 2026-001 with Anna's review alone, the one that should count.
    func storeWithOneReview() throws -> TestStore {
        let store = try TestStore()
        for name in ["bengt", "cecilia"] {
            try FileManager.default.removeItem(at: store.root.appendingPathComponent("2026-001/reviews/\(name).toml"))
        }
        return store
    }

    func entry(_ store: TestStore) throws -> (StoreEntry, Dossier, FundConfig) {
        let snapshot = try store.load()
        let entry = try #require(snapshot.entry(ApplicationID("2026-001")!))
        return (entry, try #require(entry.dossier), snapshot.config)
    }

    @Test func theIssuesFourCopiesAndOutsidersReviewsChangeNoCountMeanOrGate() throws {
        let store = try storeWithOneReview()
        let (_, before, config) = try entry(store)
        let anna = try store.read("2026-001/reviews/anna.toml")
        let bengt = try String(contentsOf: BundledDemo.file("2026-001/reviews/bengt.toml"), encoding: .utf8)
        let cecilia = try String(contentsOf: BundledDemo.file("2026-001/reviews/cecilia.toml"), encoding: .utf8)
        try store.write("2026-001/reviews/Anna.toml", anna)
        try store.write("2026-001/reviews/anna_2.toml", anna)
        try store.write("2026-001/reviews/BENGT.toml", bengt)
        try store.write("2026-001/reviews/bengt .toml", bengt)
        // Other scores by members who may not review: counted, they would move the mean.
        for (outsider, points) in [("sara", "1"), ("karin", "4"), ("nils", "1")] {
            let text = cecilia.replacingOccurrences(of: "reviewer = \"cecilia\"", with: "reviewer = \"\(outsider)\"")
                .replacingOccurrences(of: #"score = \d"#, with: "score = \(points)", options: .regularExpression)
            try store.write("2026-001/reviews/\(outsider).toml", text)
        }

        let (entry, after, _) = try entry(store)
        let summaryBefore = ScoreSummary(dossier: before, config: config), summaryAfter = ScoreSummary(dossier: after, config: config)
        #expect(summaryAfter.quorum.complete == 1)
        #expect(summaryAfter.quorum == summaryBefore.quorum)
        #expect(summaryAfter.meanScore == summaryBefore.meanScore)
        #expect(summaryAfter.aggregates == summaryBefore.aggregates)
        #expect(Workflow.gaps(after, config: config).contains(.reviewMissing(MemberID("bengt")!)))
        #expect(after.reviews.map(\.reviewer.rawValue) == ["anna"])

        let named = entry.problems.map { $0.formatted(catalog) }
        #expect(named.contains("2026-001/reviews/Anna.toml:3: räknas inte: filnamnet Anna.toml är inte en medlems id (en granskning av anna ska heta anna.toml)"))
        #expect(named.contains { $0.hasPrefix("2026-001/reviews/anna_2.toml:3: räknas inte: filnamnet anna_2.toml") })
        #expect(named.contains { $0.hasPrefix("2026-001/reviews/BENGT.toml:3: räknas inte: filnamnet BENGT.toml") })
        #expect(named.contains { $0.hasPrefix("2026-001/reviews/bengt .toml:3: räknas inte: filnamnet bengt .toml") })
        #expect(named.contains("2026-001/reviews/sara.toml:3: räknas inte: granskaren sara är inte med i beredningsgruppen"))
        #expect(named.contains("2026-001/reviews/karin.toml:3: räknas inte: granskaren karin är inte med i beredningsgruppen"))
        #expect(named.contains("2026-001/reviews/nils.toml:3: räknas inte: granskaren nils är inte med i beredningsgruppen"))
    }

    @Test func aCommentBySomeoneOutsideTheYouthPanelIsNotTheirs() throws {
        let store = try TestStore()
        let sara = try store.read("2026-001/comments/20260305T162000Z-sara.toml")
        try store.write("2026-001/comments/20260309T100000Z-karin.toml", sara.replacingOccurrences(of: "author = \"sara\"", with: "author = \"karin\""))
        let (entry, dossier, _) = try entry(store)
        #expect(dossier.comments.map(\.author.rawValue) == ["sara", "omar"])
        #expect(entry.problems.map { $0.formatted(catalog) }.contains(
            "2026-001/comments/20260309T100000Z-karin.toml:3: räknas inte som ungdomspanelens: karin är inte med i ungdomspanelen"))
    }

    @Test func aConflictDeclarationThatCannotBeReadStillStopsTheReview() throws {
        let store = try TestStore()
        try store.write("2026-001/conflicts/anna.toml", "schema = 1\napplication = \"2026-001\"\nmember = \"anna\nreason = trasig\n")
        let (entry, dossier, config) = try entry(store)
        #expect(dossier.hasConflict(MemberID("anna")!))
        #expect(entry.problems.map { $0.formatted(catalog) }.contains(
            "2026-001/conflicts/anna.toml: jävsanmälan går inte att läsa; anna får inte granska ansökan förrän den är rättad"))
        #expect(Quorum(dossier: dossier, config: config).complete == 2)  // anna's own review no longer counts
        let anna = try #require(config.member(MemberID("anna")!))
        var review = try #require(dossier.review(by: anna.id))
        review.summary = "Ändrad."
        #expect(throws: StoreError.self) { try store.store.save(review, by: anna, in: dossier, config: config, now: Date()) }
        #expect(try store.read("2026-001/reviews/anna.toml").contains("Ändrad.") == false)
    }
}

/// The demo store as bundled, for texts to copy from.
enum BundledDemo {
    static func file(_ path: String) -> URL { BundledResources.demoStore.appendingPathComponent(path) }
}
