import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// The form in the interface has as many rows as an application needs, not the Word form's
/// fixed number (issue 18): every demo application, and one with more rows than the Word form
/// has, reads back from its own form exactly.
@Suite("The form with rows that grow")
struct FormRowsTests {
    @Test func everyDemoApplicationReadsBackFromItsForm() throws {
        for entry in try demoSnapshot().entries {
            let a = try #require(entry.dossier).application
            let rows = ApplicationForm.rowCounts(of: a)
            let reading = ApplicationForm.read(ApplicationForm.values(of: a, rows: rows), onto: a, rows: rows, settings: try demoSnapshot().config.calculation,
                                               spellings: { _ in [] })
            #expect(reading.problems.isEmpty, "\(a.id): \(reading.problems)")
            #expect(reading.application == a, "\(a.id)")
        }
    }

    @Test func moreRowsThanTheWordFormHasAreRead() throws {
        var a = try #require(try demoSnapshot().entries.first?.dossier).application
        a.actors = (1...9).map { Actor(name: "Aktör \($0)", kind: .municipal, role: "Roll \($0)") }
        a.intervention.activities = (1...14).map { "Aktivitet \($0)" }
        #expect(!ApplicationForm.overflow(a).isEmpty)
        let rows = ApplicationForm.rowCounts(of: a)
        let values = ApplicationForm.values(of: a, rows: rows)
        #expect(values["actors[8].name"] == "Aktör 9")
        #expect(ApplicationForm.field("actors[8].role")?.rowHeading.map { catalog($0) } == "Aktör 9")
        let reading = ApplicationForm.read(values, onto: a, rows: rows, settings: try demoSnapshot().config.calculation, spellings: { _ in [] })
        #expect(reading.application == a)
    }

    @Test func eachProblemIsAlsoKeptByItsFieldInShort() throws {
        let a = try #require(try demoSnapshot().entries.first?.dossier).application
        let rows = ApplicationForm.rowCounts(of: a)
        var values = ApplicationForm.values(of: a, rows: rows)
        values["target_group.age_min"] = "tolv"
        values["actors[0].name"] = ""
        values["title"] = " "
        let reading = ApplicationForm.read(values, onto: a, rows: rows, settings: try demoSnapshot().config.calculation, spellings: { _ in [] })
        #expect(reading.problems.count == 3)
        #expect(reading.fieldProblems.mapValues { catalog($0) } == [
            "target_group.age_min": "”tolv” är inte ett heltal (till exempel 40).",
            "actors[0].name": "Måste fyllas i när något annat i blocket är ifyllt.",
            "title": "Måste fyllas i.",
        ])
        #expect(catalog(reading.problems[0]) == "Om ansökan: ”Insatsens namn” måste fyllas i.")
    }

    @Test func theIdeasCostAndLengthAreOnTheIdeaFormOnly() throws {
        var a = Application(id: ApplicationID("2026-009")!, title: "Mötesplats", state: .idea)
        a.idea = IdeaSketch(roughCost: 800_000, months: 24)
        let values = ApplicationForm.values(of: a, rows: ApplicationForm.rowCounts(of: a), idea: true)
        #expect(values["idea.rough_cost"] == "800 000")
        #expect(values["idea.months"] == "24")
        #expect(ApplicationForm.values(of: a)["idea.rough_cost"] == nil)
        #expect(!ApplicationForm.fields.contains { $0.section == .idea })
        var typed = values
        typed["idea.rough_cost"] = "1,5 mnkr"
        let reading = ApplicationForm.read(typed, onto: a, rows: ApplicationForm.rowCounts(of: a), spellings: { _ in [] })
        #expect(reading.application.idea == IdeaSketch(roughCost: 1_500_000, months: 24))
    }
}
