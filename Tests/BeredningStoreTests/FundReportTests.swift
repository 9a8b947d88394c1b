import BeredningCore
@testable import BeredningExport
import BeredningResources
import BeredningStore
import Foundation
import Testing
import TOMLKit

/// The fund's yearly report to the board on the demo store, whose 2026-006 is running with a
/// follow-up on 2027-06-16, a repayment plan from 2028 and one payment in December 2028. Every
/// expected figure is read from the demo's TOML files with TOMLKit and summed here, not taken
/// from the store's sums.
@Suite("The fund's yearly report")
struct FundReportTests {
    /// A day after every year reported here, so each year is over.
    let later = Day("2029-03-01")!

    // MARK: The demo's files, as TOMLKit reads them

    static let demo = BundledResources.demoStore

    static func toml(_ path: String) throws -> TOMLTable {
        try TOMLTable(string: try String(contentsOf: demo.appendingPathComponent(path), encoding: .utf8))
    }

    static func tables(_ value: TOMLValueConvertible?) -> [TOMLTable] { value?.array?.compactMap(\.table) ?? [] }

    static func day(_ value: TOMLValueConvertible?) -> String {
        guard let d = value?.date else { return "" }
        return String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
    }

    /// Every demo application's decision file, by application id.
    static func decisions() throws -> [String: TOMLTable] {
        let folders = try FileManager.default.contentsOfDirectory(atPath: demo.path).filter { $0.hasPrefix("20") }
        var found: [String: TOMLTable] = [:]
        for folder in folders where FileManager.default.fileExists(atPath: demo.appendingPathComponent(folder + "/decision.toml").path) {
            found[folder] = try toml(folder + "/decision.toml")
        }
        return found
    }

    /// Whole kronor granted for `year` by approving decisions: the year's, or every year up to it.
    static func granted(_ decisions: [String: TOMLTable], _ include: (Int) -> Bool) -> Int {
        decisions.values.filter { $0["outcome"]?.string == "approve" }
            .flatMap { tables($0["grants"]) }.filter { include($0["year"]!.int!) }.reduce(0) { $0 + $1["amount"]!.int! }
    }

    static func received(_ include: (Int) -> Bool) throws -> Int {
        tables(try toml("2026-006/repayments.toml")["received"]).filter { include(Int(day($0["date"]).prefix(4))!) }
            .reduce(0) { $0 + $1["amount"]!.int! }
    }

    func kr(_ amount: Int, _ language: Language = .sv) -> String { Catalog.kronor(Money(amount), in: language) + " kr" }

    // MARK: The report's parts

    func report(_ year: Int, language: Language = .sv, today: Day? = nil, change: (inout [Dossier]) -> Void = { _ in }) throws -> Document {
        let snapshot = try demoSnapshot()
        var dossiers = snapshot.dossiers
        change(&dossiers)
        return FundReport.document(dossiers, config: snapshot.config, year: year, today: today ?? later, catalog: try BundledResources.catalog(language))
    }

    /// The blocks between `heading` and the next heading; nil when the report has no such section.
    func section(_ heading: String, in document: Document) -> [Document.Block]? {
        guard let start = document.blocks.firstIndex(of: .heading(heading)) else { return nil }
        let rest = document.blocks[(start + 1)...]
        let end = rest.firstIndex { if case .heading = $0 { return true } else { return false } } ?? document.blocks.endIndex
        return Array(document.blocks[(start + 1)..<end])
    }

    func tables(_ blocks: [Document.Block]?) -> [(header: [String], rows: [[String]])] {
        (blocks ?? []).compactMap { if case .table(let header, let rows) = $0 { return (header, rows) } else { return nil } }
    }

    func paragraphs(_ blocks: [Document.Block]?) -> [String] {
        (blocks ?? []).compactMap { if case .paragraph(let text) = $0 { return text } else { return nil } }
    }

    func headings(_ document: Document) -> [String] {
        document.blocks.compactMap { if case .heading(let text) = $0 { return text } else { return nil } }
    }

    // MARK: Tests

    @Test(arguments: [2026, 2027])
    func theFundsMoneyOverTheYearIsWhatTheFilesSay(year: Int) throws {
        let fund = try Self.toml("bered.toml")
        let economy = try #require(fund["economy"]?.table)
        let budget = try #require(Self.tables(economy["budgets"]).first { $0["year"]?.int == year }?["amount"]?.int)
        let capital = try #require(economy["capital"]?.int)
        let decisions = try Self.decisions()
        let granted = Self.granted(decisions) { $0 == year }
        let repaid = try Self.received { $0 == year }
        let balance = capital - Self.granted(decisions) { $0 <= year } + (try Self.received { $0 <= year })
        #expect(granted > 0)

        let document = try report(year)
        #expect(document.title == "Ale kommuns sociala investeringsfond: årsrapport \(year)")
        let money = tables(section("Fondens pengar \(year)", in: document))
        #expect(money.count == 1)
        #expect(money.first?.rows == [
            ["Budget för \(year)", kr(budget)],
            ["Beviljat för \(year) (bundet genom beslut)", kr(granted)],
            ["Återbetalt under \(year)", kr(repaid)],
            ["Kvar av årets budget", kr(budget - granted)],
            ["Fondens kapital", kr(capital)],
            ["Saldo vid årets slut (kapital − beviljat + återbetalt)", kr(balance)],
        ])
    }

    @Test(arguments: [2026, 2027])
    func eachInvestmentWithItsDecisionGrantAndStateAndTheYearsDecisions(year: Int) throws {
        let decisions = try Self.decisions()
        let decision = try #require(decisions["2026-006"])
        let application = try Self.toml("2026-006/application.toml")
        let grants = Self.tables(decision["grants"])
        let document = try report(year)
        let blocks = section("Investeringarna och hur det går för dem", in: document)
        let table = try #require(tables(blocks).first)
        #expect(table.header == ["Investering", "Beslut", "Modell", "Beviljat för \(year)", "Beviljat totalt", "Status"])
        #expect(table.rows == [[
            "2026-006 " + application["title"]!.string!,
            Self.day(decision["date"]) + ", " + decision["case_number"]!.string!,
            "återbetalning till fonden",
            kr(grants.filter { $0["year"]!.int! == year }.reduce(0) { $0 + $1["amount"]!.int! }),
            kr(grants.reduce(0) { $0 + $1["amount"]!.int! }),
            "pågående",
        ]])
        #expect(application["state"]?.string == "running" && decision["economic_model"]?.string == "repayment")
        let made = decisions.values.filter { Self.day($0["date"]).hasPrefix(String(year)) }
        let approved = made.filter { $0["outcome"]?.string == "approve" }.count, rejected = made.count - approved
        #expect(paragraphs(blocks).contains("Beslut under \(year): beviljade \(approved), avslagna \(rejected)."))
        #expect(approved + rejected == (year == 2026 ? 1 : 0))
    }

    @Test func in2026NothingIsMeasuredNothingReportedAndNothingRepaid() throws {
        let application = try Self.toml("2026-006/application.toml")
        let indicators = Self.tables(application["measurability"]?.table?["indicators"])
        let document = try report(2026)
        let effects = section("Effekter mot målen", in: document)
        let table = try #require(tables(effects).first)
        #expect(table.header == ["Indikator", "Utgångsläge", "Mål", "Senast uppmätt", "Läge"])
        #expect(table.rows == indicators.map { indicator in
            [indicator["name"]!.string! + " (" + indicator["unit"]!.string! + ")", String(Int(indicator["baseline"]!.double!)),
             String(Int(indicator["target"]!.double!)), "–", "inte mätt än"]
        })
        #expect(paragraphs(effects).contains("Ingen uppföljning gjordes under 2026."))
        #expect(paragraphs(effects).contains("Ingen uppföljning var försenad den 2026-12-31."))
        // The only follow-up is dated 2027 and the plan's first year is 2028: nothing to compare or repay in 2026.
        let plan = Self.tables(try Self.toml("2026-006/repayments.toml")["plan"])
        #expect(plan.allSatisfy { $0["year"]!.int! > 2027 })
        #expect(headings(document) == ["Fondens pengar 2026", "Investeringarna och hur det går för dem", "Effekter mot målen"])
    }

    @Test func in2027TheFollowUpsMeasurementsAgainstTargetsAndRealisedAgainstForecast() throws {
        let application = try Self.toml("2026-006/application.toml")
        let followUp = try Self.toml("2026-006/followups/2027-06-16.toml")
        let indicators = Self.tables(application["measurability"]?.table?["indicators"])
        let measured = Self.tables(followUp["measurements"])
        let document = try report(2027)
        let effects = section("Effekter mot målen", in: document)
        let table = try #require(tables(effects).first)
        #expect(table.rows == indicators.map { indicator in
            let name = indicator["name"]!.string!
            let baseline = indicator["baseline"]!.double!, target = indicator["target"]!.double!
            let measurement = measured.first { $0["indicator"]?.string == name }!
            let value = measurement["value"]!.double!
            let sign: Double = indicator["direction"]?.string == "lower" ? -1 : 1
            let status = value * sign >= target * sign ? "målet nått" : (value - baseline) * sign > 0 ? "på väg mot målet" : "inte på väg mot målet"
            return [name + " (" + indicator["unit"]!.string! + ")", String(Int(baseline)), String(Int(target)),
                    String(Int(value)) + " (" + Self.day(measurement["measured"]) + ")", status]
        })
        #expect(table.rows.allSatisfy { $0[4] == "på väg mot målet" })
        let texts = paragraphs(effects)
        #expect(texts.contains("Uppföljningar gjorda under 2027: 2026-006 (2027-06-16)."))
        #expect(texts.contains("Ingen uppföljning var försenad den 2027-12-31."))
        #expect(texts.contains("Det här fungerade: " + followUp["worked"]!.string!))
        #expect(texts.contains("Det här fungerade inte: " + followUp["did_not_work"]!.string!))

        // Realised against forecast: over the actors and years the follow-up reports.
        let realised = Self.tables(followUp["realised"])
        let costs = Self.tables(application["calculation"]?.table?["costs"])
        let effectsFromYears = Self.tables(application["calculation"]?.table?["effects"]).map { $0["from_year"]!.int! }
        let years = Set(realised.map { $0["year"]!.int! })
        #expect(years == [2026] && effectsFromYears.allSatisfy { $0 > 2026 })  // no saving is forecast in the reported year
        let realisedCost = realised.compactMap { $0["cost"]?.int }.reduce(0, +)
        let realisedAvoided = realised.compactMap { $0["avoided_cost"]?.int }.reduce(0, +)
        let forecastCost = realised.filter { $0["cost"] != nil }.flatMap { line in
            costs.filter { $0["actor"]?.string == line["actor"]?.string && $0["year"]?.int == line["year"]?.int }
        }.reduce(0) { $0 + $1["amount"]!.int! }
        let savings = section("Utfall mot kalkyl", in: document)
        #expect(tables(savings).first?.rows == [[
            "2026-006 " + application["title"]!.string!, kr(forecastCost), kr(realisedCost), kr(0), kr(realisedAvoided),
            kr(-forecastCost), kr(realisedAvoided - realisedCost), "2026",
        ]])
        #expect(paragraphs(savings).first?.hasPrefix("Kronor, odiskonterat.") == true)
        #expect(section("Återbetalningar 2027", in: document) == nil)
    }

    @Test func aFollowUpOverdueAtTheYearsEndOrOnTheDayTheReportIsMade() throws {
        let withoutFollowUp: (inout [Dossier]) -> Void = { dossiers in
            for index in dossiers.indices { dossiers[index].followUps = [] }
        }
        let first = try #require(try Self.decisions()["2026-006"]?["follow_ups"]?.array?.first?.string)
        let atYearEnd = paragraphs(section("Effekter mot målen", in: try report(2027, change: withoutFollowUp)))
        #expect(atYearEnd.contains("Försenade uppföljningar den 2027-12-31: 2026-006 (planerad \(first))."))
        #expect(atYearEnd.contains("Ingen uppföljning gjordes under 2027."))
        // A report made before the year is over counts only what was overdue that day.
        let early = paragraphs(section("Effekter mot målen", in: try report(2027, today: Day("2027-03-01")!, change: withoutFollowUp)))
        #expect(early.contains("Ingen uppföljning var försenad den 2027-03-01."))
        let autumn = paragraphs(section("Effekter mot målen", in: try report(2027, today: Day("2027-09-01")!, change: withoutFollowUp)))
        #expect(autumn.contains("Försenade uppföljningar den 2027-09-01: 2026-006 (planerad \(first))."))
    }

    @Test func inEnglishThe2028ReportHasTheRepaymentPlannedAgainstReceived() throws {
        let plan = Self.tables(try Self.toml("2026-006/repayments.toml")["plan"])
        func planned(_ include: (Int) -> Bool) -> Int { plan.filter { include($0["year"]!.int!) }.reduce(0) { $0 + $1["amount"]!.int! } }
        let document = try report(2028, language: .en)
        #expect(document.title == "Ale kommuns sociala investeringsfond: annual report 2028")
        #expect(document.language == .en && document.html.contains("<html lang=\"en\">"))
        let repayments = try #require(tables(section("Repayments in 2028", in: document)).first)
        #expect(repayments.header == ["Investment", "Planned 2028", "Received 2028", "Planned up to 2028", "Received up to 2028", "The whole plan"])
        #expect(repayments.rows == [[
            "2026-006 Utökade hembesök", kr(planned { $0 == 2028 }, .en), kr(try Self.received { $0 == 2028 }, .en),
            kr(planned { $0 <= 2028 }, .en), kr(try Self.received { $0 <= 2028 }, .en), kr(planned { _ in true }, .en),
        ]])
        #expect(try Self.received { $0 == 2028 } > 0)
        let money = try #require(tables(section("The fund's money in 2028", in: document)).first)
        #expect(money.rows.contains(["Repaid in 2028", kr(try Self.received { $0 == 2028 }, .en)]))
        #expect(headings(document) == ["The fund's money in 2028", "The investments and how they are doing", "Effects against the targets",
                                       "Realised against forecast", "Repayments in 2028"])
        #expect(paragraphs(section("The investments and how they are doing", in: document)).contains("Decisions in 2028: 0 approved, 0 rejected."))
    }

    @Test func aClosedInvestmentSaysHowItEndedInWordsNeverByItsId() throws {
        let document = try report(2027) { dossiers in
            let index = dossiers.firstIndex { $0.application.id.description == "2026-006" }!
            dossiers[index].application.state = .closed
            dossiers[index].application.closing = .implemented
        }
        let table = try #require(tables(section("Investeringarna och hur det går för dem", in: document)).first)
        #expect(table.rows.first?.last == "implementerad i ordinarie verksamhet")
        #expect(section("Effekter mot målen", in: document) != nil)
        for id in ["closed", "implemented", "running", "repayment", "on_track"] { #expect(!document.markdown.contains(id), "\(id)") }
    }

    @Test func aRejectionCountsAmongTheYearsDecisionsButIsNoInvestment() throws {
        let document = try report(2026) { dossiers in
            let index = dossiers.firstIndex { $0.application.id.description == "2026-002" }!
            dossiers[index].application.state = .rejected
            dossiers[index].decision = Decision(date: Day("2026-09-01")!, caseNumber: "KS 2026/140", outcome: .reject, recordedBy: MemberID("lars")!)
        }
        let blocks = section("Investeringarna och hur det går för dem", in: document)
        #expect(paragraphs(blocks).contains("Beslut under 2026: beviljade 1, avslagna 1."))
        #expect(tables(blocks).first?.rows.map { $0[0].prefix(8) } == ["2026-006"])
    }

    @Test func aFundWithoutInvestmentsSaysSoInOneSentenceAndLeavesTheRestOut() throws {
        let document = try report(2026) { dossiers in dossiers.removeAll { $0.decision != nil } }
        #expect(headings(document) == ["Fondens pengar 2026", "Investeringarna och hur det går för dem"])
        #expect(section("Investeringarna och hur det går för dem", in: document)
            == [.paragraph("Fonden hade inga investeringar 2026: ingen ansökan var beviljad vid årets slut.")])
        let money = try #require(tables(section("Fondens pengar 2026", in: document)).first)
        #expect(money.rows.contains(["Beviljat för 2026 (bundet genom beslut)", "0 kr"]))
    }
}
