import BeredningCore
import BeredningResources
import Foundation
import Testing

private let sv = try! BundledResources.catalog(.sv)

private func verdict(_ application: Application, _ criterion: CriterionID, rules: FundRules = FundRules()) -> CheckResult {
    AutomaticChecks.run(application, rules: rules).first { $0.criterion == criterion }!
}

/// Each class of application that got ✓ before issue 15, with several texts written the way
/// busy applicants write them. Every case passed on the old checks.
@Suite("Checks that read an application the way a reviewer does (issue 15)")
struct ReadingApplicationsTests {
    // MARK: Early timing: people already deep in a problem, a justification that argues only cost

    @Test(arguments: [
        "Insatsen är billigare än en placering och sparar kommunen pengar.",
        "Kostnaden för HVB är 1,1 miljoner kronor per år; projektet kostar mindre än en placering.",
        "Projektet ger en positiv kalkyl redan efter tre år och frigör resurser i socialtjänsten.",
    ])
    func aJustificationAboutCostAloneIsNotAboutTiming(justification: String) {
        var a = strongApplication()
        a.earlyTiming.justification = justification
        let result = verdict(a, .earlyTiming)
        #expect(result.verdict == .warning)
        #expect(result.reasons.map(\.key) == [MessageKey.checkEarlyJustificationNotAboutTiming.rawValue])
    }

    @Test(arguments: [
        "Ungdomar som är placerade på HVB sedan flera år.",
        "Unga med ett långvarigt missbruk som redan är dömda för brott.",
        "Familjer där barnen redan är omhändertagna enligt LVU.",
    ])
    func aLateStageWithAPreventiveLevelWarns(stage: String) {
        var a = strongApplication()
        a.earlyTiming.stage = stage
        #expect(verdict(a, .earlyTiming).reasons.contains { $0.key == MessageKey.checkEarlyLateStage.rawValue })
    }

    @Test func treatmentIsNotEarlyAndNoLevelIsMissing() {
        var a = strongApplication()
        a.earlyTiming.level = .treatment
        #expect(verdict(a, .earlyTiming).reasons.map(\.key) == [MessageKey.checkEarlyTreatment.rawValue])
        a.earlyTiming.level = nil
        #expect(verdict(a, .earlyTiming).verdict == .missing)
    }

    @Test func agesOutsideTheFundsScope() {
        var a = strongApplication()
        a.targetGroup.ageMin = 25; a.targetGroup.ageMax = 40
        #expect(verdict(a, .earlyTiming).reasons.map(\.key) == [MessageKey.checkEarlyAgesOutsideScope.rawValue])
        #expect(sv(verdict(a, .earlyTiming).reasons[0]) == "Målgruppens åldrar 25–40 ligger utanför fondens 0–20 år.")
        a.targetGroup.ageMin = 16; a.targetGroup.ageMax = 24
        #expect(verdict(a, .earlyTiming).verdict == .warning)
        // The fund's own scope, from bered.toml.
        #expect(verdict(a, .earlyTiming, rules: FundRules(ageScope: 0...25)).verdict == .ok)
    }

    // MARK: Placeholders standing in for answers

    @Test(arguments: ["TBD", "Se bilaga 3", "Kommer senare.", "xxx", "Ej klart", "Lorem ipsum dolor sit amet", "Definierat problem", "-", "N/A", "Fylls i senare"])
    func aPlaceholderIsNoDescriptionOfTheProblem(text: String) {
        var a = strongApplication()
        a.problem.description = text
        let result = verdict(a, .problem)
        #expect(result.verdict == .missing, "\(text)")
        #expect([MessageKey.checkPlaceholder.rawValue, MessageKey.checkPointsElsewhere.rawValue].contains(result.reasons[0].key), "\(text)")
    }

    @Test(arguments: ["Se bilaga 2.", "Statistik finns från 2024.", "Enligt kartläggningen 2025-03-01", "Omfattningen beskrivs i avsnitt 4"])
    func aDigitIsNotAFigure(extent: String) {
        var a = strongApplication()
        a.problem.localExtent = extent
        #expect(verdict(a, .problem).verdict == .warning, "\(extent)")
    }

    @Test(arguments: ["38 elever har över 20 % frånvaro.", "Ca 12 procent av årskullen, 45 barn.", "1 240 kuratorskontakter under 2025"])
    func realFiguresCount(extent: String) {
        var a = strongApplication()
        a.problem.localExtent = extent
        #expect(verdict(a, .problem).verdict == .ok, "\(extent)")
    }

    @Test func thePlaceholderReasonQuotesTheText() {
        var a = strongApplication()
        a.targetGroup.needsAnalysis = "Se bilaga"
        #expect(sv(verdict(a, .targetGroup).reasons[0]) == "Behovsanalysen saknas. ”Se bilaga” hänvisar till något annat; svaret ska stå i ansökan.")
    }

    // MARK: Sizes and ages that cannot describe a target group

    @Test(arguments: [(0, 150, 40), (-1, 12, 40), (10, 12, 0), (10, 12, -5), (12, 10, 40)])
    func impossibleNumbersAreMissing(min: Int, max: Int, size: Int) {
        var a = strongApplication()
        a.targetGroup.ageMin = min; a.targetGroup.ageMax = max; a.targetGroup.size = size
        #expect(verdict(a, .targetGroup).verdict == .missing, "\(min)–\(max), \(size)")
    }

    @Test(arguments: [(0, 99, 40), (10, 12, 2_500_000)])
    func unboundedNumbersWarn(min: Int, max: Int, size: Int) {
        var a = strongApplication()
        a.targetGroup.ageMin = min; a.targetGroup.ageMax = max; a.targetGroup.size = size
        #expect(verdict(a, .targetGroup).verdict == .warning, "\(min)–\(max), \(size)")
    }

    // MARK: One organisation counted as several actors

    @Test func twoSchoolsOfOneSectorAreOneMunicipalUnit() {
        var a = strongApplication()
        a.actors = [
            Actor(name: "Nolhagaskolan", kind: .municipal, role: "Elevhälsa", contribution: "Kurator", organisation: "Ale kommun", unit: "Sektor utbildning, kultur och fritid"),
            Actor(name: "Ahlafors fria skola", kind: .municipal, role: "Lärare", contribution: "0,2 tjänst", organisation: "Ale kommun", unit: "Sektor utbildning, kultur och fritid"),
            Actor(name: "Fritidsgården", kind: .municipal, role: "Fritid", contribution: "Lokaler", organisation: "Ale kommun", unit: "sektor utbildning kultur och fritid"),
        ]
        let result = verdict(a, .cooperation)
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key).contains(MessageKey.checkCoopTooFewActors.rawValue))
        #expect(result.reasons.map(\.key).contains(MessageKey.checkCoopRuleNotMet.rawValue))
        #expect(result.reasons.contains { $0.key == MessageKey.checkCoopSameUnit.rawValue })
    }

    @Test func oneOrganisationListedTwiceIsOneActor() {
        var a = strongApplication()
        a.actors[1] = Actor(name: "Sektor utbildning", kind: .municipal, role: "Stöd", contribution: "Tid", organisation: "Ale kommun", unit: "Sektor utbildning, kultur och fritid")
        #expect(verdict(a, .cooperation).verdict == .missing)
    }

    @Test func orebrosRuleIsConfigurationNotCode() {
        // Örebro: two committees, or one committee and one association.
        let orebro = FundRules(cooperationAlternatives: [CooperationAlternative(municipalUnits: 2), CooperationAlternative(municipalUnits: 1, civilSociety: 1)])
        var a = strongApplication()
        a.actors[1] = Actor(name: "Idrottsföreningen", kind: .association, role: "Fritid", contribution: "Ledare", organisation: "Ale IF", unit: "")
        #expect(verdict(a, .cooperation, rules: FundRules()).verdict == .missing)
        #expect(verdict(a, .cooperation, rules: orebro).verdict == .ok)
        #expect(sv(verdict(a, .cooperation, rules: orebro).reasons[0]).contains("fondens krav (1 kommunala enheter (sektorer eller nämnder) och 1 från civilsamhället) är uppfyllt"))
        a.actors[1].kind = .other
        let refused = verdict(a, .cooperation, rules: orebro)
        #expect(sv(refused.reasons[0]).hasSuffix("fonden kräver 2 kommunala enheter (sektorer eller nämnder) eller 1 kommunala enheter (sektorer eller nämnder) och 1 från civilsamhället."))
    }

    // MARK: Indicators that cannot show change

    @Test(arguments: [(50.0, 50.0, IndicatorDirection?.none), (20.0, 30.0, .lower), (80.0, 60.0, .raise)])
    func anIndicatorThatCannotShowChange(baseline: Double, target: Double, direction: IndicatorDirection?) {
        var a = strongApplication()
        a.measurability.indicators[0].baseline = baseline
        a.measurability.indicators[0].target = target
        a.measurability.indicators[0].direction = direction
        let result = verdict(a, .measurability)
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key).first == MessageKey.checkMeasureNoChange.rawValue)
    }

    @Test(arguments: ["Antal genomförda träffar", "Antal deltagare i föräldragrupperna", "Antal utbildade lärare"])
    func anActivityCountAloneWarns(name: String) {
        var a = strongApplication()
        a.measurability.indicators = [Indicator(name: name, unit: "st", baseline: 0, target: 40, when: [.oneYear])]
        #expect(verdict(a, .measurability).reasons.map(\.key) == [MessageKey.checkMeasureOnlyOutputs.rawValue])
    }

    @Test func anOutputMarkedSoWarnsAndNoEconomicFollowUpWarns() {
        var a = strongApplication()
        a.measurability.indicators[0].kind = .output
        a.measurability.economicFollowUp = "TBD"
        #expect(verdict(a, .measurability).reasons.map(\.key) == [MessageKey.checkMeasureOnlyOutputs.rawValue, MessageKey.checkMeasureNoEconomicFollowUp.rawValue])
    }

    // MARK: Evidence that names nothing

    @Test(arguments: [["Forskning visar att tidiga insatser lönar sig."], ["studier", "erfarenhet från andra kommuner"], ["Se bilaga"]])
    func evidenceThatNamesNothingWarns(references: [String]) {
        var a = strongApplication()
        a.evidence.references = references
        #expect(verdict(a, .evidence).verdict == .warning, "\(references)")
    }

    @Test(arguments: ["Socialstyrelsen: Kunskapsstöd om föräldraskapsstöd", "Riskfaktorer enligt Andershed m.fl.", "https://www.sbu.se/rapport", "Rapport 2019"])
    func aReferenceThatNamesASourceCounts(reference: String) {
        var a = strongApplication()
        a.evidence.references = [reference]
        #expect(verdict(a, .evidence).verdict == .ok, "\(reference)")
    }

    // MARK: An applicant the rules do not allow; dates in the wrong order

    @Test func anAssociationMayNotApplyToAlesFund() {
        var a = strongApplication()
        a.applicant = "Ale IF"; a.applicantKind = .association
        let result = verdict(a, .cooperation)
        #expect(result.verdict == .missing)
        #expect(sv(result.reasons.last!) == "Sökanden är av sorten förening; fonden tar bara emot ansökningar från kommunal.")
        #expect(verdict(a, .cooperation, rules: FundRules(allowedApplicants: [.municipal, .association])).verdict == .ok)
    }

    @Test func theApplicantsKindComesFromItsActorWhenNotStated() {
        var a = strongApplication()
        a.applicantKind = nil
        a.applicant = "Sektor utbildning"
        #expect(verdict(a, .cooperation).verdict == .ok)
        a.applicant = "Någon annan"
        #expect(verdict(a, .cooperation).reasons.map(\.key) == [MessageKey.checkCoopApplicantKindUnknown.rawValue])
    }

    @Test func datesInTheWrongOrderAndTooLong() {
        var a = strongApplication()
        a.intervention.start = Day("2028-06-30"); a.intervention.end = Day("2026-08-01")
        #expect(verdict(a, .measurability).verdict == .missing)
        #expect(sv(verdict(a, .measurability).reasons[0]) == "Insatsen slutar (2026-08-01) innan den börjar (2028-06-30).")
        a.intervention.start = Day("2026-08-01"); a.intervention.end = Day("2030-06-30")
        let orebro = FundRules(minLengthMonths: 12, maxLengthMonths: 36)
        #expect(verdict(a, .measurability, rules: orebro).reasons.map(\.key) == [MessageKey.checkMeasurePeriodTooLong.rawValue])
        #expect(sv(verdict(a, .measurability, rules: orebro).reasons[0]) == "Insatsen pågår 47 månader; fonden tillåter högst 36.")
        #expect(verdict(a, .measurability).verdict == .ok)
    }

    @Test func monthsAreCalendarMonths() {
        #expect(Day("2026-08-01")!.months(until: Day("2028-06-30")!) == 23)
        #expect(Day("2026-01-01")!.months(until: Day("2026-12-31")!) == 12)
        #expect(Day("2026-01-15")!.months(until: Day("2027-01-14")!) == 12)
        #expect(Day("2026-01-31")!.months(until: Day("2026-02-27")!) == 0)
    }

    // MARK: Honest verdicts

    @Test func okReasonsSayWhatWasChecked() {
        let results = AutomaticChecks.run(strongApplication(), rules: FundRules())
        let texts = results.map { sv($0.reasons[0]) }
        #expect(texts[1] == "Målgruppen anger ålder 10–12 och antal 40, med beskrivning och behovsanalys.")
        #expect(texts[0] == "Beskrivning och konsekvenser är besvarade; omfattningen anger siffror (38, 20); kostnaden om inget görs är beskriven.")
        #expect(texts[3] == "Nivå: indikerad prevention; åldrarna 10–12 ligger inom fondens 0–20 år; motiveringen talar om när insatsen kommer in.")
        #expect(texts[4] == "1 indikatorer med utgångsläge, mål och mättidpunkt som kan visa en förändring, varav 1 effektmått; ekonomisk uppföljning: en plan för ekonomisk uppföljning.")
        #expect(texts[5].hasPrefix("3 organisatoriska enheter, varav 2 kommunala"))
        #expect(results.allSatisfy { $0.findings.allSatisfy { $0.rule.criterion == $0.rule.criterion } })
        #expect(results.map(\.findings[0].code) == ["check.problem.ok", "check.target_group.ok", "check.evidence.ok", "check.early_timing.ok",
                                                    "check.measurability.ok", "check.cooperation.ok"])
    }

    @Test func everyFindingNamesARuleOfItsOwnCriterion() {
        var a = strongApplication()
        a.problem = Problem(); a.targetGroup = TargetGroup(ageMin: 30, ageMax: 10); a.evidence = Evidence(); a.earlyTiming = EarlyTiming()
        a.measurability = Measurability(); a.actors = []; a.intervention = Intervention()
        for result in AutomaticChecks.run(a, rules: FundRules()) {
            #expect(result.findings.allSatisfy { $0.rule.criterion == result.criterion }, "\(result.criterion)")
        }
    }

    @Test func aCriterionEveryReviewerCouldNotJudgeIsNotMet() throws {
        let config = try testConfig()
        let all: [CriterionID: Score] = [.earlyTiming: .cannotJudge]
        var dossier = Dossier(application: strongApplication())
        dossier.reviews = [anna, bengt, cecilia].map { completeReview(by: $0, overrides: all, config: config) }
        let checklist = Checklist(dossier: dossier, config: config)
        let row = try #require(checklist.rows.first { $0.criterion.id == .earlyTiming })
        #expect(row.outcome == .notJudged)
        #expect(checklist.strip == "✓✓✓?✓✓✓")
        #expect(sv.label(row.outcome) == "kunde inte bedömas")
    }
}

/// Any application whose free texts are all placeholders passes no criterion automatically.
@Suite("Placeholders pass nothing (property, issue 15)")
struct PlaceholderPropertyTests {
    static let fillers = ["TBD", "Se bilaga", "Kommer senare", "xxx", "Ej klart", "Lorem ipsum", "-", "N/A", "Se bilaga 2", "?",
                          "Fylls i senare", "Enligt projektplanen", "Återkommer", "...", "Ingen uppgift", "Målgrupp", "ok"]

    @Test func everyFreeTextAPlaceholderPassesNoCriterion() {
        var generator = SplitMix64(seed: 15)
        for _ in 0..<300 {
            func filler() -> String { Self.fillers[Int(generator.next() % UInt64(Self.fillers.count))] }
            var a = strongApplication()
            a.problem = Problem(description: filler(), localExtent: filler(), consequences: filler(), costOfInaction: filler())
            a.targetGroup.description = filler(); a.targetGroup.needsAnalysis = filler()
            a.evidence.basis = filler(); a.evidence.references = [filler(), filler()]; a.evidence.learningPlan = filler()
            a.earlyTiming.stage = filler(); a.earlyTiming.justification = filler()
            a.measurability.evaluationPlan = filler(); a.measurability.economicFollowUp = filler()
            for index in a.measurability.indicators.indices { a.measurability.indicators[index].name = filler() }
            for index in a.actors.indices {
                a.actors[index].name = filler(); a.actors[index].role = filler(); a.actors[index].contribution = filler()
            }
            a.calculation = nil
            for result in AutomaticChecks.run(a, rules: FundRules()) {
                #expect(result.verdict != .ok, "\(result.criterion): \(a.problem.description)")
            }
        }
    }
}

/// The README's table of checks is a promise: every rule is in it, with its setting.
@Suite("The README lists every check")
struct ChecksInTheREADMETests {
    @Test func everyRuleHasARowWithItsSetting() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md"), encoding: .utf8)
        for rule in CheckRule.allCases {
            let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `\(rule.rawValue)` |") }, "\(rule.rawValue)")
            let settingCell = row.split(separator: "|").last.map(String.init) ?? ""
            if let setting = rule.setting {
                let keys = setting.split(whereSeparator: { ", ()".contains($0) }).filter { $0.hasPrefix("rules.") || $0.hasPrefix("[[rules.") }
                for key in keys { #expect(settingCell.contains(String(key)), "\(rule.rawValue): \(key)") }
            } else {
                #expect(settingCell.trimmingCharacters(in: .whitespaces) == "—", "\(rule.rawValue)")
            }
        }
    }
}

@Suite("Lists in words keep every item")
struct ListInWordsTests {
    @Test func fourAndFiveItemsAreAllThere() {
        let four = Message.list(["a", "b", "c", "d"])
        #expect(sv(four) == "a, b, c och d")
        #expect(sv(Message.alternatives(["a", "b", "c", "d", "e"])) == "a, b, c, d eller e")
        #expect(sv(Message.list(["a", "b", "c"])) == "a, b och c")
        #expect(sv(Message.alternatives(["a", "b"])) == "a eller b")
        // A fund that lets four kinds apply names them all.
        var application = strongApplication()
        application.applicantKind = .other
        let rules = FundRules(allowedApplicants: [.municipal, .region, .state, .association])
        let result = AutomaticChecks.run(application, rules: rules).first { $0.criterion == .cooperation }!
        #expect(sv(result.reasons.last!).hasSuffix("kommunal, region, statlig och förening."))
    }
}
