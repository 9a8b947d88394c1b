import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// The filter says what it does not know, with the nearest name there is, instead of silently
/// matching nothing; states match by the start of any word of their name in either language.
@Suite("The filter warns about what nothing is called")
struct FilterWarningTests {
    func filtered(_ text: String, as who: String = "anna", catalog: Catalog = sv, other: Catalog = en, width: Int = 80) -> AppState {
        var s = AppState(snapshot: demo, member: member(who), catalog: catalog, otherCatalog: other, width: width, height: 24)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.press(.char("/"))
        s.type(text)
        return s
    }

    @Test func aMistypedCriterionIsNamedWithTheNearestOne() {
        var s = filtered("evidns<3")
        var buffer = Frame.render(s)
        #expect(buffer.line(s.height - 3) == "/ evidns<3")
        #expect(buffer.line(s.height - 2) == "⚠ okänt kriterium evidns; menade du evidens?")
        // The cursor stays where the filter is typed.
        #expect(buffer.cursor?.y == s.height - 3 && buffer.cursor?.x == "/ evidns<3".count)
        #expect(s.listRows.isEmpty)
        // Kept with Enter, the filter keeps its warning.
        s.press(.enter)
        buffer = Frame.render(s)
        #expect(buffer.line(s.height - 2) == "⚠ okänt kriterium evidns; menade du evidens?")
        // Corrected, the warning goes.
        s.press(.char("/"), .ctrl("u"))
        s.type("evidens<3")
        #expect(s.filterWarnings.isEmpty)
        #expect(!Frame.render(s).text.contains("⚠ okänt"))
    }

    @Test func aCriterionFarFromEveryNameListsTheNames() {
        let s = filtered("zzz<3")
        #expect(s.filterWarnings == ["okänt kriterium zzz; skriv problem, målgrupp, evidens, tidigt, mätbart, samverkan, long_term_plan eller medel"])
        let english = filtered("zzz<3", catalog: en, other: sv)
        #expect(english.filterWarnings == ["unknown criterion zzz; write problem, target_group, evidence, early, measurability, cooperation, long_term_plan or mean"])
        #expect(filtered("evidns<3", catalog: en, other: sv).filterWarnings == ["unknown criterion evidns; did you mean evidens?"])
        #expect(filtered("long_term_pla>2").filterWarnings == ["okänt kriterium long_term_pla; menade du long_term_plan?"])
    }

    @Test func aStateMatchesByTheStartOfAnyWordOfItsNameInEitherLanguage() {
        let inPreparation = ["2026-001", "2026-003", "2026-004"]
        for text in ["state:prep", "state:bered", "state:in_prep", "state:in_preparation", "status:BEREDNING"] {
            let s = filtered(text)
            #expect(s.listRows.map(\.id) == inPreparation, "\(text)")
            #expect(s.filterWarnings.isEmpty, "\(text)")
        }
        #expect(filtered("state:steer").listRows.map(\.id) == ["2026-002"])
        #expect(filtered("state:group").listRows.map(\.id) == ["2026-002"])
        #expect(filtered("state:pågå").listRows.map(\.id) == ["2026-006"])
        #expect(filtered("state:running").listRows.map(\.id) == ["2026-006"])
        let approved = filtered("state:bevil")
        #expect(approved.listRows.isEmpty && approved.filterWarnings.isEmpty)
        // A state no application has now is still a state: no warning, an empty list.
        let forwarded = filtered("state:beslut")
        #expect(forwarded.listRows.isEmpty && forwarded.filterWarnings.isEmpty)
    }

    @Test func anUnknownStateIsNamedWithTheNearestOneOrAllOfThem() {
        #expect(filtered("state:beredninf").filterWarnings == ["okänd status beredninf; menade du state:beredning?"])
        #expect(filtered("state:beslt").filterWarnings == ["okänd status beslt; menade du state:till_beslut?"])
        #expect(filtered("state:xyz").filterWarnings
                == ["okänd status xyz; det finns idé, idé_avböjd, inkommen, beredning, styrgrupp, återremitterad, till_beslut, beviljad, avslagen, återkopplad, pågående eller avslutad"])
        #expect(filtered("state:preperation", catalog: en, other: sv).filterWarnings == ["unknown state preperation; did you mean state:in_preparation?"])
    }

    @Test func aMistypedTermNameIsNamed() {
        #expect(filtered("stat:beredning").filterWarnings == ["okänt villkor stat:beredning; menade du state:beredning?"])
        #expect(filtered("akör:BUP").filterWarnings == ["okänt villkor akör:bup; menade du aktör:bup?"])
        #expect(filtered("todo:alla").filterWarnings == ["okänt villkor todo:alla; menade du todo:me?"])
    }

    @Test func freeTextIsNeverQuestioned() {
        for text in ["Fotosyntes", "KS:2026", "https://ale.se", "föräldrar skola", "oenighet todo:me"] {
            #expect(filtered(text).filterWarnings.isEmpty, "\(text)")
        }
    }

    @Test func warningsWrapAndNeverTakeMoreThanTheStatusArea() {
        let s = filtered("evidns<3 state:xyz stat:x zzz<1", width: 40)
        let buffer = Frame.render(s)
        #expect(Frame.statusLines(s).count == 4)
        #expect(buffer.line(s.height - 5) == "/ evidns<3 state:xyz stat:x zzz<1")
        #expect(buffer.line(s.height - 4).hasPrefix("⚠ okänt kriterium evidns"))
    }
}
