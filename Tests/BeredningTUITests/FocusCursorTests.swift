import BeredningCore
import BeredningSync
@testable import BeredningTUI
import Foundation
import Testing

extension ScreenBuffer {
    /// The text from the cursor to the end of its row: what a screen reader starts reading at.
    var atCursor: String {
        guard let cursor else { return "" }
        return (cursor.x..<width).map { self[$0, cursor.y].text }.joined()
    }
}

/// Screen readers, braille displays and magnifiers follow the terminal's cursor. On every
/// screen it stands on what has focus, typed into or not.
@Suite("The cursor is on what has focus")
struct FocusCursorTests {
    @Test func inTheListOnTheSelectedRow() {
        var s = state()
        s.select("2026-003")
        var buffer = Frame.render(s)
        #expect(buffer.cursor?.x == 0)
        #expect(buffer.cursor.map { buffer.line($0.y) } == buffer.highlightedRow)
        #expect(buffer.atCursor.contains("2026-003"))
        s.press(.char("j"))
        buffer = Frame.render(s)
        #expect(buffer.atCursor.contains("2026-004"))
        // Grouped by state, the rows move under headings; the cursor goes with the selection.
        s.press(.char("v"))
        buffer = Frame.render(s)
        #expect(buffer.atCursor.contains("2026-004"))
    }

    @Test func inTheFilterAtItsEndAndOnTheMessageWhenNothingMatches() {
        var s = state()
        s.press(.char("/"))
        s.type("zzz")
        var buffer = Frame.render(s)
        #expect(buffer.cursor?.y == s.height - 2)
        #expect(buffer.cursor?.x == "/ zzz".count)
        s.press(.enter)
        buffer = Frame.render(s)
        #expect(buffer.atCursor.hasPrefix(sv(.uiNoMatches)))
    }

    @Test func onTheFirstScreenOnTheChosenMember() {
        var s = state(as: nil)
        s.press(.down)
        #expect(Frame.render(s).atCursor.hasPrefix("▸ " + demo.config.members[1].name))
    }

    @Test func inAnApplicationOnTheFirstLineOfTheText() {
        var s = state()
        s.press(.enter)
        var buffer = Frame.render(s)
        #expect(buffer.cursor?.x == 0 && buffer.cursor?.y == 2)
        s.press(.char("j"), .char("j"))
        buffer = Frame.render(s)
        #expect(buffer.cursor?.y == 2)
    }

    @Test func inTheScoringFormOnTheChosenScoreAndInTheText() {
        var s = scoringForm()
        var buffer = Frame.render(s)
        // Nothing chosen yet: on the field's label.
        #expect(buffer.atCursor.hasPrefix("▸ " + sv(.uiScore)))
        s.press(.char("3"))
        buffer = Frame.render(s)
        #expect(buffer.atCursor.hasPrefix("[3 godtagbart]"))
        s.press(.tab)
        s.type("Bra")
        buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.contains("│Bra") == true)
        #expect(buffer.atCursor.hasPrefix(" "))
        s.press(.backTab, .backTab, .backTab)  // round the end to the recommendation
        guard case .scoring(let form) = s.current, form.focused == .recommendation else { Issue.record("not on the recommendation"); return }
        s.press(.char("b"))
        #expect(Frame.render(s).atCursor.hasPrefix("[" + sv.label(Recommendation.approve) + "]"))
    }

    @Test func inTheCommentFormOnTheTopicAndInTheText() {
        var s = state(as: "sara")
        s.press(.char("c"))
        s.type("Hej")
        var buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.contains("│Hej") == true)
        s.press(.tab, .right)
        buffer = Frame.render(s)
        #expect(buffer.atCursor.hasPrefix("[" + sv.label(CommentTopic.methods) + "]"))
    }

    @Test func inTheMoveMenuOnTheChosenMove() {
        var s = state(as: "karin")
        s.select("2026-002")
        s.press(.enter, .char("m"))
        #expect(Frame.render(s).atCursor.hasPrefix("▸ återremittera"))
        s.press(.down)
        #expect(Frame.render(s).atCursor.hasPrefix("▸ skicka till beslut"))
    }

    @Test func inTheDecisionFormOnTheOutcomeAndInTheFields() {
        var s = decisionForm()
        #expect(Frame.render(s).atCursor.hasPrefix("[bifall]"))
        s.press(.right)
        #expect(Frame.render(s).atCursor.hasPrefix("[avslag]"))
        s.press(.tab, .end)
        let buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.hasSuffix("2026-05-28") == true)
    }

    @Test func inTheCalculationOnTheChosenScenario() {
        var s = state(as: "karin")
        s.select("2026-006")
        s.press(.enter, .char("e"))
        #expect(Frame.render(s).atCursor.hasPrefix("[1 full effekt]"))
        s.press(.tab)
        #expect(Frame.render(s).atCursor.hasPrefix("[2 halv effekt]"))
    }

    @Test func inTheHistoryOnTheFirstLineInView() {
        var s = state()
        s.press(.enter, .char("H"))
        #expect(Frame.render(s).atCursor.hasPrefix(sv(.uiHistoryLoading)))
        _ = s.update(.historyLoaded(ApplicationID("2026-001")!, [
            HistoryEvent(time: Date(timeIntervalSince1970: 1_772_445_300), member: MemberID("anna")!, role: .preparationGroup, kind: .reviewCompleted, details: ""),
        ]))
        #expect(Frame.render(s).atCursor.hasPrefix("2026-03-02"))
    }

    @Test func inTheHelpOnTheFirstLineInViewAsItScrolls() {
        var s = state()
        s.press(.char("?"))
        var buffer = Frame.render(s)
        #expect(buffer.atCursor.hasPrefix(sv(.uiHelpTitle)))
        s.press(.pageDown)
        buffer = Frame.render(s)
        guard case .help(let offset) = s.modal, let cursor = buffer.cursor else { Issue.record("the help closed"); return }
        let content = ModalView.content(.help(offset: offset), s)
        var row = ScreenBuffer(width: content.innerWidth, height: 1)
        row.draw(content.lines[offset], x: 0, y: 0, width: content.innerWidth)
        #expect(buffer.line(cursor.y).contains(row.line(0)))
        #expect(buffer[cursor.x - 1, cursor.y].text == "│")
    }

    @Test func inAWindowOnItsQuestionOrChoice() {
        var s = state(as: "lars")
        s.press(.char("x"), .down)
        #expect(Frame.render(s).atCursor.hasPrefix("▸ " + sv(.uiExportJSON)))

        var quitting = state(as: "sara")
        quitting.press(.char("c"))
        quitting.type("text")
        quitting.press(.ctrl("c"))
        #expect(Frame.render(quitting).atCursor.hasPrefix(sv(.uiQuitQuestion)))

        var conflicts = state(as: "lars")
        _ = conflicts.update(.synced(.conflicts([SyncConflict(path: "2026-003/application.toml", mine: "title = \"A\"\n", theirs: "title = \"B\"\n")], committed: nil)))
        #expect(Frame.render(conflicts).atCursor.hasPrefix("Konflikt 1 av 1"))

        var notice = state(as: "lars")
        _ = notice.update(.synced(.notShared(Message(.syncNoRemote))))
        #expect(Frame.render(notice).atCursor.hasPrefix(sv(.syncTitle)))
    }

    @Test func inTheBudgetOnTheFirstLineInViewAsItScrolls() {
        var s = state(as: "lars", height: 12)
        s.press(.char("B"))
        var buffer = Frame.render(s)
        let first = buffer.cursor.map { buffer.line($0.y) }
        #expect(first?.isBlank == false)
        s.press(.char("j"))
        buffer = Frame.render(s)
        // Scrolled by one: the line under the cursor is the next one, the cursor stays put.
        #expect(buffer.cursor.map { buffer.line($0.y) } != first)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.isBlank == false)
    }

    @Test func inTheFollowUpsDueOnTheChosenRow() {
        var s = state(as: "lars")
        s.now = Date(timeIntervalSince1970: 1_810_000_000)  // 2027-05: the demo's first follow-up is near
        s.press(.char("u"))
        let buffer = Frame.render(s)
        #expect(buffer.atCursor.hasPrefix("2026-006"))
    }

    @Test func inTheLetterOnItsFirstLineInView() {
        var s = AppState(snapshot: LetterScreenTests.approved, member: member("lars"), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.select("2026-006")
        s.press(.enter, .char("m"), .enter)
        var buffer = Frame.render(s)
        let top = buffer.cursor.map { buffer.line($0.y) }
        #expect(top?.isBlank == false)
        s.press(.char("j"))
        buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) } != top)
    }

    @Test func onATooSmallTerminalAtTheTopLeft() {
        let s = state(width: 30, height: 8)
        #expect(Frame.render(s).cursor.map { [$0.x, $0.y] } == [0, 0])
    }
}
