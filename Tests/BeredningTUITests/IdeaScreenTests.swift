import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// Declining an idea from the move menu: the reasons are written first, the letter written
/// from them is read in full, and what is confirmed carries both (issue 18).
@Suite("Screening an idea in the interface")
struct IdeaScreenTests {
    static func ideaState(as who: String) -> AppState {
        let snapshot = changedDemo("2026-005") { $0.application.state = .idea }
        var s = AppState(snapshot: snapshot, member: member(who), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.select("2026-005")
        return s
    }

    @Test func theReasonsComeFirstThenTheLetterWithThemThenTheQuestion() {
        var s = Self.ideaState(as: "lars")
        s.press(.char("m"))
        guard case .move(let menu) = s.current else { Issue.record("no move menu: \(s.statusText ?? "")"); return }
        #expect(menu.options == [.inviteApplication, .declineIdea])
        #expect(s.screen.contains("bjuda in till en full ansökan") && s.screen.contains("avböja idén"))
        s.press(.down, .enter)
        let reasons = "Fonden satsar i år på barn under tio år."
        s.type(reasons)
        s.press(.ctrl("s"))
        guard case .move(let shown) = s.current, let letter = shown.letter else { Issue.record("no letter after the reasons"); return }
        #expect(letter.markdown.contains(reasons))
        #expect(s.screen.contains("Besked om idén 2026-005"))
        // Esc goes back to the reasons, still typed; Ctrl-S shows the letter again.
        s.press(.escape)
        guard case .move(let back) = s.current else { Issue.record("the move screen closed"); return }
        #expect(back.letter == nil && back.pending == .declineIdea && back.editor.text == reasons)
        s.press(.ctrl("s"), .ctrl("s"))
        guard case .confirm(let confirmation) = s.modal else { Issue.record("no question: \(String(describing: s.modal))"); return }
        #expect(confirmation.command == .move(ApplicationID("2026-005")!, .declineIdea, reason: reasons, override: "", letter: SentLetter(letter)))
        #expect(s.press(.char("j")) == [confirmation.command])
    }

    @Test func theSteeringGroupIsToldWhoScreensIdeasHere() {
        var s = Self.ideaState(as: "karin")
        #expect(s.press(.char("m")).isEmpty)
        #expect(s.statusText == "Du kan inte flytta en ansökan med status idé (din roll: styrgruppen); det gör samordnare.")
    }
}
