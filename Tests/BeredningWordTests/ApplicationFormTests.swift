import BeredningCore
import BeredningResources
import BeredningStore
import Foundation
import Testing

/// The form's fields against the application record: every field is written and read back.
@Suite("The application as a form")
struct ApplicationFormTests {
    static func spellings() throws -> (Message) -> [String] {
        let catalogs = try Language.allCases.map { try BundledResources.catalog($0) }
        return { message in catalogs.map { $0(message) } }
    }

    @Test func everyDemoApplicationReadsBackFromItsFormValuesExactly() throws {
        let snapshot = try FileStore(root: BundledResources.demoStore, coreCriteria: try BundledResources.coreCriteria()).load()
        #expect(snapshot.dossiers.count == 6)
        for dossier in snapshot.dossiers {
            let application = dossier.application
            let empty = Application(id: application.id, title: "", state: application.state)
            var base = empty
            base.received = application.received
            base.reviewDeadline = application.reviewDeadline
            base.closing = application.closing
            let read = ApplicationForm.application(from: ApplicationForm.values(of: application), onto: base,
                                                   settings: snapshot.config.calculation, spellings: try Self.spellings())
            #expect(try read.get() == application, "\(application.id)")
        }
    }

    @Test func pathsAreUniqueAndMirrorTheRecordsKeys() {
        let paths = ApplicationForm.fields.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(paths.contains("problem.description") && paths.contains("actors[0].name") && paths.contains("actors[5].contribution"))
        #expect(!paths.contains("actors[6].name"))
        #expect(paths.contains("measurability.indicators[7].when") && paths.contains("calculation.effects[0].unit_cost"))
        #expect(ApplicationForm.fields.filter { $0.name == "actors.name" }.count == 6)
        #expect(ApplicationForm.fields.filter { $0.name == "measurability.indicators.name" }.count == 8)
    }

    @Test func swedishNumbersAreReadAsPeopleWriteThem() {
        let cases: [(String, Decimal?)] = [
            ("1 200 000 kr", 1_200_000), ("1 200 000,50", Decimal(string: "1200000.5")), ("1,2 mnkr", 1_200_000), ("500 tkr", 500_000),
            ("1\u{00A0}200\u{202F}000 kronor", 1_200_000), ("1.200.000", 1_200_000), ("1.200.000,75", Decimal(string: "1200000.75")),
            ("71,5 %", Decimal(string: "71.5")), ("71.5", Decimal(string: "71.5")), ("-3", -3), ("\u{2212}3,5", Decimal(string: "-3.5")),
            ("400 000:-", 400_000), ("12 år", 12), ("45 barn", 45),
            ("", nil), ("fyrtio", nil), ("1,2,3", nil), ("12 kr 50", nil), (",5", nil), ("5,", nil), ("1e6", nil),
        ]
        for (text, expected) in cases { #expect(SwedishNumber.decimal(text) == expected, "\(text)") }
        #expect(SwedishNumber.integer("12,50 kr") == nil)
        #expect(SwedishNumber.integer("1,25 mnkr") == 1_250_000)
        #expect(SwedishNumber.text(1_200_000) == "1 200 000")
        #expect(SwedishNumber.text(Decimal(string: "71.5")!) == "71,5")
    }

    @Test func aChoiceIsReadInEitherLanguageOrAsItsValue() throws {
        let base = Application(id: ApplicationID("2026-001")!, title: "Läxhjälp")
        var values = ApplicationForm.values(of: base)
        for (text, kind) in [("kommunal", ActorKind.municipal), ("Association", .association), ("region", .region), ("STATLIG", .state)] {
            values["applicant_kind"] = text
            #expect(try ApplicationForm.application(from: values, onto: base, spellings: try Self.spellings()).get().applicantKind == kind, "\(text)")
        }
        values["applicant_kind"] = ""
        values["measurability.indicators[0].name"] = "Frånvaro"
        values["measurability.indicators[0].when"] = "1 år och efter 4 år; in the long run"
        let read = try ApplicationForm.application(from: values, onto: base, spellings: try Self.spellings()).get()
        #expect(read.measurability.indicators.first?.when == [.oneYear, .fourYears, .longTerm])
    }

    @Test func aRemovedFieldIsNamedAndNothingIsRead() throws {
        let base = Application(id: ApplicationID("2026-001")!, title: "")
        var values = ApplicationForm.values(of: base)
        values["title"] = "Läxhjälp"
        values["problem.description"] = nil
        values["actors[3].role"] = nil
        let result = ApplicationForm.application(from: values, onto: base, spellings: try Self.spellings())
        let catalog = try BundledResources.catalog(.sv)
        guard case .failure(let problems) = result else { Issue.record("read without the fields"); return }
        #expect(problems.messages.map { catalog($0) } == [
            "Definierat problem: fältet ”Problemet” finns inte i blanketten (det har tagits bort). Fyll i en ny blankett från bered template.",
            "Samverkan: fältet ”Aktör 4: Roll” finns inte i blanketten (det har tagits bort). Fyll i en ny blankett från bered template.",
        ])
    }
}
