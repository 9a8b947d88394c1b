import BeredningCore
import BeredningResources
import Foundation
import Testing

private let sv = try! BundledResources.catalog(.sv)
private let en = try! BundledResources.catalog(.en)

@Suite("SHA-256, the sent letter's fingerprint")
struct SHA256Tests {
    @Test func theStandardsVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Every length around the padding's edges (55, 56, 63, 64 and 65 bytes), and Swedish
    /// letters as UTF-8, against Python's hashlib.
    @Test func agreesWithPythonAtEveryPaddingEdge() throws {
        let texts = (0...130).map { String(repeating: "å", count: $0 / 2) + String(repeating: "x", count: $0 % 2) }
            + (50...70).map { String(repeating: "a", count: $0) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sys,hashlib\nfor l in sys.stdin.read().split('\\n')[:-1]: print(hashlib.sha256(l.encode()).hexdigest())"]
        let input = Pipe(), output = Pipe()
        python.standardInput = input
        python.standardOutput = output
        try python.run()
        input.fileHandleForWriting.write(Data(texts.map { $0 + "\n" }.joined().utf8))
        try input.fileHandleForWriting.close()
        let expected = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
        python.waitUntilExit()
        #expect(expected.count == texts.count)
        #expect(texts.map { SHA256.hex($0) } == expected)
    }
}

@Suite("The decision letter to the idea giver")
struct DecisionLetterTests {
    let today = Day("2026-12-02")!

    func decided(_ outcome: Decision.Outcome, application: Application = strongApplication()) -> Dossier {
        var application = application
        application.state = outcome == .approve ? .approved : .rejected
        let decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/117", outcome: outcome,
                                grants: outcome == .approve ? [.init(year: 2027, amount: 450_000), .init(year: 2028, amount: 1_200_000)] : [],
                                conditions: outcome == .approve ? "Redovisa en halvårsrapport." : "", rationale: "Väl förankrat i två sektorer.",
                                recordedBy: lars.id)
        return Dossier(application: application, reviews: [], decision: decision)
    }

    func text(_ dossier: Dossier, _ catalog: Catalog = sv) throws -> String {
        try #require(DecisionLetter.document(dossier, config: try testConfig(), sender: lars, date: today, catalog: catalog)).plainLines.joined(separator: "\n")
    }

    @Test func anApprovalSaysWhatWasGrantedTheConditionsAndWhatToReportWhen() throws {
        let letter = try text(decided(.approve))
        #expect(letter.hasPrefix("Besked om ansökan 2026-001: Fotosyntes"))
        #expect(letter.contains("Till: Rektor, Sektor utbildning, kultur och fritid"))
        #expect(letter.contains("Från: Testfonden, 2026-12-02"))
        #expect(letter.contains("Diarienummer: KS 2026/117"))
        #expect(letter.contains("Kommunstyrelsen beslutade 2026-11-20 att bevilja ansökan 2026-001 ”Fotosyntes” sammanlagt 1 650 000 kr ur Testfonden."))
        #expect(letter.contains("År: 2027\nBelopp: 450 000 kr"))
        #expect(letter.contains("År: 2028\nBelopp: 1 200 000 kr"))
        #expect(letter.contains("Redovisa en halvårsrapport."))
        #expect(letter.contains("Väl förankrat i två sektorer."))
        #expect(letter.contains("följs upp 2027-11-20 och 2030-11-20."))
        #expect(letter.contains("Indikator: Frånvaro\nUtgångsläge: 22 procent\nMål: 10 procent\nKälla: Skolans system"))
        #expect(letter.contains("per aktör och år"))
        #expect(letter.contains("Frågor om beslutet besvaras av Lars, Testfonden."))
        #expect(!letter.contains("Vad som skulle behöva ändras"))
    }

    /// A rejection names each criterion not met, with what the check found and the group's
    /// note on it; it names no reviewer and shows no score.
    @Test func aRejectionSaysWhatWouldNeedToChangeCriterionByCriterion() throws {
        var application = strongApplication()
        application.evidence = Evidence()
        var dossier = decided(.reject, application: application)
        let config = try testConfig()
        dossier.reviews = [anna, bengt, cecilia].map { completeReview(by: $0, points: 2, config: config) }
        dossier.proposal = Proposal(applicationID: application.id, recommendation: .reject, rationale: "Svag evidens.",
                                    notes: [CriterionID("evidence")!: "Pilotens resultat saknas."], recordedBy: anna.id)
        let letter = try text(dossier)
        #expect(letter.contains("beslutade 2026-11-20 att avslå ansökan 2026-001"))
        #expect(letter.contains("Vad som skulle behöva ändras"))
        #expect(letter.contains("Kriterium: Evidens"), "\(letter)")
        #expect(letter.contains("Pilotens resultat saknas."))
        #expect(letter.contains("Ni är välkomna att söka igen"))
        #expect(!letter.contains("Belopp per år") && !letter.contains("följs upp"))
        for name in ["Anna", "Bengt", "Cecilia"] { #expect(!letter.contains(name)) }
    }

    @Test func aRejectionOfAnApplicationThatMetEveryCriterionSaysTheReasonIsTheRationale() throws {
        let dossier = decided(.reject)
        let config = try testConfig()
        var withReviews = dossier
        withReviews.reviews = [anna, bengt, cecilia].map { completeReview(by: $0, points: 4, config: config) }
        let letter = try text(withReviews)
        #expect(letter.contains("Ansökan uppfyllde fondens kriterier"), "\(letter)")
    }

    @Test func inEnglish() throws {
        let letter = try text(decided(.approve), en)
        #expect(letter.hasPrefix("Decision on application 2026-001: Fotosyntes"))
        #expect(letter.contains("decided to approve application 2026-001 “Fotosyntes” with a total of SEK 1,650,000"))
        #expect(letter.contains("followed up on 2027-11-20 and 2030-11-20."))
    }

    @Test func noDecisionNoLetter() throws {
        #expect(DecisionLetter.document(Dossier(application: strongApplication()), config: try testConfig(), sender: lars, date: today, catalog: sv) == nil)
    }

    @Test func theSendingNeedsTheLetter() throws {
        let dossier = decided(.approve)
        #expect(throws: Workflow.Refused.reasonNeeded(Message(.letterNeeded))) {
            _ = try Workflow.apply(.sendFeedback, to: dossier, by: lars, config: try testConfig())
        }
        let letter = SentLetter(try #require(DecisionLetter.document(dossier, config: try testConfig(), sender: lars, date: today, catalog: sv)))
        #expect(try Workflow.apply(.sendFeedback, to: dossier, by: lars, config: try testConfig(), letter: letter).state == .feedbackSent)
    }

    @Test func theHistoryLinesNameEachFilesFingerprintAndAreReadBack() {
        let letter = SentLetter(markdown: "# Brev\n", html: "<p>Brev</p>\n")
        let details = letter.fingerprints(markdownFile: "letter.md", htmlFile: "letter.html")
        #expect(SentLetter.fingerprints(in: details) == ["letter.md": SHA256.hex("# Brev\n"), "letter.html": SHA256.hex("<p>Brev</p>\n")])
        #expect(SentLetter.fingerprints(in: "approved → feedback_sent").isEmpty)
    }
}

@Suite("A document read as plain lines")
struct DocumentPlainLinesTests {
    @Test func headingsParagraphsAndTablesAsLabelValueLines() {
        let document = Document(title: "Titel", blocks: [
            .heading("Rubrik"), .paragraph("Första raden\nandra raden"),
            .table(header: ["År", "Belopp"], rows: [["2027", "450 000 kr"], ["2028", ""]]),
        ])
        #expect(document.plainLines == ["Titel", "", "Rubrik", "", "Första raden", "andra raden", "", "År: 2027", "Belopp: 450 000 kr", "", "År: 2028"])
    }
}
