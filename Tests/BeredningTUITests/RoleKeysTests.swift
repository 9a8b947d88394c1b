import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// The footer offers only what the member's role can do on the screen; the help lists the rest
/// with the reason, from the same keymap.
@Suite("Keys by role: the footer and the help")
struct RoleKeysTests {
    /// The footer on a terminal wide enough to show all of it.
    func footer(_ s: AppState) -> String {
        var wide = s
        _ = wide.update(.resize(width: 240, height: s.height))
        return Frame.render(wide).line(s.height - 1)
    }

    /// Every line of the help, joined and with runs of spaces made one: wrapping aside.
    func help(_ s: AppState) -> String {
        let lines = ModalView.content(.help(offset: 0), s).lines.map { $0.map(\.text).joined() }
        return lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    func application(_ id: String, as who: String) -> AppState {
        var s = state(as: who)
        s.select(id)
        s.press(.enter)
        return s
    }

    @Test func theListsFooterHasOnlyTheRolesKeys() {
        let anna = footer(state(as: "anna")), sara = footer(state(as: "sara"))
        let karin = footer(state(as: "karin")), lars = footer(state(as: "lars"))
        #expect(anna.contains("p sätt poäng") && !anna.contains("c kommentera"))
        #expect(sara.contains("c kommentera") && !sara.contains("p sätt poäng"))
        for other in [karin, lars] { #expect(!other.contains("p sätt poäng") && !other.contains("c kommentera"), "\(other)") }
        // Keys every role has stay.
        for footer in [anna, sara, karin, lars] { #expect(footer.contains("Enter öppna") && footer.contains("? hjälp"), "\(footer)") }
    }

    @Test func theApplicationsFooterHasOnlyTheRolesKeys() {
        let anna = footer(application("2026-002", as: "anna"))
        let karin = footer(application("2026-002", as: "karin"))
        #expect(anna.contains("p sätt poäng") && !anna.contains("m flytta i processen"), "\(anna)")
        #expect(karin.contains("m flytta i processen") && !karin.contains("p sätt poäng"), "\(karin)")
        #expect(karin.contains("e socioekonomisk kalkyl"))
    }

    @Test func theHelpListsTheOtherKeysWithWhyNot() {
        var s = state(as: "lars", width: 100, height: 60)
        s.press(.char("?"))
        let help = s.screen
        let notForRole = help.components(separatedBy: "Inte för din roll (samordnare):")
        #expect(notForRole.count == 2, "\(help)")
        let before = notForRole.first ?? "", after = notForRole.last ?? ""
        #expect(!before.contains("sätt poäng") && after.contains("sätt poäng"))
        #expect(after.contains("Bara beredningsgruppen sätter poäng (din roll: samordnare)."))
        #expect(after.contains("Kommentarer skrivs av ungdomspanelen (din roll: samordnare)."))
        // What the coordinator can do is among the keys, not among the refused ones.
        #expect(before.contains("exportera") && !after.contains("exportera"))
    }

    @Test func theHelpOfARoleThatMovesNothingSaysWhoDoes() {
        let sara = help(application("2026-002", as: "sara"))
        #expect(sara.contains("m flytta i processen Din roll (ungdomspanelen) flyttar inga ansökningar i processen; det gör styrgruppen och samordnare."))
        #expect(!help(application("2026-002", as: "karin")).contains("flyttar inga ansökningar"))
    }

    /// A key left out of the footer is refused when pressed, with the same reason the help gives.
    @Test(arguments: ["anna", "sara", "karin", "lars"])
    func aRefusedKeySaysWhatTheHelpSays(_ who: String) {
        for s in [state(as: who), application("2026-002", as: who)] {
            for binding in Keymap.bindings(for: s) {
                guard let refusal = binding.refusal, binding.keys.count == 1, binding.keys != "m" else { continue }
                var t = s
                let commands = t.press(.char(Character(binding.keys)))
                #expect(commands.isEmpty)
                #expect(t.stack == s.stack && t.modal == nil, "\(binding.keys) as \(who)")
                #expect(t.statusText == sv(refusal.reason), "\(binding.keys) as \(who)")
            }
        }
    }
}
