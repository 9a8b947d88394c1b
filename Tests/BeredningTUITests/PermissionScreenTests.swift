import BeredningCore
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// The role table, seen through every screen of the interface: a refused key opens nothing,
/// asks the runtime for nothing, and says why on the status line in plain Swedish.
@Suite("Permissions on every screen")
struct PermissionScreenTests {
    static let demoIDs = ["2026-001", "2026-002", "2026-003", "2026-004", "2026-005", "2026-006"]

    static let scoreRefusal = "Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen). Du kan läsa ansökan och kommentera den i stället."
    static func decisionRefusal(_ role: String) -> String { "Bara samordnaren för in kommunstyrelsens beslut (din roll: \(role))." }
    static func exportRefusal(_ role: String) -> String { "Bara samordnaren exporterar beslut (din roll: \(role))." }

    /// The demo as `member` sees it, with 2026-002 moved on to the board (`forwarded`), so the
    /// decision form's own state check cannot hide a missing role check.
    static func stateWithForwarded(as member: String) -> AppState {
        var entries = demo.entries
        let index = entries.firstIndex { $0.folder == "2026-002" }!
        var dossier = entries[index].dossier!
        dossier.application.state = .forwarded
        entries[index] = StoreEntry(folder: "2026-002", dossier: dossier, problems: [])
        let snapshot = StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: [])
        var s = AppState(snapshot: snapshot, member: BeredningTUITests.member(member), catalog: sv, otherCatalog: en, width: 80, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        return s
    }

    static func open(_ id: String, in s: inout AppState) {
        let index = s.listRows.firstIndex { $0.id == id }!
        s.press([Key](repeating: .down, count: index) + [.enter])
        guard case .application(let screen) = s.current, screen.applicationID.description == id else {
            Issue.record("\(id) did not open: \(String(describing: s.current))")
            return
        }
    }

    static func isForm(_ screen: AppState.Screen?) -> Bool {
        switch screen {
        case .scoring, .decision, .move: return true
        default: return false
        }
    }

    /// Commands a youth-panel member must never cause.
    static func forbiddenForYouth(_ command: Command) -> Bool {
        switch command {
        case .saveReview, .recordDecision, .export, .move: return true
        default: return false
        }
    }

    // MARK: The youth panel cannot score

    @Test(arguments: ["sara", "omar"])
    func theYouthPanelCannotOpenTheScoringFormFromTheList(_ who: String) {
        for (row, id) in Self.demoIDs.enumerated() {
            var s = state(as: who)
            s.press([Key](repeating: .down, count: row))
            #expect(s.listRows[s.list.selection].id == id)
            let commands = s.press(.char("p"))
            #expect(commands.isEmpty, "p on \(id)")
            #expect(s.current == nil, "p on \(id) opened \(String(describing: s.current))")
            #expect(s.status?.kind == .error)
            #expect(s.statusText == Self.scoreRefusal, "p on \(id)")
            // The refusal is on the screen, whole, not only in the state.
            #expect(s.screen.contains("Bara beredningsgruppen sätter poäng"))
            #expect(s.screen.contains("(din roll: ungdomspanelen)"))
        }
    }

    @Test(arguments: ["sara", "omar"])
    func theYouthPanelCannotOpenTheScoringFormFromAnApplication(_ who: String) {
        for id in Self.demoIDs {
            var s = state(as: who)
            Self.open(id, in: &s)
            #expect(s.press(.char("p")).isEmpty)
            guard case .application = s.current else { Issue.record("p on \(id) left the application: \(String(describing: s.current))"); continue }
            #expect(s.stack.count == 1)
            #expect(s.statusText == Self.scoreRefusal, "p in \(id)")
        }
    }

    @Test(arguments: ["sara", "omar"])
    func theYouthPanelHasNoNextReview(_ who: String) {
        var s = state(as: who)
        #expect(s.press(.char("n")).isEmpty)
        #expect(s.current == nil)
        // Not "nothing left to review" (as if she had a queue): the role is the reason.
        #expect(s.statusText == Self.scoreRefusal)
        #expect(s.status?.kind == .error)
    }

    @Test func theYouthPanelsScoringKeysDoNothingOnAnyOtherScreen() {
        // Keys that save or complete a review in the scoring form, pressed everywhere else.
        let keys: [Key] = [.char("p"), .char("n"), .ctrl("s"), .ctrl("o"), .ctrl("n"), .char("d"), .char("x"), .char("m")]
        var screens: [(String, AppState)] = []
        var list = state(as: "sara")
        screens.append(("list", list))
        list.press(.char("/"))
        screens.append(("filter", list))
        for id in Self.demoIDs {
            var s = state(as: "sara")
            Self.open(id, in: &s)
            screens.append(("application \(id)", s))
            var history = s
            history.press(.char("H"))
            screens.append(("history \(id)", history))
            var calculation = s
            calculation.press(.char("e"))
            if case .calculation = calculation.current { screens.append(("calculation \(id)", calculation)) }
            var help = s
            help.press(.char("?"))
            screens.append(("help \(id)", help))
        }
        #expect(screens.count >= 15)
        for (name, start) in screens {
            for key in keys {
                var s = start
                let commands = s.press(key)
                #expect(!commands.contains(where: Self.forbiddenForYouth), "\(key) on \(name): \(commands)")
                #expect(!s.stack.contains(where: Self.isForm), "\(key) on \(name) opened \(String(describing: s.current))")
            }
        }
    }

    // MARK: Nobody but the coordinator decides

    @Test(arguments: [("sara", "ungdomspanelen"), ("omar", "ungdomspanelen"), ("anna", "beredningsgruppen"),
                      ("bengt", "beredningsgruppen"), ("karin", "styrgruppen")])
    func onlyTheCoordinatorOpensTheDecisionForm(_ who: String, _ role: String) {
        for id in Self.demoIDs {
            var s = Self.stateWithForwarded(as: who)
            Self.open(id, in: &s)
            #expect(s.press(.char("d")).isEmpty)
            guard case .application = s.current else { Issue.record("d on \(id) opened \(String(describing: s.current))"); continue }
            // Even on the forwarded application, where the state would allow it: the role is the reason.
            #expect(s.statusText == Self.decisionRefusal(role), "d in \(id) as \(who)")
            #expect(s.status?.kind == .error)
        }
    }

    @Test func theCoordinatorDoesOpenItOnTheForwardedApplication() {
        // The refusals above are about the role: the same key opens the form for Lars.
        var s = Self.stateWithForwarded(as: "lars")
        Self.open("2026-002", in: &s)
        s.press(.char("d"))
        guard case .decision = s.current else { Issue.record("the coordinator got \(String(describing: s.current)), \(s.statusText ?? "")"); return }
    }

    @Test(arguments: ["anna", "sara"])
    func noKeyOnAnyScreenRecordsADecisionForANonCoordinator(_ who: String) {
        // Every key of the keymap from every screen the member reaches, and after each one the
        // keys that save; on the forwarded application, where only the role stands in the way.
        var alphabet: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right,
                               .home, .end, .pageUp, .pageDown, .ctrlLeft, .ctrlRight, .function(1), .function(4)]
        alphabet += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?. åäö".map { Key.char($0) }
        alphabet += "abcdefghijklmnopqrstuvwxy".map { Key.ctrl($0) }
        let saving: [Key] = [.ctrl("s"), .ctrl("o"), .ctrl("n"), .enter]
        var starts: [AppState] = [Self.stateWithForwarded(as: who)]
        for id in Self.demoIDs {
            var s = Self.stateWithForwarded(as: who)
            Self.open(id, in: &s)
            starts.append(s)
        }
        var presses = 0, screensReached = 0
        for start in starts {
            for key in [nil] + alphabet.map(Optional.some) {
                var s = start
                var commands = key.map { s.press($0) } ?? []
                // The saving keys after every key that led somewhere else (a form, a menu).
                if key == nil || s.stack != start.stack || s.modal != start.modal {
                    screensReached += 1
                    for save in saving {
                        var t = s
                        // j answers the question a move or a decision would ask.
                        commands += t.press(save, .char("j"))
                        presses += 1
                        #expect(!t.stack.contains { if case .decision = $0 { true } else { false } }, "\(String(describing: key)), \(save) as \(who)")
                    }
                }
                presses += 1
                #expect(!commands.contains { if case .recordDecision = $0 { true } else { false } }, "\(String(describing: key)) as \(who): \(commands)")
                #expect(!commands.contains { if case .export = $0 { true } else { false } }, "\(String(describing: key)) as \(who): \(commands)")
            }
        }
        #expect(presses > 600)
        #expect(screensReached > 30)
    }

    // MARK: Moving

    /// The moves each role may make, written out here rather than taken from `Workflow`, so that
    /// a change to the role table shows up as a failing test.
    static let allowedMoves: [Role: Set<Transition>] = [
        .preparationGroup: [],
        .youthPanel: [],
        .steeringGroup: [.returnForCompletion, .forward],
        .coordinator: [.startPreparation, .toSteeringGroup, .resumePreparation, .approve, .reject, .sendFeedback,
                       .start, .closeImplemented, .closeEnded, .closeDiscontinued],
    ]

    @Test(arguments: ["anna", "bengt", "cecilia", "sara", "omar", "karin", "lars"])
    func theMoveScreenOffersOnlyWhatTheRoleMayDo(_ who: String) {
        let role = member(who).role
        for id in Self.demoIDs {
            var s = state(as: who)
            Self.open(id, in: &s)
            let applicationState = s.dossier(ApplicationID(id)!)!.application.state
            let expected = Transition.allCases.filter { $0.from.contains(applicationState) && Self.allowedMoves[role]!.contains($0) }
            let commands = s.press(.char("m"))
            #expect(commands.isEmpty)
            if expected.isEmpty {
                #expect(!s.stack.contains(where: Self.isForm), "m in \(id) as \(who) opened \(String(describing: s.current))")
                let text = s.statusText ?? ""
                // Who moves it instead, from this test's own table of the roles' moves.
                let movers = Role.allCases.filter { mover in Self.allowedMoves[mover]!.contains { $0.from.contains(applicationState) } }
                let who = movers.isEmpty ? "från den statusen flyttas den inte vidare" : "det gör " + sv(.list(movers.map { .message($0.label) }))
                #expect(text == "Du kan inte flytta en ansökan med status \(sv.label(applicationState)) (din roll: \(sv.label(role))); \(who).",
                        "m in \(id) as \(who)")
                #expect(s.status?.kind == .error)
            } else {
                guard case .move(let screen) = s.current else { Issue.record("m in \(id) as \(who): \(s.statusText ?? "")"); continue }
                #expect(screen.options == expected, "m in \(id) as \(who)")
                // Choosing each option gives only an allowed move, or asks for its reason.
                for index in screen.options.indices {
                    var t = s
                    t.press([Key](repeating: .down, count: index))
                    // j answers the question every move asks.
                    for command in t.press(.enter, .char("j")) {
                        guard case .move(_, let transition, _, _, _) = command else { Issue.record("\(command)"); continue }
                        #expect(Self.allowedMoves[role]!.contains(transition))
                    }
                }
            }
        }
    }

    @Test func theYouthPanelsMoveRefusalNamesStateAndRole() {
        var s = state(as: "sara")
        Self.open("2026-002", in: &s)
        s.press(.char("m"))
        #expect(s.statusText == "Du kan inte flytta en ansökan med status styrgrupp (din roll: ungdomspanelen); det gör styrgruppen.")
        #expect(s.screen.contains("Du kan inte flytta en ansökan med status styrgrupp"))
    }

    @Test func theSteeringGroupCannotOverrideTheGate() {
        // Only the coordinator may move past what is missing; the steering group never reaches
        // that choice, and a preparation-group member has no move at all.
        var s = state(as: "karin")
        Self.open("2026-003", in: &s)
        s.press(.char("m"))
        #expect(s.statusText == "Du kan inte flytta en ansökan med status beredning (din roll: styrgruppen); det gör samordnare.")
    }

    // MARK: Export

    @Test(arguments: [("sara", "ungdomspanelen"), ("anna", "beredningsgruppen"), ("karin", "styrgruppen")])
    func onlyTheCoordinatorExports(_ who: String, _ role: String) {
        var s = state(as: who)
        #expect(s.press(.char("x")).isEmpty)
        #expect(s.modal == nil)
        #expect(s.statusText == Self.exportRefusal(role))
        for id in Self.demoIDs {
            var t = state(as: who)
            Self.open(id, in: &t)
            #expect(t.press(.char("x")).isEmpty)
            #expect(t.modal == nil, "x in \(id) as \(who)")
            #expect(t.statusText == Self.exportRefusal(role))
            // Enter after the refused x must not pick an export either.
            #expect(t.press(.enter).isEmpty)
        }
    }

    // MARK: What the youth panel may do: comment

    @Test func theYouthPanelComments() {
        var s = state(as: "sara")
        Self.open("2026-001", in: &s)
        s.press(.char("c"))
        guard case .comment(let form) = s.current else { Issue.record("no comment form: \(s.statusText ?? "")"); return }
        #expect(form.applicationID.description == "2026-001")
        #expect(s.statusText == nil)
        s.type("Bra idé – men hur når ni barnen?")
        let commands = s.press(.ctrl("s"))
        guard case .saveComment(let comment) = commands.first, commands.count == 1 else { Issue.record("\(commands)"); return }
        #expect(comment.author == MemberID("sara")!)
        #expect(comment.applicationID.description == "2026-001")
        #expect(comment.text == "Bra idé – men hur når ni barnen?")
        // From the list, too.
        var list = state(as: "omar")
        list.press(.char("c"))
        guard case .comment = list.current else { Issue.record("c in the list: \(list.statusText ?? "")"); return }
    }

    @Test(arguments: [("anna", "beredningsgruppen", "Du kan läsa kommentarerna; din egen bedömning skriver du i granskningen."),
                      ("karin", "styrgruppen", "Du kan läsa kommentarerna."), ("lars", "samordnare", "Du kan läsa kommentarerna.")])
    func othersDoNotCommentAsTheYouthPanelAndHearWhatTheyCanDo(_ who: String, _ role: String, _ instead: String) {
        var s = state(as: who)
        #expect(s.press(.char("c")).isEmpty)
        #expect(s.current == nil)
        #expect(s.statusText == "Kommentarer skrivs av ungdomspanelen (din roll: \(role)). \(instead)")
    }

    // MARK: A preparation-group member with a conflict of interest

    @Test func aConflictOfInterestStopsTheScoringFormAndSaysWhy() {
        var s = state(as: "cecilia")
        Self.open("2026-003", in: &s)
        #expect(s.press(.char("p")).isEmpty)
        guard case .application = s.current else { Issue.record("opened \(String(describing: s.current))"); return }
        let text = s.statusText ?? ""
        #expect(text.hasPrefix("Du har anmält jäv för 2026-003 ("))
        #expect(text.hasSuffix("och kan därför inte granska den ansökan."))
    }

    // MARK: Refusals are plain Swedish, never empty, and name the reason

    @Test func everyRefusalIsPlainSwedishThatNamesTheRole() {
        var refusals: [String] = []
        for (who, keys) in [("sara", [Key.char("p")]), ("sara", [.char("n")]), ("sara", [.char("x")]),
                            ("sara", [.enter, .char("p")]), ("sara", [.enter, .char("d")]), ("sara", [.enter, .char("m")]),
                            ("sara", [.enter, .char("x")]), ("anna", [.enter, .char("d")]), ("anna", [.char("x")]),
                            ("anna", [.char("c")]), ("anna", [.enter, .char("m")])] {
            var s = state(as: who)
            s.press(keys)
            let text = s.statusText ?? ""
            refusals.append(text)
            #expect(!text.isEmpty, "\(who) \(keys)")
            #expect(text.contains("(din roll: "), "\(who) \(keys): \(text)")
            #expect(text.hasSuffix("."), "a sentence: \(text)")
            // No ids, keys or English: words a member reads.
            for leak in ["score_review", "record_decision", "refusal.", "youth_panel", "preparation_group", "{", "}", "Optional", "only "] {
                #expect(!text.contains(leak), "\(text)")
            }
        }
        #expect(Set(refusals).count >= 5)
    }

    @Test func aRefusalFitsOnANarrowScreen() {
        // At the smallest size the refusal still reads in full: the status takes more lines.
        var s = state(as: "sara", width: 40, height: 12)
        s.press(.char("p"))
        let flat = s.screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains("Bara beredningsgruppen sätter poäng (din roll:"))
        #expect(flat.contains("ungdomspanelen)."))
    }
}
