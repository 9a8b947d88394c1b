import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// The coordinator's application form (issue 18): every section and list, rows added, removed
/// and reordered, values checked as they are typed, the automatic checks beside it, and a save
/// that carries exactly what is on screen.
@Suite("The application form")
struct ApplicationFormTests {
    /// The form for a new application, opened from the list with N as the coordinator.
    static func newForm(width: Int = 80, height: Int = 24, idea: Bool = false) -> AppState {
        var s = state(as: "lars", width: width, height: height)
        s.press(.char(idea ? "I" : "N"))
        return s
    }

    static func editForm(_ id: String, width: Int = 80, height: Int = 24) -> AppState {
        var s = state(as: "lars", width: width, height: height)
        PermissionScreenTests.open(id, in: &s)
        s.press(.char("E"))
        return s
    }

    static func lines(_ s: AppState) -> [String] { s.screen.components(separatedBy: "\n") }

    static func form(_ s: AppState) -> ApplicationFormScreen? {
        if case .applicationForm(let form) = s.current { return form }
        return nil
    }

    /// Presses Tab (or Shift-Tab, for an item above) until the cursor is on `item`.
    static func go(to item: ApplicationFormScreen.Item, in s: inout AppState) {
        let items = form(s)?.items ?? []
        let back = (items.firstIndex(of: item) ?? 0) < (form(s).flatMap { items.firstIndex(of: $0.focus) } ?? 0)
        for _ in 0..<400 where form(s)?.focus != item { s.press(back ? .backTab : .tab) }
        #expect(form(s)?.focus == item)
    }

    @Test func onlyTheCoordinatorOpensIt() {
        for who in ["anna", "sara", "karin"] {
            var s = state(as: who)
            s.press(.char("N"))
            #expect(Self.form(s) == nil)
            #expect(s.status?.kind == .error)
            #expect(s.statusText?.isEmpty == false)
            var e = state(as: who)
            PermissionScreenTests.open("2026-002", in: &e)
            e.press(.char("E"))
            #expect(Self.form(e) == nil)
        }
        #expect(Self.form(Self.newForm()) != nil)
    }

    @Test func at80x24TheChecksStandBesideTheFormAndTheCursorIsInTheTitle() {
        let s = Self.newForm()
        let buffer = Frame.render(s)
        let lines = buffer.text.components(separatedBy: "\n")
        #expect(lines[1].hasPrefix("Ny ansökan"))
        #expect(lines[2].contains("── Om ansökan") && lines[2].contains("│ Kontroller"))
        // Every core criterion has a line in the checks column, missing in an empty form.
        for name in ["Definierat problem", "Målgrupp", "Evidens", "Samverkan"] {
            #expect(lines.contains { $0.contains("│ ✗ " + name) }, "\(name)")
        }
        let label = lines.firstIndex { $0.hasPrefix("▸ Insatsens namn") }!
        #expect(buffer.cursor?.y == label + 1)
        #expect(buffer.cursor?.x == 4)
        #expect(lines.last?.contains("Ctrl-S spara ansökan") == true)
    }

    @Test func at40x12TheChecksAreOneLineAndTheFocusStaysInView() {
        var s = Self.newForm(width: 40, height: 12)
        var lines = s.screen.components(separatedBy: "\n")
        #expect(lines[2].hasPrefix("Kontroller:  ✗ 6"))
        #expect(!lines.contains { $0.contains("│") })
        // Far down the form, in the calculation, the focused field and the cursor are on screen.
        for _ in 0..<12 { s.press(.pageDown) }
        let buffer = Frame.render(s)
        lines = buffer.text.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("▸ ") })
        let cursor = buffer.cursor!
        #expect(cursor.y >= 3 && cursor.y < 12 - 2)
        var p = Self.newForm(width: 40, height: 12)
        p.press(.pageDown)
        #expect(p.screen.contains("▸ Problemet"))
        // The section's own check is said under its heading.
        #expect(Self.lines(p).contains { $0.hasPrefix("  ✗ ") })
    }

    @Test func aTitleIsNeededAndTheSaveCarriesWhatIsTyped() {
        var s = Self.newForm()
        #expect(s.press(.ctrl("s")).isEmpty)
        #expect(s.statusText == "Om ansökan: ”Insatsens namn” måste fyllas i.")
        #expect(Self.form(s)?.focus == .field("title"))
        #expect(s.screen.contains("Måste fyllas i."))
        s.type("Läxhjälp i Nödinge")
        s.press(.tab)
        s.type("Sektor utbildning")
        s.press(.tab, .right)
        let commands = s.press(.ctrl("s"))
        guard case .saveApplication(let application, let basis)? = commands.first else { Issue.record("\(commands)"); return }
        #expect(basis == nil)
        #expect(application.title == "Läxhjälp i Nödinge")
        #expect(application.applicant == "Sektor utbildning")
        #expect(application.applicantKind == .municipal)
        #expect(application.state == .received)
        // Saved: the form closes and the store is read again.
        #expect(s.update(.saved(Message(.appformRegistered, ["id": .text("2026-007")]))) == [.reload])
        #expect(Self.form(s) == nil)
        #expect(s.statusText?.hasPrefix("Ansökan är registrerad som 2026-007.") == true)
    }

    @Test func aNumberThatDoesNotReadIsSaidUnderItsFieldAsItIsTyped() {
        var s = Self.newForm()
        Self.go(to: .field("target_group.age_min"), in: &s)
        s.type("12")
        #expect(!s.screen.contains("är inte ett heltal"))
        s.type("x")
        #expect(s.screen.contains("”12x” är inte ett heltal (till exempel 40)."))
        #expect(s.screen.contains("1 fel i formuläret") || s.screen.contains("2 fel i formuläret"))
        s.press(.backspace)
        #expect(!s.screen.contains("är inte ett heltal"))
        #expect(Self.form(s)?.reading.application.targetGroup.ageMin == 12)
    }

    @Test func theChecksBesideFollowTheTyping() {
        var s = Self.newForm()
        Self.go(to: .field("target_group.age_min"), in: &s)
        #expect(Self.form(s)?.checks[1].verdict == .missing)
        #expect(s.screen.contains("│ ✗ Målgrupp"))
        // The findings of the section in focus are listed under its criterion.
        #expect(s.screen.contains(sv(.checkTargetNoAges).prefix(20)))
        s.type("13")
        s.press(.tab)
        s.type("16")
        s.press(.tab)
        s.type("120")
        let after = Self.form(s)!.checks[1]
        #expect(after.verdict == .warning, "\(after)")
        #expect(s.screen.contains("│ ! Målgrupp"))
        #expect(!s.screen.contains(sv(.checkTargetNoAges).prefix(20)))
    }

    @Test func rowsAreAddedRemovedAndReordered() {
        var s = Self.newForm()
        Self.go(to: .add("actors"), in: &s)
        #expect(s.screen.contains("+ Lägg till: Aktör 1"))
        s.press(.enter)
        #expect(Self.form(s)?.focus == .field("actors[0].name"))
        s.type("Skolan")
        s.press(.function(5))
        #expect(Self.form(s)?.focus == .field("actors[1].name"))
        s.type("Socialtjänsten")
        #expect(Self.form(s)?.rows["actors"] == 2)
        // F7 moves the row up, and the cursor with it.
        s.press(.function(7))
        #expect(Self.form(s)?.text("actors[0].name") == "Socialtjänsten")
        #expect(Self.form(s)?.text("actors[1].name") == "Skolan")
        #expect(Self.form(s)?.focus == .field("actors[0].name"))
        #expect(s.press(.function(7)).isEmpty)
        #expect(s.statusText == "Raden står redan först eller sist.")
        // A row with text in it goes on the second F6 only.
        s.press(.function(6))
        #expect(s.statusText == "Aktör 1 har text i sig. Tryck F6 igen för att ta bort den.")
        #expect(Self.form(s)?.rows["actors"] == 2)
        s.press(.function(6))
        #expect(Self.form(s)?.rows["actors"] == 1)
        #expect(Self.form(s)?.text("actors[0].name") == "Skolan")
        // An empty row goes at once; with none left the cursor is on the add line.
        s.press(.function(5))
        s.press(.function(6))
        #expect(Self.form(s)?.rows["actors"] == 1)
        s.press(.function(6), .function(6))
        #expect(Self.form(s)?.rows["actors"] == 0)
        #expect(Self.form(s)?.focus == .add("actors"))
        // Rows are for lists: elsewhere F5 says where they are.
        Self.go(to: .field("title"), in: &s)
        s.press(.function(5))
        #expect(s.statusText?.hasPrefix("Rader finns bara i listorna") == true)
    }

    @Test func aListGrowsPastTheWordFormsRows() {
        var s = Self.newForm()
        Self.go(to: .add("intervention.activities"), in: &s)
        for n in 1...12 {
            s.press(.enter)
            s.type("Aktivitet nummer \(n)")
            s.press(.tab)
        }
        #expect(Self.form(s)?.reading.application.intervention.activities.count == 12)
        #expect(Self.form(s)?.reading.application.intervention.activities.last == "Aktivitet nummer 12")
    }

    @Test func choicesArePickedNotTyped() {
        var s = Self.newForm()
        Self.go(to: .field("applicant_kind"), in: &s)
        s.press(.right)
        #expect(Self.form(s)?.text("applicant_kind") == "municipal")
        #expect(s.screen.contains("‹ kommunal ›"))
        s.press(.left)
        #expect(Self.form(s)?.text("applicant_kind") == "")
        s.press(.left)
        #expect(Self.form(s)?.reading.application.applicantKind == ActorKind.allCases.last)
        // Several choices: ← → move between them, Space ticks.
        Self.go(to: .add("measurability.indicators"), in: &s)
        s.press(.enter)
        s.type("Andel")
        Self.go(to: .field("measurability.indicators[0].when"), in: &s)
        s.press(.char(" "), .right, .right, .char(" "))
        #expect(Self.form(s)?.reading.application.measurability.indicators.first?.when == [MeasurePoint.allCases[0], MeasurePoint.allCases[2]])
        #expect(s.screen.contains("[x] "))
    }

    @Test func anEditStartsFromTheApplicationAndSavesAgainstIt() {
        var s = Self.editForm("2026-002")
        let original = demo.entry(ApplicationID("2026-002")!)!.dossier!.application
        guard let form = Self.form(s) else { Issue.record("no form"); return }
        #expect(form.basis == original)
        #expect(form.reading.problems.isEmpty, "\(form.reading.problems)")
        // Read back unchanged, the form is the application exactly.
        #expect(form.reading.application == original)
        #expect(s.screen.contains("Ändra 2026-002"))
        #expect(s.press(.ctrl("s")).isEmpty)
        #expect(s.statusText == "Inget är ändrat, så inget sparades.")
        s.type(" (reviderad)")
        let commands = s.press(.ctrl("s"))
        guard case .saveApplication(let saved, let basis)? = commands.first else { Issue.record("\(commands)"); return }
        #expect(basis == original)
        #expect(saved.title == original.title + " (reviderad)")
        var expected = original
        expected.title = saved.title
        #expect(saved == expected)
    }

    @Test func leavingWithChangesAsksAndTheSaveIsTheApplication() {
        var s = Self.editForm("2026-002")
        s.press(.escape)
        #expect(Self.form(s) == nil)
        s.press(.char("E"))
        s.type("!")
        s.press(.escape)
        #expect(s.modal == .confirmLeave)
        #expect(s.screen.contains("Vill du spara ansökan innan du lämnar formuläret?"))
        let commands = s.press(.char("s"))
        guard case .saveApplication? = commands.first else { Issue.record("\(commands)"); return }
        s.press(.escape)
        s.press(.char("l"))
        #expect(Self.form(s) == nil)
    }

    @Test func aPasteAndTheExternalEditorWriteIntoTheFieldInFocus() {
        var s = Self.newForm()
        _ = s.update(.text("Läxhjälp\r\ni Nödinge"))
        #expect(Self.form(s)?.text("title") == "Läxhjälp i Nödinge")
        #expect(s.press(.ctrl("e")).isEmpty)
        #expect(s.statusText == sv(.tuiEditorLongTextsOnly))
        Self.go(to: .field("problem.description"), in: &s)
        #expect(s.press(.ctrl("e")) == [.openEditor(text: "")])
        _ = s.update(.editorFinished("Första stycket.\n\nAndra stycket."))
        #expect(Self.form(s)?.reading.application.problem.description == "Första stycket.\n\nAndra stycket.")
        _ = s.update(.text("\r\nTredje."))
        #expect(Self.form(s)?.text("problem.description") == "Första stycket.\n\nAndra stycket.\nTredje.")
    }

    @Test func afterAColleaguesChangeTheReloadKeepsTheTypingAndTakesTheRest() {
        var s = Self.editForm("2026-002")
        s.type(" (reviderad)")
        let theirs = changedDemo("2026-002") { $0.application.problem.localExtent = "Kollegans nya siffror." }
        _ = s.update(.stale(["Någon annan har ändrat 2026-002/application.toml."]))
        #expect(s.press(.enter) == [.reload])
        _ = s.update(.reloaded(theirs))
        guard let form = Self.form(s) else { Issue.record("the form closed"); return }
        #expect(form.text("title").hasSuffix(" (reviderad)"))
        #expect(form.text("problem.local_extent") == "Kollegans nya siffror.")
        #expect(form.basis?.problem.localExtent == "Kollegans nya siffror.")
        guard case .saveApplication(let saved, _)? = s.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(saved.problem.localExtent == "Kollegans nya siffror.")
        #expect(saved.title.hasSuffix(" (reviderad)"))
    }

    @Test func anIdeaHasTheShortForm() {
        let s = Self.newForm(idea: true)
        guard let form = Self.form(s) else { Issue.record("no form"); return }
        let paths = form.items.compactMap { if case .field(let p) = $0 { p } else { nil } }
        #expect(paths == ["title", "applicant", "idea_giver", "idea.rough_cost", "idea.months", "problem.description", "target_group.description"])
        #expect(form.items.contains(.add("actors")))
        #expect(s.screen.contains("Ny idé"))
        var t = s
        t.type("Mötesplats för unga")
        Self.go(to: .field("idea.rough_cost"), in: &t)
        t.type("1,2 mnkr")
        t.press(.tab)
        t.type("18")
        guard case .saveApplication(let idea, nil)? = t.press(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(idea.state == .idea)
        #expect(idea.idea == IdeaSketch(roughCost: 1_200_000, months: 18))
    }

    @Test func openedAloneClosingTheFormEndsTheProgram() {
        var s = state(as: "lars")
        #expect(s.startOnForm(edit: nil, idea: false, title: "Läxhjälp") == nil)
        #expect(Self.form(s)?.text("title") == "Läxhjälp")
        #expect(Self.form(s)?.focus == .field("applicant"))
        #expect(s.press(.escape).isEmpty)
        // The title from the command line is typing too: leaving asks, and throws its draft away.
        let draft = s.recoveryDraft
        guard case .applicationForm(let kept)? = draft else { Issue.record("no draft"); return }
        #expect(kept.changes == ["title": "Läxhjälp"])
        #expect(s.press(.char("l")) == [.discardDraft(draft), .quit])
        var refused = state(as: "anna")
        #expect(refused.startOnForm(edit: nil, idea: false, title: "") != nil)
        var edit = state(as: "lars")
        #expect(edit.startOnForm(edit: ApplicationID("2026-003"), idea: false, title: "") == nil)
        #expect(edit.press(.escape) == [.quit])
    }

    @Test func unsavedTypingIsARecoveryDraftThatComesBackOverAColleaguesChange() {
        var s = Self.editForm("2026-002")
        #expect(s.recoveryDraft == nil)
        s.type(" (reviderad)")
        Self.go(to: .add("actors"), in: &s)
        s.press(.enter)
        s.type("Fritidsgården")
        guard case .applicationForm(let draft)? = s.recoveryDraft else { Issue.record("no draft"); return }
        let title = demo.entry(ApplicationID("2026-002")!)!.dossier!.application.title + " (reviderad)"
        #expect(draft.applicationID == ApplicationID("2026-002"))
        #expect(draft.changes["title"] == title)
        #expect(draft.changes.count == 2, "\(draft.changes)")
        let actors = Self.form(s)!.rows["actors"]!
        // Next session: a colleague has changed another field meanwhile.
        var next = state(as: "lars")
        _ = next.update(.reloaded(changedDemo("2026-002") { $0.application.problem.localExtent = "Kollegans nya siffror." }))
        _ = next.update(.draftFound(.applicationForm(draft)))
        #expect(next.screen.contains("Dina ändringar i ansökan 2026-002 i formuläret sparades inte"))
        next.press(.enter)
        guard let form = Self.form(next) else { Issue.record("no form"); return }
        #expect(form.text("title") == title)
        #expect(form.rows["actors"] == actors)
        #expect(form.text("actors[\(actors - 1)].name") == "Fritidsgården")
        #expect(form.text("problem.local_extent") == "Kollegans nya siffror.")
        #expect(form.isDirty)
        // A new application's draft opens a new form.
        var new = Self.newForm(idea: true)
        new.type("Mötesplats")
        guard case .applicationForm(let idea)? = new.recoveryDraft else { Issue.record("no draft"); return }
        #expect(idea.applicationID == nil && idea.idea)
        var later = state(as: "lars")
        _ = later.update(.draftFound(.applicationForm(idea)))
        #expect(later.screen.contains("Den nya idén du började skriva i formuläret sparades inte"))
        later.press(.enter)
        #expect(Self.form(later)?.idea == true)
        #expect(Self.form(later)?.text("title") == "Mötesplats")
    }

    @Test func startedOnTheFormADraftIsOfferedBeforeAnythingIsTyped() {
        let draft = RecoveryDraft.comment(YouthComment(applicationID: ApplicationID("2026-003")!, author: MemberID("lars")!,
                                                       time: .init(timeIntervalSince1970: 0), about: .whole, text: "Kvar från i går"))
        var s = state(as: "lars")
        _ = s.startOnForm(edit: ApplicationID("2026-002"), idea: false, title: "")
        _ = s.update(.draftFound(draft))
        #expect(s.modal == .restoreDraft(draft))
        // Once the member has typed in the form, nothing is put over it.
        var typed = state(as: "lars")
        _ = typed.startOnForm(edit: ApplicationID("2026-002"), idea: false, title: "")
        typed.type("x")
        _ = typed.update(.draftFound(draft))
        #expect(typed.modal == nil)
        // In the interface, a form opened from the list is not interrupted either.
        var list = Self.editForm("2026-002")
        _ = list.update(.draftFound(draft))
        #expect(list.modal == nil)
    }

    /// Screen readers and magnifiers follow the terminal's cursor: on a choice, an option and
    /// an add line it stands on them, as in a text field.
    @Test func theCursorIsOnWhatHasFocusEverywhereInTheForm() {
        var s = Self.newForm()
        Self.go(to: .field("applicant_kind"), in: &s)
        #expect(Frame.render(s).atCursor.hasPrefix("(tomt) ›"))
        s.press(.right)
        #expect(Frame.render(s).atCursor.hasPrefix("kommunal ›"))
        Self.go(to: .add("intervention.activities"), in: &s)
        #expect(Frame.render(s).atCursor.hasPrefix("+ Lägg till: Aktivitet 1"))
        Self.go(to: .add("measurability.indicators"), in: &s)
        s.press(.enter)
        Self.go(to: .field("measurability.indicators[0].when"), in: &s)
        #expect(Frame.render(s).atCursor.hasPrefix("[ ] efter 1 år"))
        s.press(.right, .char(" "))
        #expect(Frame.render(s).atCursor.hasPrefix("[x] efter 4 år"))
        for width in [80, 40] {
            var narrow = Self.newForm(width: width, height: width == 80 ? 24 : 12)
            Self.go(to: .field("early_timing.level"), in: &narrow)
            #expect(Frame.render(narrow).atCursor.hasPrefix("(tomt) ›"), "\(width)")
        }
    }
}
