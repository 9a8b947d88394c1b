import BeredningCore
import BeredningResources
import BeredningStore
import Foundation
import Testing

/// `bered template` and `bered import` through the real binary, with the form filled in by an
/// independent program: python-docx, finding each content control by its tag the way any
/// script that fills Word forms would.
@Suite("The application as a Word form")
struct WordFormCommandTests {
    /// Fills the controls named in `values` (path → text, "\n" between paragraphs) and saves
    /// the result; fails when a path has no control.
    static let filler = #"""
    import sys, json, docx
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    job = json.loads(sys.stdin.read())
    document = docx.Document(job["in"])
    values, seen = job["values"], set()
    for sdt in document.element.body.iter(qn("w:sdt")):
        properties = sdt.find(qn("w:sdtPr"))
        tag = properties.find(qn("w:tag"))
        if tag is None or tag.get(qn("w:val")) not in values:
            continue
        path = tag.get(qn("w:val"))
        seen.add(path)
        for flag in properties.findall(qn("w:showingPlcHdr")):
            properties.remove(flag)
        content = sdt.find(qn("w:sdtContent"))
        for child in list(content):
            content.remove(child)
        for line in values[path].split("\n"):
            paragraph, run, text = OxmlElement("w:p"), OxmlElement("w:r"), OxmlElement("w:t")
            text.text = line
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(text)
            paragraph.append(run)
            content.append(paragraph)
    missing = sorted(set(values) - seen)
    if missing:
        sys.exit("no control for " + ", ".join(missing))
    document.save(job["out"])
    """#

    static func fill(_ template: URL, _ values: [String: String], to out: URL) throws {
        let job = try JSONSerialization.data(withJSONObject: ["in": template.path, "out": out.path, "values": values])
        _ = try Bered.python(filler, input: String(decoding: job, as: UTF8.self))
    }

    static func application(_ id: String, in store: URL) throws -> Application {
        let snapshot = try FileStore(root: store, coreCriteria: try BundledResources.coreCriteria()).load()
        let applicationID = try #require(ApplicationID(id))
        return try #require(snapshot.entry(applicationID)?.dossier?.application)
    }

    static func history(_ id: String, in store: URL) throws -> [HistoryEvent] {
        FileStore(root: store, coreCriteria: try BundledResources.coreCriteria()).history(of: try #require(ApplicationID(id))).events
    }

    /// An application that uses every kind of field: three actors, two paragraphs with å ä ö,
    /// indicators, a budget and a calculation with an amount and a unit cost.
    static func expected(id: ApplicationID, received: Day) -> Application {
        var a = Application(id: id, title: "Läxhjälp och föräldraträffar i Älvängen", received: received)
        a.applicant = "Sektor utbildning, kultur och fritid"
        a.applicantKind = .municipal
        a.ideaGiver = "Föräldraföreningen på Älvängenskolan"
        a.economicModel = .repayment
        a.problem = Problem(description: "Många elever i årskurs 4–6 går hem utan att ha förstått läxan.\n\nFöräldrar som inte läser svenska kan inte hjälpa till; det märks på måluppfyllelsen i årskurs 6.",
                            localExtent: "118 av 1 020 elever (11,6 procent) har hög frånvaro.", consequences: "Fler lämnar grundskolan utan behörighet.",
                            costOfInaction: "Ett liv i utanförskap kostar 10–15 miljoner kronor.")
        a.targetGroup = TargetGroup(description: "Elever i årskurs 4–6 och deras föräldrar.", ageMin: 10, ageMax: 12, size: 45,
                                    needsAnalysis: "Elevhälsans kartläggning hösten 2026.\nSkolans egen enkät våren 2026.")
        a.intervention = Intervention(description: "Läxhjälp två kvällar i veckan på fritidsgården, och en föräldraträff i månaden.",
                                      start: Day("2027-01-15"), end: Day("2028-12-31"), activities: ["Läxhjälp tisdag och torsdag", "Föräldraträff med tolk", "Sommarläger"])
        a.evidence = Evidence(level: .provenPractice, basis: "Läxhjälp med vuxna förebilder har prövats i Göteborg.",
                              references: ["Skolverket 2023: Läxhjälp i kommunal regi", "IFAU rapport 2021:14"], learningPlan: "")
        a.earlyTiming = EarlyTiming(level: .selective, stage: "Mellanstadiet, innan frånvaron växer.", justification: "Tidigt i skolgången, före högstadiet.")
        a.measurability = Measurability(indicators: [
            Indicator(name: "Andel med godkända betyg i årskurs 6", unit: "procent", baseline: 71.5, target: 85, source: "Skolverket",
                      when: [.oneYear, .fourYears], direction: .raise, kind: .outcome),
            Indicator(name: "Träffar per termin", unit: "antal", baseline: 0, target: 30, source: "Fritidsgårdens statistik", when: [.oneYear],
                      direction: .raise, kind: .output),
        ], evaluationPlan: "FoU i Väst följer insatsen.\n\nEn rapport efter varje läsår.", economicFollowUp: "Kostnaderna följs mot kalkylen varje år.")
        a.actors = [
            Actor(name: "Fritidsgården Älvängen", kind: .municipal, role: "Håller lokalen och fritidsledarna.", contribution: "0,5 tjänst fritidsledare.",
                  organisation: "Ale kommun", unit: "Sektor utbildning, kultur och fritid"),
            Actor(name: "Individ- och familjeomsorgen", kind: .municipal, role: "Leder föräldraträffarna.", contribution: "Familjebehandlare 4 timmar i veckan.",
                  organisation: "Ale kommun", unit: "Sektor arbete, trygghet och omsorg"),
            Actor(name: "Studieförbundet Vuxenskolan", kind: .association, role: "Volontärer till läxhjälpen.", contribution: "Tio volontärer.\nUtbildning av dem."),
        ]
        a.budget = Budget(years: [Budget.Year(year: 2027, requested: 1_200_000), Budget.Year(year: 2028, requested: 1_250_000)],
                          contributions: [Budget.Contribution(actor: "Sektor utbildning, kultur och fritid", amount: 400_000, description: "Lokaler och 0,5 tjänst.")])
        a.longTerm = LongTermPlan(owner: "Sektor utbildning, kultur och fritid", plan: "Läxhjälpen blir en del av fritidsgårdens ordinarie verksamhet 2029.")
        a.childRights = "Barnen planerar läxhjälpen tillsammans med fritidsledarna (artikel 12)."
        a.calculation = CalculationInput(firstYear: 2027, start: Day("2027-01-15"), costs: [
            CostItem(actor: "Sektor utbildning, kultur och fritid", year: 2027, amount: Money(1_200_000)),
            CostItem(actor: "Sektor utbildning, kultur och fritid", year: 2028, amount: Money(1_250_000)),
        ], effects: [
            Effect(actor: "Sektor arbete, trygghet och omsorg", description: "Färre utredningar.", people: 4, value: .unitCost("bbic_investigation"),
                   source: "Kommunens statistik", fromYear: 2028, years: 3),
            Effect(actor: "Sektor utbildning, kultur och fritid", description: "Färre elever i särskild undervisningsgrupp.", people: 2, value: .amount(Money(250_000)),
                   source: "Egen uppskattning", fromYear: 2028, years: 4, priceYear: 2026),
        ])
        return a
    }

    @Test func aFormFilledByAnotherProgramImportsExactly() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx"), filled = demo.url("ifylld.docx")
        let written = try Bered.run(["template", demo.path, "--out", template.path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "Ansökningsblanketten för Ale kommuns sociala investeringsfond är skriven till \(template.path) (\(ApplicationForm.fields.count) fält).\n")
        let today = WallTime(Date()).day
        let expected = Self.expected(id: try #require(ApplicationID("2026-007")), received: today)
        // Every field as the form shows it, some written the way people write them in Swedish.
        var values = ApplicationForm.values(of: expected).filter { !$0.value.isEmpty }
        values["budget.years[0].requested"] = "1 200 000 kr"
        values["budget.years[1].requested"] = "1,25 mnkr"
        values["budget.contributions[0].amount"] = "400\u{00A0}000:-"
        values["calculation.effects[1].value_per_person"] = "250 tkr"
        values["measurability.indicators[0].baseline"] = "71,5 %"
        values["measurability.indicators[0].when"] = "efter 1 år, 4 år"
        values["actors[0].kind"] = "kommunal"
        values["actors[2].kind"] = "förening"
        values["evidence.level"] = "beprövad erfarenhet"
        values["early_timing.level"] = "selektiv prevention"
        values["applicant_kind"] = "Kommunal"
        values["economic_model"] = "återbetalning till fonden"
        values["target_group.age_max"] = "12 år"
        values["measurability.indicators[1].direction"] = "ska öka"
        values["measurability.indicators[1].kind"] = "aktivitetsmått"
        try Self.fill(template, values, to: filled)

        let imported = try Bered.run(["import", demo.path, filled.path, "--as", "lars"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Ansökan 2026-007 är registrerad från \(filled.path): \(demo.path)/2026-007/application.toml\n")
        let read = try Self.application("2026-007", in: demo.root)
        // Field by field, so a difference names its field; then the whole record.
        let got = ApplicationForm.values(of: read), want = ApplicationForm.values(of: expected)
        for field in ApplicationForm.fields { #expect(got[field.path] == want[field.path], "\(field.path)") }
        #expect(read == expected)
        let history = try Self.history("2026-007", in: demo.root)
        #expect(history.map(\.kind) == [.registered] && history.first?.member.rawValue == "lars")
    }

    @Test func anEditThroughTheFormShowsEachChangeAndIsRecordedAsAnEdit() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx"), filled = demo.url("andrad.docx")
        #expect(try Bered.run(["template", demo.path, "--out", template.path]).status == 0)
        let before = try Self.application("2026-001", in: demo.root)
        var values = ApplicationForm.values(of: before).filter { !$0.value.isEmpty }
        values["problem.local_extent"] = "Läsåret 2025/26: 121 av 1 030 elever.\n\nKälla: skolans frånvarostatistik."
        values["actors[1].role"] = "Leder de samordnade mötena."
        values["target_group.size"] = "50"
        try Self.fill(template, values, to: filled)

        let edit = try Bered.run(["import", demo.path, filled.path, "--id", "2026-001", "--as", "lars"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let oldExtent = before.problem.localExtent, oldRole = before.actors[1].role
        #expect(edit.stdout == """
            Det här ändrades i 2026-001 Fotosyntes:
            Definierat problem – Lokal omfattning
              före: \(oldExtent)
              nu:   Läsåret 2025/26: 121 av 1 030 elever.

                    Källa: skolans frånvarostatistik.
            Målgrupp – Antal barn eller unga
              före: \(before.targetGroup.size.map(String.init) ?? "")
              nu:   50
            Samverkan – Aktör 2: Roll
              före: \(oldRole)
              nu:   Leder de samordnade mötena.
            Ändringarna är sparade och står i ansökans historik.
            Granskningarna av anna, bengt, cecilia gällde den tidigare versionen; de visas nu som bedömningar av en tidigare version.

            """)
        var changed = before
        changed.problem.localExtent = "Läsåret 2025/26: 121 av 1 030 elever.\n\nKälla: skolans frånvarostatistik."
        changed.actors[1].role = "Leder de samordnade mötena."
        changed.targetGroup.size = 50
        #expect(try Self.application("2026-001", in: demo.root) == changed)
        let last = try #require(try Self.history("2026-001", in: demo.root).last)
        #expect(last.kind == .edited && last.member.rawValue == "lars" && last.details == "actors, problem.local_extent, target_group")
        // The reviews were of the text before: the store now shows them as of an earlier version.
        let snapshot = try FileStore(root: demo.root, coreCriteria: try BundledResources.coreCriteria()).load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-001")!)?.dossier)
        #expect(dossier.outdatedReviews.map(\.reviewer.rawValue) == ["anna", "bengt", "cecilia"])

        // The same form again changes nothing, and says so.
        let again = try Bered.run(["import", demo.path, filled.path, "--id", "2026-001", "--as", "lars"])
        #expect(again.status == 0 && again.stdout == "\(filled.path) ändrar ingenting i 2026-001; ingenting sparades.\n")
        #expect(try Self.history("2026-001", in: demo.root).last == last)
    }

    @Test func aFilledInFormOfAnApplicationReadsBackUnchanged() throws {
        let demo = try DemoCopy()
        let form = demo.url("2026-001.docx")
        let written = try Bered.run(["template", demo.path, "--id", "2026-001", "--out", form.path])
        #expect(written.status == 0, "\(written.stderr)")
        // python-docx sees each control holding the application's text, choices by their labels.
        let script = """
            import sys, json, docx
            from docx.oxml.ns import qn
            document = docx.Document(sys.stdin.read())
            found = {}
            for sdt in document.element.body.iter(qn("w:sdt")):
                tag = sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val"))
                paragraphs = sdt.find(qn("w:sdtContent")).findall(qn("w:p"))
                placeholder = sdt.find(qn("w:sdtPr")).find(qn("w:showingPlcHdr")) is not None
                found[tag] = "" if placeholder else "\\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs)
            print(json.dumps(found))
            """
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(Bered.python(script, input: form.path).utf8)) as? [String: String])
        let application = try Self.application("2026-001", in: demo.root)
        let values = ApplicationForm.values(of: application)
        #expect(shown.count == ApplicationForm.fields.count)
        #expect(shown["problem.description"] == application.problem.description)
        #expect(shown["actors[3].name"] == "FoU i Väst/GR" && shown["actors[3].kind"] == "annan" && shown["actors[4].name"] == "")
        #expect(shown["economic_model"] == "återbetalning till fonden")
        #expect(shown["target_group.size"] == values["target_group.size"] && shown["intervention.start"] == values["intervention.start"])

        let again = try Bered.run(["import", demo.path, form.path, "--id", "2026-001", "--as", "lars"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "\(form.path) ändrar ingenting i 2026-001; ingenting sparades.\n")
    }

    @Test func anApplicationWithMoreActorsThanTheFormHoldsIsNotMadeIntoOne() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-001/application.toml")
        let extra = (5...7).map { "\n[[actors]]\nname = \"Förening \($0)\"\nkind = \"association\"\n" }.joined()
        var text = try String(contentsOf: file, encoding: .utf8)
        let problem = try #require(text.range(of: "\n[problem]"))
        text.insert(contentsOf: extra, at: problem.lowerBound)
        try Data(text.utf8).write(to: file)
        #expect(try Self.application("2026-001", in: demo.root).actors.count == 7)
        let message = "2026-001 har 7 rader under Samverkan, men blanketten rymmer bara Aktör 1–6: en blankett av den skulle tappa resten. Ändra 2026-001 i application.toml i stället.\n"
        let template = try Bered.run(["template", demo.path, "--id", "2026-001", "--out", demo.url("a.docx").path])
        #expect(template.status == 1 && template.stderr == message)
        #expect(try Bered.run(["template", demo.path, "--out", demo.url("a.docx").path]).status == 0)
        let edit = try Bered.run(["import", demo.path, demo.url("a.docx").path, "--id", "2026-001", "--as", "lars"])
        #expect(edit.status == 1 && edit.stderr == message)
    }

    @Test func theREADMEsEditIsTheRealOne() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx"), filled = demo.url("andrad.docx")
        #expect(try Bered.run(["template", demo.path, "--out", template.path]).status == 0)
        var values = ApplicationForm.values(of: try Self.application("2026-001", in: demo.root)).filter { !$0.value.isEmpty }
        values["target_group.size"] = "50"
        values["actors[1].contribution"] = "0,5 tjänst familjebehandlare under hela projekttiden."
        try Self.fill(template, values, to: filled)
        let edit = try Bered.run(["import", demo.path, filled.path, "--id", "2026-001", "--as", "lars"])
        #expect(edit.stdout == (try CalcCommandTests.readmeBlock(startingWith: "Det här ändrades i 2026-001 Fotosyntes:")) + "\n")
    }

    @Test func aDamagedZipAnotherWordFileAndAnotherFundsFormAreRefusedPlainly() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx")
        #expect(try Bered.run(["template", demo.path, "--out", template.path]).status == 0)
        let before = Sandbox.contents(of: demo.root)

        let damaged = demo.url("trasig.docx")
        try Data(try Data(contentsOf: template).prefix(4000)).write(to: damaged)
        let broken = try Bered.run(["import", demo.path, damaged.path, "--as", "lars"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("\(damaged.path) går inte att läsa som en Word-fil (.docx): filen är skadad eller är inte en docx-fil ("))

        let other = demo.url("brev.docx")
        _ = try Bered.python("import docx, sys\nd = docx.Document()\nd.add_heading('Ansökan', 0)\nd.add_paragraph('Vi söker pengar till läxhjälp.')\nd.save(sys.stdin.read())", input: other.path)
        let notOurs = try Bered.run(["import", demo.path, other.path, "--as", "lars"])
        #expect(notOurs.status == 2)
        #expect(notOurs.stderr == "\(other.path) är inte en ansökningsblankett från bered. Hämta fondens blankett med bered template, fyll i den och läs in den igen.\n")
        let english = try Bered.run(["import", demo.path, other.path, "--as", "lars", "--lang", "en"])
        #expect(english.stderr == "\(other.path) is not an application form from bered. Get the fund's form with bered template, fill it in and read it in again.\n")

        // Another fund's store: the same demo under another name.
        let grastorp = try DemoCopy()
        let config = grastorp.url("bered.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "fund = \"Ale kommuns sociala investeringsfond\"", with: "fund = \"Grästorps sociala investeringsfond\"").utf8).write(to: config)
        let theirs = demo.url("grastorp.docx")
        #expect(try Bered.run(["template", grastorp.path, "--out", theirs.path]).status == 0)
        let filled = demo.url("grastorp-ifylld.docx")
        try Self.fill(theirs, ["title": "Läxhjälp", "actors[0].name": "Grästorps skola"], to: filled)
        let wrongFund = try Bered.run(["import", demo.path, filled.path, "--as", "lars"])
        #expect(wrongFund.status == 2)
        #expect(wrongFund.stderr == "\(filled.path) är blanketten för Grästorps sociala investeringsfond, inte för Ale kommuns sociala investeringsfond. Hämta den här fondens blankett med bered template.\n")

        let after = Sandbox.contents(of: demo.root).filter { !$0.key.hasSuffix(".docx") }
        #expect(after == before.filter { !$0.key.hasSuffix(".docx") }, "changed:\n\(differences(before, after))")
    }

    @Test func aFieldThatCannotBeReadIsNamedByItsSectionAndNothingIsSaved() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx"), filled = demo.url("fel.docx")
        #expect(try Bered.run(["template", demo.path, "--out", template.path]).status == 0)
        try Self.fill(template, [
            "title": "Läxhjälp", "target_group.size": "fyrtio", "intervention.start": "15/1 2027", "budget.years[0].year": "2027",
            "budget.years[0].requested": "12,50 kr", "actors[0].role": "Håller lokalen", "actors[0].kind": "kommunal",
        ], to: filled)
        let before = Sandbox.contents(of: demo.root)
        let result = try Bered.run(["import", demo.path, filled.path, "--as", "lars"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(filled.path) lästes inte in; ingenting sparades. Rätta det här i blanketten och försök igen:
              • Målgrupp: ”Antal barn eller unga” går inte att läsa: ”fyrtio” är inte ett heltal (till exempel 40).
              • Insatsen: ”Startdatum” går inte att läsa: ”15/1 2027” är inte ett datum skrivet som 2027-01-15.
              • Samverkan: Aktör 1 saknar ”Namn”, som måste fyllas i när något annat i blocket är ifyllt.
              • Budget: ”Budgetår 1: Sökt belopp” går inte att läsa: ”12,50 kr” är inte ett belopp i hela kronor (till exempel 1 200 000 kr eller 1,2 mnkr).

            """)
        #expect(Sandbox.contents(of: demo.root) == before)
    }

    @Test func onlyTheCoordinatorImportsAndAPersonalIdentityNumberIsRefused() throws {
        let demo = try DemoCopy()
        let template = demo.url("ansokan.docx"), filled = demo.url("ifylld.docx")
        #expect(try Bered.run(["template", demo.path, "--out", template.path]).status == 0)
        try Self.fill(template, ["title": "Läxhjälp", "idea_giver": "Kalle Anka 19121212-1212"], to: filled)
        let before = Sandbox.contents(of: demo.root)
        for who in DemoMembers.notCoordinators {
            for extra in [[], ["--id", "2026-001"]] {
                let result = try Bered.run(["import", demo.path, filled.path, "--as", who] + extra)
                #expect(result.status == 1, "\(who)")
                let action = extra.isEmpty ? "registrerar nya ansökningar" : "ändrar i en ansökan"
                #expect(result.stderr.hasPrefix("Bara samordnaren \(action)") && result.stderr.hasSuffix("(din roll: \(DemoMembers.roles[who]!)).\n"), "\(who): \(result.stderr)")
            }
        }
        let refused = try Bered.run(["import", demo.path, filled.path, "--as", "lars"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("personnummer"), "\(refused.stderr)")
        let after = Sandbox.contents(of: demo.root).filter { !$0.key.hasSuffix(".docx") }
        #expect(after == before.filter { !$0.key.hasSuffix(".docx") }, "changed:\n\(differences(before, after))")
    }
}
