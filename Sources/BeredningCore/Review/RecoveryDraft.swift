import Foundation

/// Typing not yet saved, kept aside by the interface so that Ctrl-C, a closed terminal or a
/// signal loses none of it; the next start offers it back. Only the long texts people type
/// are kept: a review and a youth comment.
public enum RecoveryDraft: Equatable, Sendable {
    case review(Review)
    case comment(YouthComment)

    public var applicationID: ApplicationID {
        switch self {
        case .review(let review): return review.applicationID
        case .comment(let comment): return comment.applicationID
        }
    }

    /// Whose typing it is: only they are offered it.
    public var member: MemberID {
        switch self {
        case .review(let review): return review.reviewer
        case .comment(let comment): return comment.author
        }
    }
}
