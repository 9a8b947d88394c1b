import BeredningCore
@testable import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// Lars's decision form on 2026-002, forwarded to the board.
func decisionForm(width: Int = 80, height: Int = 24) -> AppState {
    var s = AppState(snapshot: changedDemo("2026-002") { $0.application.state = .forwarded }, member: member("lars"),
                     catalog: sv, otherCatalog: en, width: width, height: height)
    s.now = Date(timeIntervalSince1970: 1_780_000_000)
    s.select("2026-002")
    s.press(.enter, .char("d"))
    return s
}

/// Anna's scoring form on 2026-004, which she has not reviewed yet.
func scoringForm(width: Int = 80, height: Int = 24) -> AppState {
    var s = state(width: width, height: height)
    s.select("2026-004")
    s.press(.char("p"))
    return s
}

@Suite("A paste is text, never keys")
struct PasteTests {
    let firstCriterion = demo.config.criteria.ids[0]

    @Test func tabsLineBreaksAndDigitsInAPasteAreTextInTheComment() {
        var s = scoringForm()
        s.press(.tab)  // from the first score to its comment
        guard case .scoring(let before) = s.current else { Issue.record("no scoring form"); return }
        #expect(s.update(.text("Bra.\tMen 4\nq\u{1B}[A\r\nslut\u{7}")) == [])
        guard case .scoring(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.focused == before.focused)
        #expect(form.review.assessments[firstCriterion]?.score == nil)
        #expect(form.comments[firstCriterion]?.text == "Bra.\tMen 4\nq[A\nslut")
        // The tab is drawn as a space, the escape and the bell not at all.
        let screen = s.screen
        #expect(screen.contains("│Bra. Men 4"))
        #expect(screen.contains("│q[A"))
    }

    @Test func aPasteOnAScoreSetsNoScoreAndMovesNoFocus() {
        var s = scoringForm()
        guard case .scoring(let before) = s.current else { Issue.record("no scoring form"); return }
        #expect(s.update(.text("4\t4\n")) == [])
        guard case .scoring(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.focus == before.focus)
        #expect(form.review == before.review)
        #expect(form.comments == before.comments)
        #expect(s.statusText == sv(.tuiPasteNotHere))
        #expect(s.screen.contains("Inklistrad text tas bara emot i ett textfält"))
    }

    @Test func aPasteInTheListIsNoCommandButFilterTextWhileFiltering() {
        var s = state()
        #expect(s.update(.text("pq")) == [])
        #expect(s.current == nil)
        #expect(s.statusText == sv(.tuiPasteNotHere))
        #expect(s.list.filter.isEmpty)
        s.press(.char("/"))
        #expect(s.update(.text("skolfam\nale\t")) == [])
        #expect(s.list.filter == "skolfam ale ")
        #expect(s.listRows.map(\.id) == ["2026-004"])
        #expect(s.screen.contains("/ skolfam ale"))
    }

    @Test func aOneLineFieldTakesLineBreaksAndTabsAsSpaces() {
        var s = decisionForm()
        s.press(.tab, .tab)  // the case number
        _ = s.update(.text("KS 2026/88\r\n\tbilaga"))
        guard case .decision(let form) = s.current else { Issue.record("no decision form"); return }
        #expect(form.focus == .caseNumber)
        #expect(form.text(.caseNumber) == "KS 2026/88  bilaga")
        s.press(.tab, .tab, .tab, .tab)  // the rationale, which takes lines
        _ = s.update(.text("Ett.\nTvå."))
        guard case .decision(let after) = s.current else { Issue.record("no decision form"); return }
        #expect(after.focus == .rationale)
        #expect(after.text(.rationale) == "Ett.\nTvå.")
    }

    @Test func aPastedReasonForAMove() {
        var s = state(as: "karin")
        s.select("2026-002")
        s.press(.enter, .char("m"), .enter)
        _ = s.update(.text("Komplettera\nevidensen."))
        #expect(s.press(.ctrl("s"), .char("j")) == [.move(ApplicationID("2026-002")!, .returnForCompletion, reason: "Komplettera\nevidensen.", override: "")])
    }

    @Test func aPasteWithAWindowOpenChangesNothingBehindIt() {
        var s = scoringForm()
        s.press(.tab, .function(1))
        _ = s.update(.text("text"))
        guard case .scoring(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.comments[firstCriterion]?.text == "")
        #expect(s.modal == .help(offset: 0))
        #expect(s.statusText == sv(.tuiPasteNotHere))
    }
}

@Suite("Ctrl-E is the external editor, End the end of the line")
struct EditorKeyTests {
    @Test func ctrlEOpensTheEditorAndMovesNothing() {
        // The editor itself leaves Ctrl-E to the form, which opens the external editor.
        var e = TextEditor("rad ett")
        _ = e.handle(.home, width: 20)
        let ctrlE = e.handle(.ctrl("e"), width: 20)
        #expect(!ctrlE)
        #expect(e.cursor == 0)
        let end = e.handle(.end, width: 20)
        #expect(end)
        #expect(e.cursor == 7)

        var s = scoringForm()
        s.press(.tab)
        s.type("rad ett")
        s.press(.home)
        #expect(s.press(.ctrl("e")) == [.openEditor(text: "rad ett")])
        guard case .scoring(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.focusedEditor?.cursor == 0)
        s.press(.end)
        guard case .scoring(let moved) = s.current else { Issue.record("the form closed"); return }
        #expect(moved.focusedEditor?.cursor == 7)
    }

    @Test func theMoveReasonAndTheDecisionsTextsOpenTheEditorToo() {
        var s = state(as: "karin")
        s.select("2026-002")
        s.press(.enter, .char("m"), .enter)
        s.type("skäl")
        #expect(s.press(.function(4)) == [.openEditor(text: "skäl")])
        _ = s.update(.editorFinished("skäl\nmed en rad till"))
        guard case .move(let screen) = s.current else { Issue.record("the move closed"); return }
        #expect(screen.editor.text == "skäl\nmed en rad till")

        var d = decisionForm()
        d.press(.tab, .tab)  // the case number takes one line
        #expect(d.press(.ctrl("e")) == [])
        #expect(d.statusText == sv(.tuiEditorLongTextsOnly))
        d.press(.tab, .tab, .tab)  // the conditions
        #expect(d.press(.ctrl("e")) == [.openEditor(text: "")])
    }

    /// One key, one meaning: on every screen and in every field the keymap (which the footer
    /// and the help are drawn from) gives each key one action.
    @Test func noKeyHasTwoMeaningsOnOneScreen() {
        for (context, state) in Self.everyContext() {
            var meaning: [String: MessageKey] = [:]
            for binding in Keymap.bindings(for: state) {
                for key in Self.keys(binding.keys) {
                    if let earlier = meaning[key], earlier != binding.action {
                        Issue.record("\(context): \(key) is both \(earlier) and \(binding.action)")
                    }
                    meaning[key] = binding.action
                }
            }
        }
    }

    /// The keys a binding's text names: "↑↓ j k" is four, "1–4" is four.
    static func keys(_ text: String) -> [String] {
        text.split(separator: " ").flatMap { token -> [String] in
            if token == "↑↓" { return ["↑", "↓"] }
            let ends = token.split(separator: "–")
            if ends.count == 2, let low = Int(ends[0]), let high = Int(ends[1]) { return (low...high).map(String.init) }
            return [String(token)]
        }
    }

    static func everyContext() -> [(String, AppState)] {
        var contexts: [(String, AppState)] = [("member picker", state(as: nil)), ("list", state())]
        var filtering = state()
        filtering.press(.char("/"))
        contexts.append(("filter", filtering))
        var application = state()
        application.press(.enter)
        contexts.append(("application", application))
        var history = application
        history.press(.char("H"))
        contexts.append(("history", history))
        var calculation = state(as: "karin")
        calculation.select("2026-006")
        calculation.press(.enter, .char("e"))
        contexts.append(("calculation", calculation))
        var scoring = scoringForm()
        guard case .scoring(let form) = scoring.current else { return contexts }
        for field in form.fields {
            contexts.append(("scoring \(field)", scoring))
            scoring.press(.tab)
        }
        var comment = state(as: "sara")
        comment.press(.char("c"))
        contexts.append(("comment", comment))
        comment.press(.tab)
        contexts.append(("comment topic", comment))
        var move = state(as: "karin")
        move.select("2026-002")
        move.press(.enter, .char("m"))
        contexts.append(("move", move))
        move.press(.enter)
        contexts.append(("move reason", move))
        var decision = decisionForm()
        for field in DecisionForm.Field.allCases {
            contexts.append(("decision \(field)", decision))
            decision.press(.tab)
        }
        return contexts
    }
}
