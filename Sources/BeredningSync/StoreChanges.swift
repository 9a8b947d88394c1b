import BeredningCore

/// What a file of the store is, read from its path alone: how a commit message and a
/// conflict are put in words a member recognises.
public enum StoreFile: Hashable, Sendable {
    case review(ApplicationID, MemberID)
    case comment(ApplicationID)
    case conflictDeclaration(ApplicationID)
    case application(ApplicationID)
    case decision(ApplicationID)
    case history(ApplicationID)
    case earlierText(ApplicationID)
    case settings
    case other(String)

    public init(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 2, let id = ApplicationID(parts[0]) else {
            self = path == "bered.toml" ? .settings : .other(path)
            return
        }
        switch (parts.count, parts[1]) {
        case (2, "application.toml"): self = .application(id)
        case (2, "decision.toml"): self = .decision(id)
        case (2, "history.jsonl"): self = .history(id)
        case (3, "reviews") where parts[2].hasSuffix(".toml"):
            self = MemberID(String(parts[2].dropLast(5))).map { .review(id, $0) } ?? .other(path)
        case (3, "comments"): self = .comment(id)
        case (3, "conflicts"): self = .conflictDeclaration(id)
        case (3, "versions"): self = .earlierText(id)
        default: self = .other(path)
        }
    }

    /// "Ansökans text 2026-003": the file as the member would name it.
    public var subject: Message {
        switch self {
        case .application(let id): return Message(.syncFileApplication, ["id": .text(id.description)])
        case .decision(let id): return Message(.syncFileDecision, ["id": .text(id.description)])
        case .review(let id, let member): return Message(.syncFileReview, ["id": .text(id.description), "member": .text(member.rawValue)])
        case .history(let id): return Message(.syncFileHistory, ["id": .text(id.description)])
        case .settings: return Message(.syncFileSettings)
        case .comment(let id), .conflictDeclaration(let id), .earlierText(let id):
            return Message(.syncFileOther, ["file": .text(id.description)])
        case .other(let path): return Message(.syncFileOther, ["file": .text(path)])
        }
    }
}

/// The commit message for a member's own changes: who, then what, by application, so the
/// group's git history reads as "Anna Berg: bedömning 2026-003; kommentar 2026-001".
public enum CommitMessage {
    public static func of(paths: [String], member: Member, catalog: Catalog) -> String {
        var reviews: [String] = [], comments: [String] = [], applications: [String] = [], decisions: [String] = [], others: [String] = []
        func add(_ id: ApplicationID, to list: inout [String]) {
            if !list.contains(id.description) { list.append(id.description) }
        }
        for path in paths {
            switch StoreFile(path: path) {
            case .review(let id, _): add(id, to: &reviews)
            case .comment(let id): add(id, to: &comments)
            case .application(let id), .conflictDeclaration(let id): add(id, to: &applications)
            case .decision(let id): add(id, to: &decisions)
            // They come with a move or an edit of the application, already named.
            case .history, .earlierText: continue
            case .settings: others.append("bered.toml")
            case .other(let path): others.append(path)
            }
        }
        var parts: [String] = []
        for (key, ids) in [(MessageKey.syncCommitReviews, reviews), (.syncCommitComments, comments), (.syncCommitApplications, applications),
                           (.syncCommitDecisions, decisions), (.syncCommitOther, others)] where !ids.isEmpty {
            // The body lists every file; the title stays one readable line.
            let shown = ids.sorted().prefix(5).joined(separator: ", ") + (ids.count > 5 ? " …" : "")
            parts.append(catalog(key, ["ids": .text(shown)]))
        }
        let title = "\(member.name) (\(member.id)): " + (parts.isEmpty ? catalog(.syncCommitOther, ["ids": .text("–")]) : parts.joined(separator: "; "))
        return title + "\n\n" + paths.sorted().joined(separator: "\n") + "\n"
    }
}
