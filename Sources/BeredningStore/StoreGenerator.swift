import BeredningCore
import Foundation

/// Writes a large, realistic store to measure on: N applications, each with five reviews and
/// three youth comments, in varied states, some decided. The Swedish text is recombined
/// sentence by sentence from a template store (the demo), so sizes and characters are those of
/// real applications. The same seed always gives the same files.
public struct StoreGenerator {
    public static let reviewerIDs = ["anna", "bengt", "cecilia", "david", "elin"]
    private static let commenterIDs = ["sara", "omar"]
    private static let municipalities = [
        "Ale", "Alingsås", "Borås", "Eskilstuna", "Flen", "Göteborg", "Härryda", "Jönköping", "Kungsbacka", "Kalmar",
        "Lerum", "Lidköping", "Luleå", "Malmö", "Mölndal", "Norrköping", "Nässjö", "Örebro", "Östersund", "Partille",
        "Skövde", "Söderhamn", "Trollhättan", "Uddevalla", "Umeå", "Uppsala", "Vänersborg", "Västerås", "Växjö", "Ystad",
    ]
    private static let titleWords = [
        "Fotosyntes", "Tillsammans", "Brobygget", "Nästa steg", "Trygga vägen", "Rätt start", "Skolnärvaro", "Fritid för alla",
        "Familjelotsen", "Ung kraft", "Hela dagen", "Första linjen", "Läslyftet", "Mötesplats", "Stödet nära", "Växa upp",
    ]
    private static let stateWeights: [(ApplicationState, Int)] = [
        (.received, 10), (.inPreparation, 30), (.withSteeringGroup, 10), (.returned, 5), (.forwarded, 10),
        (.approved, 20), (.rejected, 10), (.feedbackSent, 5),
    ]

    private let templates: [Dossier]
    private let config: FundConfig
    private var random: SplitMix64
    /// Sentences per field, split once: splitting for every application made 50 000 take minutes.
    private var pools: [KeyPath<Dossier, String>: [String]] = [:]
    private let reviewComments: [String]
    private let reviewSummaries: [String]
    private let commentPool: [String]

    /// `template` gives the texts; its configuration gets five preparation-group members.
    public init(template: StoreSnapshot, seed: UInt64) {
        templates = template.dossiers
        var config = template.config
        for id in StoreGenerator.reviewerIDs where config.member(MemberID(id)!) == nil {
            config.members.append(Member(id: MemberID(id)!, name: id.capitalized + " (genererad)", role: .preparationGroup))
        }
        config.fund += " (genererad)"
        self.config = config
        random = SplitMix64(seed: seed)
        reviewComments = templates.flatMap { $0.reviews.flatMap { $0.assessments.values.map(\.comment) } }.filter { !$0.isEmpty }.sorted()
        reviewSummaries = templates.flatMap { $0.reviews.map(\.summary) }.filter { !$0.isEmpty }
        commentPool = templates.flatMap { $0.comments.flatMap { StoreGenerator.split($0.text) } }
    }

    /// Writes `count` applications under `root`, spread over years so every id is valid.
    /// Plain writes, no fsync: this is a fixture, and 450 000 fsyncs would take an hour.
    public mutating func write(count: Int, to root: URL) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(ConfigRecord.write(config).utf8).write(to: root.appendingPathComponent(FileStore.configFile))
        let perYear = 3000
        for index in 0..<count {
            let id = ApplicationID(year: 2026 - index / perYear, number: index % perYear + 1)
            try writeApplication(id, under: root)
        }
    }

    private mutating func writeApplication(_ id: ApplicationID, under root: URL) throws {
        let folder = root.appendingPathComponent(id.description)
        let state = pickState()
        var application = templates[pick(templates.count)].application
        application.id = id
        application.state = state
        let place = StoreGenerator.municipalities[pick(StoreGenerator.municipalities.count)]
        application.title = StoreGenerator.titleWords[pick(StoreGenerator.titleWords.count)] + " " + place
        application.applicant = ["Sektor utbildning", "Socialförvaltningen", "Kultur- och fritidsförvaltningen", "Barn- och elevhälsan"][pick(4)] + " i " + place
        application.received = Day(year: id.year, month: 1 + pick(12), day: 1 + pick(28))
        application.problem.description = sentences(\.application.problem.description, 1...2)
        application.problem.localExtent = sentences(\.application.problem.localExtent, 1...2)
        application.problem.consequences = sentences(\.application.problem.consequences, 1...2)
        application.problem.costOfInaction = sentences(\.application.problem.costOfInaction, 1...2)
        application.targetGroup.description = sentences(\.application.targetGroup.description, 1...2)
        application.targetGroup.needsAnalysis = sentences(\.application.targetGroup.needsAnalysis, 1...2)
        application.intervention.description = sentences(\.application.intervention.description, 1...2)
        application.evidence.basis = sentences(\.application.evidence.basis, 1...2)
        application.earlyTiming.justification = sentences(\.application.earlyTiming.justification, 1...2)
        application.measurability.evaluationPlan = sentences(\.application.measurability.evaluationPlan, 1...2)
        application.childRights = sentences(\.application.childRights, 1...2)
        application.longTerm.plan = sentences(\.application.longTerm.plan, 1...2)
        let version = ApplicationVersion.of(application)

        try FileManager.default.createDirectory(at: folder.appendingPathComponent("reviews"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("comments"), withIntermediateDirectories: true)
        try Data(ApplicationRecord.write(application).utf8).write(to: folder.appendingPathComponent(FileStore.applicationFile))

        let reviewed = state != .received
        // Reviewers mostly agree around the application's own quality, as real groups do.
        let quality = config.scale.min + 1 + pick(config.scale.max - config.scale.min)
        for reviewer in StoreGenerator.reviewerIDs where reviewed {
            let review = makeReview(of: application, by: MemberID(reviewer)!, version: version, quality: quality,
                                    complete: state != .inPreparation || pick(3) > 0)
            try Data(ReviewRecord.write(review, criteria: config.criteria).utf8)
                .write(to: folder.appendingPathComponent("reviews/\(reviewer).toml"))
        }
        for number in 0..<3 {
            let author = StoreGenerator.commenterIDs[pick(2)]
            let time = WallTime.date(application.received ?? Day(year: id.year, month: 1, day: 1)!, hour: 10 + number, minute: pick(60), second: 0)
                .addingTimeInterval(Double(pick(40)) * 86_400)
            let comment = YouthComment(applicationID: id, author: MemberID(author)!, time: time,
                                       about: CommentTopic.allCases[pick(CommentTopic.allCases.count)],
                                       text: commentSentences(1...2))
            let stamp = TOMLTime.text(time).filter { $0 != "-" && $0 != ":" }
            try Data(CommentRecord.write(comment).utf8).write(to: folder.appendingPathComponent("comments/\(stamp)_\(number + 1)-\(author).toml"))
        }
        if state == .approved || state == .rejected || state == .feedbackSent {
            let outcome: Decision.Outcome = state == .approved ? .approve : .reject
            let day = Day(year: id.year, month: 1 + pick(12), day: 1 + pick(28))!
            let grants = outcome == .approve ? (0..<3).map { Decision.Grant(year: id.year + $0, amount: 100_000 * (1 + pick(20))) } : []
            let decision = Decision(date: day, caseNumber: "KS \(id.year)/\(100 + pick(900))", outcome: outcome, grants: grants,
                                    conditions: outcome == .approve ? "Halvårsvis uppföljning till styrgruppen." : "",
                                    rationale: sentences(\.application.intervention.description, 1...2),
                                    recordedBy: MemberID("lars")!)
            try Data(DecisionRecord.write(decision, applicationID: id).utf8).write(to: folder.appendingPathComponent(FileStore.decisionFile))
        }
    }

    private mutating func makeReview(of application: Application, by reviewer: MemberID, version: String, quality: Int, complete: Bool) -> Review {
        var assessments: [CriterionID: Assessment] = [:]
        let comments = reviewComments
        for criterion in config.criteria.all {
            let points = min(config.scale.max, max(config.scale.min, quality + pick(3) - 1))
            let score: Score = pick(20) == 0 ? .cannotJudge : .points(points)
            assessments[criterion.id] = Assessment(score: score, comment: comments.isEmpty ? "" : comments[pick(comments.count)])
        }
        let summaries = reviewSummaries
        return Review(applicationID: application.id, reviewer: reviewer, status: complete ? .complete : .draft,
                      recommendation: Recommendation.allCases[pick(Recommendation.allCases.count)], assessedVersion: version,
                      updated: WallTime.date(application.received ?? Day(year: 2026, month: 1, day: 1)!, hour: 9, minute: pick(60), second: 0),
                      summary: summaries.isEmpty ? "" : summaries[pick(summaries.count)], assessments: assessments)
    }

    /// A few sentences drawn from the same field of every template.
    private mutating func sentences(_ field: KeyPath<Dossier, String>, _ count: ClosedRange<Int>) -> String {
        if pools[field] == nil { pools[field] = templates.flatMap { StoreGenerator.split($0[keyPath: field]) } }
        let pool = pools[field]!
        guard !pool.isEmpty else { return "" }
        let n = count.lowerBound + pick(count.count)
        return (0..<n).map { _ in pool[pick(pool.count)] }.joined(separator: " ")
    }

    private mutating func commentSentences(_ count: ClosedRange<Int>) -> String {
        let pool = commentPool
        guard !pool.isEmpty else { return "Bra idé." }
        let n = count.lowerBound + pick(count.count)
        return (0..<n).map { _ in pool[pick(pool.count)] }.joined(separator: " ")
    }

    static func split(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            if character == "\n" { if !current.isEmpty { current.append(" ") }; continue }
            current.append(character)
            if character == "." || character == "?" || character == "!" {
                let sentence = current.trimmingCharacters(in: .whitespaces)
                if sentence.count > 3 { result.append(sentence) }
                current = ""
            }
        }
        return result
    }

    private mutating func pickState() -> ApplicationState {
        let total = StoreGenerator.stateWeights.reduce(0) { $0 + $1.1 }
        var roll = pick(total)
        for (state, weight) in StoreGenerator.stateWeights {
            if roll < weight { return state }
            roll -= weight
        }
        return .received
    }

    private mutating func pick(_ upper: Int) -> Int { random.below(upper) }
}
