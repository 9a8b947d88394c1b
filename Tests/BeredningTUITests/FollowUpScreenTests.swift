import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// The follow-up view, the fund's due list and the coordinator's form, drawn at 80×24 and on a
/// narrow terminal. The demo's 2026-006 is running with its one-year follow-up recorded; the
/// test clock stands at 2026-05-28.
@Suite("Follow-up on the screen")
struct FollowUpScreenTests {
    static func followUps(as who: String, width: Int = 80, height: Int = 24) -> AppState {
        var s = state(as: who, width: width, height: height)
        PermissionScreenTests.open("2026-006", in: &s)
        s.press(.char("u"))
        return s
    }

    /// Every line of the view, scrolled through page by page.
    static func allText(_ s: AppState) -> String {
        var s = s
        var seen: [String] = []
        for _ in 0..<20 {
            seen.append(s.screen)
            s.press(.pageDown)
        }
        return seen.joined(separator: "\n")
    }

    @Test func eachIndicatorShowsBaselineTargetMeasuredAndOnTrackInWords() {
        let s = Self.followUps(as: "karin")
        guard case .followUp = s.current else { Issue.record("u opened \(String(describing: s.current))"); return }
        let screen = s.screen
        #expect(screen.contains("2026-006  Utökade hembesök  Uppföljning · pågående"))
        #expect(screen.contains("Planerade uppföljningar: 2027-06-16 (gjord), 2030-06-16 (planerad)"))
        #expect(screen.contains("utgångsläge 0 → mål 85 procent (ska öka)"))
        #expect(screen.contains("uppmätt: ▁█  2027-05-31 62"))
        #expect(screen.contains("[█████████░░░] 73 % av vägen till målet · → på väg mot målet"))
        let text = Self.allText(s)
        #expect(text.contains("utgångsläge 23 → mål 15 antal (ska minska)"))
        // The table of realised against forecast, and the hump with the realised mark.
        #expect(text.contains("Kostnad           Undvikna kostnader"))
        #expect(text.contains("Aktör                                       kalkyl   utfall  kalkyl      utfall"))
        #expect(text.contains("totalt, alla aktörer                       720 000  766 000       0      30 600"))
        #expect(text.contains("●"))
        #expect(text.contains("2026: kalkyl -720 000, utfall -735 400 (kumulativt netto)"))
        #expect(text.contains("Det här fungerade inte: Familjer som flyttat"))
        // Nothing to type here: the cursor stands at the top of what is shown.
        #expect(Frame.render(s).cursor?.y == 1)
    }

    @Test func onANarrowTerminalTheTableBecomesLinesAndNothingIsCut() {
        let s = Self.followUps(as: "anna", width: 44, height: 14)
        let text = Self.allText(s)
        #expect(text.contains("kostnad: kalkyl 440 000, utfall 452 000"))
        // "30 600" moves to the next line whole, never split at its thousands.
        #expect(text.contains("undvikna kostnader: kalkyl 0, utfall\n  30 600"))
        #expect(text.contains("→ på väg mot målet"))
        #expect(!text.contains("Kostnad kalkyl"))
    }

    @Test func theFundsDueListMarksOverdueInWordsAndOpensTheApplication() {
        var s = state(as: "sara")
        s.press(.char("u"))
        let screen = s.screen
        #expect(screen.contains("Uppföljningar som väntar, försenade först"))
        #expect(Frame.render(s).atCursor.hasPrefix("2026-006    planerad  2030-06-16  Utökade hembesök"))
        // Two years on, the planned date has passed: overdue, with its mark and its word.
        s.now = Date(timeIntervalSince1970: 1_780_000_000 + 5 * 365 * 86_400)
        #expect(s.screen.contains("2026-006  ! försenad  2030-06-16"))
        s.press(.escape, .char("/"))
        s.type("uppföljning:försenad")
        s.press(.enter)
        #expect(s.listRows.map(\.id) == ["2026-006"])
        #expect(s.screen.contains("pågående !"))
        s.press(.char("u"), .enter)
        guard case .followUp(let screen) = s.current else { Issue.record("Enter opened \(String(describing: s.current))"); return }
        #expect(screen.applicationID.description == "2026-006")
    }

    @Test func theFollowUpTermsWorkInBothLanguagesAndAMistypedOneIsNamed() {
        var s = state(as: "anna")
        s.press(.char("/"))
        s.type("followup:done")
        #expect(s.listRows.map(\.id) == ["2026-006"])
        s.press(.ctrl("u"))
        s.type("uppföljning:snart")
        #expect(s.listRows.isEmpty && s.filterWarnings.isEmpty)
        s.press(.ctrl("u"))
        s.type("uppföljning:forsnad")
        #expect(s.filterWarnings == ["okänt villkor uppföljning:forsnad; menade du uppföljning:försenad?"])
        s.press(.ctrl("u"))
        s.type("uppföljning:xyz")
        #expect(s.filterWarnings == ["okänd uppföljning xyz; det finns uppföljning:försenad, uppföljning:snart eller uppföljning:gjord"])
    }

    @Test func theCoordinatorsFormRecordsWhatWasTypedAndSendsTheFocusToAProblem() {
        var s = Self.followUps(as: "lars")
        s.press(.char("n"))
        guard case .followUpForm(let form) = s.current else { Issue.record("n opened \(String(describing: s.current))"); return }
        #expect(form.text(.date) == "2030-06-16")
        var buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.contains("2030-06-16") == true)
        s.press(.tab)
        s.type("181")
        #expect(s.press(.ctrl("s")).isEmpty)
        #expect(s.statusText?.contains("värdet 181 ligger inte mellan 0 och 100") == true)
        guard case .followUpForm(let refused) = s.current else { Issue.record("the form closed"); return }
        #expect(refused.focus == .value(0))
        s.press(.backspace, .backspace, .backspace)
        s.type("81,5")
        buffer = Frame.render(s)
        #expect(buffer.cursor.map { buffer.line($0.y) }?.hasPrefix("  81,5") == true)
        let commands = s.press(.ctrl("s"))
        guard case .recordFollowUp(let followUp)? = commands.first else { Issue.record("Ctrl-S gave \(commands)"); return }
        #expect(followUp.recordedBy.rawValue == "lars")
        #expect(followUp.measurements.map(\.value) == [81.5])
        #expect(followUp.measurements.first?.unit == "procent")
    }

    @Test(arguments: ["anna", "bengt", "cecilia", "sara", "omar", "karin"])
    func noOtherRoleOpensTheFormOrRecordsAFollowUp(_ who: String) {
        var s = Self.followUps(as: who)
        #expect(!s.screen.contains("ny uppföljning"))
        var commands = s.press(.char("n"))
        #expect(s.statusText?.hasPrefix("Bara samordnaren för in uppföljningar") == true)
        for key: Key in [.ctrl("s"), .enter, .tab, .char("n"), .ctrl("e")] { commands += s.press(key) }
        #expect(!commands.contains { if case .recordFollowUp = $0 { return true } else { return false } })
        #expect(!s.stack.contains { if case .followUpForm = $0 { return true } else { return false } })
        // Nor from the move menu: a running investment has no move for them.
        s.press(.escape, .char("m"))
        #expect(!s.stack.contains { if case .move = $0 { return true } else { return false } })
    }
}
