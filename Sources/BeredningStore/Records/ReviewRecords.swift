import BeredningCore
import Foundation

/// The records written by one member each: reviews, youth comments and conflict declarations.
/// Each names its application and its author inside too, so a file copied into the wrong
/// folder is caught instead of silently counted.
enum ReviewRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, fileMember: MemberID?, config: FundConfig) -> Review? {
        document.checkSchema()
        let f = document.fields
        guard let reviewer = RecordIdentity.check(f, applicationID: applicationID, memberKey: "reviewer", fileMember: fileMember) else { return nil }
        let status = f.choice("status", ReviewStatus.self)
        if !f.keys.contains("status") { f.report(.fileMissingField, at: "status") }
        var review = Review(applicationID: applicationID, reviewer: reviewer, status: status ?? .draft,
                            recommendation: f.choice("recommendation", Recommendation.self),
                            assessedVersion: f.text("assessed_version"), updated: f.time("updated"), summary: f.text("summary"))
        if let scores = f.table("scores") {
            for key in scores.keys.sorted() {
                guard let criterion = CriterionID(key), config.criteria.criterion(criterion) != nil else {
                    scores.report(.reviewFileUnknownCriterion, at: key, ["criterion": .text(key)])
                    scores.table(key)?.markAllRead()
                    continue
                }
                guard let entry = scores.table(key) else { continue }
                review.assessments[criterion] = Assessment(score: score(entry, scale: config.scale), comment: entry.text("comment"))
            }
        }
        if review.status == .complete {
            for problem in ReviewRules.missingForCompletion(of: review, criteria: config.criteria) {
                f.report(.fileReviewIncomplete, at: "status", ["problem": .message(problem)])
            }
        }
        document.reportUnknownKeys()
        return review
    }

    /// An integer on the scale, or the string `cannot_judge`.
    private static func score(_ entry: Fields, scale: Scale) -> Score? {
        guard let value = entry.raw("score") else { return nil }
        if let points = value.int {
            if scale.points.contains(points) { return .points(points) }
            entry.report(.fileScoreOffScale, at: "score", ["value": .text(String(points)), "min": .text(String(scale.min)), "max": .text(String(scale.max))])
            return nil
        }
        if let text = value.string {
            if text == cannotJudge { return .cannotJudge }
            if text.isEmpty { return nil }
        }
        entry.report(.fileScoreOffScale, at: "score", ["value": .text(value.debugDescription), "min": .text(String(scale.min)), "max": .text(String(scale.max))])
        return nil
    }

    static let cannotJudge = "cannot_judge"

    static func write(_ review: Review, criteria: CriteriaSet) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", review.applicationID.description)
        w.field("reviewer", review.reviewer.rawValue)
        w.field("status", review.status)
        w.field("recommendation", review.recommendation)
        w.field("assessed_version", review.assessedVersion)
        w.field("updated", review.updated)
        w.field("summary", review.summary)
        // The fund's order first, then anything the fund no longer lists, so nothing is dropped.
        let order = criteria.ids + review.assessments.keys.filter { criteria.criterion($0) == nil }.sorted()
        for id in order {
            guard let assessment = review.assessments[id] else { continue }
            w.table("scores.\(id.rawValue)")
            switch assessment.score {
            case .points(let points): w.field("score", points)
            case .cannotJudge: w.field("score", cannotJudge)
            case nil: break
            }
            w.field("comment", assessment.comment)
        }
        return w.text
    }
}

enum CommentRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, fileMember: MemberID?) -> YouthComment? {
        document.checkSchema()
        let f = document.fields
        guard let author = RecordIdentity.check(f, applicationID: applicationID, memberKey: "author", fileMember: fileMember) else { return nil }
        if !f.keys.contains("time") { f.report(.fileMissingField, at: "time") }
        if !f.keys.contains("text") { f.report(.fileMissingField, at: "text") }
        let about = f.choice("about", CommentTopic.self) ?? .whole
        let text = f.text("text")
        let time = f.time("time")
        document.reportUnknownKeys()
        guard let time else { return nil }
        return YouthComment(applicationID: applicationID, author: author, time: time, about: about, text: text)
    }

    static func write(_ comment: YouthComment) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", comment.applicationID.description)
        w.field("author", comment.author.rawValue)
        w.field("time", comment.time)
        w.field("about", comment.about)
        w.field("text", comment.text)
        return w.text
    }
}

enum ConflictRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, fileMember: MemberID?) -> ConflictDeclaration? {
        document.checkSchema()
        let f = document.fields
        guard let member = RecordIdentity.check(f, applicationID: applicationID, memberKey: "member", fileMember: fileMember) else { return nil }
        let recordedBy = f.string("recorded_by").flatMap { f.memberID($0, at: "recorded_by") }
        let conflict = ConflictDeclaration(applicationID: applicationID, member: member, reason: f.required("reason") ?? "", declared: f.time("declared"),
                                           recordedBy: recordedBy)
        document.reportUnknownKeys()
        return conflict
    }

    static func write(_ conflict: ConflictDeclaration) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", conflict.applicationID.description)
        w.field("member", conflict.member.rawValue)
        w.field("declared", conflict.declared)
        w.field("reason", conflict.reason)
        if let recordedBy = conflict.recordedBy { w.field("recorded_by", recordedBy.rawValue) }
        return w.text
    }
}

enum RecordIdentity {
    /// The `application` field must name the folder the file is in, and the member field
    /// must be a valid id matching the file name.
    static func check(_ f: Fields, applicationID: ApplicationID, memberKey: String, fileMember: MemberID?) -> MemberID? {
        if let named = f.required("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        guard let raw = f.required(memberKey) else { return nil }
        guard let member = MemberID(raw) else {
            f.report(.fileBadMemberID, at: memberKey, ["value": .text(raw)])
            return nil
        }
        if let fileMember, fileMember != member {
            f.report(.fileMemberMismatch, at: memberKey, ["value": .text(raw), "expected": .text(fileMember.rawValue)])
        }
        return member
    }
}
