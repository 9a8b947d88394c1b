import BeredningCore
import BeredningResources

/// A complete, strong application: every automatic check passes. Tests take it and break one thing.
func strongApplication(id: String = "2026-001") -> Application {
    Application(
        id: ApplicationID(id)!, title: "Fotosyntes", state: .inPreparation,
        applicant: "Sektor utbildning, kultur och fritid", applicantKind: .municipal, ideaGiver: "Rektor",
        actors: [
            Actor(name: "Sektor utbildning", kind: .municipal, role: "Huvudman för skolan", contribution: "0,5 tjänst",
                  organisation: "Ale kommun", unit: "Sektor utbildning, kultur och fritid"),
            Actor(name: "Sektor socialtjänst", kind: .municipal, role: "Familjestöd", contribution: "Socialsekreterare",
                  organisation: "Ale kommun", unit: "Sektor arbete, trygghet och omsorg"),
            Actor(name: "Västra Götalandsregionen", kind: .region, role: "BUP-konsultation", contribution: "Psykolog 10 %",
                  organisation: "Västra Götalandsregionen", unit: "BUP Kungälv"),
        ],
        problem: Problem(description: "Hög frånvaro i åk 4–6.", localExtent: "38 elever har över 20 % frånvaro.",
                         consequences: "Ofullständiga betyg och utanförskap.", costOfInaction: "15 750 000 kr per person i utanförskap."),
        targetGroup: TargetGroup(description: "Barn 10–12 år med hög frånvaro.", ageMin: 10, ageMax: 12, size: 40, needsAnalysis: "Kartläggning 2025."),
        intervention: Intervention(description: "Samordnat stöd.", start: Day("2026-08-01"), end: Day("2028-06-30"), activities: ["Familjeträffar"]),
        evidence: Evidence(level: .provenPractice, basis: "Beprövad erfarenhet från Ale.", references: ["Ale kommun (2014)"]),
        earlyTiming: EarlyTiming(level: .indicated, stage: "Mellanstadiet, innan frånvaron blivit långvarig.", justification: "Före övergången till högstadiet."),
        measurability: Measurability(indicators: [
            Indicator(name: "Frånvaro", unit: "procent", baseline: 22, target: 10, source: "Skolans system", when: [.oneYear, .fourYears],
                      direction: .lower, kind: .outcome),
        ], evaluationPlan: "Uppföljning efter 1 och 4 år.", economicFollowUp: "Kostnaden för placeringar följs upp varje år med ekonomienheten."),
        budget: Budget(years: [.init(year: 2026, requested: 450_000)], contributions: [.init(actor: "Sektor utbildning", amount: 200_000)]),
        longTerm: LongTermPlan(owner: "Sektor utbildning", plan: "Ordinarie budget från 2029."),
        childRights: "Barnen intervjuas.", economicModel: .repayment)
}

let anna = Member(id: MemberID("anna")!, name: "Anna", role: .preparationGroup)
let bengt = Member(id: MemberID("bengt")!, name: "Bengt", role: .preparationGroup)
let cecilia = Member(id: MemberID("cecilia")!, name: "Cecilia", role: .preparationGroup)
let sara = Member(id: MemberID("sara")!, name: "Sara", role: .youthPanel)
let karin = Member(id: MemberID("karin")!, name: "Karin", role: .steeringGroup)
let lars = Member(id: MemberID("lars")!, name: "Lars", role: .coordinator)

let extraCriterion = Criterion(id: CriterionID("long_term_plan")!, name: LocalizedText(sv: "Långsiktig plan", en: "Long-term plan"),
                               guidance: LocalizedText(sv: "", en: ""))

func testConfig(reviewsNeeded: Int = 3, extras: [Criterion] = [extraCriterion]) throws -> FundConfig {
    FundConfig(fund: "Testfonden", rules: FundRules(reviewsNeeded: reviewsNeeded),
               criteria: try CriteriaSet(core: BundledResources.coreCriteria(), extras: extras),
               members: [anna, bengt, cecilia, sara, karin, lars])
}

/// A complete review giving `points` on every criterion of `config`, with overrides.
func completeReview(by member: Member, of id: String = "2026-001", points: Int = 3, overrides: [CriterionID: Score] = [:], config: FundConfig) -> Review {
    var assessments: [CriterionID: Assessment] = [:]
    for criterion in config.criteria.all {
        assessments[criterion.id] = Assessment(score: overrides[criterion.id] ?? .points(points), comment: "Motivering för \(criterion.id).")
    }
    return Review(applicationID: ApplicationID(id)!, reviewer: member.id, status: .complete, recommendation: .approve, assessments: assessments)
}
