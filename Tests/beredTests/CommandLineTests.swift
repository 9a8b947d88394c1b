import Foundation
import Testing

@Suite("The bered command line, run as a user would")
struct CommandLineTests {
    @Test func checkOnTheDemoGivesEveryVerdictAndExitsOneBecauseSomeFail() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "--as", "lars"])  // the coordinator sees every score
        #expect(result.status == 1)
        #expect(result.stdout.contains("2026-001  Fotosyntes — uppfyller kriterierna"))
        #expect(result.stdout.contains("2026-004  SkolFam Ale — uppfyller inte alla kriterier"))
        #expect(result.stdout.contains("fonden kräver 2 kommunala enheter (sektorer eller nämnder)."))
        #expect(result.stdout.contains("? Tidigt i ålder eller process"))
        #expect(result.stdout.contains("oenighet: 2 poängs skillnad"))
        #expect(result.stdout.contains("Jäv: cecilia"))
        #expect(result.stderr.isEmpty)
    }

    @Test func checkOfPassingApplicationsExitsZero() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-001", "2026-006"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("! Definierat problem"))
        #expect(result.stdout.contains("Den lokala omfattningen saknar siffror."))
    }

    @Test func checkJSONHoldsEveryCriterion() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-003", "--json", "--lang", "en", "--as", "lars"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let application = try #require((json["applications"] as? [[String: Any]])?.first)
        #expect(application["passes"] as? Bool == false)
        #expect(application["conflicts"] as? [String] == ["cecilia"])
        let criteria = try #require(application["criteria"] as? [[String: Any]])
        #expect(criteria.map { $0["id"] as? String } == ["problem", "target_group", "evidence", "early_timing", "measurability", "cooperation", "long_term_plan"])
        #expect(criteria.map { $0["outcome"] as? String } == ["pass", "pass", "pass", "pass", "missing", "pass", "fail"])
        let measurability = try #require((criteria[4]["automatic"] as? [String: Any])?["reasons"] as? [String])
        #expect(measurability.first == "No indicator has a baseline, a target and a time of measurement.")
    }

    @Test func anUnknownApplicationIsABrokenRequest() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-099"])
        #expect(result.status == 2)
        #expect(result.stderr == "Det finns ingen ansökan 2026-099 i mappen.\n")
    }

    @Test func validateOnAFileCutInHalfNamesTheFileAndLineAndListsTheRest() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-004/application.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let cut = String(text.prefix(text.count / 2))
        try Data(cut.utf8).write(to: file)
        let cutLines = cut.split(separator: "\n", omittingEmptySubsequences: false).count

        let validate = try Bered.run(["validate", demo.path])
        #expect(validate.status == 2)
        let lines = validate.stdout.split(separator: "\n").map(String.init)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("2026-004/application.toml:"))
        let line = Int(first.split(separator: ":")[1])
        #expect(line != nil && line! >= 1 && line! <= cutLines)
        #expect(lines.last == "Lästa ansökningar: 6. Fel: 1. Ansökningar som inte går att läsa: 1.")

        let list = try Bered.run(["list", demo.path])
        #expect(list.status == 0)
        for id in ["2026-001", "2026-002", "2026-003", "2026-005", "2026-006"] { #expect(list.stdout.contains(id)) }
        #expect(list.stdout.contains("2026-004  TRASIG – kör bered validate"))

        let check = try Bered.run(["check", demo.path])
        #expect(check.status == 2)
    }

    @Test func listJSONForScripts() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["list", demo.path, "--json", "--as", "lars"])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 6)
        #expect(rows[0]["checklist"] as? String == "✓✓✓✓✓✓✓")
        #expect(rows[0]["reviews_complete"] as? Int == 3)
        #expect(rows[4]["checklist"] as? String == "✗✗✓✓✓✓·")
        #expect(rows[2]["youth_comments"] as? Int == 2)
    }

    @Test func englishFromLANG() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["list", demo.path], environment: ["LANG": "en_GB.UTF-8"])
        #expect(result.stdout.hasPrefix("Id "))
        #expect(result.stdout.contains("in preparation"))
    }

    @Test func initNewAndValidateAFreshStore() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let initialized = try Bered.run(["init", root.path])
        #expect(initialized.status == 0)
        #expect(try Bered.run(["init", root.path]).status == 2)  // never over an existing store

        let refused = try Bered.run(["new", root.path, "--title", "Läxhjälp"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--as"))

        let created = try Bered.run(["new", root.path, "--title", "Läxhjälp för åk 7–9"], environment: ["BERED_USER": "samordnare"])
        #expect(created.status == 0, "\(created.stderr)")
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(created.stdout.contains("Ansökan \(year)-001 är registrerad"))

        let validate = try Bered.run(["validate", root.path])
        #expect(validate.status == 0, "\(validate.stdout)")
        let check = try Bered.run(["check", root.path, "--json"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("Läxhjälp för åk 7–9"))
    }

    @Test func onlyTheCoordinatorRegistersFromTheCommandLine() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["new", demo.path, "--title", "Idé", "--as", "sara"])
        #expect(result.status == 2)
        #expect(result.stderr == "Bara samordnaren registrerar nya ansökningar (din roll: ungdomspanelen).\n")
        let unknown = try Bered.run(["new", demo.path, "--title", "Idé", "--as", "nisse"])
        #expect(unknown.stderr.contains("”nisse” finns inte bland fondens medlemmar (anna, bengt"))
    }

    @Test func aFolderThatIsNoStore() throws {
        let result = try Bered.run(["list", FileManager.default.temporaryDirectory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bered.toml saknas"))
    }

    @Test func theDemoCommandCopiesAndShowsTheStore() throws {
        let result = try Bered.run(["demo"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Fotosyntes"))
        let folder = try #require(result.stdout.split(whereSeparator: \.isWhitespace).first { $0.contains("bered-demo-") })
        #expect(FileManager.default.fileExists(atPath: folder + "/2026-001/application.toml"))
        try FileManager.default.removeItem(atPath: String(folder))
    }

    @Test func everyCommandHasHelp() throws {
        for command in ["open", "demo", "init", "new", "list", "check", "calc", "validate"] {
            let result = try Bered.run([command, "--help"])
            #expect(result.status == 0)
            #expect(result.stdout.contains("ANVÄNDNING: bered \(command)"))
        }
    }

    @Test func theInterfaceRefusesToStartWithoutATerminal() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["open", demo.path, "--as", "anna"])
        #expect(result.status == 2)
        #expect(result.stderr == "Gränssnittet behöver en terminal. Använd bered list, bered check eller bered calc i skript.\n")
        let bare = try Bered.run([demo.path])  // the default command
        #expect(bare.status == 2)
    }

    @Test func aBadLanguageIsRefused() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["list", demo.path, "--lang", "de"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Fel: --lang tar sv eller en, inte ”de”.\nANVÄNDNING: bered list <store> "))
    }
}

@Suite("Scores stay hidden from a reviewer who has not finished")
struct HiddenScoresTests {
    @Test func aReviewerWithADraftSeesNoColleaguesScores() throws {
        let demo = try DemoCopy()
        let hidden = try Bered.run(["check", demo.path, "2026-003", "--as", "bengt"])  // Bengt's review is a draft
        #expect(hidden.stdout.contains("Kollegornas poäng visas när din egen granskning är klar."))
        #expect(!hidden.stdout.contains("medel 4"))
        #expect(!hidden.stdout.contains("underkänt"))  // a failed mean would give the scores away
        #expect(hidden.stdout.contains("· Långsiktig plan"))
        let shown = try Bered.run(["check", demo.path, "2026-003"], environment: ["BERED_USER": "anna"])
        #expect(shown.stdout.contains("medel 4,0"))
        let json = try Bered.run(["check", demo.path, "2026-003", "--json", "--as", "bengt"])
        #expect(json.stdout.contains("\"scores_hidden\" : true"))
        #expect(!json.stdout.contains("\"mean\""))
    }
}

@Suite("bered calc")
struct CalcCommandTests {
    @Test func theYearTableScenariosAndVerdict() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "2026-006"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Diskonteringsränta 3 % (real), 10 år: 2026–2035. Belopp i kronor."))
        #expect(result.stdout.contains("Mandatperiod 2022–2026 (2022-10-15 – 2026-10-14): den som insatsen börjar i (2026-04-01)."))
        #expect(result.stdout.contains("2035"))
        #expect(result.stdout.contains("betalar mer än den vinner"))
        #expect(result.stdout.contains("Nuvärde vid 0 %:"))
        #expect(result.stdout.contains("Nuvärde vid 4 %:"))
        for scenario in ["full effekt", "halv effekt", "det går dåligt", "bara en person"] { #expect(result.stdout.contains(scenario)) }
        #expect(result.stdout.contains("Går jämnt ut: år 7 (2032), efter mandatperioden 2022–2026."))
    }

    @Test func jsonForOtherSystemsAddsUp() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "2026-001", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.count == 10)
        let scenarios = try #require(json["scenarios"] as? [[String: Any]])
        #expect(scenarios.map { $0["scenario"] as? String } == ["full", "half", "bad", "one_person"])
        #expect(scenarios[0]["break_even_year"] as? Int == 2029)
        // Fotosyntes starts on 2026-08-01, in the 2022–2026 period; 2029 is after it.
        #expect(scenarios[0]["break_even_within_mandate"] as? Bool == false)
        #expect(scenarios[0]["mandate_period"] as? String == "2022–2026")
        let mandate = try #require(json["mandate_period"] as? [String: Any])
        #expect(mandate["first_day"] as? String == "2022-10-15" && mandate["last_day"] as? String == "2026-10-14")
        #expect(mandate["last_year"] as? Int == 2026 && mandate["basis"] as? String == "sweden")
        let rates = try #require(json["rates"] as? [[String: Any]])
        #expect(rates.map { ($0["rate"] as? NSNumber)?.doubleValue } == [0, 0.03, 0.04])
        // The cumulative present value of the last year is the NPV at the fund's rate.
        let last = try #require(years.last?["cumulative_present_net"] as? NSNumber)
        #expect(last == scenarios[0]["net_present_value"] as? NSNumber)
    }

    @Test func anApplicationWithoutACalculation() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "2026-004"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Ansökan 2026-004 har ingen användbar socioekonomisk kalkyl."))
        let check = try Bered.run(["check", demo.path, "2026-004"])
        #expect(check.stdout.contains("Ingen socioekonomisk kalkyl."))
    }

    @Test func aBrokenCalculationIsNamedButTheApplicationStays() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-003/application.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\nyear = 2026\namount", with: "\nyear = \"nästa år\"\namount").utf8).write(to: file)
        let calc = try Bered.run(["calc", demo.path, "2026-003"])
        #expect(calc.status == 1)
        #expect(calc.stderr.contains("2026-003/application.toml:"))
        #expect(calc.stderr.contains("calculation.costs[0].year"))
        let list = try Bered.run(["list", demo.path])
        let row = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("2026-003") })
        #expect(row.hasPrefix("2026-003 ⚠"))  // listed, and marked as having a problem
        #expect(row.contains("MiniMili"))
    }

    @Test func checkSaysWhetherTheCalculationBreaksEven() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["check", demo.path, "2026-001"])
        #expect(result.stdout.contains("Kalkyl: nuvärde 5 858 982 kr vid 3 %; går jämnt ut: år 4 (2029), efter mandatperioden 2022–2026."))
    }

    @Test func theEffectLinesWithTheirUnitCostSourceAndPriceYear() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "2026-001"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = """
        Effekter – kostnader som undviks, som ansökan räknar med dem (full effekt):
        1. Färre placeringar på HVB bland barnen i målgruppen (ansökans mål är från 5 till 2 per år; här räknar vi försiktigt med 1 färre per år)
           Sektor arbete, trygghet och omsorg · personer: 1 · 1 095 000 kr per person och år · 2027–2031 (5 år)
           Schablon hvb_placement_year: Placering på HVB per år, 1 095 000 kr, prisår 2016. Schablonens källa: HVB ca 3 000 kr/dygn × 365 dygn (Helsingborg 2014–2016)
           Källa: HVB ca 3 000 kr/dygn (Helsingborg 2014–2016), socialtjänstens placeringsstatistik för barn 10–12 år
        """
        #expect(result.stdout.contains(expected))
        #expect(result.stdout.contains("   Västra Götalandsregionen, BUP · personer: 4 · 45 000 kr per person och år · 2028–2032 (5 år)\n   Eget belopp, prisår ej angivet.\n"))
        #expect(result.stdout.contains("Beloppen räknas som de är angivna, utan omräkning till ett gemensamt prisår; varje effekts prisår står vid effekten."))
        let english = try Bered.run(["calc", demo.path, "2026-001", "--lang", "en"])
        #expect(english.stdout.contains("Unit cost bbic_investigation: Child-welfare investigation (BBIC), one investigation, 30,600 kr, price year 2015."))
    }

    @Test func theEffectLinesInJSON() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "2026-001", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let effects = try #require(json["effects"] as? [[String: Any]])
        #expect(effects.count == 4)
        #expect(effects[0]["actor"] as? String == "Sektor arbete, trygghet och omsorg")
        #expect(effects[0]["people"] as? Int == 1)
        #expect((effects[0]["value_per_person"] as? NSNumber)?.intValue == 1_095_000)
        #expect(effects[0]["price_year"] as? Int == 2016)
        #expect(effects[0]["from_year"] as? Int == 2027 && effects[0]["years"] as? Int == 5)
        #expect(effects[0]["years_counted"] as? Int == 5 && effects[0]["years_cut"] as? Int == 0 && effects[0]["outside_horizon"] as? Bool == false)
        let unit = try #require(effects[0]["unit_cost"] as? [String: Any])
        #expect(unit["id"] as? String == "hvb_placement_year" && unit["amount"] as? Int == 1_095_000 && unit["price_year"] as? Int == 2016)
        #expect(unit["source"] as? String == "HVB ca 3 000 kr/dygn × 365 dygn (Helsingborg 2014–2016)")
        #expect(effects[2]["unit_cost"] == nil && effects[2]["price_year"] == nil)
        #expect(json["price_year"] == nil)
        #expect(json["people_needed"] as? Int == 1 && json["full_effect_pays_back"] as? Bool == true)
    }

    @Test func theHorizonCutsLinesAndSaysWhich() throws {
        let demo = try DemoCopy()
        // MiniMili's income support from 2031 for five years, and a line after the ten years 2026–2035.
        let file = demo.url("2026-003/application.toml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "from_year = 2031\nyears = 5", with: "from_year = 2031\nyears = 8")
        text += """

        [[calculation.effects]]
        actor = "Staten (Försäkringskassan)"
        description = "Färre unga med aktivitetsersättning"
        people = 1
        value_per_person = 150000
        source = "Påhittad demosiffra"
        from_year = 2037
        years = 3

        """
        try Data(text.utf8).write(to: file)
        let result = try Bered.run(["calc", demo.path, "2026-003"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Effekt 2 räknas bara 5 av sina 8 år: kalkylen slutar 2035, så 3 år skärs bort."))
        #expect(result.stdout.contains("Effekt 5 börjar 2037, efter kalkylens sista år, 2035, och ligger helt utanför kalkylen."))
        // The full effect's NPV is what it was: the cut years and the late line count nothing.
        #expect(result.stdout.contains("full effekt      -1 168 735"))
        let json = try JSONSerialization.jsonObject(with: Data(try Bered.run(["calc", demo.path, "2026-003", "--json"]).stdout.utf8)) as? [String: Any]
        let effects = try #require(json?["effects"] as? [[String: Any]])
        #expect(effects[1]["years_counted"] as? Int == 5 && effects[1]["years_cut"] as? Int == 3)
        #expect(effects[4]["outside_horizon"] as? Bool == true && effects[4]["years_counted"] as? Int == 0)
    }

    @Test func withAPriceIndexAmountsAreInOneYearsPrices() throws {
        let demo = try DemoCopy()
        let config = demo.url("bered.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "# price_year = 2023\n", with: "price_year = 2023\n")
            .replacingOccurrences(of: "# price_index = {", with: "price_index = {").utf8).write(to: config)
        let result = try Bered.run(["calc", demo.path, "2026-006"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Sektor omsorg och socialtjänst, Grästorps kommun · personer: 8 · 39 423 kr per person och år · 2028–2035 (8 år)"))
        #expect(result.stdout.contains("   Omräknat till 2023 års priser: 39 423 kr (från 30 600 kr i 2015 års priser).\n"))
        #expect(result.stdout.contains("Effekternas belopp räknas i 2023 års priser: omräknade med fondens prisindex (price_index i bered.toml) och avrundade till hela kronor."))
        #expect(result.stdout.contains("Effekt 2 räknas som angiven: den har inget prisår att räkna om från."))
        #expect(result.stdout.contains("Effekt 4 räknas som angiven: prisindexet har inget tal för 2024."))
        #expect(result.stdout.contains("full effekt       3 392 708"))
    }

    @Test func theFundsUnitCosts() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path, "--unit-costs"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Fondens schablonkostnader (bered.toml):")
        #expect(lines[1].hasPrefix("Id ") && lines[1].contains("Namn") && lines[1].contains("Belopp") && lines[1].contains("Prisår") && lines[1].hasSuffix("Källa"))
        let bbic = try #require(lines.first { $0.hasPrefix("bbic_investigation") })
        #expect(bbic.contains("Barnavårdsutredning (BBIC), en utredning") && bbic.contains("30 600") && bbic.contains("2015")
            && bbic.hasSuffix("SKL, kostnad per brukare 2015"))
        // The source is never cut short: it is what lets a reader check the figure.
        #expect(try #require(lines.first { $0.hasPrefix("hvb_placement_year") }).hasSuffix("HVB ca 3 000 kr/dygn × 365 dygn (Helsingborg 2014–2016)"))
        #expect(lines.count == 7)
        let json = try JSONSerialization.jsonObject(with: Data(try Bered.run(["calc", demo.path, "--unit-costs", "--json"]).stdout.utf8)) as? [String: Any]
        let units = try #require(json?["unit_costs"] as? [[String: Any]])
        #expect(units.map { $0["id"] as? String } == ["income_support_household_year", "hvb_placement_year", "preschool_place_year", "bbic_investigation", "exclusion_lifetime"])
        #expect(units.map { $0["price_year"] as? Int } == [2024, 2016, 2015, 2015, 2013])
        #expect(units[0]["amount_in_price_year"] == nil)
        // With the KPI switched on, a column of 2023 amounts.
        let config = demo.url("bered.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "# price_year = 2023\n", with: "price_year = 2023\n")
            .replacingOccurrences(of: "# price_index = {", with: "price_index = {").utf8).write(to: config)
        let converted = try Bered.run(["calc", demo.path, "--unit-costs"])
        #expect(converted.stdout.contains("Belopp 2023"))
        #expect(try #require(converted.stdout.split(separator: "\n").first { $0.hasPrefix("bbic_investigation") }).contains("39 423"))
    }

    /// The README's block that starts with `firstLine`, up to its closing fence.
    static func readmeBlock(startingWith firstLine: String) throws -> String {
        let readme = try String(contentsOf: Bered.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```\n" + firstLine + "\n"))
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        return firstLine + "\n" + readme[start.upperBound..<end.lowerBound]
    }

    @Test func theREADMEsExamplesAreTheRealOutput() throws {
        let demo = try DemoCopy()
        let calc = try Bered.run(["calc", demo.path, "2026-001"])
        #expect(calc.stdout == (try Self.readmeBlock(startingWith: "2026-001  Fotosyntes — socioekonomisk kalkyl")) + "\n")
        let units = try Bered.run(["calc", demo.path, "--unit-costs"])
        #expect(units.stdout == (try Self.readmeBlock(startingWith: "Fondens schablonkostnader (bered.toml):")) + "\n")
    }

    @Test func calcNeedsAnIdOrUnitCosts() throws {
        let demo = try DemoCopy()
        let result = try Bered.run(["calc", demo.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Ange ansökans id, t.ex. 2026-001, eller --unit-costs för fondens schablonkostnader."))
    }
}

@Suite("bered move and bered history")
struct MoveCommandTests {
    @Test func theGateRefusesWithWhatIsMissingAndTheOverrideIsRecorded() throws {
        let demo = try DemoCopy()
        let refused = try Bered.run(["move", demo.path, "2026-003", "to_steering_group", "--as", "lars"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("Kriteriet ”Går att mäta” är inte besvarat i ansökan."))
        #expect(refused.stderr.contains("Bengt Håkansson har ingen klar granskning."))
        let overridden = try Bered.run(["move", demo.path, "2026-003", "to_steering_group", "--as", "lars", "--override", "Styrgruppen vill se den nu."])
        #expect(overridden.status == 0)
        #expect(overridden.stdout.contains("2026-003 har nu status styrgrupp."))
        let history = try Bered.run(["history", demo.path, "2026-003"])
        #expect(history.stdout.contains("Lars Bergström (samordnare)"))
        #expect(history.stdout.contains("flyttad trots brister"))
        #expect(history.stdout.contains("Styrgruppen vill se den nu."))
    }

    @Test func onlyTheSteeringGroupReturnsAndItMustSayWhy() throws {
        let demo = try DemoCopy()
        let youth = try Bered.run(["move", demo.path, "2026-002", "return_for_completion", "--as", "sara", "--reason", "x"])
        #expect(youth.status == 1)
        #expect(youth.stderr.contains("Bara styrgruppen kan återremittera en ansökan (din roll: ungdomspanelen)."))
        let silent = try Bered.run(["move", demo.path, "2026-002", "return_for_completion", "--as", "karin"])
        #expect(silent.stderr.contains("Skriv varför"))
        let returned = try Bered.run(["move", demo.path, "2026-002", "return_for_completion", "--as", "karin", "--reason", "Komplettera evidensen."])
        #expect(returned.status == 0)
        let list = try Bered.run(["list", demo.path])
        #expect(list.stdout.contains("återremitterad") || list.stdout.contains("återremitt"))
    }
}

@Suite("bered decide")
struct DecideCommandTests {
    @Test func aCoordinatorRecordsTheBoardsDecision() throws {
        let demo = try DemoCopy()
        #expect(try Bered.run(["move", demo.path, "2026-001", "to_steering_group", "--as", "lars"]).status == 0)
        #expect(try Bered.run(["move", demo.path, "2026-001", "forward", "--as", "karin"]).status == 0)
        let early = try Bered.run(["decide", demo.path, "2026-001", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 2026/88", "--as", "lars"])
        #expect(early.status == 1)
        #expect(early.stderr.contains("Ett bifall behöver beviljat belopp per år."))
        let youth = try Bered.run(["decide", demo.path, "2026-001", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 2026/88",
                                   "--grant", "2027=450000", "--as", "sara"])
        #expect(youth.stderr.contains("Bara samordnaren för in kommunstyrelsens beslut (din roll: ungdomspanelen)."))
        let ok = try Bered.run(["decide", demo.path, "2026-001", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 2026/88",
                                "--grant", "2027=450 000", "--grant", "2028=500000", "--as", "lars"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout == "Beslutet för 2026-001 är infört: bifall.\n")
        let file = try String(contentsOf: demo.url("2026-001/decision.toml"), encoding: .utf8)
        #expect(file.contains("case_number = \"KS 2026/88\""))
        #expect(file.contains("follow_ups = [\"2027-11-20\", \"2030-11-20\"]"))
        let history = try Bered.run(["history", demo.path, "2026-001"])
        #expect(history.stdout.contains("beslut infört"))
    }
}

@Suite("bered export")
struct ExportCommandTests {
    @Test func theCoordinatorExportsToAFileAndOthersAreRefused() throws {
        let demo = try DemoCopy()
        let out = demo.url("beslut.csv")
        let refused = try Bered.run(["export", demo.path, "--format", "csv", "--as", "anna"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Bara samordnaren exporterar beslut (din roll: beredningsgruppen).\n")
        let done = try Bered.run(["export", demo.path, "--format", "csv", "--out", out.path, "--as", "lars"])
        #expect(done.status == 0)
        let data = try Data(contentsOf: out)
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: data, as: UTF8.self).contains("\"'2026-006\";Utökade hembesök;"))  // an id a spreadsheet would read as a date is protected
        let json = try Bered.run(["export", demo.path, "--format", "json"], environment: ["BERED_USER": "lars"])
        #expect(json.status == 0)
        #expect(json.stdout.contains("\"fund\": \"Ale kommuns sociala investeringsfond\""))
    }
}
