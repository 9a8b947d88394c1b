import BeredningCore
import BeredningResources
import Testing

@Suite("Automatic checks: each rule, both verdicts")
struct AutomaticChecksTests {
    let rules = FundRules()

    func verdicts(_ application: Application) -> [CriterionID: CheckResult] {
        Dictionary(uniqueKeysWithValues: AutomaticChecks.run(application, rules: rules).map { ($0.criterion, $0) })
    }

    @Test func aStrongApplicationPassesEveryCheck() {
        let results = AutomaticChecks.run(strongApplication(), rules: rules)
        #expect(results.map(\.criterion) == CriterionID.core)
        for result in results {
            #expect(result.verdict == .ok, "\(result.criterion): \(result.reasons)")
            #expect(result.reasons.count == 1)
        }
    }

    // MARK: Defined problem

    @Test func problemWithoutDescriptionIsMissing() {
        var a = strongApplication(); a.problem.description = "  \n"
        #expect(verdicts(a)[.problem]?.verdict == .missing)
        #expect(verdicts(a)[.problem]?.reasons.first?.key == MessageKey.checkProblemNoDescription.rawValue)
    }

    @Test func problemWithoutConsequencesIsMissing() {
        var a = strongApplication(); a.problem.consequences = ""
        #expect(verdicts(a)[.problem]?.verdict == .missing)
        #expect(verdicts(a)[.problem]?.reasons.map(\.key) == [MessageKey.checkProblemNoConsequences.rawValue])
    }

    @Test func extentWithoutFiguresIsAWarning() {
        var a = strongApplication(); a.problem.localExtent = "Många elever är frånvarande."
        #expect(verdicts(a)[.problem]?.verdict == .warning)
        #expect(verdicts(a)[.problem]?.reasons.map(\.key) == [MessageKey.checkProblemExtentWithoutFigures.rawValue])
    }

    @Test func noCostOfInactionIsAWarning() {
        var a = strongApplication(); a.problem.costOfInaction = ""
        #expect(verdicts(a)[.problem]?.verdict == .warning)
    }

    @Test func missingOutranksWarningAndBothAreReported() {
        var a = strongApplication(); a.problem.consequences = ""; a.problem.localExtent = ""
        let result = verdicts(a)[.problem]!
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key) == [MessageKey.checkProblemNoConsequences.rawValue, MessageKey.checkProblemNoExtent.rawValue])
    }

    // MARK: Target group

    @Test func targetGroupWithoutAgesIsMissing() {
        var a = strongApplication(); a.targetGroup.ageMax = nil
        #expect(verdicts(a)[.targetGroup]?.verdict == .missing)
        #expect(verdicts(a)[.targetGroup]?.reasons.map(\.key) == [MessageKey.checkTargetNoAges.rawValue])
    }

    @Test func targetGroupWithoutSizeIsMissing() {
        var a = strongApplication(); a.targetGroup.size = nil
        #expect(verdicts(a)[.targetGroup]?.reasons.map(\.key) == [MessageKey.checkTargetNoSize.rawValue])
    }

    /// Reversed ages describe no group at all: missing, not the warning it once was (issue 15).
    @Test func reversedAgesAreMissingAndNoNeedsAnalysisWarns() {
        var a = strongApplication(); a.targetGroup.ageMin = 12; a.targetGroup.ageMax = 10; a.targetGroup.needsAnalysis = ""
        let result = verdicts(a)[.targetGroup]!
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key) == [MessageKey.checkTargetAgesReversed.rawValue, MessageKey.checkTargetNoNeedsAnalysis.rawValue])
        #expect(result.reasons[0].arguments["min"] == "12")
    }

    @Test func targetGroupOKNamesAgesAndSize() {
        let result = verdicts(strongApplication())[.targetGroup]!
        #expect(result.reasons == [Message(.checkTargetOK, ["ages": "10–12", "size": "40"])])
    }

    // MARK: Evidence

    @Test func evidenceWithoutLevelOrBasisIsMissing() {
        var a = strongApplication(); a.evidence.level = nil
        #expect(verdicts(a)[.evidence]?.verdict == .missing)
        a = strongApplication(); a.evidence.basis = ""
        #expect(verdicts(a)[.evidence]?.reasons.map(\.key) == [MessageKey.checkEvidenceNoBasis.rawValue])
    }

    @Test func newMethodNeedsALearningPlan() {
        var a = strongApplication(); a.evidence.level = .newMethod
        #expect(verdicts(a)[.evidence]?.verdict == .warning)
        #expect(verdicts(a)[.evidence]?.reasons.map(\.key) == [MessageKey.checkEvidenceNewMethodNoLearningPlan.rawValue])
        a.evidence.learningPlan = "Följeforskning med högskolan."
        #expect(verdicts(a)[.evidence]?.verdict == .ok)
    }

    @Test func evidenceWithoutReferencesWarns() {
        var a = strongApplication(); a.evidence.references = [" "]
        #expect(verdicts(a)[.evidence]?.verdict == .warning)
    }

    // MARK: Early timing

    @Test func earlyTimingNeedsStageAndJustification() {
        var a = strongApplication(); a.earlyTiming.stage = ""
        #expect(verdicts(a)[.earlyTiming]?.reasons.map(\.key) == [MessageKey.checkEarlyNoStage.rawValue])
        a = strongApplication(); a.earlyTiming.justification = ""
        #expect(verdicts(a)[.earlyTiming]?.reasons.map(\.key) == [MessageKey.checkEarlyNoJustification.rawValue])
        #expect(verdicts(a)[.earlyTiming]?.verdict == .missing)
    }

    // MARK: Measurability

    @Test func noIndicatorsIsMissing() {
        var a = strongApplication(); a.measurability.indicators = []
        #expect(verdicts(a)[.measurability]?.reasons.map(\.key) == [MessageKey.checkMeasureNoIndicators.rawValue])
    }

    @Test func anIndicatorWithoutBaselineIsMissingWhenItIsTheOnlyOne() {
        var a = strongApplication(); a.measurability.indicators[0].baseline = nil
        let result = verdicts(a)[.measurability]!
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key) == [MessageKey.checkMeasureNoCompleteIndicator.rawValue, MessageKey.checkMeasureIndicatorLacks.rawValue])
    }

    @Test func anIncompleteSecondIndicatorOnlyWarns() {
        var a = strongApplication()
        a.measurability.indicators.append(Indicator(name: "Trivsel", baseline: nil, target: 90, when: []))
        let result = verdicts(a)[.measurability]!
        #expect(result.verdict == .warning)
        #expect(result.reasons == [Message(.checkMeasureIndicatorLacks, [
            "indicator": "Trivsel",
            "lacks": .message(Message.list([.message(Message(.fieldBaseline)), .message(Message(.fieldWhen))])),
        ])])
    }

    @Test func indicatorsOnlyInTheLongRunWarn() {
        var a = strongApplication(); a.measurability.indicators[0].when = [.longTerm]
        #expect(verdicts(a)[.measurability]?.reasons.map(\.key) == [MessageKey.checkMeasureNothingWithinMandate.rawValue])
    }

    @Test func noEvaluationPlanWarns() {
        var a = strongApplication(); a.measurability.evaluationPlan = ""
        #expect(verdicts(a)[.measurability]?.verdict == .warning)
    }

    // MARK: Cooperation

    @Test func oneMunicipalActorFailsAlesRule() throws {
        var a = strongApplication(); a.actors.remove(at: 1)
        let result = verdicts(a)[.cooperation]!
        #expect(result.verdict == .missing)
        #expect(result.reasons.map(\.key) == [MessageKey.checkCoopRuleNotMet.rawValue])
        #expect(try BundledResources.catalog(.sv)(result.reasons[0]) == "Samverkan: 2 organisatoriska enheter, varav 1 kommunala och 0 från civilsamhället, i 2 organisationer; fonden kräver 2 kommunala enheter (sektorer eller nämnder).")
    }

    @Test func theMunicipalMinimumIsConfigurable() {
        var a = strongApplication(); a.actors.remove(at: 1)
        let results = AutomaticChecks.run(a, rules: FundRules(minMunicipalActors: 1))
        #expect(results.first { $0.criterion == .cooperation }?.verdict == .ok)
    }

    @Test func aSingleActorIsTooFew() {
        var a = strongApplication(); a.actors = [a.actors[0]]
        #expect(verdicts(a)[.cooperation]?.reasons.first == Message(.checkCoopTooFewActors, ["count": "1", "min": "2"]))
    }

    @Test func everyActorNeedsARole() {
        var a = strongApplication(); a.actors[2].role = ""
        #expect(verdicts(a)[.cooperation]?.verdict == .missing)
        #expect(verdicts(a)[.cooperation]?.reasons == [Message(.checkCoopActorWithoutRole, ["actor": "Västra Götalandsregionen"])])
    }

    @Test func anActorWithoutContributionWarns() {
        var a = strongApplication(); a.actors[0].contribution = ""
        #expect(verdicts(a)[.cooperation]?.verdict == .warning)
    }
}
