import BeredningCore
import Testing

@Suite("Who may change which file of a shared store (issue 14)")
struct ChangeRuleTests {
    static let annaKarin = Member(id: MemberID("anna-karin")!, name: "Anna-Karin", role: .youthPanel)

    /// Path, member, allowed: a file written as it is, not through the tool.
    static let paths: [(String, Member, MessageKey?)] = [
        ("2026-003/reviews/anna.toml", anna, nil),
        ("2026-003/reviews/anna.toml", bengt, .signedOthersReview),
        ("2026-003/reviews/anna.toml", lars, .signedNoReviews),
        ("2026-003/reviews/sara.toml", sara, .signedNoReviews),
        ("2026-003/versions/abc123.toml", bengt, nil),
        ("2026-003/versions/abc123.toml", lars, nil),
        ("2026-003/versions/abc123.toml", sara, .signedNoVersions),
        ("2026-003/comments/20260301T101500+0100-sara.toml", sara, nil),
        ("2026-003/comments/20260301T101500-0500_2-sara.toml", sara, nil),
        ("2026-003/comments/20260301T101500+0100-anna-karin.toml", sara, .signedOthersComment),
        ("2026-003/comments/20260301T101500+0100-sara.toml", annaKarin, .signedOthersComment),
        ("2026-003/comments/20260301T101500+0100-anna-karin.toml", annaKarin, nil),
        ("2026-003/comments/20260301T101500+0100-anna.toml", anna, .signedNoComments),
        ("2026-003/conflicts/karin.toml", karin, nil),
        ("2026-003/conflicts/anna.toml", anna, nil),
        ("2026-003/conflicts/anna.toml", lars, nil),
        ("2026-003/conflicts/anna.toml", bengt, .signedOthersConflict),
        ("2026-003/conflicts/sara.toml", sara, .signedNoConflicts),
        ("2026-003/decision.toml", lars, nil),
        ("2026-003/decision.toml", sara, .signedNoDecision),
        ("2026-003/decision.toml", karin, .signedNoDecision),
        ("bered.toml", lars, nil),
        ("bered.toml", sara, .signedNoConfig),
        ("bered.toml", anna, .signedNoConfig),
        (".gitattributes", anna, .signedNoOther),
        (".gitignore", lars, nil),
        ("2026-003/follow-up-2027.toml", lars, nil),
        ("2026-003/follow-up-2027.toml", karin, .signedNoOther),
        ("rules/extra.toml", bengt, .signedNoOther),
        // A folder name the tool would not write is not an application's.
        ("2026-3/reviews/anna.toml", anna, .signedNoOther),
        ("2026-003/reviews/anna.txt", anna, .signedNoOther),
        ("2026-003/reviews/x/anna.toml", anna, .signedNoOther),
    ]

    @Test(arguments: paths.indices)
    func pathByMember(index: Int) {
        let (path, member, expected) = Self.paths[index]
        let refusal = ChangeRule.check(FileChange(path: path, oldText: nil, newText: "x = 1\n"), by: member)
        #expect(refusal?.reason.key == expected?.rawValue, "\(path) by \(member.id)")
    }

    static let received = { var a = strongApplication(id: "2026-003"); a.state = .withSteeringGroup; return a }()

    static func moved(_ state: ApplicationState) -> Application {
        var application = received
        application.state = state
        return application
    }

    static func application(_ old: Application?, _ new: Application?) -> FileChange {
        FileChange(path: "2026-003/application.toml", oldText: old == nil ? nil : "old", newText: new == nil ? nil : "new",
                   oldApplication: old, newApplication: new)
    }

    /// Old, new, member, allowed: only the moves the workflow gives the member's role.
    static let applications: [(Application?, Application?, Member, MessageKey?)] = [
        (received, moved(.returned), karin, nil),
        (received, moved(.forwarded), karin, nil),
        (received, received, karin, nil),
        (received, moved(.approved), karin, .signedApplicationMove),
        (received, moved(.approved), sara, .signedApplicationMove),
        (received, moved(.forwarded), sara, .signedApplicationMove),
        (received, moved(.inPreparation), anna, .signedApplicationMove),
        (received, { var a = moved(.forwarded); a.title = "Annat"; return a }(), karin, .signedApplicationText),
        (received, { var a = received; a.budget.years[0].requested = 9_000_000; return a }(), sara, .signedApplicationText),
        (received, { var a = moved(.approved); a.title = "Annat"; return a }(), lars, nil),
        (nil, received, karin, .signedNoNewApplication),
        (received, nil, karin, .signedNoNewApplication),
        (nil, received, lars, nil),
        (received, nil, lars, nil),
    ]

    @Test(arguments: applications.indices)
    func applicationByMember(index: Int) {
        let (old, new, member, expected) = Self.applications[index]
        #expect(ChangeRule.check(Self.application(old, new), by: member)?.reason.key == expected?.rawValue)
    }

    @Test func anUnreadableApplicationIsNotAMove() {
        let change = FileChange(path: "2026-003/application.toml", oldText: "old", newText: "state = ", oldApplication: Self.received, newApplication: nil)
        #expect(ChangeRule.check(change, by: karin)?.reason.key == MessageKey.signedUnreadableApplication.rawValue)
        #expect(ChangeRule.check(change, by: lars) == nil)
    }

    @Test func aRefusedMoveNamesBothStates() {
        let refusal = ChangeRule.check(Self.application(Self.received, Self.moved(.approved)), by: sara)
        #expect(refusal?.reason == Message(.signedApplicationMove, ["from": .message(ApplicationState.withSteeringGroup.label), "to": .message(ApplicationState.approved.label)]))
    }

    /// Old, new, allowed: the history only grows, whoever writes it.
    static let histories: [(String?, String?, Bool)] = [
        (nil, "a\n", true),
        ("a\n", "a\nb\n", true),
        ("a\nc\n", "a\nb\nc\n", true),  // a colleague's line merged in between
        ("a\nb\n", "b\n", false),
        ("a\nb\n", "b\na\n", false),
        ("a\nb\n", "a\nB\n", false),
        ("a\n", nil, false),
    ]

    @Test(arguments: histories.indices)
    func history(index: Int) {
        let (old, new, allowed) = Self.histories[index]
        for member in [anna, sara, karin, lars] {
            let refusal = ChangeRule.check(FileChange(path: "2026-003/history.jsonl", oldText: old, newText: new), by: member)
            // Only a coordinator removes a whole history (with its application).
            let expected = allowed || (new == nil && member.role == .coordinator)
            #expect((refusal == nil) == expected, "\(String(describing: old)) → \(String(describing: new)) by \(member.id)")
        }
    }
}
