import BeredningCore
@testable import BeredningTUI
import Testing

@Suite("Recovery drafts: what is kept aside and how it comes back")
struct RecoveryDraftTests {
    @Test func aCommentBeingTypedIsTheDraft() {
        var s = state(as: "sara")
        #expect(s.recoveryDraft == nil)
        s.press(.char("c"))
        s.type("Bra för små barn")
        guard case .comment(let comment)? = s.recoveryDraft else { Issue.record("no draft"); return }
        #expect(comment.text == "Bra för små barn")
        #expect(comment.author == MemberID("sara"))
    }

    @Test func aReviewBeingScoredIsADraftEvenIfMarkedComplete() {
        var s = state(as: "anna")
        s.press(.down, .down, .down, .down, .char("p"))  // 2026-005, not yet reviewed by anna
        s.press(.char("3"), .down)
        s.type("Svag evidens")
        guard case .review(let review)? = s.recoveryDraft else { Issue.record("no draft"); return }
        #expect(review.status == .draft)
        #expect(review.applicationID == ApplicationID("2026-005"))
        #expect(review.assessments.values.contains { $0.comment == "Svag evidens" })
    }

    @Test func aDraftIsOfferedToItsWriterOnlyAndComesBackUnsaved() {
        let draft = RecoveryDraft.comment(YouthComment(applicationID: ApplicationID("2026-003")!, author: MemberID("sara")!,
                                                       time: .init(timeIntervalSince1970: 0), about: .methods, text: "Kvar från i går"))
        var anna = state(as: "anna")
        _ = anna.update(.draftFound(draft))
        #expect(anna.modal == nil)

        var sara = state(as: "sara")
        _ = sara.update(.draftFound(draft))
        #expect(sara.modal == .restoreDraft(draft))
        #expect(sara.screen.contains("Din kommentar om 2026-003 sparades inte"))
        sara.press(.enter)
        guard case .comment(let form)? = sara.current else { Issue.record("no form"); return }
        #expect(form.editor.text == "Kvar från i går")
        #expect(form.topic == .methods)
        #expect(form.isDirty)
        #expect(sara.statusText == "Texten är tillbaka. Spara med Ctrl-S.")
    }

    @Test func throwingADraftAwayAsksTheRuntimeToo() {
        let draft = RecoveryDraft.comment(YouthComment(applicationID: ApplicationID("2026-003")!, author: MemberID("sara")!,
                                                       time: .init(timeIntervalSince1970: 0), about: .whole, text: "x"))
        var s = state(as: "sara")
        _ = s.update(.draftFound(draft))
        #expect(s.press(.char("d")) == [.discardDraft(draft)])
        #expect(s.modal == nil)

        var later = state(as: "sara")
        _ = later.update(.draftFound(draft))
        #expect(later.press(.escape) == [])  // Esc keeps it for next time
        #expect(later.modal == nil)
    }

    @Test func leavingAFormWithoutSavingDiscardsItsDraft() {
        var s = state(as: "sara")
        s.press(.char("c"))
        s.type("Jag ångrar mig")
        s.press(.escape)
        #expect(s.modal == .confirmLeave)
        guard case .comment(let draft)? = s.recoveryDraft else { Issue.record("no draft"); return }
        // That draft, and only that one: another kept from earlier stays to be offered again.
        #expect(s.press(.char("l")) == [.discardDraft(.comment(draft))])
    }
}
