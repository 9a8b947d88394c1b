import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// A move the member cannot take back says what will happen and waits for j (or y); Enter
/// alone never makes one.
@Suite("A move that cannot be undone asks first")
struct ConfirmMoveTests {
    func moveMenu(_ id: String, as who: String) -> AppState {
        var s = state(as: who)
        s.select(id)
        s.press(.enter, .char("m"))
        return s
    }

    /// The window's text, wrapping aside.
    func window(_ s: AppState) -> String {
        guard let modal = s.modal else { return "" }
        let lines = ModalView.content(modal, s).lines.map { $0.map(\.text).joined() }
        return lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    @Test func forwardingToTheBoardSaysWhatHappensAndWaitsForJ() {
        var s = moveMenu("2026-002", as: "karin")
        s.press(.down)
        #expect(s.press(.enter).isEmpty)
        let text = window(s)
        #expect(text.contains("Skicka till beslut 2026-002 Star for Life?"), "\(text)")
        #expect(text.contains("Ansökan får status till beslut (nu: styrgrupp)."))
        #expect(text.contains("Det går inte att ångra: ingen kan ge ansökan status styrgrupp igen."))
        #expect(text.contains("Tryck j för att göra det, Esc eller n för att låta bli."))
        #expect(Frame.render(s).atCursor.hasPrefix("Ansökan får status till beslut"))
        // Enter, a second Enter, Ctrl-S or a stray key: nothing moves, and it says how.
        for key in [Key.enter, .enter, .ctrl("s"), .char("x"), .char(" ")] {
            #expect(s.press(key).isEmpty, "\(key)")
            #expect(s.statusText == sv(.tuiConfirmKeys))
            if case .confirm = s.modal {} else { Issue.record("\(key) closed the question") }
        }
        #expect(s.press(.char("j")) == [.move(ApplicationID("2026-002")!, .forward, reason: "", override: "")])
        #expect(s.modal == nil)
    }

    @Test func escOrNLeavesEverythingAsItWas() {
        for key in [Key.escape, .char("n")] {
            var s = moveMenu("2026-002", as: "karin")
            s.press(.down, .enter)
            #expect(s.press(key).isEmpty)
            #expect(s.modal == nil)
            #expect(s.statusText == "Ingenting är ändrat.")
            guard case .move(let screen) = s.current else { Issue.record("\(key) left the move menu"); continue }
            #expect(screen.selection == 1)
        }
        var english = AppState(snapshot: demo, member: member("karin"), catalog: en, otherCatalog: sv, width: 80, height: 24)
        english.select("2026-002")
        english.press(.enter, .char("m"), .down, .enter)
        #expect(window(english).contains("Press y to do it"))
        #expect(english.press(.char("y")) == [.move(ApplicationID("2026-002")!, .forward, reason: "", override: "")])
    }

    @Test func aReturnAsksAfterItsReasonAndEscKeepsTheReason() {
        var s = moveMenu("2026-002", as: "karin")
        s.press(.enter)
        s.type("Komplettera budgeten.")
        #expect(s.press(.ctrl("s")).isEmpty)
        #expect(window(s).contains("Ansökan får status återremitterad (nu: styrgrupp)."))
        // Only the coordinator brings it back to the steering group, in two moves.
        #expect(window(s).contains("Du kan inte ångra det själv: status styrgrupp får ansökan igen bara om samordnare flyttar den."))
        for key in [Key.escape, .char("n")] {
            var t = s
            t.press(key)
            guard case .move(let screen) = t.current, t.modal == nil else { Issue.record("\(key) left the reason"); return }
            #expect(screen.editor.text == "Komplettera budgeten.")
        }
        s.press(.escape)
        #expect(s.press(.ctrl("s"), .char("j")) == [.move(ApplicationID("2026-002")!, .returnForCompletion, reason: "Komplettera budgeten.", override: "")])
    }

    @Test func theBoardsDecisionAsksBeforeItIsRecorded() {
        var s = decisionForm()
        s.press(.tab, .tab)
        s.type("KS 2026/88")
        #expect(s.press(.ctrl("s")).isEmpty)
        let text = window(s)
        #expect(text.contains("Bevilja 2026-002 Star for Life?"), "\(text)")
        #expect(text.contains("Beslutet (bifall) förs in och ansökan får status beviljad (nu: till beslut)."))
        #expect(text.contains("Det går inte att ångra: ingen kan ge ansökan status till beslut igen."))
        #expect(s.press(.enter).isEmpty)
        let commands = s.press(.char("j"))
        guard case .recordDecision(let id, let decision) = commands.first, commands.count == 1 else { Issue.record("\(commands)"); return }
        #expect(id == ApplicationID("2026-002")! && decision.caseNumber == "KS 2026/88")
    }

    /// Every move any member can make, from every demo application, asks before it is made.
    @Test(arguments: ["karin", "lars"])
    func noMoveIsMadeByEnterAlone(_ who: String) {
        var asked = 0
        for row in state(as: who).listRows {
            var s = state(as: who)
            s.select(row.id)
            s.press(.char("m"))
            guard case .move(let screen) = s.current else { continue }
            for index in screen.options.indices {
                var t = s
                t.press([Key](repeating: .down, count: index))
                #expect(t.press(.enter).isEmpty)
                if case .move(let after) = t.current, after.pending != nil {
                    t.type("Skäl")
                    #expect(t.press(.enter, .ctrl("s"), .enter).isEmpty)
                }
                if case .confirm = t.modal { asked += 1 } else { Issue.record("\(screen.options[index]) on \(row.id) did not ask") }
            }
        }
        #expect(asked >= 2)
    }

    /// Why every move asks: with the moves its own role may make, no member gets an
    /// application back to where their move took it from.
    @Test func theProcessLetsNoMemberUndoTheirOwnMove() {
        for transition in Transition.allCases {
            for role in Role.allCases where Permissions.allows(role, transition.action) {
                var reached: Set<ApplicationState> = [transition.to], queue = [transition.to]
                while let here = queue.popLast() {
                    for next in Transition.allCases where next.from.contains(here) && Permissions.allows(role, next.action) && reached.insert(next.to).inserted {
                        queue.append(next.to)
                    }
                }
                #expect(reached.isDisjoint(with: transition.from), "\(role) can undo \(transition)")
            }
        }
    }

    @Test func whoCouldBringItBack() {
        #expect(Confirmation.rolesBack(after: .startPreparation, to: .received) == nil)
        #expect(Confirmation.rolesBack(after: .forward, to: .withSteeringGroup) == nil)
        #expect(Confirmation.rolesBack(after: .approve, to: .forwarded) == nil)
        #expect(Confirmation.rolesBack(after: .sendFeedback, to: .rejected) == nil)
        #expect(Confirmation.rolesBack(after: .toSteeringGroup, to: .inPreparation) == [.steeringGroup, .coordinator])
        #expect(Confirmation.rolesBack(after: .returnForCompletion, to: .withSteeringGroup) == [.coordinator])
        #expect(Confirmation.rolesBack(after: .resumePreparation, to: .returned) == [.steeringGroup, .coordinator])
    }
}
