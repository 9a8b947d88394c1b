import BeredningCore
import Testing

@Suite("Aggregating scores per criterion")
struct AggregateTests {
    let rules = FundRules()

    func aggregate(_ reviews: [Review], conflicts: [ConflictDeclaration] = [], criterion: CriterionID = .evidence) -> CriterionAggregate {
        CriterionAggregate.of(criterion, reviews: reviews, conflicts: conflicts, rules: rules)
    }

    @Test func countMeanMedianMinMaxSpread() throws {
        let config = try testConfig()
        let reviews = [
            completeReview(by: anna, points: 4, config: config),
            completeReview(by: bengt, points: 2, config: config),
            completeReview(by: cecilia, points: 3, config: config),
        ]
        let a = aggregate(reviews)
        #expect(a.count == 3)
        #expect(a.scores == [2, 3, 4])
        #expect(a.mean == 3.0)
        #expect(a.median == 3.0)
        #expect(a.min == 2 && a.max == 4)
        #expect(a.spread == 2)
        #expect(a.disagreement)
    }

    @Test func anEvenCountTakesTheMiddlePairsMean() throws {
        let config = try testConfig()
        let a = aggregate([completeReview(by: anna, points: 4, config: config), completeReview(by: bengt, points: 3, config: config)])
        #expect(a.median == 3.5)
        #expect(a.mean == 3.5)
        #expect(!a.disagreement)
    }

    @Test func cannotJudgeIsCountedApartAndNeverAsZero() throws {
        let config = try testConfig()
        let reviews = [
            completeReview(by: anna, points: 4, config: config),
            completeReview(by: bengt, overrides: [.evidence: .cannotJudge], config: config),
        ]
        let a = aggregate(reviews)
        #expect(a.scores == [4])
        #expect(a.cannotJudge == 1)
        #expect(a.mean == 4.0)
        #expect(a.spread == 0)
    }

    @Test func onlyCannotJudgeGivesNoMean() throws {
        let config = try testConfig()
        let a = aggregate([completeReview(by: anna, overrides: [.evidence: .cannotJudge], config: config)])
        #expect(a.count == 0 && a.mean == nil && a.median == nil && a.spread == nil)
        #expect(!a.disagreement)
    }

    @Test func draftsDoNotCount() throws {
        let config = try testConfig()
        var draft = completeReview(by: bengt, points: 1, config: config)
        draft.status = .draft
        let a = aggregate([completeReview(by: anna, points: 4, config: config), draft])
        #expect(a.scores == [4])
    }

    @Test func aConflictedReviewerIsLeftOut() throws {
        let config = try testConfig()
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: bengt.id, reason: "Arbetar i sektorn")
        let a = aggregate([completeReview(by: anna, points: 4, config: config), completeReview(by: bengt, points: 1, config: config)], conflicts: [conflict])
        #expect(a.scores == [4])
    }

    @Test func theDisagreementSpreadIsConfigurable() throws {
        let config = try testConfig()
        let reviews = [completeReview(by: anna, points: 4, config: config), completeReview(by: bengt, points: 3, config: config)]
        let a = CriterionAggregate.of(.evidence, reviews: reviews, conflicts: [], rules: FundRules(disagreementSpread: 1))
        #expect(a.disagreement)
    }
}

@Suite("The checklist and the quorum")
struct ChecklistTests {
    @Test func aStrongApplicationWithGoodReviewsPasses() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [
            completeReview(by: anna, points: 4, config: config), completeReview(by: bengt, points: 3, config: config),
            completeReview(by: cecilia, points: 3, config: config),
        ])
        let checklist = Checklist(dossier: dossier, config: config)
        #expect(checklist.passes)
        #expect(checklist.strip == "✓✓✓✓✓✓✓")
        #expect(checklist.quorum.complete == 3 && checklist.quorum.isReached)
        #expect(checklist.rows.last?.automatic == nil)  // the fund's own criterion is judged by people only
    }

    @Test func aMissingAnswerFailsTheChecklist() throws {
        var application = strongApplication()
        application.problem.consequences = ""
        let checklist = Checklist(dossier: Dossier(application: application), config: try testConfig())
        #expect(checklist.rows[0].outcome == .missing)
        #expect(!checklist.passes)
        #expect(checklist.strip.hasPrefix("✗"))
    }

    @Test func aMeanBelowThePassMarkFails() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [
            completeReview(by: anna, points: 2, config: config), completeReview(by: bengt, points: 3, config: config),
        ])
        let checklist = Checklist(dossier: dossier, config: config)
        #expect(checklist.rows.allSatisfy { $0.outcome == .fail })  // mean 2.5 < 3
        #expect(!checklist.passes)
    }

    @Test func disagreementIsAWarningThatStillPasses() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [
            completeReview(by: anna, points: 4, overrides: [.evidence: .points(2)], config: config),
            completeReview(by: bengt, points: 4, config: config),
            completeReview(by: cecilia, points: 4, config: config),
        ])
        let checklist = Checklist(dossier: dossier, config: config)
        #expect(checklist.rows[2].outcome == .warning)  // 2, 4, 4: mean 3.33, spread 2
        #expect(checklist.passes)
    }

    @Test func membersWithAConflictAreNotEligibleAndDoNotCount() throws {
        let config = try testConfig()
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: cecilia.id, reason: "Jäv")
        let dossier = Dossier(application: strongApplication(), reviews: [
            completeReview(by: anna, config: config), completeReview(by: cecilia, config: config),
        ], conflicts: [conflict])
        let quorum = Checklist(dossier: dossier, config: config).quorum
        #expect(quorum.complete == 1)
        #expect(quorum.needed == 3)
        #expect(quorum.eligible == [anna.id, bengt.id])
        #expect(!quorum.isReached)
    }

    @Test func theMeanScoreCoversEveryCriterion() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [
            completeReview(by: anna, points: 4, overrides: [.problem: .cannotJudge], config: config),
        ])
        #expect(Checklist(dossier: dossier, config: config).meanScore == 4.0)
        #expect(Checklist(dossier: Dossier(application: strongApplication()), config: config).meanScore == nil)
    }
}

@Suite("A fund's own criteria")
struct ExtraCriterionTests {
    @Test func unscoredItIsPendingNotPassed() throws {
        let config = try testConfig()
        let checklist = Checklist(dossier: Dossier(application: strongApplication()), config: config)
        #expect(checklist.rows.last?.outcome == .pending)
        #expect(checklist.strip == "✓✓✓✓✓✓·")
        #expect(checklist.passes)
    }
}

@Suite("Colleagues' scores stay hidden until one's own review is complete")
struct ScoreVisibilityTests {
    @Test func aReviewerSeesScoresOnlyAfterCompletingTheirOwn() throws {
        let config = try testConfig()
        var draft = completeReview(by: bengt, config: config)
        draft.status = .draft
        let dossier = Dossier(application: strongApplication(), reviews: [completeReview(by: anna, config: config), draft])
        #expect(dossier.showsScores(to: anna, rules: config.rules))
        #expect(!dossier.showsScores(to: bengt, rules: config.rules))     // a draft is not enough
        #expect(!dossier.showsScores(to: cecilia, rules: config.rules))   // no review yet
        for other in [sara, karin, lars] { #expect(dossier.showsScores(to: other, rules: config.rules)) }
        #expect(dossier.showsScores(to: nil, rules: config.rules))
    }

    @Test func aHiddenChecklistHasNoScoresAndOutcomesFromTheChecksAlone() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [completeReview(by: anna, points: 1, config: config)])
        let forCecilia = Checklist(dossier: dossier, config: config, viewer: cecilia)
        #expect(forCecilia.scoresHidden)
        #expect(forCecilia.rows.allSatisfy { $0.aggregate.count == 0 })
        #expect(forCecilia.strip == "✓✓✓✓✓✓·")
        #expect(forCecilia.quorum.complete == 1)
        let forAnna = Checklist(dossier: dossier, config: config, viewer: anna)
        #expect(!forAnna.scoresHidden)
        #expect(forAnna.strip == "✗✗✗✗✗✗✗")
    }

    @Test func theFundMayTurnTheRuleOff() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [completeReview(by: anna, config: config)])
        #expect(dossier.showsScores(to: cecilia, rules: FundRules(hideScoresUntilOwnReviewComplete: false)))
    }

    /// A member with a conflict takes no part, and sees none of the group's work (issue 17),
    /// whatever the fund's rule on hiding scores says.
    @Test func aMemberWithAConflictSeesNoScores() throws {
        let config = try testConfig()
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: lars.id, reason: "Jäv")
        let dossier = Dossier(application: strongApplication(), reviews: [completeReview(by: anna, config: config)], conflicts: [conflict])
        #expect(!dossier.showsScores(to: lars, rules: config.rules))
        #expect(!dossier.showsScores(to: lars, rules: FundRules(hideScoresUntilOwnReviewComplete: false)))
        #expect(dossier.showsScores(to: karin, rules: config.rules))
    }
}

@Suite("A reviewer's queue")
struct ReviewQueueTests {
    @Test func theNextApplicationIsTheOneFurthestFromItsQuorum() throws {
        let config = try testConfig()
        let one = Dossier(application: strongApplication(id: "2026-001"), reviews: [completeReview(by: bengt, of: "2026-001", config: config)])
        let none = Dossier(application: strongApplication(id: "2026-002"))
        var done = Dossier(application: strongApplication(id: "2026-003"))
        done.reviews = [completeReview(by: anna, of: "2026-003", config: config)]
        var decided = Dossier(application: strongApplication(id: "2026-004"))
        decided.application.state = .approved
        let dossiers = [one, none, done, decided]
        #expect(ReviewQueue.next(for: anna, in: dossiers, config: config, after: nil)?.application.id.description == "2026-002")
        #expect(ReviewQueue.next(for: anna, in: dossiers, config: config, after: ApplicationID("2026-002"))?.application.id.description == "2026-001")
        #expect(ReviewQueue.next(for: sara, in: dossiers, config: config, after: nil) == nil)
        #expect(ReviewQueue.progress(of: anna, in: dossiers) == (1, 4))
    }

    @Test func aConflictTakesTheApplicationOffTheQueue() throws {
        let config = try testConfig()
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: anna.id, reason: "Jäv")
        let dossiers = [Dossier(application: strongApplication(), conflicts: [conflict])]
        #expect(ReviewQueue.next(for: anna, in: dossiers, config: config, after: nil) == nil)
        #expect(ReviewQueue.progress(of: anna, in: dossiers) == (0, 0))
    }
}
