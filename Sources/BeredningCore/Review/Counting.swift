/// A review or comment file the store holds but that does not count: left out of every mean,
/// count, gate and export, kept here only so `validate` and the interface can name it.
public struct UncountedRecord: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case review
        case comment
    }

    public let kind: Kind
    /// The file's name inside its folder (`reviews/` or `comments/`), as it is on disk.
    public let file: String
    public let reason: Message

    public init(kind: Kind, file: String, reason: Message) {
        self.kind = kind
        self.file = file
        self.reason = reason
    }
}

/// Which reviews and comments count, whatever the files say (issue 14). Copies such as
/// `Anna.toml` or `anna_2.toml` name the same reviewer as `anna.toml`; counting them would
/// let one person make the quorum alone, so a review counts only under its reviewer's own
/// file name, and only while the reviewer is in the preparation group.
public enum Counting {
    /// Why the review read from `reviews/<fileName>.toml` does not count; nil when it counts.
    public static func reasonReviewDoesNotCount(fileName: String, reviewer: MemberID, config: FundConfig) -> Message? {
        guard let fileMember = MemberID(fileName), fileMember.rawValue == fileName else {
            return Message(.countReviewBadFileName, ["file": .text(fileName + ".toml"), "member": .text(reviewer.rawValue)])
        }
        guard fileMember == reviewer else {
            return Message(.countReviewNameMismatch, ["value": .text(reviewer.rawValue), "file": .text(fileName + ".toml")])
        }
        guard config.member(reviewer)?.role == .preparationGroup else {
            return Message(.countReviewNotPreparationGroup, ["member": .text(reviewer.rawValue)])
        }
        return nil
    }

    /// Why a comment by `author` is not the youth panel's; nil when it is.
    public static func reasonCommentDoesNotCount(author: MemberID, config: FundConfig) -> Message? {
        config.member(author)?.role == .youthPanel ? nil : Message(.countCommentNotYouthPanel, ["member": .text(author.rawValue)])
    }

    /// The reviews that count, and the rest with the reason each does not.
    public static func sortReviews(_ read: [(fileName: String, review: Review)], config: FundConfig) -> (counted: [Review], uncounted: [UncountedRecord]) {
        var counted: [Review] = [], uncounted: [UncountedRecord] = []
        for (fileName, review) in read {
            if let reason = reasonReviewDoesNotCount(fileName: fileName, reviewer: review.reviewer, config: config) {
                uncounted.append(UncountedRecord(kind: .review, file: fileName + ".toml", reason: reason))
            } else {
                counted.append(review)
            }
        }
        return (counted, uncounted)
    }

    /// The comments that are the youth panel's, and the rest with the reason each is not.
    public static func sortComments(_ read: [(fileName: String, comment: YouthComment)], config: FundConfig) -> (counted: [YouthComment], uncounted: [UncountedRecord]) {
        var counted: [YouthComment] = [], uncounted: [UncountedRecord] = []
        for (fileName, comment) in read {
            if let reason = reasonCommentDoesNotCount(author: comment.author, config: config) {
                uncounted.append(UncountedRecord(kind: .comment, file: fileName + ".toml", reason: reason))
            } else {
                counted.append(comment)
            }
        }
        return (counted, uncounted)
    }
}
