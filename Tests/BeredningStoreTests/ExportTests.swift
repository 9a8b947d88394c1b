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
        #expect(parsed.header == ["Nr", "Titel", "Sökande", "Status", "Beslutsorgan", "Beslutsdatum", "Diarienummer", "Beslut", "Beviljat totalt (kr)",
                                  "Beviljat 2026 (kr)", "Beviljat 2027 (kr)", "Beviljat 2028 (kr)", "Villkor", "Motivering", "Uppföljning", "Medelpoäng",
                                  "Klara granskningar", "Granskningar som krävs"])
        let rows = parsed.rows
        let decided = try #require(rows.first { $0["Nr"] == "'2026-002" })
        #expect(decided["Diarienummer"] == "KS 2026/88; bilaga \"A\"")
        #expect(decided["Villkor"]?.replacingOccurrences(of: "\r\n", with: "\n") == "Rad ett; med semikolon\nRad två med \"citat\" och åäö ÅÄÖ")
        #expect(decided["Motivering"] == " inleds med mellanslag")
        #expect(decided["Beslutsdatum"] == "2026-11-20")
        #expect(decided["Beviljat totalt (kr)"] == "950000")
        #expect([decided["Beviljat 2026 (kr)"], decided["Beviljat 2027 (kr)"], decided["Beviljat 2028 (kr)"]] == ["", "450000", "500000"])
        #expect(decided["Uppföljning"] == "'2027-11-20, 2030-11-20")
        #expect(decided["Klara granskningar"] == "3" && decided["Granskningar som krävs"] == "3")
        #expect(decided["Titel"] == "Star for Life")
        #expect(rows.map { $0["Nr"] } == ["'2026-002", "'2026-006"])  // only decided applications
    }

    /// Texts a spreadsheet would run or convert, in every text field of two decided applications.
    static let hostile = ["=1+1", "=HYPERLINK(\"http://x\";\"klick\")", "+46 70", "-5", "@SUM(A1)", "\tx", "3/3", "1-2", "2026-03", "12,5",
                          "1 200", "1e5", "50%", "\r\n=1+1", " =2+2", "＝1+1", "12.5", "3 mars", "10:30", "SANT", "1 1/2", "(5)", "12 kr"]

    /// A store where 2026-002 and 2026-006 are decided and every text field of theirs holds
    /// one of `hostile`, `shift` choosing which.
    func hostileStore(shift: Int) throws -> (store: TestStore, texts: [String]) {
        let store = try decidedStore()
        var texts: [String] = []
        func next() -> String {
            let text = Self.hostile[(shift + texts.count) % Self.hostile.count]
            texts.append(text)
            return text
        }
        for dossier in try store.load().dossiers where dossier.decision != nil {
            var application = dossier.application, decision = try #require(dossier.decision)
            (application.title, application.applicant) = (next(), next())
            (decision.body, decision.caseNumber, decision.conditions, decision.rationale) = (next(), next(), next(), next())
            try store.write("\(application.id)/application.toml", ApplicationRecord.write(application))
            try store.write("\(application.id)/decision.toml", DecisionRecord.write(decision, applicationID: application.id))
        }
        let snapshot = try store.load()
        let written = snapshot.dossiers.filter { $0.decision != nil }.flatMap { d in
            [d.application.title, d.application.applicant, d.decision!.body, d.decision!.caseNumber, d.decision!.conditions, d.decision!.rationale]
        }
        #expect(written == texts)  // the store holds them as they are
        return (store, texts)
    }

    /// The CSV test a Swedish spreadsheet would make: `Scripts/sv_spreadsheet_check.py` reads
    /// the export with LibreOffice's and Excel's sv-SE rules and reports any text cell that
    /// would become a formula, number, date, time or truth value, and any numeric cell that
    /// would not be a number.
    @Test(arguments: [0, 12])
    func aSwedishSpreadsheetReadsEveryCellAsWritten(shift: Int) throws {
        let (store, texts) = try hostileStore(shift: shift)
        let csv = DecisionsCSV.render(try store.load(), catalog: catalog)
        let check = try SpreadsheetCheck.run(csv, numeric: ["Beviljat totalt (kr)", "Beviljat 2026 (kr)", "Beviljat 2027 (kr)", "Beviljat 2028 (kr)",
                                                            "Medelpoäng", "Klara granskningar", "Granskningar som krävs"],
                                             dates: ["Beslutsdatum"])
        #expect(check.status == 0, "\(check.output)")
        // Protected, not changed: each text is whole behind the apostrophe.
        let rows = try CSV<Enumerated>(string: String(csv.dropFirst()), delimiter: .character(";"), loadColumns: false).rows
        let cells = rows.flatMap { [$0[1], $0[2], $0[4], $0[6], $0[12], $0[13]] }
        #expect(cells.map { $0.hasPrefix("'") ? String($0.dropFirst()) : $0 }.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
            == texts.map { $0.replacingOccurrences(of: "\r\n", with: "\n") })
    }

    /// The checker is no rubber stamp: the list as it was written before, and a numeric
    /// column holding text, are each caught.
    @Test func theSpreadsheetCheckCatchesWhatItMust() throws {
        let old = "\u{FEFF}Nr;Titel;Motivering;Klara granskningar;Beviljat totalt (kr)\r\n2026-002;=1+1;3,5;3/3;1 200\r\n"
        let check = try SpreadsheetCheck.run(old, numeric: ["Beviljat totalt (kr)"], dates: [])
        #expect(check.status == 1)
        for expected in ["'Nr': '2026-002' would become a date", "'=1+1' would become a formula", "'3,5' would become a number",
                         "'3/3' would become", "'1 200' is not a number"] {
            #expect(check.output.contains(expected), "\(expected) in \(check.output)")
        }
    }

    /// Thousands of short texts made of what numbers, dates and formulas are written with:
    /// whatever the checker says a spreadsheet would convert, the export has protected.
    @Test func noRandomNumberOrDateLikeTextGetsThrough() throws {
        let pieces = ["0", "1", "3", "12", "2026", " ", "\u{A0}", "-", "/", ".", ",", ":", "+", "%", "e", "(", ")", "kr", "mars", "maj", "SANT", "=", "@",
                      "\t", "x", "st", "'", "\u{2212}", "€"]
        var rng = SplitMix64(seed: 13)
        let texts = (0..<3000).map { _ in (0...rng.below(5)).map { _ in pieces[rng.below(pieces.count)] }.joined() }
        let rows = try texts.map { text in
            try #require(DecisionsCSV.Row(fields: ["2026-001", text, "", "approved", "", "2026-01-01", "", "approve", "0", "", "", "", "", "", "0", "3"]))
        }
        let check = try SpreadsheetCheck.run(DecisionsCSV.render(rows, catalog: catalog),
                                             numeric: ["Beviljat totalt (kr)", "Medelpoäng", "Klara granskningar", "Granskningar som krävs"], dates: ["Beslutsdatum"])
        #expect(check.status == 0, "\(check.output.prefix(2000))")
    }

    @Test func theYearsColumnsSumToTheDecisionsTotals() throws {
        let store = try decidedStore()
        let snapshot = try store.load()
        let parsed = try CSV<Named>(string: String(DecisionsCSV.render(snapshot, catalog: catalog).dropFirst()), delimiter: .character(";"))
        let years = parsed.header.filter { $0.hasPrefix("Beviljat 2") }
        #expect(years == ["Beviljat 2026 (kr)", "Beviljat 2027 (kr)", "Beviljat 2028 (kr)"])
        for row in parsed.rows {
            let byYear = years.compactMap { row[$0].flatMap { Int($0) } }.reduce(0, +)
            #expect(byYear == Int(row["Beviljat totalt (kr)"] ?? ""), "\(row)")
        }
        let columnTotals = years.map { year in parsed.rows.compactMap { $0[year].flatMap { Int($0) } }.reduce(0, +) }
        #expect(columnTotals.reduce(0, +) == snapshot.dossiers.compactMap(\.decision).map(\.totalGranted).reduce(0, +))
        #expect(columnTotals == [400_000, 1_000_000, 1_000_000])  // 2026-006's 400/550/500 and 2026-002's 450/500 thousand
    }

    @Test func textsAreProtectedOnlyWhenASpreadsheetWouldMisreadThem() {
        for text in ["Star for Life", "KS 2026/88", "Rad 1", "3 st", "e", "Ale kommun – 2026", "V. 12"] {
            #expect(DecisionsCSV.spreadsheetText(text) == text, "\(text)")
        }
        for text in Self.hostile + ["2026-002", "mars 2026", "FALSKT", "1.200,50"] {
            #expect(DecisionsCSV.spreadsheetText(text) == "'" + text, "\(text.debugDescription)")
        }
        #expect(DecisionsCSV.cell(.text("=1+1")) == "\"'=1+1\"")  // quoted too, as OWASP advises
        #expect(DecisionsCSV.cell(.number("950000")) == "950000")
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
        let text = FullJSON(snapshot, store: store.store, catalog: catalog).rendered()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["schema"] as? Int == 2)
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
        #expect((star["calculation"] as? [String: Any])?["break_even_within_mandate"] as? Bool == false)
        #expect((star["calculation"] as? [String: Any])?["mandate_period"] as? String == "2022–2026")
        let mini = try #require(applications.first { $0["id"] as? String == "2026-003" })
        #expect((mini["conflicts"] as? [[String: Any]])?.first?["member"] as? String == "cecilia")
    }

    static let exportSchema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/schema/bered-export.schema.json")

    /// The published schema names exactly the choices the program has, and the version it writes.
    @Test func theSchemasChoicesAreTheProgramsChoices() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.exportSchema)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: Any])
        func choices(_ name: String) -> [String]? { (definitions[name] as? [String: Any])?["enum"] as? [String] }
        func raw<Choice: CaseIterable & RawRepresentable>(_ type: Choice.Type) -> [String] where Choice.RawValue == String { type.allCases.map(\.rawValue) }
        let expected: [String: [String]] = [
            "applicationState": raw(ApplicationState.self), "closing": raw(ClosingOutcome.self), "actorKind": raw(ActorKind.self),
            "economicModel": raw(EconomicModel.self), "evidenceLevel": raw(EvidenceLevel.self), "preventionLevel": raw(PreventionLevel.self),
            "measurePoint": raw(MeasurePoint.self), "indicatorDirection": raw(IndicatorDirection.self), "indicatorKind": raw(IndicatorKind.self),
            "indicatorStatus": raw(IndicatorProgress.Status.self), "role": raw(Role.self), "reviewStatus": raw(ReviewStatus.self),
            "recommendation": raw(Recommendation.self), "commentTopic": raw(CommentTopic.self), "decisionOutcome": raw(Decision.Outcome.self),
            "verdict": raw(Verdict.self), "checklistOutcome": raw(Outcome.self), "checkRule": raw(CheckRule.self),
            "historyAction": raw(HistoryEvent.Kind.self),
        ]
        for (name, values) in expected { #expect(choices(name) == values, "\(name)") }
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect((properties["schema"] as? [String: Any])?["const"] as? Int == FullJSON.schema)
    }

    /// Every text comes back exactly as it was, through a JSON reader that is not ours, and so
    /// does every number.
    @Test func theWriterEscapesWhatJSONAsksAndNothingElse() throws {
        let texts = ["citat \" och \\ snedstreck", "rad ett\r\nrad två\n", "\u{1}\u{7}\u{1F}\u{7F}", "\t tabb", "åäö ÅÄÖ – € 😀", "\u{2028}\u{2029}",
                     "</script>", "/snedstreck/"]
        let numbers = [22.0, 0.1, 1e-7, 1e21, -3.25, 62.5, 1.0 / 3.0]
        var object = JSONObject()
        for (index, text) in texts.enumerated() { object.set("t\(index)", text) }
        for (index, number) in numbers.enumerated() { object.set("n\(index)", number) }
        object.set("d", Decimal(string: "-1652039.57"))
        var writer = JSONWriter()
        writer.write(.object(object))
        let read = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        for (index, text) in texts.enumerated() { #expect(read["t\(index)"] as? String == text, "\(text.debugDescription)") }
        for (index, number) in numbers.enumerated() { #expect(read["n\(index)"] as? Double == number, "\(number)") }
        let written = String(decoding: writer.bytes, as: UTF8.self)
        #expect(written.contains("\"d\": -1652039.57\n"))  // a present value to the öre, exactly
        #expect(written.contains("\"/snedstreck/\""))  // slashes as they are
    }
}

/// Runs `Scripts/sv_spreadsheet_check.py` on a CSV text.
enum SpreadsheetCheck {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/sv_spreadsheet_check.py")

    static func run(_ csv: String, numeric: [String], dates: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bered-check-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path] + numeric.flatMap { ["--numeric", $0] } + dates.flatMap { ["--date", $0] }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
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
        #expect(Self.plain(md).contains("| full effekt | 2 637 215 | år 7 (2032), efter mandatperioden 2022–2026 |"))
        #expect(md.contains("| Diarienummer | KS 2026/112 |"))
        // A public document: the youth panel speaks as one unless the fund names its members.
        #expect(md.contains("Ungdomspanelen (ansökan som helhet):") && !md.contains("Omar Haddad"))
        let snapshot = try demoSnapshot()
        var config = snapshot.config
        config.nameYouthPanelInMemo = true
        let named = Memo(try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier), config: config, catalog: catalog).markdown
        #expect(named.contains("Omar Haddad (ansökan som helhet):"))
    }

    /// The memo's text as plain characters: print spaces, minus signs and word joiners undone.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
            .replacingOccurrences(of: "\u{2212}", with: "-").replacingOccurrences(of: "\u{2060}", with: "")
    }

    @Test func theMemoIsInTheOrderABoardReadsItAndLeavesOutWhatDoesNotApply() throws {
        let md = try memo("2026-006").markdown
        let order = ["## Sammanfattning", "## Kriterier", "## Beredningens förslag", "## Granskarnas rekommendationer", "## Ungdomspanelens kommentarer",
                     "## Socioekonomisk kalkyl", "## Vem betalar och vem vinner", "## Scenarier", "## Effekter och deras källor", "## Beslut"]
        let positions = order.map { md.range(of: "\n" + $0 + "\n")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil }, "\(md)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(!md.contains("## Avsteg") && !md.contains("## Styrgruppens begäran"))
        // The summary: requested and granted amounts, the period, the state, the proposal; units in the row's name only.
        for row in ["| Sökt belopp (kr) | 1 110 000<br>2026: 310 000", "| Insatsens period | 2026-04-01–2028-12-31 |", "| Status | Pågående |",
                    "| Beredningens förslag | Bevilja: 1 450 000 kr |", "| Beviljat belopp (kr) | 1 450 000<br>2026: 400 000", "| Beviljat totalt (kr) | 1 450 000 |"] {
            #expect(Self.plain(md).contains(row), "\(row)")
        }
        #expect(md.contains("Poängskala 1\u{2060}–\u{2060}4: 1 = saknas, 2 = svagt, 3 = godtagbart, 4 = starkt."))
        #expect(md.contains("| ✓ | uppfyllt | Ansökan besvarar kriteriet och granskarnas medelpoäng når godkänd nivå. |"))
        #expect(md.contains("| Uppföljning | 2027-06-16, 2030-06-16 |"))
        // A rejection has nothing to follow up, and no amount granted.
        let snapshot = try demoSnapshot()
        var dossier = try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier)
        dossier.decision?.outcome = .reject
        dossier.decision?.grants = []
        let rejected = Memo(dossier, config: snapshot.config, catalog: catalog).markdown
        #expect(rejected.contains("| Beslut | avslag |"))
        #expect(!rejected.contains("| Uppföljning |") && !rejected.contains("Beviljat"))
    }

    @Test func anApplicationThatSkippedTheReviewGateSaysSo() throws {
        let snapshot = try demoSnapshot()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier)
        let override = HistoryEvent(time: Date(timeIntervalSince1970: 1_777_000_000), member: MemberID("lars")!, role: .coordinator, kind: .overridden,
                                    details: "in_preparation → with_steering_group (Styrgruppen behöver ärendet före sommaren.)")
        let md = Memo(dossier, config: snapshot.config, catalog: catalog, history: [override]).markdown
        #expect(md.contains("Ansökan lämnade beredningen genom ett avsteg; se Avsteg."))
        #expect(md.contains("\n## Avsteg\n\n2026-04-24 flyttade Lars Bergström ansökan från beredningen till styrgruppen trots att beredningen inte var klar. "
            + "Motivering: Styrgruppen behöver ärendet före sommaren.\n"), "\(md)")
        #expect(md.range(of: "## Avsteg")!.lowerBound < md.range(of: "## Beslut")!.lowerBound)
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

    /// Texts that are markup to Markdown, pandoc or a browser.
    static let hostile = ["<img src=x onerror=alert(1)>", "Rubrik\n---", "Rubrik\n===", "<script>alert(1)</script> cell", "a | b | c",
                          "# Inte en rubrik", "> citat", "- punkt", "+ punkt", "* punkt", "1. lista", "A) lista", "`kod`", "*fet* _kursiv_ __x__",
                          "[länk](http://x)", "![bild](http://x/a.png)", "&lt;b&gt; &amp; &#60;", "{{received}}", "    indraget som kod",
                          "```\nkod\n```", "~~~", "slut med \\", "rad ett\nrad två", ": definition", "$x$ ^upp^ ~ned~ @cite", "***", "<!-- x -->",
                          "(@) exempel", "| tabell |\n|---|"]

    /// 2026-006 with one of `hostile` in every text a user writes that the memo shows.
    func hostileDossier(shift: Int) throws -> (Dossier, FundConfig, [String]) {
        let snapshot = try demoSnapshot()
        var dossier = try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier)
        var texts: [String] = []
        func next() -> String {
            let text = Self.hostile[(shift + texts.count) % Self.hostile.count]
            texts.append(text)
            return text
        }
        dossier.application.title = next()
        dossier.application.applicant = next()
        dossier.application.problem.description = next()
        dossier.application.intervention.description = next()
        for index in dossier.comments.indices { dossier.comments[index].text = next() }
        dossier.application.calculation?.effects[0].description = next()
        dossier.application.calculation?.effects[1].source = next()
        var decision = try #require(dossier.decision)
        (decision.body, decision.caseNumber, decision.conditions, decision.rationale) = (next(), next(), next(), next())
        dossier.decision = decision
        return (dossier, snapshot.config, texts)
    }

    /// No pandoc here, so the structure is checked directly: every heading, table row and
    /// paragraph is the memo's own, and the user's texts come back whole from the escapes.
    @Test(arguments: [0, 7, 14, 21])
    func userTextIsNeverMarkup(shift: Int) throws {
        let (dossier, config, texts) = try hostileDossier(shift: shift)
        let md = Memo(dossier, config: config, catalog: catalog).markdown
        let clean = try memo("2026-006").markdown
        let lines = md.split(separator: "\n", omittingEmptySubsequences: false)
        // Headings: exactly the memo's own, one line for the title however it was written.
        let headings = lines.filter { $0.hasPrefix("#") }
        #expect(headings.count == clean.split(separator: "\n").filter { $0.hasPrefix("#") }.count, "\(headings)")
        #expect(headings.dropFirst().allSatisfy { $0.hasPrefix("## ") } && headings.first?.hasPrefix("# Beslutsunderlag: 2026-006 ") == true)
        // Tables: every row has as many cells as its header.
        var expected: Int?
        for line in lines {
            guard line.hasPrefix("|") else { expected = nil; continue }
            let cells = Self.cells(line)
            if let expected { #expect(cells == expected, "\(line)") } else { expected = cells }
        }
        #expect(lines.filter { $0.hasPrefix("|") }.count == clean.split(separator: "\n").filter { $0.hasPrefix("|") }.count)
        for line in lines where !line.hasPrefix("|") && !line.hasPrefix("#") {
            let text = line.drop { $0 == " " }
            // No block starts: quote, list, rule, setext underline, code, fence, HTML.
            #expect(!(line.hasPrefix("    ") || line.hasPrefix("\t")), "\(line)")
            #expect(text.first.map { !"<>-+*=:`~|([".contains($0) } ?? true, "\(line)")
            #expect(text.prefixMatch(of: /[A-Za-z0-9]{1,9}[.)](\s|$)/) == nil, "\(line)")
        }
        // No HTML but the memo's own line breaks in cells, and no unescaped inline markup.
        #expect(!md.replacingOccurrences(of: "<br>", with: "").contains(where: { $0 == "<" || $0 == ">" }))
        for mark in ["`", "*", "_", "[", "]", "~", "^", "$", "@"] {
            let unescaped = md.components(separatedBy: mark).dropLast().filter { !$0.hasSuffix("\\") }
            #expect(unescaped.isEmpty, "unescaped \(mark)")
        }
        // Every text is there to read, once the escapes are undone.
        let shown = Self.unescaped(md)
        for text in texts {
            for part in text.split(separator: "\n") { #expect(shown.contains(part), "\(part.debugDescription)") }
        }
    }

    /// A table row's cells: pipes that are not escaped, less the two at the ends.
    static func cells(_ line: Substring) -> Int {
        var count = 0, escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count - 1
    }

    /// The memo's text with backslash escapes, entities and cell breaks undone: what a reader sees.
    static func unescaped(_ md: String) -> String {
        var out = "", escaped = false
        for character in md.replacingOccurrences(of: "<br>", with: "\n") {
            if escaped || character != "\\" { out.append(character); escaped = false } else { escaped = true }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#32;", with: " ")
            .replacingOccurrences(of: "&#9;", with: "\t").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func theCalculationsAssumptionsAreInTheMemo() throws {
        let printed = try memo("2026-006").markdown
        #expect(printed.contains("\n| Effekt | Aktör | Personer | Kr per person och år | Prisår | År | Källa |\n|---|---|---:|---:|---|---:|---|\n"))
        let md = Self.plain(printed)
        #expect(md.contains("| 1\\. Färre BBIC-utredningar av barn 0–6 år (från 23 till 15 per år enligt ansökans mål) | Sektor omsorg och socialtjänst, Grästorps kommun | 8 | 30 600 | "
            + "Schablon bbic\\_investigation: Barnavårdsutredning (BBIC), en utredning, 30 600 kr, prisår 2015. Schablonens källa: SKL, kostnad per brukare 2015 | 2028–2035 | "
            + "SKL:s kostnad per brukare 2015; socialtjänstens verksamhetssystem |"))
        #expect(md.contains("| 2\\. En familjehemsplacering färre tack vare tidigt föräldrastöd | Sektor omsorg och socialtjänst, Grästorps kommun | 1 | 450 000 | Eget belopp, prisår ej angivet. | 2030–2035 |"))
        #expect(md.contains("\nMandatperiod 2022–2026 (2022-10-15 – 2026-10-14): den som insatsen börjar i (2026-04-01)."))
        #expect(md.contains("\nPersoner som behöver hjälpas för att investeringen ska bära sig: 1.\n"))
        #expect(md.contains("\nBeloppen räknas som de är angivna, utan omräkning till ett gemensamt prisår; varje effekts prisår står vid effekten.\n"))
        let html = Self.plain(try memo("2026-006").html)
        #expect(html.contains("<th>Effekt</th><th>Aktör</th><th class=\"num\">Personer</th><th class=\"num\">Kr per person och år</th><th>Prisår</th><th class=\"num\">År</th><th>Källa</th>"))
        #expect(html.contains("<td>Schablon preschool_place_year: Förskoleplats per år, 96 000 kr, prisår 2015. Schablonens källa: SKL, kostnad per brukare 2015</td>"))
        #expect(html.contains("<p>Mandatperiod 2022–2026 (2022-10-15 – 2026-10-14): den som insatsen börjar i (2026-04-01)."))
        #expect(try memo("2026-003").markdown.contains("\nInte ens med full effekt bär sig investeringen inom kalkylens 10 år, så inget antal hjälpta personer räcker.\n"))
    }

    @Test func theMemoNamesLinesCutByTheHorizonAndConvertedPrices() throws {
        let snapshot = try demoSnapshot()
        var config = snapshot.config
        config.calculation.horizon = 6  // 2026–2031
        config.calculation.priceIndex = [2015: Decimal(string: "313.35")!, 2023: Decimal(string: "403.70")!]
        config.calculation.priceYear = 2023
        let dossier = try #require(snapshot.entry(ApplicationID("2026-006")!)?.dossier)
        let html = Self.plain(Memo(dossier, config: config, catalog: catalog).html)
        #expect(html.contains("<p>Effekt 1 räknas bara 4 av sina 8 år: kalkylen slutar 2031, så 4 år skärs bort.</p>"))
        #expect(html.contains("<p>Effekt 4 räknas bara 1 av sina 5 år: kalkylen slutar 2031, så 4 år skärs bort.</p>"))
        #expect(html.contains("<p>Effekternas belopp räknas i 2023 års priser: omräknade med fondens prisindex (price_index i bered.toml) och avrundade till hela kronor.</p>"))
        #expect(html.contains("<td class=\"num\">39 423</td>"))
        #expect(html.contains("prisår 2015. Schablonens källa: SKL, kostnad per brukare 2015<br>Omräknat till 2023 års priser: 39 423 kr (från 30 600 kr i 2015 års priser).</td>"))
        #expect(html.contains("<p>Effekt 2 räknas som angiven: den har inget prisår att räkna om från.</p>"))
        let md = Memo(dossier, config: config, catalog: catalog).markdown
        #expect(md.contains("\nEffekt 1 räknas bara 4 av sina 8 år: kalkylen slutar 2031, så 4 år skärs bort.\n"))
    }

    @Test func aMemoWithoutCalculationCommentsOrDecisionLeavesThoseSectionsOut() throws {
        let md = try memo("2026-004").markdown
        for heading in ["## Socioekonomisk kalkyl", "## Beslut", "## Ungdomspanelens kommentarer", "## Beredningens förslag"] {
            #expect(!md.contains(heading), "\(heading)")
        }
        #expect(md.contains("\n## Sammanfattning\n") && md.contains("\n## Kriterier\n"))
    }
}
