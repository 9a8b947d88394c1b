import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Each fund's rules are data in `bered.toml`, with defaults that are Ale's; the skeleton holds
/// and explains every field the checks read (issue 15).
@Suite("Fund rules in bered.toml and the application skeleton")
struct FundRulesFileTests {
    let store = FileStore(root: URL(fileURLWithPath: "/nonexistent"), coreCriteria: try! BundledResources.coreCriteria())

    func config(_ text: String) -> (FundConfig?, [String]) {
        guard let document = try? TOMLDocument(file: "bered.toml", data: Data(text.utf8)) else { return (nil, ["unparsable"]) }
        let config = ConfigRecord.read(document, coreCriteria: try! BundledResources.coreCriteria())
        return (config, document.problems.map { $0.formatted(catalog) })
    }

    @Test func bereDInitsTemplateGivesAlesRules() throws {
        let text = try String(contentsOf: BundledResources.configTemplate, encoding: .utf8)
        let (read, problems) = config(text)
        #expect(problems == [])
        let rules = try #require(read?.rules)
        #expect(rules == FundRules())
        #expect(rules.cooperation == [CooperationAlternative(municipalUnits: 2)])
        #expect(rules.allowedApplicants == [.municipal])
        #expect(rules.ageScope == 0...20)
        for key in ["allowed_applicants", "age_min", "age_max", "min_length_months", "[[rules.cooperation]]", "civil_society"] {
            #expect(text.contains(key), "\(key) is not in the template")
        }
    }

    @Test func orebrosRulesReadAsAlternatives() throws {
        let text = """
            schema = 1
            fund = "Örebro"
            [rules]
            allowed_applicants = ["municipal", "association"]
            age_min = 0
            age_max = 25
            min_length_months = 12
            max_length_months = 36
            [[rules.cooperation]]
            municipal_units = 2
            [[rules.cooperation]]
            municipal_units = 1
            civil_society = 1
            """
        let (read, problems) = config(text)
        #expect(problems == [])
        let rules = try #require(read?.rules)
        #expect(rules.cooperation == [CooperationAlternative(municipalUnits: 2), CooperationAlternative(municipalUnits: 1, civilSociety: 1)])
        #expect(rules.allowedApplicants == [.municipal, .association])
        #expect(rules.ageScope == 0...25)
        #expect(rules.minLengthMonths == 12 && rules.maxLengthMonths == 36)
        // Written back, the rules read the same.
        let (again, _) = config(ConfigRecord.write(try #require(read)))
        #expect(again?.rules == rules)
    }

    @Test(arguments: [("age_min = 30\nage_max = 10", "fondens åldrar 30–10"), ("allowed_applicants = [\"kommun\"]", "kommun"),
                      ("[[rules.cooperation]]\nmunicipal_units = -1", "negativt")])
    func aBadRuleIsNamedWithItsLine(rule: String, says: String) {
        let (_, problems) = config("schema = 1\nfund = \"X\"\n[rules]\n" + rule + "\n")
        #expect(problems.contains { $0.hasPrefix("bered.toml:") && $0.contains(says) }, "\(problems)")
    }

    @Test func theSkeletonHoldsAndExplainsEveryNewFieldAndPassesNothing() throws {
        let skeleton = try BundledResources.applicationSkeleton(id: ApplicationID("2026-009")!, title: "Ny ansökan", received: Day("2026-03-05")!)
        for line in ["applicant_kind = \"municipal\"", "organisation = \"\"", "unit = \"\"", "level = \"\"", "economic_follow_up = \"\"\"",
                     "# direction = \"raise\"", "# kind = \"outcome\"", "universal (alla", "effektmått"] {
            #expect(skeleton.contains(line), "\(line)")
        }
        let application = try #require(store.application(from: Data(skeleton.utf8), path: "2026-009/application.toml", settings: CalculationSettings()))
        #expect(application.applicantKind == .municipal)
        #expect(AutomaticChecks.run(application, rules: FundRules()).allSatisfy { $0.verdict == .missing })
    }
}
