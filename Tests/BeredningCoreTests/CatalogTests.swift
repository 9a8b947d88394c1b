import BeredningCore
import BeredningResources
import Foundation
import Testing

@Suite("The Swedish and English strings")
struct CatalogTests {
    /// Every key the code can ask for: the fixed ones and those built from enums.
    static var allKeys: Set<String> {
        var keys = Set(MessageKey.allCases.map(\.rawValue))
        keys.formUnion(ApplicationState.allLabelKeys + ActorKind.allLabelKeys + EvidenceLevel.allLabelKeys + MeasurePoint.allLabelKeys)
        keys.formUnion(EconomicModel.allLabelKeys + Role.allLabelKeys + Action.allLabelKeys + Recommendation.allLabelKeys)
        keys.formUnion(ReviewStatus.allLabelKeys + CommentTopic.allLabelKeys + Verdict.allLabelKeys + Outcome.allLabelKeys + Scenario.allLabelKeys + Transition.allLabelKeys + HistoryEvent.Kind.allLabelKeys + Decision.Outcome.allLabelKeys)
        keys.formUnion(PreventionLevel.allLabelKeys + CheckRule.allLabelKeys)
        keys.formUnion(ClosingOutcome.allLabelKeys + IndicatorProgress.Status.allLabelKeys + DueFollowUp.Urgency.allLabelKeys)
        keys.formUnion(Action.allCases.map { "refusal.\($0.rawValue)" })
        keys.formUnion(Permissions.insteadKeys.flatMap { action, roles in roles.map { Permissions.insteadKey(action, $0) } })
        keys.formUnion(ApplicationDiff.fields.map { "application_field.\($0)" })
        keys.formUnion(ApplicationForm.labelKeys + FormSection.allLabelKeys + IndicatorDirection.allLabelKeys + IndicatorKind.allLabelKeys)
        keys.formUnion(["string", "int", "number", "bool", "date", "time", "date_time", "array", "table"].map { "type.\($0)" })
        return keys
    }

    @Test(arguments: Language.allCases)
    func everyKeyIsTranslatedAndNoneIsLeftOver(language: Language) throws {
        let catalog = try BundledResources.catalog(language)
        let keys = Set(catalog.strings.keys)
        #expect(Self.allKeys.subtracting(keys).sorted() == [], "missing in \(language)")
        // help.* are the command line's help texts, keyed by the parser's commands and
        // arguments: beredTests' HelpTests keep them complete and none left over.
        #expect(keys.subtracting(Self.allKeys).filter { !$0.hasPrefix("help.") }.sorted() == [], "not used, in \(language)")
    }

    /// A value is never a template: a folder named `{detail}` is shown as named, not replaced
    /// by the other argument (placeholders used to be filled one after another).
    @Test func aValueHoldingAPlaceholderIsShownAsTyped() throws {
        let sv = try BundledResources.catalog(.sv)
        // Each value names the other, so the old one-after-another filling failed in either order.
        let shown = sv(.storeCannotCreate, ["folder": .text("/tmp/{detail}"), "detail": .text("disken {folder} är full")])
        #expect(shown == "Det gick inte att skapa /tmp/{detail}: disken {folder} är full")
    }

    @Test func swedishAndEnglishUseTheSamePlaceholders() throws {
        let sv = try BundledResources.catalog(.sv).strings
        let en = try BundledResources.catalog(.en).strings
        func placeholders(_ text: String) -> Set<String> {
            var found = Set<String>()
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                found.insert(String(rest[open...close]))
                rest = rest[rest.index(after: close)...]
            }
            return found
        }
        for (key, text) in sv {
            #expect(placeholders(text) == placeholders(en[key] ?? ""), "\(key)")
        }
    }

    @Test func nestedMessagesAreShownInTheSameLanguage() throws {
        let refusal = Permissions.check(.youthPanel, .scoreReview)!.reason
        #expect(try BundledResources.catalog(.sv)(refusal).contains("din roll: ungdomspanelen"))
        #expect(try BundledResources.catalog(.en)(refusal).contains("your role: youth panel"))
        // Written for the role that meets it: what they can do instead, where there is something.
        let sv = try BundledResources.catalog(.sv), en = try BundledResources.catalog(.en)
        #expect(sv(refusal) == "Bara beredningsgruppen sätter poäng (din roll: ungdomspanelen). Du kan läsa ansökan och kommentera den i stället.")
        #expect(en(refusal) == "Only the preparation group scores (your role: youth panel). You can read the application and comment on it instead.")
        #expect(sv(Permissions.check(.preparationGroup, .commentAsYouthPanel)!.reason)
            == "Kommentarer skrivs av ungdomspanelen (din roll: beredningsgruppen). Du kan läsa kommentarerna; din egen bedömning skriver du i granskningen.")
        #expect(sv(Permissions.check(.preparationGroup, .exportDecisions)!.reason) == "Bara samordnaren exporterar beslut (din roll: beredningsgruppen).")
        let lacks = Message(.checkMeasureIndicatorLacks, ["indicator": "Frånvaro", "lacks": .message(Message.list([
            .message(Message(.fieldBaseline)), .message(Message(.fieldTarget)), .message(Message(.fieldWhen)),
        ]))])
        #expect(try BundledResources.catalog(.sv)(lacks) == "Indikatorn ”Frånvaro” saknar utgångsläge, mål och mättidpunkt.")
    }

    @Test func anUnknownKeyShowsItselfRatherThanNothing() {
        let catalog = Catalog(language: .sv, strings: [:])
        #expect(catalog(Message(rawKey: "no.such.key", ["x": "1"])) == "no.such.key x=1")
    }

    @Test func theCoreCriteriaHaveBothLanguagesAndGuidance() throws {
        let criteria = try BundledResources.coreCriteria()
        #expect(criteria.map(\.id) == CriterionID.core)
        for criterion in criteria {
            #expect(!criterion.name.sv.isEmpty && !criterion.name.en.isEmpty)
            #expect(!criterion.guidance.sv.isEmpty && !criterion.guidance.en.isEmpty)
        }
    }
}
