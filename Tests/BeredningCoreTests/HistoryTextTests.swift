import BeredningCore
import BeredningResources
import Foundation
import Testing

private let sv = try! BundledResources.catalog(.sv)
private let en = try! BundledResources.catalog(.en)

/// The history in the reader's words: no raw ids, amounts as kronor, members by name (issue 19).
@Suite("History lines in words")
struct HistoryTextTests {
    func shown(_ kind: HistoryEvent.Kind, _ details: String, _ catalog: Catalog = sv) throws -> String {
        HistoryText.details(HistoryEvent(time: Date(timeIntervalSince1970: 0), member: lars.id, role: .coordinator, kind: kind, details: details),
                            config: try testConfig(), catalog: catalog)
    }

    @Test func movesNameTheStatesInTheReadersLanguage() throws {
        #expect(try shown(.moved, "with_steering_group → returned: Komplettera budgeten.") == "styrgrupp → återremitterad: Komplettera budgeten.")
        #expect(try shown(.overridden, "in_preparation → with_steering_group (Brådskande.)") == "beredning → styrgrupp (Brådskande.)")
        #expect(try shown(.moved, "with_steering_group → returned", en) == "steering group → returned")
        #expect(try shown(.moved, "running → closed (implemented): Socialnämnden tar över.")
                == "pågående → avslutad (implementerad i ordinarie verksamhet): Socialnämnden tar över.")
        #expect(try shown(.moved, "running → closed (Brådskande.)") == "pågående → avslutad (Brådskande.)")
    }

    @Test func aDecisionsOutcomeAndAmountInWords() throws {
        #expect(try shown(.decided, "kommunstyrelsen 2026-06-16 KS 2026/112: approve, 1910000 kr") == "kommunstyrelsen 2026-06-16 KS 2026/112: bifall, 1 910 000 kr")
        #expect(try shown(.decided, "forwarded → approved") == "till beslut → beviljad")
    }

    @Test func aProposalWithNamesAndKronor() throws {
        #expect(try shown(.proposalRecorded, "approve, 1320000 kr (anna, bengt)") == "bevilja, 1 320 000 kr (Anna, Bengt)")
        #expect(try shown(.proposalRecorded, "needs_completion") == "behöver kompletteras")
        // An id that is no member leaves the line as written: nothing is guessed.
        #expect(try shown(.proposalRecorded, "approve (anna, okand)") == "approve (anna, okand)")
    }

    @Test func reviewsCommentsConflictsAndEdits() throws {
        #expect(try shown(.reviewCompleted, "reject") == "avslå")
        #expect(try shown(.conflictDeclared, "cecilia: Hennes bror leder projektet.") == "Cecilia: Hennes bror leder projektet.")
        #expect(try shown(.conflictDeclared, "Min kusin: projektledare.") == "Min kusin: projektledare.")
        #expect(try shown(.edited, "title, applicant") == "Titel, Sökande")
    }

    @Test func textThatIsNotAnIdStaysAsWritten() throws {
        for text in ["", "→", "okänt → returned", "in_preparation → nowhere", "Bra ansökan, 100 kr"] {
            #expect(try shown(.moved, text) == text)
            #expect(try shown(.decided, text) == text)
        }
    }
}
