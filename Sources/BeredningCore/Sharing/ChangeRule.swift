/// What a path in the store is, as far as who may change it goes (issue 14). Anything the
/// tool does not write itself is `.other`, which only a coordinator may change.
public enum StorePath: Hashable, Sendable {
    case config
    case application(ApplicationID)
    case decision(ApplicationID)
    case proposal(ApplicationID)
    case request(ApplicationID)
    case history(ApplicationID)
    case review(ApplicationID, reviewer: MemberID)
    case version(ApplicationID)
    /// `comments/<time>-<author>.toml`: the author is read against the member, see `ChangeRule`.
    case comment(ApplicationID, fileName: String)
    case conflict(ApplicationID, member: MemberID)
    /// Dotfiles, rules files, follow-ups: what shapes the whole store or is not the tool's.
    case other

    public init(_ path: String) {
        self = StorePath.parse(path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)) ?? .other
    }

    private static func parse(_ parts: [String]) -> StorePath? {
        if parts == ["bered.toml"] { return .config }
        // Only the folder name the tool itself writes: `2026-003`, never `2026-3` or `./2026-003`.
        guard parts.count >= 2, let id = ApplicationID(parts[0]), id.description == parts[0] else { return nil }
        let name = parts.last!
        switch (parts.count, parts[1]) {
        case (2, "application.toml"): return .application(id)
        case (2, "decision.toml"): return .decision(id)
        case (2, "proposal.toml"): return .proposal(id)
        case (2, "request.toml"): return .request(id)
        case (2, "history.jsonl"): return .history(id)
        case (3, "reviews"): return stem(name).flatMap(MemberID.init).map { .review(id, reviewer: $0) }
        case (3, "conflicts"): return stem(name).flatMap(MemberID.init).map { .conflict(id, member: $0) }
        case (3, "versions"): return stem(name) == nil ? nil : .version(id)
        case (3, "comments"): return stem(name) == nil ? nil : .comment(id, fileName: name)
        default: return nil
        }
    }

    private static func stem(_ name: String) -> String? {
        name.hasSuffix(".toml") && name.count > 5 ? String(name.dropLast(5)) : nil
    }
}

/// One file as a commit changed it: the texts before and after (nil where the file did not
/// exist, or was deleted), and for `application.toml` the application each text holds (nil
/// where absent or unreadable), since Core reads no TOML.
public struct FileChange: Hashable, Sendable {
    public var path: String
    public var oldText: String?
    public var newText: String?
    public var oldApplication: Application?
    public var newApplication: Application?

    public init(path: String, oldText: String?, newText: String?, oldApplication: Application? = nil, newApplication: Application? = nil) {
        self.path = path
        self.oldText = oldText
        self.newText = newText
        self.oldApplication = oldApplication
        self.newApplication = newApplication
    }
}

/// Who may change which file of a shared store: the one rule `bered verify` and `bered sync`
/// check every signed commit against. It repeats, per file, what `Permissions` and `Workflow`
/// allow in the tool, because a file can be written without the tool.
public enum ChangeRule {
    /// nil when `member` may make `change`; otherwise why not, as the end of a sentence
    /// naming the member ("…, som inte får ändra beslut").
    public static func check(_ change: FileChange, by member: Member) -> Refusal? {
        let coordinator = member.role == .coordinator
        switch StorePath(change.path) {
        case .review(_, let reviewer):
            // A review is its reviewer's own judgement: not even a coordinator writes it.
            if member.role != .preparationGroup { return refuse(.signedNoReviews) }
            return reviewer == member.id ? nil : refuse(.signedOthersReview, ["owner": .text(reviewer.rawValue)])
        case .version:
            // The text a review assessed, kept when the review is saved; a coordinator may
            // write the application text anyway.
            return member.role == .preparationGroup || coordinator ? nil : refuse(.signedNoVersions)
        case .comment(_, let fileName):
            if member.role != .youthPanel { return refuse(.signedNoComments) }
            return isComment(fileName, by: member.id) ? nil : refuse(.signedOthersComment)
        case .conflict(_, let declarer):
            if coordinator { return nil }
            if !Permissions.allows(member.role, .declareConflict) { return refuse(.signedNoConflicts) }
            return declarer == member.id ? nil : refuse(.signedOthersConflict, ["owner": .text(declarer.rawValue)])
        case .history:
            // Everyone's work adds lines; nobody, coordinator included, rewrites what happened.
            guard let new = change.newText else { return coordinator ? nil : refuse(.signedHistoryRewritten) }
            return onlyAppended(old: change.oldText ?? "", new: new) ? nil : refuse(.signedHistoryRewritten)
        case .application:
            return coordinator ? nil : checkMove(change, by: member)
        case .decision:
            return coordinator ? nil : refuse(.signedNoDecision)
        case .request:
            // Written with the steering group's return, taken away with its forward.
            return coordinator || member.role == .steeringGroup ? nil : refuse(.signedNoRequest)
        case .proposal:
            // The group's proposal: written by one of the preparation group, or the coordinator.
            return coordinator || member.role == .preparationGroup ? nil : refuse(.signedNoProposal)
        case .config:
            return coordinator ? nil : refuse(.signedNoConfig)
        case .other:
            return coordinator ? nil : refuse(.signedNoOther)
        }
    }

    /// A member who is not a coordinator changes an application only by a move of its
    /// `state` that the workflow gives their role; every other field stays as it was.
    static func checkMove(_ change: FileChange, by member: Member) -> Refusal? {
        guard change.oldText != nil, change.newText != nil else { return refuse(.signedNoNewApplication) }
        guard let old = change.oldApplication, let new = change.newApplication else { return refuse(.signedUnreadableApplication) }
        var moved = old
        moved.state = new.state
        guard moved == new else { return refuse(.signedApplicationText) }
        guard old.state != new.state else { return nil }
        let allowed = Transition.allCases.contains { $0.from.contains(old.state) && $0.to == new.state && Permissions.allows(member.role, $0.action) }
        return allowed ? nil : refuse(.signedApplicationMove, ["from": .message(old.state.label), "to": .message(new.state.label)])
    }

    /// Whether `fileName` is a comment of `author`'s: `<time>-<author>.toml`, where the time
    /// (`20260301T101500+0100`, `_2` when two share a second) has digits, T, Z, +, -, _ and .
    /// only; so `anna-karin`'s comment is not `karin`'s.
    public static func isComment(_ fileName: String, by author: MemberID) -> Bool {
        let suffix = "-\(author.rawValue).toml"
        guard fileName.hasSuffix(suffix) else { return false }
        let time = fileName.dropLast(suffix.count)
        return time.first?.isASCII == true && time.first?.isNumber == true && time.allSatisfy { $0.isASCII && ($0.isNumber || "TZ+-_.".contains($0)) }
    }

    /// Whether `new` keeps every line of `old`, in order, and only adds: the union merge of
    /// history files may put a colleague's lines between the member's, so it is not a prefix test.
    public static func onlyAppended(old: String, new: String) -> Bool {
        var newLines = new.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        for line in old.split(separator: "\n", omittingEmptySubsequences: true) {
            while true {
                guard let next = newLines.next() else { return false }
                if next == line { break }
            }
        }
        return true
    }

    private static func refuse(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:]) -> Refusal {
        Refusal(Message(key, arguments))
    }
}
