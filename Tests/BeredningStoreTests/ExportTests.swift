import BeredningCore
@testable import BeredningExport
import BeredningResources
@testable import BeredningStore
import Foundation
import SwiftCSV
import Testing

@Suite("Exports: CSV for Swedish Excel, JSON for other systems")
struct ExportTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    /// A store where 2026-002 is decided with text that tests every CSV rule.
    func decidedStore() throws -> TestStore {
        let store = try TestStore()
        var snapshot = try store.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!)), lars = try #require(snapshot.config.member(MemberID("lars")!))
        _ = try store.store.move(try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        snapshot = try store.load()
        let decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88; bilaga \"A\"", outcome: .approve,
                                grants: [.init(year: 2027, amount: 450_000), .init(year: 2028, amount: 500_000)],
                                conditions: "Rad ett; med semikolon\nRad två med \"citat\" och åäö ÅÄÖ", rationale: " inleds med mellanslag",
                                recordedBy: lars.id)
        _ = try store.store.record(decision, for: try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), by: lars, config: snapshot.config, now: now)
        return store
    }

    @Test func theCSVIsWhatSwedishExcelExpects() throws {
        let store = try decidedStore()
        let csv = DecisionsCSV.render(try store.load(), catalog: catalog)
        #expect(csv.hasPrefix("\u{FEFF}Nr;Titel;"))  // UTF-8 with a byte-order mark, semicolons
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"))  // every line break is CRLF
        #expect(csv.contains(";3,24;"))  // the mean 68 / 21, with a decimal comma
    }

    /// `bered export --format csv` reads only decided folders, without comments or earlier texts,
    /// and sums scores without the automatic checks: none of that may change a cell.
    @Test func theDecidedOnlyReadingGivesTheSameCSVAsTheWholeStore() throws {
        let store = try decidedStore()
        let whole = try store.load(), decided = try store.store.loadDecided()
        #expect(decided.dossiers.map(\.application.id) == whole.dossiers.filter { $0.decision != nil }.map(\.application.id))
        #expect(decided.dossiers.count == 2 && decided.dossiers.allSatisfy { $0.comments.isEmpty })
        #expect(whole.dossiers.filter { $0.decision != nil }.contains { !$0.comments.isEmpty })
        #expect(DecisionsCSV.render(decided, catalog: catalog) == DecisionsCSV.render(whole, catalog: catalog))
        for dossier in whole.dossiers {
            let checklist = Checklist(dossier: dossier, config: whole.config), summary = ScoreSummary(dossier: dossier, config: whole.config)
            #expect(summary.meanScore == checklist.meanScore)
            #expect(summary.quorum == checklist.quorum)
        }
        #expect(whole.dossiers.contains { ScoreSummary(dossier: $0, config: whole.config).meanScore != nil })
    }

    @Test func aRealCSVParserReadsBackEveryField() throws {
        let store = try decidedStore()
        let snapshot = try store.load()
        let text = String(DecisionsCSV.render(snapshot, catalog: catalog).dropFirst())  // the BOM
        let parsed = try CSV<Named>(string: text, delimiter: .character(";"))
        #expect(parsed.header.count == 15)
        let rows = parsed.rows
        let decided = try #require(rows.first { $0["Nr"] == "2026-002" })
        #expect(decided["Diarienummer"] == "KS 2026/88; bilaga \"A\"")
        #expect(decided["Villkor"]?.replacingOccurrences(of: "\r\n", with: "\n") == "Rad ett; med semikolon\nRad två med \"citat\" och åäö ÅÄÖ")
        #expect(decided["Motivering"] == " inleds med mellanslag")
        #expect(decided["Beviljat totalt (kr)"] == "950000")
        #expect(decided["Belopp per år (kr)"] == "2027: 450000, 2028: 500000")
        #expect(decided["Uppföljning"] == "2027-11-20, 2030-11-20")
        #expect(decided["Titel"] == "Star for Life")
        #expect(rows.map { $0["Nr"] } == ["2026-002", "2026-006"])  // only decided applications
    }

    @Test func fieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(DecisionsCSV.field("enkel text") == "enkel text")
        #expect(DecisionsCSV.field("a;b") == "\"a;b\"")
        #expect(DecisionsCSV.field("säger \"hej\"") == "\"säger \"\"hej\"\"\"")
        #expect(DecisionsCSV.field("ett\ntvå") == "\"ett\r\ntvå\"")
        #expect(DecisionsCSV.decimalComma(3.25) == "3,25")
        #expect(DecisionsCSV.decimalComma(3.5) == "3,5")
        #expect(DecisionsCSV.decimalComma(4) == "4")
        #expect(DecisionsCSV.decimalComma(3.05) == "3,05")
    }

    @Test func theJSONHoldsEverything() throws {
        let store = try decidedStore()
        let snapshot = try store.load()
        var histories: [ApplicationID: [HistoryEvent]] = [:]
        for dossier in snapshot.dossiers { histories[dossier.application.id] = store.store.history(of: dossier.application.id).events }
        let text = try FullJSON(snapshot, histories: histories, catalog: catalog).rendered()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["schema"] as? Int == 1)
        let applications = try #require(json["applications"] as? [[String: Any]])
        #expect(applications.count == 6)
        let star = try #require(applications.first { $0["id"] as? String == "2026-002" })
        let reviews = try #require(star["reviews"] as? [[String: Any]])
        #expect(reviews.map { $0["reviewer"] as? String } == ["anna", "bengt", "cecilia"])
        for review in reviews {
            let scores = try #require(review["scores"] as? [[String: Any]])
            #expect(scores.count == 7)
            #expect(scores.allSatisfy { !(($0["comment"] as? String) ?? "").isEmpty })
        }
        #expect((star["youth_comments"] as? [[String: Any]])?.count == 1)
        #expect((star["checklist"] as? [[String: Any]])?.count == 7)
        #expect((star["decision"] as? [String: Any])?["granted_total"] as? Int == 950_000)
        #expect((star["history"] as? [[String: Any]])?.map { $0["action"] as? String } == ["moved", "decided", "moved"])
        #expect((star["calculation"] as? [String: Any])?["break_even_year"] as? Int == 2030)
        let mini = try #require(applications.first { $0["id"] as? String == "2026-003" })
        #expect((mini["conflicts"] as? [[String: Any]])?.first?["member"] as? String == "cecilia")
    }
}

@Suite("The decision memo")
struct MemoTests {
    func memo(_ id: String) throws -> Memo {
        let snapshot = try demoSnapshot()
        return Memo(try #require(snapshot.entry(ApplicationID(id)!)?.dossier), config: snapshot.config, catalog: catalog)
    }

    @Test func theMarkdownHasEverySection() throws {
        let md = try memo("2026-006").markdown
        #expect(md.hasPrefix("# Beslutsunderlag: 2026-006 Utökade hembesök\n"))
        for heading in ["## Sammanfattning", "## Kriterier", "## Ungdomspanelens kommentarer", "## Socioekonomisk kalkyl", "## Beslut"] {
            #expect(md.contains("\n" + heading + "\n"), "\(heading)")
        }
        #expect(md.contains("| Definierat problem | varning: Den lokala omfattningen saknar siffror."))
        #expect(md.contains("| full effekt | 2 637 215 | år 7 (2032), efter mandatperioden |"))
        #expect(md.contains("| Diarienummer | KS 2026/112 |"))
        #expect(md.contains("Omar Haddad (ansökan som helhet):"))
    }

    @Test func theHTMLIsSelfContainedPrintableAndEscaped() throws {
        let html = try memo("2026-006").html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("@media print"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
        for heading in ["Sammanfattning", "Kriterier", "Ungdomspanelens kommentarer", "Socioekonomisk kalkyl", "Beslut"] {
            #expect(html.contains("<h2>\(heading)</h2>"), "\(heading)")
        }
        #expect(html.contains("&quot;problemfamiljerna&quot;"))  // text from the store is escaped
        #expect(html.contains("<td>KS 2026/112</td>"))
    }

    @Test func aMemoWithoutCalculationOrDecisionSaysSo() throws {
        let md = try memo("2026-004").markdown
        #expect(md.contains("Ingen socioekonomisk kalkyl."))
        #expect(md.contains("Inget beslut är fattat ännu."))
        #expect(md.contains("Inga kommentarer ännu."))
    }
}
