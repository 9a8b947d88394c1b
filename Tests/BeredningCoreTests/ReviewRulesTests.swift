import BeredningCore
import BeredningResources
import Foundation
import Testing

@Suite("What a review needs to be saved and to be complete")
struct ReviewRulesTests {
    @Test func aFullReviewHasNothingMissing() throws {
        let config = try testConfig()
        let review = completeReview(by: anna, config: config)
        #expect(ReviewRules.problemsSaving(review, criteria: config.criteria, scale: config.scale).isEmpty)
    }

    @Test func completionListsEachMissingScoreCommentAndTheRecommendation() throws {
        let config = try testConfig()
        var review = completeReview(by: anna, config: config)
        review.assessments[.evidence] = Assessment(score: nil, comment: "")
        review.assessments[.cooperation]?.comment = "   "
        review.recommendation = nil
        let evidence = Message.Argument.localized(config.criteria.criterion(.evidence)!.name)
        let cooperation = Message.Argument.localized(config.criteria.criterion(.cooperation)!.name)
        #expect(ReviewRules.missingForCompletion(of: review, criteria: config.criteria) == [
            Message(.reviewMissingScore, ["criterion": evidence]),
            Message(.reviewMissingComment, ["criterion": evidence]),
            Message(.reviewMissingComment, ["criterion": cooperation]),
            Message(.reviewMissingRecommendation),
        ])
        let catalog = try BundledResources.catalog(.sv)
        #expect(catalog(ReviewRules.missingForCompletion(of: review, criteria: config.criteria)[0]) == "Kriteriet ”Evidens” har ingen poäng (eller ”kan ej bedömas”).")
    }

    @Test func aDraftMayBeIncompleteButNotOffTheScale() throws {
        let config = try testConfig()
        var draft = Review(applicationID: ApplicationID("2026-001")!, reviewer: anna.id)
        #expect(ReviewRules.problemsSaving(draft, criteria: config.criteria, scale: config.scale).isEmpty)
        draft.assessments[.evidence] = Assessment(score: .points(5))
        #expect(ReviewRules.problemsSaving(draft, criteria: config.criteria, scale: config.scale) == [
            Message(.reviewScoreOffScale, ["criterion": "evidence", "score": "5", "min": "1", "max": "4"]),
        ])
    }

    @Test func cannotJudgeCountsAsAnAnswer() throws {
        let config = try testConfig()
        let review = completeReview(by: anna, overrides: [.evidence: .cannotJudge], config: config)
        #expect(ReviewRules.missingForCompletion(of: review, criteria: config.criteria).isEmpty)
    }

    @Test func anUnknownCriterionIsRefused() throws {
        let config = try testConfig()
        var review = completeReview(by: anna, config: config)
        review.assessments[CriterionID("hittepa")!] = Assessment(score: .points(3), comment: "x")
        #expect(ReviewRules.invalidities(of: review, criteria: config.criteria, scale: config.scale) == [
            Message(.reviewUnknownCriterion, ["criterion": "hittepa"]),
        ])
    }
}

@Suite("Criteria, scale and ids")
struct CriteriaAndIDTests {
    @Test func theSixCoreCriteriaComeFirstAndCannotBeRemoved() throws {
        let core = try testConfig().criteria.all.prefix(6)
        #expect(core.map(\.id) == CriterionID.core)
        #expect(throws: CriteriaSet.Problem.coreMissing(.evidence)) {
            try CriteriaSet(core: core.filter { $0.id != .evidence }, extras: [])
        }
    }

    @Test func anExtraCriterionMayNotReuseACoreId() throws {
        let core = Array(try testConfig().criteria.all.prefix(6))
        let clash = Criterion(id: .evidence, name: LocalizedText(sv: "Evidens 2", en: ""), guidance: LocalizedText(sv: "", en: ""))
        #expect(throws: CriteriaSet.Problem.duplicate(.evidence)) { try CriteriaSet(core: core, extras: [clash]) }
        #expect(throws: CriteriaSet.Problem.duplicate(extraCriterion.id)) {
            try CriteriaSet(core: core, extras: [extraCriterion, extraCriterion])
        }
    }

    @Test func theScaleChecksItsLabelsAndPassMark() {
        #expect(throws: Scale.Problem.labelCount(expected: 4, found: 3)) {
            try Scale(min: 1, max: 4, passMark: 3, labels: Array(Scale.standard.labels.prefix(3)))
        }
        #expect(throws: Scale.Problem.passMarkOutside(5)) { try Scale(min: 1, max: 4, passMark: 5, labels: Scale.standard.labels) }
        #expect(throws: Scale.Problem.emptyRange(min: 4, max: 4)) { try Scale(min: 4, max: 4, passMark: 4, labels: []) }
        #expect(Scale.standard.label(3)?.sv == "godtagbart")
        #expect(Scale.standard.label(0) == nil)
    }

    @Test(arguments: ["anna", "per-olof", "a1"])
    func validMemberIDs(raw: String) { #expect(MemberID(raw)?.rawValue == raw) }

    @Test(arguments: ["", "Anna", "../anna", "an/na", "anna.toml", "-anna", "anna-", "ånna", "an na", "anna\n", String(repeating: "a", count: 41)])
    func memberIDsThatCannotBeFileNames(raw: String) { #expect(MemberID(raw) == nil) }

    @Test func applicationIDs() {
        #expect(ApplicationID("2026-003")?.description == "2026-003")
        #expect(ApplicationID("2026-1234")?.number == 1234)
        for bad in ["2026-3", "26-003", "2026_003", "2026-000", "../2026-003", "2026-00a", "٢٠٢٦-٠٠٣"] {
            #expect(ApplicationID(bad) == nil, "\(bad)")
        }
        let taken = ["2025-009", "2026-001", "2026-004"].compactMap(ApplicationID.init)
        #expect(ApplicationID.next(in: 2026, after: taken).description == "2026-005")
        #expect(ApplicationID.next(in: 2027, after: taken).description == "2027-001")
        #expect(ApplicationID("2026-002")! < ApplicationID("2026-010")!)
    }

    @Test func days() {
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2026-13-01") == nil)
        #expect(Day("2026-1-01") == nil)
        #expect(Day("2026-08-01")!.description == "2026-08-01")
        #expect(Day(daysSince1970: 0).description == "1970-01-01")
        #expect(Day("2026-11-23")!.daysSince1970 == 20_780)  // date -ud 2026-11-23 +%s, divided by 86 400
        for days in [-1000, 0, 59, 60, 11_016, 20_415, 100_000] {
            #expect(Day(daysSince1970: days).daysSince1970 == days)
        }
    }

    @Test func languageFromFlagAndEnvironment() {
        #expect(Language.resolve(flag: nil, environment: [:]) == .sv)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "C.UTF-8"]) == .sv)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "en_GB.UTF-8"]) == .en)
        #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"]) == .sv)
        #expect(Language.resolve(flag: "en", environment: ["LANG": "sv_SE.UTF-8"]) == .en)
        #expect(Language.resolve(flag: "de", environment: [:]) == nil)
    }
}

@Suite("The application's version fingerprint")
struct ApplicationVersionTests {
    @Test func movingTheApplicationDoesNotChangeWhatWasAssessed() {
        var application = strongApplication()
        let before = ApplicationVersion.of(application)
        application.state = .withSteeringGroup
        #expect(ApplicationVersion.of(application) == before)
        #expect(before.count == 16)
    }

    @Test func anyEditOfTheTextChangesIt() {
        let base = ApplicationVersion.of(strongApplication())
        var edits: [(inout Application) -> Void] = [
            { $0.problem.consequences += "." },
            { $0.targetGroup.size = 41 },
            { $0.measurability.indicators[0].target = 11 },
            { $0.actors[0].role = "Ny roll" },
            { $0.budget.years[0].requested += 1 },
            { $0.evidence.references.append("Ny källa") },
        ]
        edits.append { $0.intervention.activities = ["Familje", "träffar"] }
        for edit in edits {
            var application = strongApplication()
            edit(&application)
            #expect(ApplicationVersion.of(application) != base)
        }
    }

    @Test func aDossierKnowsWhichReviewsAreOfAnEarlierText() throws {
        let config = try testConfig()
        var application = strongApplication()
        var old = completeReview(by: anna, config: config)
        old.assessedVersion = ApplicationVersion.of(application)
        application.problem.description += " Kompletterat."
        var current = completeReview(by: bengt, config: config)
        current.assessedVersion = ApplicationVersion.of(application)
        let dossier = Dossier(application: application, reviews: [old, current])
        #expect(dossier.outdatedReviews.map(\.reviewer) == [anna.id])
    }
}

@Suite("Times as the store writes them and people read them")
struct WallTimeTests {
    @Test func formsOfOneInstant() {
        let time = WallTime(Date(timeIntervalSince1970: 1_772_817_000))
        #expect(time.iso == "2026-03-06T17:10:00Z")
        #expect(time.compact == "20260306T171000Z")
        #expect(time.minutes == "2026-03-06 17:10")
        #expect(WallTime(Date(timeIntervalSince1970: 1_772_817_000), offsetMinutes: 60).clock == "18:10")
        #expect(WallTime(Date(timeIntervalSince1970: -1)).iso == "1969-12-31T23:59:59Z")
        #expect(WallTime.date(Day("2026-03-06")!, hour: 17, minute: 10) == Date(timeIntervalSince1970: 1_772_817_000))
    }
}
