import Foundation
import Testing

/// `bered forslag` and the gate it opens, on the installed release build (issue 17).
@Suite("bered forslag: the preparation group's proposal", .serialized)
struct ProposalCommandTests {
    @Test func withoutAProposalTheApplicationStaysInPreparationWithOneItMovesAndTheMemoShowsIt() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        try FileManager.default.removeItem(at: demo.url("2026-001/proposal.toml"))
        let refused = try run(["move", demo.path, "2026-001", "to_steering_group", "--as", "lars"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Beredningsgruppens förslag saknas"))

        #expect(try run(["forslag", demo.path, "2026-001", "--recommend", "approve", "--rationale", "Bra.", "--as", "sara"]).status == 1)
        let amountsOnReject = try run(["forslag", demo.path, "2026-001", "--recommend", "reject", "--amount", "2027=1", "--rationale", "Nej.", "--as", "anna"])
        #expect(amountsOnReject.status == 1)
        #expect(amountsOnReject.stderr.contains("Belopp föreslås bara när gruppen föreslår bifall."))
        let notInGroup = try run(["forslag", demo.path, "2026-001", "--recommend", "approve", "--rationale", "Ja.", "--agreed", "anna,karin", "--as", "anna"])
        #expect(notInGroup.stderr.contains("karin är inte med i beredningsgruppen"))

        let recorded = try run(["förslag", demo.path, "2026-001", "--recommend", "approve", "--amount", "2026=420000", "--amount", "2027=900000",
                                "--rationale", "Gruppen är enig efter diskussionen.", "--conditions", "Uppföljning varje halvår.",
                                "--agreed", "anna,bengt,cecilia", "--note", "evidence=Piloten vägde tungt.", "--as", "anna"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Beredningens förslag för 2026-001 är sparat: bevilja."))
        #expect(try run(["move", demo.path, "2026-001", "to_steering_group", "--as", "lars"]).status == 0)
        #expect(try run(["history", demo.path, "2026-001"]).stdout.contains("bevilja, 1 320 000 kr (Anna Lindqvist, Bengt Håkansson, Cecilia Nordström)"))

        let memo = try run(["export", demo.path, "--format", "md", "--id", "2026-001", "--as", "lars"]).stdout
        #expect(memo.contains("## Beredningens förslag"))
        #expect(memo.contains("Föreslaget belopp: 2026: 420\u{202F}000 kr, 2027: 900\u{202F}000 kr"))
        #expect(memo.contains("Evidens: Piloten vägde tungt."))
        #expect(memo.contains("Står bakom förslaget: Anna Lindqvist"))
        #expect(memo.contains("## Granskarnas rekommendationer"))
        let json = try run(["export", demo.path, "--format", "json", "--as", "lars"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try #require((object["applications"] as? [[String: Any]])?.first { $0["id"] as? String == "2026-001" })
        let proposal = try #require(first["proposal"] as? [String: Any])
        #expect(proposal["recommendation"] as? String == "approve")
        #expect(proposal["proposed_total"] as? Int == 1_320_000)
        #expect(proposal["agreed_by"] as? [String] == ["anna", "bengt", "cecilia"])
    }
}
