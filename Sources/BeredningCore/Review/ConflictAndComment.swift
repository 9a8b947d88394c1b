import Foundation

/// A declared conflict of interest (jäv): the member may not review the application
/// and does not count toward its quorum (the Local Government Act's rules on disqualification).
public struct ConflictDeclaration: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var member: MemberID
    public var reason: String
    public var declared: Date?
    /// The file `conflicts/<member>.toml` exists but cannot be read: it still blocks the member
    /// (fail closed), since what it says cannot be known until someone fixes it.
    public var unreadable: Bool
    /// The coordinator who recorded it on the member's behalf; nil when the member declared it.
    public var recordedBy: MemberID?

    public init(applicationID: ApplicationID, member: MemberID, reason: String, declared: Date? = nil, unreadable: Bool = false,
                recordedBy: MemberID? = nil) {
        self.applicationID = applicationID
        self.member = member
        self.reason = reason
        self.declared = declared
        self.unreadable = unreadable
        self.recordedBy = recordedBy
    }
}

/// What a youth-panel comment is about.
public enum CommentTopic: String, CaseIterable, Hashable, Sendable, Labelled {
    case whole
    case methods
    case chances
    public static var labelPrefix: String { "comment_topic" }
}

/// A youth-panel member's comment on an application; the panel comments but never scores.
public struct YouthComment: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var author: MemberID
    public var time: Date
    public var about: CommentTopic
    public var text: String

    public init(applicationID: ApplicationID, author: MemberID, time: Date, about: CommentTopic, text: String) {
        self.applicationID = applicationID
        self.author = author
        self.time = time
        self.about = about
        self.text = text
    }
}
