import Foundation

/// Typing not yet saved, kept aside by the interface so that Ctrl-C, a closed terminal or a
/// signal loses none of it; the next start offers it back. Only what people type at length is
/// kept: a review, a youth comment and the application form.
public enum RecoveryDraft: Equatable, Sendable {
    case review(Review)
    case comment(YouthComment)
    case applicationForm(ApplicationFormDraft)

    /// The application it is about; nil for a new application not yet registered.
    public var applicationID: ApplicationID? {
        switch self {
        case .review(let review): return review.applicationID
        case .comment(let comment): return comment.applicationID
        case .applicationForm(let form): return form.applicationID
        }
    }

    /// Whose typing it is: only they are offered it.
    public var member: MemberID {
        switch self {
        case .review(let review): return review.reviewer
        case .comment(let comment): return comment.author
        case .applicationForm(let form): return form.member
        }
    }
}

/// The application form's unsaved typing: only the fields the member changed, so that, given
/// back over an application a colleague has changed since, it keeps the colleague's changes
/// in every other field.
public struct ApplicationFormDraft: Equatable, Sendable {
    public var member: MemberID
    /// The application edited; nil for a new one.
    public var applicationID: ApplicationID?
    /// The short idea form.
    public var idea: Bool
    /// How many rows each repeating part had.
    public var rows: [String: Int]
    /// The text of every field the member changed, by its path.
    public var changes: [String: String]

    public init(member: MemberID, applicationID: ApplicationID?, idea: Bool, rows: [String: Int], changes: [String: String]) {
        self.member = member
        self.applicationID = applicationID
        self.idea = idea
        self.rows = rows
        self.changes = changes
    }
}
