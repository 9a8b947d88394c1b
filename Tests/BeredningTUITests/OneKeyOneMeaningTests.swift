import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// On every screen a key means one thing: the table that feeds the footer and the help never
/// binds one key to two actions (issue 19).
@Suite("One key, one meaning on every screen")
struct OneKeyOneMeaningTests {
    /// Every screen of the interface, reached by its keys, in each of its modes.
    static func screens() -> [(name: String, state: AppState)] {
        var out: [(String, AppState)] = []
        func add(_ name: String, _ s: AppState) { out.append((name, s)) }
        for who in ["anna", "sara", "karin", "lars"] {
            var list = state(as: who)
            add("list \(who)", list)
            list.press(.char("/"))
            add("filter \(who)", list)
            var application = state(as: who)
            PermissionScreenTests.open("2026-002", in: &application)
            add("application \(who)", application)
            var search = application
            search.press(.char("/"))
            add("search \(who)", search)
            for (key, name) in [(Key.char("H"), "history"), (.char("e"), "calculation")] {
                var t = application
                t.press(key)
                add("\(name) \(who)", t)
            }
            for (key, name) in [(Key.char("M"), "meeting"), (.char("B"), "budget"), (.char("u"), "follow-ups due")] {
                var t = state(as: who)
                t.press(key)
                add("\(name) \(who)", t)
            }
            add("follow-up \(who)", FollowUpScreenTests.followUps(as: who))
        }
        var scoring = scoringForm()
        for _ in 0..<4 {
            add("scoring \(String(describing: scoring.current))", scoring)
            scoring.press(.tab)
        }
        var wide = scoringForm(width: 140, height: 30)
        add("scoring beside the text", wide)
        wide.press(.tab)
        add("scoring comment beside the text", wide)
        var comment = state(as: "sara")
        comment.press(.char("c"))
        add("comment", comment)
        var decision = decisionForm()
        for field in DecisionForm.Field.allCases {
            add("decision \(field)", decision)
            decision.press(.tab)
        }
        var move = state(as: "karin")
        PermissionScreenTests.open("2026-002", in: &move)
        move.press(.char("m"))
        add("move menu", move)
        move.press(.enter)
        add("move reason", move)
        add("letter", LetterScreenTests().letterScreen())
        var conflict = state(as: "anna")
        PermissionScreenTests.open("2026-004", in: &conflict)
        conflict.press(.char("J"))
        add("conflict", conflict)
        var followUpForm = FollowUpScreenTests.followUps(as: "lars")
        followUpForm.press(.char("n"))
        add("follow-up form", followUpForm)
        followUpForm.press(.tab)
        add("follow-up form value", followUpForm)
        var form = ApplicationFormTests.newForm()
        for item: ApplicationFormScreen.Item in [.field("title"), .field("applicant_kind"), .field("problem.description"), .add("measurability.indicators")] {
            ApplicationFormTests.go(to: item, in: &form)
            add("application form \(item)", form)
        }
        form.press(.enter)
        add("application form row", form)
        ApplicationFormTests.go(to: .field("measurability.indicators[0].when"), in: &form)
        add("application form several choices", form)
        return out
    }

    /// "j is keyMove and keyComment" for every key two bindings share.
    static func clashes(_ bindings: [Binding]) -> [String] {
        var seen: [String: MessageKey] = [:]
        var out: [String] = []
        for binding in bindings {
            for key in binding.keys.split(separator: " ").map(String.init) {
                if let earlier = seen[key], earlier != binding.action { out.append("\(key) is \(earlier) and \(binding.action)") }
                seen[key] = binding.action
            }
        }
        return out
    }

    @Test func noKeyIsBoundTwiceOnAScreen() {
        let screens = Self.screens()
        // Each screen above is a different one: a wrong key on the way would test one screen twice.
        #expect(Set(screens.map { String(describing: $0.state.current) + String(describing: $0.state.list.filtering) }).count > 20)
        for (name, s) in screens {
            #expect(Self.clashes(Keymap.bindings(for: s)).isEmpty, "\(name)")
        }
    }

    @Test func theCheckFindsAKeyBoundTwice() {
        #expect(Self.clashes([Binding("↑↓ j k", .keyMove), Binding("k", .keyComment)]) == ["k is keyMove and keyComment"])
    }
}
