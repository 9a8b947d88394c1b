import Foundation
import Testing

/// `bered --plain` on the release build, driven through standard input as a screen-reader user
/// would: every screen is lines of text, every choice a number on a line.
@Suite("The plain mode for screen readers", .serialized)
struct PlainModeTests {
    /// Runs the installed release build with `input` as standard input, to its end.
    static func plain(_ arguments: [String], input: String, environment: [String: String] = [:]) throws -> Bered.Result {
        let process = Process()
        process.executableURL = try Bered.installed.get()
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in ["LANG", "LC_ALL", "LC_MESSAGES", "BERED_USER", "BERED_PLAIN", "BERED_ASCII"] { env[name] = nil }
        env["LANG"] = "C.UTF-8"
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Bered.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func aMemberChoosesThemselvesReadsTheListAndAnApplicationAndGetsHelp() throws {
        let demo = try DemoCopy()
        // A wrong number, then Anna; a word that is no choice, the help, the third application, quit.
        let run = try Self.plain(["open", demo.path, "--plain"], input: "9\n1\nx\nh\n3\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.hasPrefix("Vem är du? Skriv numret framför ditt namn och tryck Enter.\n1. Anna Lindqvist (anna) · beredningsgruppen\n"))
        #expect(out.contains("”9” är inget val här. Skriv ett nummer från 1 till 7, h eller q."))
        #expect(out.contains("Ansökningar: 6\n1. 2026-001 Fotosyntes\n   Status: beredning\n   Sökande: Sektor utbildning, kultur och fritid\n   Kriterier: ok\n"))
        #expect(out.contains("”x” är inget val här. Skriv ett nummer från 1 till 6, h eller q."))
        #expect(out.contains("Hjälp: listan visar varje ansökan med ett nummer framför."))
        #expect(out.contains("\n2026-003  MiniMili  [beredning]\n"))
        #expect(out.contains("\nsaknas    Går att mäta"))
        // Linear text only: no escape codes, no drawing characters, no marks as symbols.
        for drawn in ["\u{1B}", "─", "│", "✓", "✗"] { #expect(!out.contains(drawn), "\(drawn)") }
    }

    @Test func theVariableTurnsItOnInEnglishAndTheEndOfInputEndsIt() throws {
        let demo = try DemoCopy()
        let run = try Self.plain([demo.path, "--as", "sara"], input: "1\n", environment: ["BERED_PLAIN": "1", "LANG": "en_GB.UTF-8"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("Applications: 6\n1. 2026-001 Fotosyntes\n"))
        #expect(run.stdout.contains("\n2026-001  Fotosyntes  [in preparation]\n"))
        #expect(!run.stdout.contains("Who are you?"))
    }

    /// The text of a file in the demo copy.
    static func read(_ demo: DemoCopy, _ file: String) throws -> String { try String(contentsOf: demo.url(file), encoding: .utf8) }

    @Test func aPreparationGroupMemberScoresAWholeReviewDraftThenComplete() throws {
        let demo = try DemoCopy()
        // Anna, 2026-004 (no review of hers yet), score. The first criterion: a score off the
        // scale, then 4 and a comment; the second left empty; the other five 3 with a comment.
        var input = "1\n4\n1\n9\n4\nTydligt beskrivet problem.\n\n\n"
        for _ in 3...7 { input += "3\nRimligt.\n" }
        // Recommendation 1 (bevilja), a summary; complete is refused (the second criterion), a draft is saved.
        input += "1\nBra ansökan.\n2\n1\n"
        // Again: Enter keeps the first criterion; x and a comment for the second; Enter keeps the rest; complete.
        input += "4\n1\n\n\nx\nMålgruppen går inte att bedöma utan siffror.\n" + String(repeating: "\n\n", count: 5) + "\n\n2\nq\n"
        let run = try Self.plain(["open", demo.path, "--plain"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("Vad vill du göra med 2026-004? 1 poängsätt, 2 kommentera, 3 flytta, 4 för in beslutet, 5 exportera; Enter tillbaka till listan, h hjälp, q avsluta."))
        #expect(out.contains("Kriterium 1 av 7: Definierat problem"))
        #expect(out.contains("\nVägledning: "))
        #expect(out.contains("Poäng från 1 till 4, x för ”kan inte bedöma”; Enter behåller det som står."))
        #expect(out.contains("Poängen går från 1 till 4; x betyder kan ej bedömas."))
        #expect(out.contains("1. bevilja\n2. avslå\n3. behöver kompletteras\nRekommendation: skriv numret; Enter behåller ingen."))
        #expect(out.contains("Inte sparat, därför att:\n- Kriteriet ”Målgrupp” har ingen poäng (eller ”kan ej bedömas”).\n- Kriteriet ”Målgrupp” har ingen kommentar.\n"))
        #expect(out.contains("Utkast sparat"))
        #expect(out.contains("Nu: poäng 4; kommentar: Tydligt beskrivet problem."))
        #expect(out.contains("Granskningen är klar och sparad"))
        let review = try Self.read(demo, "2026-004/reviews/anna.toml")
        #expect(review.contains("status = \"complete\""))
        #expect(review.contains("recommendation = \"approve\""))
        #expect(review.contains("summary = \"Bra ansökan.\""))
        #expect(review.contains("[scores.problem]\nscore = 4\ncomment = \"Tydligt beskrivet problem.\"\n"))
        #expect(review.contains("[scores.target_group]\nscore = \"cannot_judge\"\ncomment = \"Målgruppen går inte att bedöma utan siffror.\"\n"))
        #expect(review.components(separatedBy: "score = 3\n").count == 6)
        let history = try Self.read(demo, "2026-004/history.jsonl")
        #expect(history.contains("\"review_saved\"") && history.contains("\"review_completed\""))
    }

    @Test func aConflictedMemberIsRefusedAndTheHelpListsTheChoicesAndTheRefusals() throws {
        let demo = try DemoCopy()
        // Cecilia has declared a conflict of interest in 2026-003.
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "cecilia"], input: "3\nh\n1\n3\n3\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("Hjälp – det här kan du svara här:\nVad vill du göra med 2026-003?"))
        #expect(out.contains("Det här kan du inte göra som beredningsgruppen:\n"))
        #expect(out.contains("- Kommentarer skrivs av ungdomspanelen (din roll: beredningsgruppen)."))
        #expect(out.contains("- Du har anmält jäv för 2026-003 ("))
        #expect(out.contains("Du har anmält jäv för 2026-003 (Jag är enhetschef"))
        #expect(out.contains("kan därför inte granska den ansökan."))
        #expect(out.contains("Du kan inte flytta en ansökan med status beredning (din roll: beredningsgruppen); det gör samordnare."))
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-003/reviews/cecilia.toml").path))
    }

    @Test func aYouthPanelMemberCommentsAndAnEmptyLineCancels() throws {
        let demo = try DemoCopy()
        // Sara on 2026-001: scoring is refused; a comment cancelled by an empty line; then one on the methods.
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "sara"],
                                 input: "1\n1\n1\n2\n9\n1\n\n1\n2\n2\nBra att barnet får vara med på mötena.\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen)."))
        #expect(out.contains("1. ansökan som helhet\n2. metoderna\n3. chanserna att lyckas\nVad handlar kommentaren om? Skriv numret; Enter avbryter."))
        #expect(out.contains("”9” är inget val här. Skriv ett nummer från 1 till 3, h eller q."))
        #expect(out.contains("Skriv kommentaren på en rad och tryck Enter; en tom rad avbryter.\n\nIngenting är ändrat."))
        #expect(out.contains("Kommentaren är sparad"))
        let files = try FileManager.default.contentsOfDirectory(atPath: demo.url("2026-001/comments").path).filter { $0.hasSuffix("-sara.toml") }
        #expect(files.count == 2)
        let comments = try files.map { try Self.read(demo, "2026-001/comments/" + $0) }
        #expect(comments.contains { $0.contains("about = \"methods\"") && $0.contains("Bra att barnet får vara med på mötena.") })
    }

    @Test func theSteeringGroupReturnsAnApplicationWithAReasonAfterSayingYes() throws {
        let demo = try DemoCopy()
        // Karin on 2026-002: return for completion, a reason, "n" leaves it; again, and "j" makes it.
        let reason = "Budgeten saknar kostnaden för lokalerna."
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "karin"],
                                 input: "2\n3\n1\n\(reason)\nn\n2\n3\n1\n\(reason)\nj\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("1. återremittera\n2. skicka till beslut\nFlyttar du kan göra nu: skriv numret; Enter avbryter."))
        #expect(out.contains("Skriv skälet på en rad och tryck Enter; en tom rad avbryter."))
        #expect(out.contains("Återremittera 2026-002 "))
        #expect(out.contains("Skriv j och tryck Enter för att göra det; allt annat låter bli.\n\nIngenting är ändrat."))
        #expect(out.contains("2026-002 har nu status "))
        let application = try Self.read(demo, "2026-002/application.toml")
        #expect(application.contains("state = \"returned\""))
        let history = try Self.read(demo, "2026-002/history.jsonl")
        #expect(history.components(separatedBy: "\n").filter { $0.contains("\"with_steering_group → returned: \(reason)\"") }.count == 1)
    }

    @Test func theCoordinatorReadsTheWholeLetterBeforeSendingTheFeedback() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-006/application.toml")
        try Self.read(demo, "2026-006/application.toml").replacingOccurrences(of: "state = \"running\"", with: "state = \"approved\"")
            .write(to: file, atomically: true, encoding: .utf8)
        for name in ["letter.md", "letter.html", "history.jsonl"] { try? FileManager.default.removeItem(at: demo.url("2026-006/" + name)) }
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "lars"], input: "6\n3\n1\nj\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("1. återkoppla\nFlyttar du kan göra nu"))
        #expect(out.contains("Beslutsbrevet som skickas, i sin helhet:\n\nBesked om ansökan 2026-006"))
        #expect(out.contains("\nUppföljning\n"))
        #expect(out.contains("Återkoppla 2026-006 "))
        #expect(out.contains("Beslutsbrevet sparades i 2026-006/letter.md och 2026-006/letter.html (sha256 "))
        #expect(try Self.read(demo, "2026-006/letter.md").hasPrefix("# Besked om ansökan 2026-006"))
        #expect(try Self.read(demo, "2026-006/application.toml").contains("state = \"feedback_sent\""))
        #expect(try Self.read(demo, "2026-006/history.jsonl").contains("\"approved → feedback_sent\""))
    }

    @Test func theCoordinatorMovesPastWhatIsMissingWithAWrittenReason() throws {
        let demo = try DemoCopy()
        // Lars on 2026-003, which lacks a review, a proposal and an answer: the help at the moves, then the override.
        let reason = "Skolans del i planen ska in före styrgruppen."
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "lars"], input: "3\n3\nh\n1\n\(reason)\nj\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("Hjälp – det här kan du svara här:\n1. lämna till styrgruppen\nFlyttar du kan göra nu: skriv numret; Enter avbryter.\n\nDet här kan du inte göra som samordnare:\n"))
        #expect(out.contains("\n- Bara styrgruppen kan återremittera en ansökan (din roll: samordnare).\n"))
        #expect(out.contains("Ansökan kan inte lämna beredningen ännu:\n- Kriteriet ”Går att mäta” är inte besvarat i ansökan.\n- Bengt Håkansson har ingen klar granskning.\n"))
        #expect(out.contains("2026-003 har nu status styrgrupp."))
        #expect(try Self.read(demo, "2026-003/application.toml").contains("state = \"with_steering_group\""))
        #expect(try Self.read(demo, "2026-003/history.jsonl").contains("\"in_preparation → with_steering_group (\(reason))\""))
    }

    @Test func theCoordinatorRecordsTheBoardsDecisionPastTheCapWithAReason() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-002/application.toml")
        try Self.read(demo, "2026-002/application.toml").replacingOccurrences(of: "state = \"with_steering_group\"", with: "state = \"forwarded\"")
            .write(to: file, atomically: true, encoding: .utf8)
        // Lars on 2026-002: approve; a date that is none, then one; no case number, then one; the
        // default body; a grant that is no grant, then one past the fund's cap of 600 000 a year;
        // conditions, rationale; the reason the decision stands; n, then all again and j.
        let answers = "4\n1\n20 nov\n2026-11-20\n\nKS 2026/88\n\n2027=sjuhundra\n2027=700000\nRedovisa varje halvår.\nStärker samverkan.\n"
            + "Kommunstyrelsen beslutade över taket.\n"
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "lars"], input: "2\n" + answers + "n\n2\n" + answers + "j\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("1. bifall\n2. avslag\nVilket beslut fattade kommunstyrelsen? Skriv numret; Enter avbryter."))
        #expect(out.contains("”20 nov” är inget datum; skriv som 2026-11-20."))
        #expect(out.contains("Diarienumret saknas."))
        #expect(out.contains("Enter för det sökta: 2026=260000, 2027=540000, 2028=280000."))
        #expect(out.contains("”2027=sjuhundra” ska skrivas som ÅR=KRONOR, t.ex. 2027=450000."))
        #expect(out.contains("Beslutet går utöver fondens pengar:\n- "))
        #expect(out.contains("700 000"))
        #expect(out.contains("Beslutet (bifall) förs in och ansökan får status "))
        #expect(out.contains("Beslutet för 2026-002 är infört: bifall."))
        let decision = try Self.read(demo, "2026-002/decision.toml")
        #expect(decision.contains("outcome = \"approve\"") && decision.contains("case_number = \"KS 2026/88\""))
        #expect(decision.contains("budget_override = \"Kommunstyrelsen beslutade över taket.\""))
        #expect(decision.contains("year = 2027") && decision.contains("amount = 700000"))
        #expect(try Self.read(demo, "2026-002/application.toml").contains("state = \"approved\""))
        // Said no the first time: recorded once.
        #expect(try Self.read(demo, "2026-002/history.jsonl").components(separatedBy: "\"decided\"").count == 2)
    }

    @Test func onlyTheCoordinatorRecordsADecisionOrExports() throws {
        let demo = try DemoCopy()
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "karin"], input: "e\n2\n4\n2\n5\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.components(separatedBy: "Bara samordnaren exporterar beslut (din roll: styrgruppen).").count == 3)
        #expect(run.stdout.contains("Bara samordnaren för in kommunstyrelsens beslut (din roll: styrgruppen)."))
        #expect(!FileManager.default.fileExists(atPath: demo.url("exports").path))
    }

    @Test func theCoordinatorExportsTheDecisionsListAndAMemo() throws {
        let demo = try DemoCopy()
        // e in the list: a wrong number, then the CSV; e again, the workbook; 5 on 2026-006: the memo as a web page.
        let run = try Self.plain(["open", demo.path, "--plain", "--as", "lars"], input: "e\n9\n1\ne\n3\n6\n5\n5\nq\n")
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        #expect(out.contains("1. beslutslistan som CSV för Excel\n2. allt som JSON\n3. fonden som Excel-arbetsbok (.xlsx)\nVilken export?"))
        #expect(out.contains("”9” är inget val här. Skriv ett nummer från 1 till 3, h eller q."))
        #expect(out.contains("5. beslutsunderlaget för 2026-006 som HTML för utskrift"))
        let files = try FileManager.default.contentsOfDirectory(atPath: demo.url("exports").path).sorted()
        #expect(files.count == 3, "\(files)")
        let csv = try #require(files.first { $0.hasSuffix(".csv") }), html = try #require(files.first { $0.hasSuffix(".html") })
        // The workbook is a zip of Office parts.
        let xlsx = try #require(files.first { $0.hasSuffix(".xlsx") })
        #expect(try Data(contentsOf: demo.url("exports/" + xlsx)).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(out.contains(demo.url("exports/" + csv).path))
        #expect(try Data(contentsOf: demo.url("exports/" + csv)).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try Self.read(demo, "exports/" + html).contains("2026-006"))
    }
}
