import Foundation
import Testing

/// `bered check --explain` and the stable codes of `check --json`, on the installed release
/// build (issue 15): which rule produced each verdict and where bered.toml sets it.
@Suite("Which rule said what", .serialized)
struct CheckExplainTests {
    @Test func explainNamesTheRuleAndItsSettingUnderEachFinding() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-004", "--explain", "--as", "lars"], executable: try Bered.installed.get())
        #expect(result.status == 1)
        let text = result.stdout
        #expect(text.contains("      Samverkan: 2 organisatoriska enheter, varav 1 kommunala och 0 från civilsamhället, i 2 organisationer; fonden kräver 2 kommunala enheter (sektorer eller nämnder)."), "\(text)")
        #expect(text.contains("        regel: Fondens samverkansregel är uppfylld (något av alternativen) (ställs in i bered.toml: [[rules.cooperation]] (else rules.min_municipal_actors))"))
        #expect(text.contains("        regel: Minst en referens pekar ut en källa (år, länk, utgivare eller namn) (inbyggd i bered)"))
        // A criterion that passed lists what was checked and where the fund sets it.
        #expect(text.contains("        kontrollerat: Preventionsnivån är angiven; behandling är inte tidigt; Målgruppens åldrar ligger inom fondens åldrar;"))
        #expect(text.contains("        ställs in i bered.toml: rules.age_min, rules.age_max"))
        let plain = try Bered.run(["check", demo.path, "2026-004", "--as", "lars"], executable: try Bered.installed.get())
        #expect(!plain.stdout.contains("regel:"))
    }

    @Test func jsonCarriesAStableCodeAndRuleForEveryFinding() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-006", "--json", "--lang", "en"], executable: try Bered.installed.get())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let application = try #require((json["applications"] as? [[String: Any]])?.first)
        let criteria = try #require(application["criteria"] as? [[String: Any]])
        let problem = try #require(criteria.first { $0["id"] as? String == "problem" }?["automatic"] as? [String: Any])
        let findings = try #require(problem["findings"] as? [[String: Any]])
        #expect(findings.map { $0["code"] as? String } == ["check.problem.extent_without_figures"])
        #expect(findings.map { $0["rule"] as? String } == ["problem.extent_figures"])
        #expect(findings.first?["text"] as? String == "The local extent gives no figures.")
        let cooperation = try #require(criteria.first { $0["id"] as? String == "cooperation" }?["automatic"] as? [String: Any])
        let okFinding = try #require((cooperation["findings"] as? [[String: Any]])?.first)
        #expect(okFinding["code"] as? String == "check.cooperation.ok")
    }
}
