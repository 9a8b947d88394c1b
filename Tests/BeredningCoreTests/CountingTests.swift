@testable import BeredningCore
import Testing

@Suite("Honest counting: which reviews and comments count, whatever the files say")
struct CountingTests {
    static let table: [(file: String, reviewer: String, reason: MessageKey?)] = [
        ("anna", "anna", nil),
        ("bengt", "bengt", nil),
        ("Anna", "anna", .countReviewBadFileName),
        ("anna_2", "anna", .countReviewBadFileName),
        ("BENGT", "bengt", .countReviewBadFileName),
        ("bengt ", "bengt", .countReviewBadFileName),
        (" anna", "anna", .countReviewBadFileName),
        ("anna.copy", "anna", .countReviewBadFileName),
        ("bengt", "anna", .countReviewNameMismatch),
        ("sara", "sara", .countReviewNotPreparationGroup),  // youth panel
        ("karin", "karin", .countReviewNotPreparationGroup),  // steering group
        ("lars", "lars", .countReviewNotPreparationGroup),  // coordinator
        ("nils", "nils", .countReviewNotPreparationGroup),  // not a member at all
    ]

    @Test(arguments: table.indices)
    func aReviewCountsOnlyUnderItsReviewersOwnNameInThePreparationGroup(row: Int) throws {
        let (file, reviewer, expected) = Self.table[row]
        let reason = Counting.reasonReviewDoesNotCount(fileName: file, reviewer: MemberID(reviewer)!, config: try testConfig())
        #expect(reason?.key == expected?.rawValue, "\(file).toml with reviewer \(reviewer)")
    }

    @Test func copiesOfOneReviewDoNotMakeAQuorum() throws {
        let config = try testConfig()
        let review = completeReview(by: anna, config: config)
        let read = ["Anna", "anna", "anna_2", "bengt "].map { (fileName: $0, review: review) }
        let sorted = Counting.sortReviews(read, config: config)
        #expect(sorted.counted == [review])
        #expect(sorted.uncounted.map(\.file) == ["Anna.toml", "anna_2.toml", "bengt .toml"])
        let dossier = Dossier(application: strongApplication(), reviews: sorted.counted)
        #expect(Quorum(dossier: dossier, config: config).complete == 1)
    }

    @Test func onlyTheYouthPanelsCommentsAreTheYouthPanels() throws {
        let config = try testConfig()
        #expect(Counting.reasonCommentDoesNotCount(author: sara.id, config: config) == nil)
        for author in [anna.id, karin.id, lars.id, MemberID("nils")!] {
            #expect(Counting.reasonCommentDoesNotCount(author: author, config: config)?.key == MessageKey.countCommentNotYouthPanel.rawValue)
        }
    }

    @Test func anUnreadableConflictStillStopsTheReview() {
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-001")!, member: anna.id, reason: "", unreadable: true)
        #expect(Permissions.checkReview(by: anna, conflicts: [conflict])?.reason.key == MessageKey.countRefusalConflictUnreadable.rawValue)
    }

    @Test func someoneWhoHasNotSaidWhoTheyAreSeesNoScoresWhileTheRuleIsOn() throws {
        let config = try testConfig()
        let dossier = Dossier(application: strongApplication(), reviews: [completeReview(by: anna, config: config)])
        #expect(Checklist(dossier: dossier, config: config, viewer: nil, unnamed: true).scoresHidden)
        #expect(Checklist(dossier: dossier, config: config, viewer: nil, unnamed: true).meanScore == nil)
        #expect(!Checklist(dossier: dossier, config: config, viewer: lars, unnamed: false).scoresHidden)
        var open = config
        open.rules.hideScoresUntilOwnReviewComplete = false
        #expect(!Checklist(dossier: dossier, config: open, viewer: nil, unnamed: true).scoresHidden)
    }
}
