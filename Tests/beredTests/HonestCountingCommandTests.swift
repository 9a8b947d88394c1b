import Foundation
import Testing

@Suite("Honest counting with the real binary: copies do not count, and scores stay hidden from the unnamed")
struct HonestCountingCommandTests {
    /// 2026-001 (in preparation, every answer given) with Anna's review alone, plus the issue's four copies.
    func demoWithCopies() throws -> DemoCopy {
        let demo = try DemoCopy()
        let reviews = demo.url("2026-001/reviews")
        let anna = try Data(contentsOf: reviews.appendingPathComponent("anna.toml"))
        let bengt = try Data(contentsOf: reviews.appendingPathComponent("bengt.toml"))
        for name in ["bengt.toml", "cecilia.toml"] { try FileManager.default.removeItem(at: reviews.appendingPathComponent(name)) }
        try anna.write(to: reviews.appendingPathComponent("Anna.toml"))
        try anna.write(to: reviews.appendingPathComponent("anna_2.toml"))
        try bengt.write(to: reviews.appendingPathComponent("BENGT.toml"))
        try bengt.write(to: reviews.appendingPathComponent("bengt .toml"))
        return demo
    }

    @Test func validateNamesEveryCopyAndListCountsOnlyTheReal() throws {
        let demo = try demoWithCopies()
        let validate = try Bered.run(["validate", demo.path])
        #expect(validate.status == 2)
        for file in ["Anna.toml", "anna_2.toml", "BENGT.toml", "bengt .toml"] {
            #expect(validate.stdout.contains("2026-001/reviews/\(file):3: räknas inte: filnamnet \(file) är inte en medlems id"), "\(file)")
        }
        let list = try Bered.run(["list", demo.path, "--json", "--as", "lars"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows[0]["reviews_complete"] as? Int == 1)
        let check = try Bered.run(["check", demo.path, "2026-001", "--as", "lars"])
        #expect(check.stdout.contains("Klara granskningar: 1 av 3."))
        #expect(check.stdout.contains("4 granskningar eller kommentarer räknas inte (se bered validate)"))
    }

    @Test func theGateOutOfPreparationIsRefusedWhenOnlyCopiesMakeTheQuorum() throws {
        let demo = try demoWithCopies()
        let move = try Bered.run(["move", demo.path, "2026-001", "to_steering_group", "--as", "lars"])
        #expect(move.status == 1)
        #expect(move.stdout.isEmpty)
        let state = try String(contentsOf: demo.url("2026-001/application.toml"), encoding: .utf8)
        #expect(state.contains("state = \"in_preparation\""))
    }

    @Test func listAndCheckWithoutAsShowNoScoresWhileTheStoreHidesThem() throws {
        let demo = try DemoCopy()  // the demo's bered.toml hides scores until one's own review is complete
        let list = try Bered.run(["list", demo.path])
        #expect(list.status == 0)
        let firstRow = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("2026-001") })
        #expect(firstRow.contains("  ·  "))
        #expect(firstRow.range(of: #"\d,\d"#, options: .regularExpression) == nil)  // no mean such as 4,1
        #expect(list.stdout.contains("Beredningsgruppens poäng visas inte förrän du säger vem du är med --as (eller BERED_USER)."))
        let json = try Bered.run(["list", demo.path, "--json"])
        #expect(!json.stdout.contains("\"mean_score\" : 4"))
        #expect(json.stdout.contains("\"scores_hidden\" : true"))

        let check = try Bered.run(["check", demo.path, "2026-003"])
        #expect(check.stdout.contains("Beredningsgruppens poäng visas inte förrän du säger vem du är med --as"))
        #expect(!check.stdout.contains("medel 4"))
        #expect(!check.stdout.contains("underkänt"))  // a failed mean would give the scores away
        let checkJSON = try Bered.run(["check", demo.path, "2026-003", "--json"])
        #expect(!checkJSON.stdout.contains("\"mean\""))

        let named = try Bered.run(["check", demo.path, "2026-003", "--as", "lars"])
        #expect(named.stdout.contains("medel 4,0"))
        let fromEnvironment = try Bered.run(["list", demo.path], environment: ["BERED_USER": "lars"])
        #expect(!fromEnvironment.stdout.contains("visas inte förrän"))

        // A fund that shows everyone's scores shows them to the unnamed too.
        let config = demo.url("bered.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("hide_scores_until_own_review_complete = true\n"))
        try Data(text.replacingOccurrences(of: "hide_scores_until_own_review_complete = true\n", with: "hide_scores_until_own_review_complete = false\n").utf8).write(to: config)
        #expect(try Bered.run(["check", demo.path, "2026-003"]).stdout.contains("medel 4,0"))
    }
}
