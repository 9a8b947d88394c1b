import Foundation
import Testing

/// `bered budget`, `bered aterbetalning` and the budget check of `bered decide` (issue 16).
@Suite("The fund's money on the command line")
struct MoneyCommandTests {
    /// A demo copy with 2026-002 forwarded to the board.
    func forwarded() throws -> DemoCopy {
        let demo = try DemoCopy()
        #expect(try Bered.run(["move", demo.path, "2026-002", "forward", "--as", "karin"]).status == 0)
        return demo
    }

    func decide(_ demo: DemoCopy, _ extra: [String], as who: String = "lars") throws -> Bered.Result {
        try Bered.run(["decide", demo.path, "2026-002", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 2026/88",
                       "--grant", "2028=800000", "--rationale", "Bra.", "--as", who] + extra)
    }

    @Test func budgetShowsTheYearsTheApplicationsAndTheBalance() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["budget", demo.path])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.hasPrefix("Fondens pengar — Ale kommuns sociala investeringsfond\n"))
        #expect(out.contains("År       Budget  Beviljat  Återbetalt       Kvar"))
        #expect(out.contains("2027  1 500 000   550 000           0    950 000"))
        #expect(out.contains("2026-006 Utökade hembesök"))
        #expect(out.contains("2028   500 000     244 800  8 794 800"))
        let year = try Bered.run(["budget", demo.path, "--year", "2027"]).stdout
        #expect(year.contains("2027  1 500 000   550 000") && !year.contains("2026  1 500 000"))
        let english = try Bered.run(["budget", demo.path, "--lang", "en"]).stdout
        #expect(english.contains("2027  1,500,000  550,000"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Bered.run(["budget", demo.path, "--json"]).stdout.utf8)) as? [String: Any])
        #expect(json["capital"] as? Int == 10_000_000)
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.first { $0["year"] as? Int == 2028 }?["left"] as? Int == 700_000)
    }

    @Test func aFundWithoutABudgetSaysThatNothingIsChecked() throws {
        let demo = try DemoCopy()
        let config = try String(contentsOf: demo.url("bered.toml"), encoding: .utf8)
        let start = try #require(config.range(of: "\n# ---------------------------------------------------------------------------\n# Fondens pengar"))
        try Data(config[..<start.lowerBound].utf8).write(to: demo.url("bered.toml"))
        let out = try Bered.run(["budget", demo.path]).stdout
        #expect(out.contains("Fonden har ingen budget och inga tak i bered.toml, så inga beslut prövas mot budgeten."))
    }

    @Test func aDecisionOverTheBudgetIsRefusedWithTheFiguresUnlessAReasonIsGiven() throws {
        let demo = try forwarded()
        let refused = try decide(demo, [])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("2028: 800 000 kr beviljas men bara 700 000 kr återstår av årets budget på 1 200 000 kr."), "\(refused.stderr)")
        #expect(refused.stderr.contains("2028: 800 000 kr är mer än fondens tak på 600 000 kr per ansökan och år."))
        #expect(refused.stderr.contains("--override-reason"))
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-002/decision.toml").path))
        let recorded = try decide(demo, ["--override-reason", "Kommunstyrelsen sköt till medel, KS 2026/90."])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let file = try String(contentsOf: demo.url("2026-002/decision.toml"), encoding: .utf8)
        #expect(file.contains("economic_model = \"grant\""))
        #expect(file.contains("budget_override = \"Kommunstyrelsen sköt till medel, KS 2026/90.\""))
        #expect(try Bered.run(["history", demo.path, "2026-002"]).stdout.contains("budget_override: Kommunstyrelsen sköt till medel, KS 2026/90."))
        let memo = try Bered.run(["export", demo.path, "--format", "md", "--id", "2026-002", "--as", "lars"]).stdout
        let line = memo.components(separatedBy: "\n").first { $0.contains("Avsteg från budget eller tak") }
        #expect(line?.contains("Kommunstyrelsen sköt till medel") == true, "\(memo)")
        // The budget now shows 2028 overdrawn.
        #expect(try Bered.run(["budget", demo.path, "--year", "2028"]).stdout.contains("2028  1 200 000  1 300 000     244 800  -100 000"))
    }

    @Test func theModelCanBeDecidedAndAnUnknownOneIsRefused() throws {
        let demo = try forwarded()
        let bad = try Bered.run(["decide", demo.path, "2026-002", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 1",
                                 "--grant", "2027=100000", "--model", "loan", "--as", "lars"])
        #expect(bad.status != 0 && bad.stderr.contains("--model tar repayment, grant eller return, inte ”loan”."))
        let ok = try Bered.run(["decide", demo.path, "2026-002", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 1",
                                "--grant", "2027=100000", "--model", "return", "--as", "lars"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(try String(contentsOf: demo.url("2026-002/decision.toml"), encoding: .utf8).contains("economic_model = \"return\""))
    }

    @Test func repaymentShowsProposesSetsAndRecords() throws {
        let demo = try DemoCopy()
        let shown = try Bered.run(["aterbetalning", demo.path, "2026-006"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Återbetalning för 2026-006 Utökade hembesök (återbetalning till fonden)"))
        #expect(shown.stdout.contains("Sektor omsorg och socialtjänst, Grästorps kommun  1 258 000   244 800  1 013 200"), "\(shown.stdout)")
        #expect(shown.stdout.contains("2028-12-15  Sektor omsorg och socialtjänst, Grästorps kommun: 244 800 kr"))

        let proposed = try Bered.run(["repayment", demo.path, "2026-006", "--propose", "--as", "lars"])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        #expect(proposed.stdout.contains("1 450 000 kr på 5 rader"), "\(proposed.stdout)")

        let set = try Bered.run(["aterbetalning", demo.path, "2026-006", "--actor", "sektor barn", "--year", "2031", "--amount", "50000", "--as", "lars"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "Planen för 2026-006: Sektor barn och utbildning, Grästorps kommun, 2031: 50 000 kr.\n")

        let received = try Bered.run(["återbetalning", demo.path, "2026-006", "--receive", "--actor", "Sektor barn och utbildning, Grästorps kommun",
                                      "--date", "2030-12-01", "--amount", "192000", "--note", "Ramsänkning 2030", "--as", "lars"])
        #expect(received.status == 0, "\(received.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(Bered.run(["aterbetalning", demo.path, "2026-006", "--json"]).stdout.utf8)) as? [String: Any])
        #expect(json["received_total"] as? Int == 244_800 + 192_000)
        #expect(json["planned_total"] as? Int == 1_500_000)
        let history = try Bered.run(["history", demo.path, "2026-006"]).stdout
        #expect(history.contains("Sektor barn och utbildning, Grästorps kommun 2030-12-01: 192000 kr (Ramsänkning 2030)"))

        // The full export carries the plan and the fund's budget.
        let export = try #require(try JSONSerialization.jsonObject(with: Data(Bered.run(["export", demo.path, "--format", "json", "--as", "lars"]).stdout.utf8)) as? [String: Any])
        #expect((export["budget"] as? [String: Any])?["capital"] as? Int == 10_000_000)
        let application = try #require((export["applications"] as? [[String: Any]])?.first { $0["id"] as? String == "2026-006" })
        #expect(((application["repayments"] as? [String: Any])?["received"] as? [Any])?.count == 2)
        #expect((application["decision"] as? [String: Any])?["economic_model"] as? String == "repayment")
    }

    @Test func badRepaymentInputIsAPlainMessageAndSavesNothing() throws {
        let demo = try DemoCopy()
        let before = try Data(contentsOf: demo.url("2026-006/repayments.toml"))
        let nobody = try Bered.run(["aterbetalning", demo.path, "2026-006", "--receive", "--actor", "Västra Götalandsregionen", "--date", "2029-01-01",
                                    "--amount", "1", "--as", "lars"])
        #expect(nobody.status == 1)
        #expect(nobody.stderr.hasPrefix("Ingen som vinner på insatsen heter \"Västra Götalandsregionen\". De som vinner enligt kalkylen: Sektor omsorg"), "\(nobody.stderr)")
        let both = try Bered.run(["aterbetalning", demo.path, "2026-006", "--actor", "Sektor", "--year", "2031", "--amount", "1", "--as", "lars"])
        #expect(both.status == 1 && both.stderr.contains("passar flera aktörer"))
        let zero = try Bered.run(["aterbetalning", demo.path, "2026-006", "--receive", "--actor", "Sektor omsorg", "--date", "2029-01-01",
                                  "--amount", "0", "--as", "lars"])
        #expect(zero.status == 1 && zero.stderr.contains("En betalning på 0 kr är ingen betalning."))
        #expect(try Data(contentsOf: demo.url("2026-006/repayments.toml")) == before)
        // A hand edit for an actor that gains nothing is named with file and line.
        let text = try String(contentsOf: demo.url("2026-006/repayments.toml"), encoding: .utf8)
            .replacingOccurrences(of: "actor = \"Sektor barn och utbildning, Grästorps kommun\"", with: "actor = \"Skolan\"")
        try Data(text.utf8).write(to: demo.url("2026-006/repayments.toml"))
        let line = try #require(text.components(separatedBy: "\n").firstIndex(of: "actor = \"Skolan\"")) + 1
        let validate = try Bered.run(["validate", demo.path])
        #expect(validate.stdout.contains("2026-006/repayments.toml:\(line): \"Skolan\" vinner ingenting enligt ansökans kalkyl") ||
                validate.stderr.contains("2026-006/repayments.toml:\(line): \"Skolan\" vinner ingenting enligt ansökans kalkyl"), "\(validate.stdout)\(validate.stderr)")
    }

    @Test(arguments: ["anna", "bengt", "cecilia", "sara", "omar", "karin"])
    func noOtherRoleWritesAPlanARepaymentOrAnOverride(_ who: String) throws {
        let demo = try forwarded()
        let before = try Data(contentsOf: demo.url("2026-006/repayments.toml"))
        for arguments in [["--propose"], ["--actor", "Sektor omsorg", "--year", "2031", "--amount", "1"],
                          ["--receive", "--actor", "Sektor omsorg", "--date", "2029-01-01", "--amount", "1"]] {
            let result = try Bered.run(["aterbetalning", demo.path, "2026-006"] + arguments + ["--as", who])
            #expect(result.status == 1, "\(who) \(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Bara samordnaren för in återbetalningsplaner och återbetalningar"), "\(result.stderr)")
        }
        #expect(try Data(contentsOf: demo.url("2026-006/repayments.toml")) == before)
        #expect(try decide(demo, ["--override-reason", "Jag bestämmer."], as: who).status == 1)
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-002/decision.toml").path))
    }
}
