import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("Every record type survives a write and a read")
struct RoundTripTests {
    let config: FundConfig

    init() throws {
        config = try demoSnapshot().config
    }

    /// Text that has tripped TOML writers: quotes, backslashes, triple quotes, tabs, control characters.
    static let awkward = "Citat: \"så här\" och \\n bokstavligt.\nRad två med å ä ö Å Ä Ö – ≥ 3 %\n\"\"\" tre citattecken\tflik \u{2028} radavgränsare\n"

    @Test func anApplicationWithEveryFieldAndAwkwardText() throws {
        var application = Application(id: ApplicationID("2026-017")!, title: "Test \"med\" citat", state: .returned)
        application.applicant = "Sektor utbildning"
        application.ideaGiver = Self.awkward
        application.received = Day("2026-02-10")
        application.economicModel = .grant
        application.childRights = Self.awkward
        application.actors = [Actor(name: "A", kind: .municipal, role: "R\nR", contribution: "C"), Actor(name: "B", kind: .association)]
        application.problem = Problem(description: Self.awkward, localExtent: "12 barn", consequences: "x", costOfInaction: "")
        application.targetGroup = TargetGroup(description: "d", ageMin: 0, ageMax: 6, size: 1200, needsAnalysis: "n")
        application.intervention = Intervention(description: "i", start: Day("2026-08-01"), end: Day("2029-12-31"), activities: ["a \"1\"", "b\\2"])
        application.evidence = Evidence(level: .newMethod, basis: "b", references: [], learningPlan: "l")
        application.earlyTiming = EarlyTiming(stage: "s", justification: "j")
        application.measurability = Measurability(indicators: [
            Indicator(name: "Frånvaro", unit: "%", baseline: 22.5, target: 10, source: "s", when: [.oneYear, .longTerm]),
            Indicator(name: "Utan mål", baseline: -1.25, target: nil, when: []),
        ], evaluationPlan: "e")
        application.budget = Budget(years: [.init(year: 2026, requested: 450_000), .init(year: 2027, requested: 0)],
                                    contributions: [.init(actor: "A", amount: 1_000_000_000, description: "stor")])
        application.longTerm = LongTermPlan(owner: "o", plan: "p")

        let text = ApplicationRecord.write(application)
        let (read, problems) = decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-017"), settings: .init()) }
        #expect(problems == [])
        #expect(read == application)
    }

    @Test func aSparseApplicationStaysSparse() {
        let application = Application(id: ApplicationID("2026-001")!, title: "Bara titel")
        let (read, problems) = decode(ApplicationRecord.write(application)) { ApplicationRecord.read($0, folderID: nil, settings: .init()) }
        #expect(problems == [])
        #expect(read == application)
        #expect(read?.targetGroup.size == nil)
    }

    @Test func everyDemoApplicationRoundTrips() throws {
        let snapshot = try demoSnapshot()
        for dossier in snapshot.dossiers {
            let (read, problems) = decode(ApplicationRecord.write(dossier.application)) {
                ApplicationRecord.read($0, folderID: dossier.application.id, settings: snapshot.config.calculation)
            }
            #expect(problems == [])
            #expect(read == dossier.application, "\(dossier.application.id)")
        }
    }

    @Test func aReviewWithScoresCannotJudgeAndMissingScores() throws {
        var review = Review(applicationID: ApplicationID("2026-001")!, reviewer: MemberID("anna")!, status: .draft,
                            recommendation: .needsCompletion, assessedVersion: "0123456789abcdef",
                            updated: Date(timeIntervalSince1970: 1_772_000_000), summary: Self.awkward)
        review.assessments[.problem] = Assessment(score: .points(4), comment: Self.awkward)
        review.assessments[.evidence] = Assessment(score: .cannotJudge, comment: "Underlaget räcker inte.")
        review.assessments[.cooperation] = Assessment(score: nil, comment: "Halvfärdig tanke")
        let text = ReviewRecord.write(review, criteria: config.criteria)
        let (read, problems) = decode(text, file: "2026-001/reviews/anna.toml") {
            ReviewRecord.read($0, applicationID: review.applicationID, fileMember: review.reviewer, config: config)
        }
        #expect(problems == [])
        #expect(read == review)
    }

    @Test func everyDemoReviewRoundTrips() throws {
        for review in try demoSnapshot().dossiers.flatMap(\.reviews) {
            let (read, problems) = decode(ReviewRecord.write(review, criteria: config.criteria)) {
                ReviewRecord.read($0, applicationID: review.applicationID, fileMember: review.reviewer, config: config)
            }
            #expect(problems == [])
            #expect(read == review)
        }
    }

    @Test func aYouthComment() {
        let comment = YouthComment(applicationID: ApplicationID("2026-003")!, author: MemberID("omar")!,
                                   time: Date(timeIntervalSince1970: 1_772_817_000), about: .chances, text: Self.awkward)
        let (read, problems) = decode(CommentRecord.write(comment)) { CommentRecord.read($0, applicationID: comment.applicationID, fileMember: comment.author) }
        #expect(problems == [])
        #expect(read == comment)
    }

    @Test func aConflictDeclaration() {
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-003")!, member: MemberID("cecilia")!, reason: "Enhetschef",
                                           declared: Date(timeIntervalSince1970: 1_772_300_000))
        let (read, problems) = decode(ConflictRecord.write(conflict)) { ConflictRecord.read($0, applicationID: conflict.applicationID, fileMember: conflict.member) }
        #expect(problems == [])
        #expect(read == conflict)
    }

    @Test func theFundConfiguration() throws {
        let (read, problems) = decode(ConfigRecord.write(config), file: "bered.toml") {
            ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria())
        }
        #expect(problems == [])
        #expect(read == config)
    }

    @Test func timesAreWrittenInUTCToTheSecond() {
        #expect(TOMLTime.text(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(TOMLTime.text(Date(timeIntervalSince1970: 1_772_817_000.9)) == "2026-03-06T17:10:00Z")
        #expect(TOMLTime.text(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test func anOffsetTimeIsReadAsTheSameInstant() {
        let text = "schema = 1\napplication = \"2026-003\"\nauthor = \"omar\"\ntime = 2026-03-06T18:10:00+01:00\nabout = \"whole\"\ntext = \"x\"\n"
        let (read, _) = decode(text) { CommentRecord.read($0, applicationID: ApplicationID("2026-003")!, fileMember: nil) }
        #expect(read.map { TOMLTime.text($0.time) } == "2026-03-06T17:10:00Z")
    }
}

@Suite("Signing keys in bered.toml (issue 14)")
struct SigningKeyConfigTests {
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW anna@bered"

    @Test func aMembersKeyIsReadAndWrittenBack() throws {
        let test = try TestStore()
        var config = try test.store.loadConfig()
        config.members[0].signingKey = SigningKey(Self.key)
        try test.write("bered.toml", ConfigRecord.write(config))
        #expect(try test.store.loadConfig() == config)
        #expect(try test.read("bered.toml").contains("signing_key = \"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW\""))
    }

    @Test func aKeyThatIsNotOneIsRefusedByName() throws {
        let test = try TestStore()
        let text = try test.read("bered.toml").replacingOccurrences(of: "role = \"coordinator\"", with: "role = \"coordinator\"\nsigning_key = \"lars namespaces=git\"")
        try test.write("bered.toml", text)
        #expect(throws: StoreError.self) { try test.store.loadConfig() }
        do { _ = try test.store.loadConfig() } catch {
            guard case .unusable(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.message.key) == [MessageKey.signedBadKey.rawValue])
        }
    }

    @Test func twoMembersWithOneKeyAreRefused() throws {
        let test = try TestStore()
        var config = try test.store.loadConfig()
        config.members[0].signingKey = SigningKey(Self.key)
        config.members[1].signingKey = SigningKey(Self.key)
        try test.write("bered.toml", ConfigRecord.write(config))
        do {
            _ = try test.store.loadConfig()
            Issue.record("read a bered.toml where two members share a key")
        } catch {
            guard case .unusable(let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.message) == [Message(.signedDuplicateKey, ["field": .text("members[1].signing_key"), "member": .text(config.members[0].id.rawValue)])])
        }
    }
}
