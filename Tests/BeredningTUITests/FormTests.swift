import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("The scoring form")
struct ScoringFormTests {
    /// Anna on 2026-005, which nobody has reviewed.
    func openForm() -> AppState {
        var s = state(as: "anna")
        s.press(.char("G"), .char("k"), .char("p"))
        return s
    }

    var form: (AppState) -> ScoringForm? = { s in
        if case .scoring(let form) = s.current { return form }
        return nil
    }

    @Test func opensOnTheFirstScoreWithTheScaleAndGuidance() throws {
        let s = openForm()
        let f = try #require(form(s))
        #expect(f.applicationID.description == "2026-005")
        #expect(f.focused == .score(.problem))
        let screen = s.screen
        #expect(screen.contains("Granskning av 2026-005 Familjehuset Klippan  utkast"))
        #expect(screen.contains("▸ Poäng:  1 saknas   2 svagt   3 godtagbart   4 starkt   x kan ej bedömas"))
        #expect(screen.contains("Vad är problemet, hur stort är det här hos oss"))
    }

    @Test func aWholeReviewWithTheKeyboardAlone() throws {
        var s = openForm()
        let criteria = demo.config.criteria.all
        for (index, criterion) in criteria.enumerated() {
            if index == 2 { s.press(.char("x")) } else { s.press(.char(Character(String(1 + index % 4)))) }
            s.press(.tab)
            s.type("Kommentar om \(criterion.name.sv): åäö ÅÄÖ – ≥ 3")
            s.press(.tab)
        }
        #expect(form(s)?.focused == .recommendation)
        s.press(.right, .right, .right)  // approve → reject → needs completion
        s.press(.tab)
        s.type("Sammanfattning.")
        #expect(form(s)?.isDirty == true)
        let commands = s.press(.ctrl("o"))
        guard case .saveReview(let review) = commands.first else { Issue.record("no save: \(commands) \(s.statusText ?? "")"); return }
        #expect(review.status == .complete)
        #expect(review.recommendation == .needsCompletion)
        #expect(review.summary == "Sammanfattning.")
        #expect(review.assessments[.problem] == Assessment(score: .points(1), comment: "Kommentar om Definierat problem: åäö ÅÄÖ – ≥ 3"))
        #expect(review.assessments[.evidence]?.score == .cannotJudge)
        #expect(review.assessments.count == criteria.count)
        // The store confirms: the form stays, now saved.
        _ = s.update(.saved(Message(.uiSavedComplete)))
        #expect(form(s)?.isDirty == false)
        #expect(s.statusText?.hasPrefix("Granskningen är klar och sparad") == true)
    }

    @Test func markingCompleteSaysWhatIsMissing() {
        var s = openForm()
        s.press(.char("3"))
        #expect(s.press(.ctrl("o")) == [])
        #expect(s.statusText == "Kriteriet ”Definierat problem” har ingen kommentar. (och 13 till)")
    }

    @Test func aDraftMayBeIncomplete() {
        var s = openForm()
        s.press(.char("3"), .tab)
        s.type("Halvfärdig")
        let commands = s.press(.ctrl("s"))
        guard case .saveReview(let review) = commands.first else { Issue.record("no save"); return }
        #expect(review.status == .draft)
        #expect(review.assessments[.problem] == Assessment(score: .points(3), comment: "Halvfärdig"))
    }

    @Test func scoresOutsideTheScaleAreRefused() {
        var s = openForm()
        s.press(.char("7"))
        #expect(form(s)?.review.assessments[.problem]?.score == nil)
        #expect(s.statusText == "Poängen går från 1 till 4; x betyder kan ej bedömas.")
        s.press(.right, .right, .right, .right, .right)
        #expect(form(s)?.review.assessments[.problem]?.score == .points(4))
        s.press(.backspace)
        #expect(form(s)?.review.assessments[.problem]?.score == nil)
    }

    @Test func leavingWithUnsavedChangesAsksAndNoIsTheDefault() throws {
        var s = openForm()
        s.press(.char("2"))
        s.press(.escape)
        #expect(s.modal == .confirmLeave)
        #expect(s.screen.contains("Osparade ändringar"))
        s.press(.enter)  // the default: stay
        #expect(s.modal == nil)
        #expect(form(s) != nil)
        s.press(.escape, .char("s"))  // save the draft and leave once it is saved
        #expect(form(s)?.afterSave == .leave)
        _ = s.update(.saved(Message(.uiSavedDraft)))
        #expect(s.current == nil)
    }

    @Test func aFailedSaveKeepsEverythingTyped() throws {
        var s = openForm()
        s.press(.tab)
        s.type("Viktig text")
        s.press(.escape, .char("s"))
        _ = s.update(.failed(["Det gick inte att spara: disken är full."]))
        let f = try #require(form(s))
        #expect(f.comments[.problem]?.text == "Viktig text")
        #expect(s.statusText == "Det gick inte att spara: disken är full.")
    }

    @Test func leavingWithoutSavingIsAChoiceNotAnAccident() {
        var s = openForm()
        s.press(.char("2"), .escape, .char("l"))
        #expect(s.current == nil)
        #expect(s.statusText == "Ändringarna kastades.")
    }

    @Test func ctrlCWithUnsavedWorkAsksBeforeQuitting() {
        var s = openForm()
        s.press(.tab)
        s.type("Mitt i en mening")
        #expect(s.press(.ctrl("c")) == [])
        #expect(s.modal == .confirmQuit)
        #expect(s.press(.escape) == [])
        #expect(form(s)?.comments[.problem]?.text == "Mitt i en mening")
        s.press(.ctrl("c"))
        #expect(s.press(.char("a")) == [.quit])
    }

    @Test func theExternalEditorReplacesTheFocusedText() {
        var s = openForm()
        s.press(.tab)
        s.type("gammal")
        #expect(s.press(.ctrl("e")) == [.openEditor(text: "gammal")])
        _ = s.update(.editorFinished("ny text\nmed två rader"))
        #expect(form(s)?.comments[.problem]?.text == "ny text\nmed två rader")
        _ = s.update(.editorFinished(nil))  // unchanged or failed: keeps the text
        #expect(form(s)?.comments[.problem]?.text == "ny text\nmed två rader")
    }

    @Test func aPasteIsInsertedAsText() {
        var s = openForm()
        s.press(.tab)
        _ = s.update(.text("rad ett\r\nrad två"))
        #expect(form(s)?.comments[.problem]?.text == "rad ett\nrad två")
    }

    @Test func saveAndNextOpensTheApplicationThatMostNeedsMe() {
        var s = openForm()
        s.press(.char("3"))
        let commands = s.press(.ctrl("n"))
        guard case .saveReview = commands.first else { Issue.record("no save"); return }
        let after = s.update(.saved(Message(.uiSavedDraft)))
        #expect(after.contains(.reload))
        #expect(form(s)?.applicationID.description == "2026-004")
    }

    @Test func othersScoresStayHiddenUntilMyReviewIsComplete() {
        var s = state(as: "bengt")
        s.press(.char("j"), .char("j"), .enter)  // 2026-003, where Bengt's review is a draft
        let screen = s.screen
        #expect(screen.contains("Kollegornas poäng visas när din egen granskning är klar."))
        #expect(!screen.contains("medel 4,0"))
    }
}

@Suite("The youth panel's comment form")
struct CommentFormTests {
    @Test func writingAndSavingAComment() {
        var s = state(as: "sara")
        s.press(.char("c"))
        guard case .comment = s.current else { Issue.record("no form"); return }
        #expect(s.screen.contains("Kommentar till 2026-001 Fotosyntes"))
        s.type("Jättebra idé, men hur når ni de som inte går till skolan alls? åäö")
        s.press(.tab, .right, .tab)  // topic: methods
        let commands = s.press(.ctrl("s"))
        #expect(commands == [.saveComment(YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!,
                                                       time: Date(timeIntervalSince1970: 1_780_000_000), about: .methods,
                                                       text: "Jättebra idé, men hur når ni de som inte går till skolan alls? åäö"))])
        _ = s.update(.saved(Message(.uiSavedComment)))
        #expect(s.current == nil)
    }

    @Test func anEmptyCommentIsNotSaved() {
        var s = state(as: "sara")
        s.press(.char("c"))
        #expect(s.press(.ctrl("s")) == [])
        #expect(s.statusText == "Kommentaren är tom.")
    }
}

@Suite("Terminal sizes")
struct SizeTests {
    @Test func belowFortyByTwelveItSaysTheWindowIsTooSmall() {
        var s = state()
        _ = s.update(.resize(width: 39, height: 12))
        #expect(s.screen.contains("Fönstret är för litet (39×12)"))
        _ = s.update(.resize(width: 40, height: 11))
        #expect(s.screen.contains("minst 40×12"))
        #expect(s.press(.char("j")) == [])  // keys do nothing but quit
        _ = s.update(.resize(width: 40, height: 12))
        #expect(s.screen.contains("2026-001"))
        _ = s.update(.resize(width: 80, height: 24))
        #expect(s.screen.contains("Sökande"))
    }

    @Test(arguments: [(40, 12), (80, 24), (120, 40), (41, 13)])
    func everyScreenFitsItsWidth(width: Int, height: Int) {
        var screens: [AppState] = []
        var s = state(as: "anna", width: width, height: height)
        screens.append(s)
        s.press(.enter)
        screens.append(s)
        s.press(.char("p"))
        screens.append(s)
        s.press(.char("?"))
        screens.append(s)
        var y = state(as: "sara", width: width, height: height)
        y.press(.char("c"))
        y.type(String(repeating: "Långa svenska ord som måste brytas – ", count: 5))
        screens.append(y)
        for screen in screens {
            let buffer = Frame.render(screen)
            #expect(buffer.width == width && buffer.height == height)
            for row in 0..<height {
                #expect(buffer.line(row).cellWidth <= width, "\(buffer.line(row))")
            }
        }
    }

    @Test func longSwedishLinesAreCutAtTheRightWidth() {
        var buffer = ScreenBuffer(width: 10, height: 1)
        buffer.draw([("Återremitterad ansökan", .plain)], x: 0, y: 0, width: 10)
        #expect(buffer.line(0) == "Återremit…")
        #expect(buffer.line(0).cellWidth == 10)
    }
}
