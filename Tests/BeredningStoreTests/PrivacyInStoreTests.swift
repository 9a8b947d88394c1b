import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Every String inside `value`, found by reflection. Member ids, criterion ids and the version
/// fingerprint are left out: their format is checked when they are read, and the tool writes the fingerprint.
private func strings(in value: Any, label: String? = nil) -> [String] {
    if label == "assessedVersion" || value is MemberID || value is CriterionID { return [] }
    if let string = value as? String { return [string] }
    return Mirror(reflecting: value).children.flatMap { strings(in: $0.value, label: $0.label) }
}

@Suite("Personal identity numbers in every field and every file (Privacy)")
struct PrivacyInStoreTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    /// A valid number written the way the old check missed it: spaces inside the date.
    static let number = "85 07 09 - 1232"

    func member(_ id: String, in snapshot: StoreSnapshot) throws -> Member {
        try #require(snapshot.config.member(MemberID(id)!))
    }

    /// The write is refused as personal data and the message does not repeat the number.
    func refusesAsPersonalData(_ key: MessageKey = .privacyPersonalNumber, _ body: () throws -> Void) {
        #expect {
            try body()
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return message.key == key.rawValue && !catalog(message).contains("1232")
        }
    }

    // MARK: Every field is listed

    @Test func freeTextsHoldEveryStringOfEveryDemoRecord() throws {
        let snapshot = try demoSnapshot()
        var checked = 0
        for dossier in snapshot.dossiers {
            let records: [any FreeTextRecord] = [dossier.application] + dossier.reviews + dossier.comments + dossier.conflicts
                + (dossier.decision.map { [$0] } ?? [])
            for record in records {
                #expect(strings(in: record).sorted() == record.freeTexts.sorted(), "\(dossier.application.id) \(type(of: record))")
            }
            checked += 1
        }
        #expect(checked >= 6)
        // The walk must reach into lists and the calculation, or it would prove nothing about them.
        #expect(snapshot.dossiers.contains { $0.application.calculation?.effects.isEmpty == false })
        #expect(snapshot.dossiers.contains { !$0.application.budget.contributions.isEmpty })
        #expect(snapshot.dossiers.contains { $0.decision != nil } && snapshot.dossiers.contains { !$0.conflicts.isEmpty })
    }

    // MARK: Every write refuses

    static let applicationFields: [(String, @Sendable (inout Application, String) -> Void)] = [
        ("title", { $0.title = $1 }),
        ("applicant", { $0.applicant = $1 }),
        ("idea giver", { $0.ideaGiver = $1 }),
        ("child rights", { $0.childRights = $1 }),
        ("actor role", { $0.actors[0].role = $1 }),
        ("activity", { $0.intervention.activities.append($1) }),
        ("reference", { $0.evidence.references.append($1) }),
        ("indicator unit", { $0.measurability.indicators.append(Indicator(name: "Närvaro", unit: $1)) }),
        ("indicator source", { $0.measurability.indicators.append(Indicator(name: "Närvaro", source: $1)) }),
        ("contribution actor", { $0.budget.contributions.append(.init(actor: $1, amount: 1)) }),
        ("contribution description", { $0.budget.contributions.append(.init(actor: "Skolan", amount: 1, description: $1)) }),
        ("long-term plan", { $0.longTerm.plan = "Rad ett\nRad två \($1)" }),
        ("calculation cost actor", { $0.calculation = CalculationInput(firstYear: 2027, costs: [.init(actor: $1, year: 2027, amount: Money(1))]) }),
        ("calculation effect source", {
            $0.calculation = CalculationInput(firstYear: 2027, effects: [.init(actor: "Skolan", people: 1, value: .amount(Money(1)), source: $1, fromYear: 2027, years: 1)])
        }),
    ]

    @Test("Saving an application refuses a number in every field", arguments: applicationFields)
    func applicationFieldIsChecked(_ field: String, _ set: @Sendable (inout Application, String) -> Void) throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        var application = dossier.application
        set(&application, "Barnet \(Self.number) deltar.")
        let before = try store.read("2026-005/application.toml")
        refusesAsPersonalData { try store.store.save(application, by: lars, basis: dossier.application, now: now) }
        #expect(try store.read("2026-005/application.toml") == before, "\(field)")
    }

    static let decisionFields: [(String, @Sendable (inout Decision, String) -> Void)] = [
        ("body", { $0.body = $1 }),
        ("case number", { $0.caseNumber = "KS 2026/88 barn \($1)" }),
        ("conditions over several lines", { $0.conditions = "Redovisa efter ett år.\nGäller barnet\n\($1)." }),
        ("rationale", { $0.rationale = $1 }),
    ]

    @Test("Recording a decision refuses a number in every field", arguments: decisionFields)
    func decisionFieldIsChecked(_ field: String, _ set: @Sendable (inout Decision, String) -> Void) throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let lars = try member("lars", in: snapshot), karin = try member("karin", in: snapshot)
        _ = try store.store.move(try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        var decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: .approve, grants: [.init(year: 2027, amount: 450_000)],
                                recordedBy: lars.id)
        set(&decision, Self.number)
        refusesAsPersonalData { _ = try store.store.record(decision, for: dossier, by: lars, config: snapshot.config, now: now) }
        #expect(!store.files(in: "2026-002").contains("decision.toml"), "\(field)")
    }

    @Test func aConflictReasonIsChecked() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let anna = try member("anna", in: snapshot)
        let conflict = ConflictDeclaration(applicationID: ApplicationID("2026-005")!, member: anna.id, reason: "Mitt barn\n\(Self.number) går där.", declared: now)
        refusesAsPersonalData { try store.store.save(conflict, by: anna) }
        #expect(!store.files(in: "2026-005").contains("conflicts"))
    }

    @Test func aNewApplicationsTitleIsChecked() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", in: snapshot)
        let folders = store.files(in: "")
        refusesAsPersonalData { _ = try store.store.register(title: "Stöd till 850709-1232", year: 2026, skeleton: { _ in "" }, by: lars) }
        #expect(store.files(in: "") == folders)
    }

    @Test func aMoveReasonIsChecked() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let karin = try member("karin", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        refusesAsPersonalData {
            _ = try store.store.move(dossier, .returnForCompletion, by: karin, config: snapshot.config, reason: "Gäller pnr\(Self.number)", now: now)
        }
    }

    // MARK: Hand-edited files

    /// `text` with `line` (1-based) replaced.
    func replacingLine(_ line: Int, in text: String, with replacement: String) -> String {
        var lines = text.components(separatedBy: "\n")
        lines[line - 1] = replacement
        return lines.joined(separator: "\n")
    }

    /// `file` with the value of `key` made a multi-line text whose second line is `value`; returns
    /// the line the value is on.
    func edit(_ store: TestStore, _ file: String, key: String, value: String) throws -> Int {
        let original = try store.read(file)
        let keyLine = try line(startingWith: key, in: original)
        let isMultiLine = original.components(separatedBy: "\n")[keyLine - 1].hasSuffix("\"\"\"")
        // A multi-line original goes on with its own text and closing quotes.
        let replacement = key + "\"\"\"\n" + value + (isMultiLine ? "" : "\n\"\"\"")
        try store.write(file, replacingLine(keyLine, in: original, with: replacement))
        return keyLine + 1
    }

    /// The 1-based line of the first line of `text` that starts with `prefix`.
    func line(startingWith prefix: String, in text: String) throws -> Int {
        try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix(prefix) }) + 1
    }

    static let handEdits: [(file: String, key: String)] = [
        ("2026-001/application.toml", "title = "),
        ("2026-001/application.toml", "applicant = "),
        ("2026-006/decision.toml", "case_number = "),
        ("2026-001/reviews/anna.toml", "summary = "),
        ("2026-003/conflicts/cecilia.toml", "reason = "),
    ]

    @Test("A number in a hand-edited file is reported with the file's own line", arguments: handEdits)
    func handEditIsReported(_ file: String, _ key: String) throws {
        let store = try TestStore()
        let line = try edit(store, file, key: key, value: "Barnet \(Self.number)")
        #expect(try store.load().allProblems.filter { $0.message.key == MessageKey.fileSyntax.rawValue }.isEmpty)
        let problems = try store.load().allProblems.filter { $0.message.key == MessageKey.privacyPersonalNumberInFile.rawValue }
        #expect(problems.map(\.file) == [file])
        #expect(problems.map(\.line) == [line])
        #expect(problems.first.map { $0.formatted(catalog) }?.contains("85 07 09 - ****") == true)
        #expect(problems.first.map { $0.formatted(catalog) }?.contains("1232") == false)
        // Still read: the application stays in the list, so it can be opened and fixed.
        #expect(try store.load().entries.filter(\.isBroken).isEmpty)
    }

    @Test func aCommentFileIsReported() throws {
        let store = try TestStore()
        let folder = "2026-001/comments"
        let name = try #require(store.files(in: folder).first)
        let line = try edit(store, "\(folder)/\(name)", key: "text = ", value: "pnr850709-1232a")
        let problems = try store.load().allProblems.filter { $0.message.key == MessageKey.privacyPersonalNumberInFile.rawValue }
        #expect(problems.map(\.file) == ["\(folder)/\(name)"])
        #expect(problems.map(\.line) == [line])
    }

    @Test func movingAHandEditedApplicationIsRefusedWithTheFileAndLine() throws {
        let store = try TestStore()
        let file = "2026-005/application.toml"
        let original = try store.read(file)
        let line = try line(startingWith: "applicant = ", in: original)
        try store.write(file, replacingLine(line, in: original, with: "applicant = \"Familjen till 850709\u{00A0}1232\""))
        let snapshot = try store.load()
        let lars = try member("lars", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        let before = try store.read(file)
        #expect {
            _ = try store.store.move(dossier, .startPreparation, by: lars, config: snapshot.config, now: now)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            let text = catalog(message)
            return message.key == MessageKey.privacyPersonalNumberInFileRefused.rawValue
                && text.contains(file) && text.contains("rad \(line)") && !text.contains("1232")
        }
        #expect(try store.read(file) == before)
    }

    @Test func aDecisionOnAHandEditedApplicationWritesNothing() throws {
        let store = try TestStore()
        var snapshot = try store.load()
        let lars = try member("lars", in: snapshot), karin = try member("karin", in: snapshot)
        _ = try store.store.move(try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        let line = try edit(store, "2026-002/application.toml", key: "applicant = ", value: "Barnet 850709/1232")
        snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-002")!)?.dossier)
        let decision = Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: .approve, grants: [.init(year: 2027, amount: 450_000)],
                                recordedBy: lars.id)
        #expect {
            _ = try store.store.record(decision, for: dossier, by: lars, config: snapshot.config, now: now)
        } throws: { error in
            guard case .refused(let message) = error as? StoreError else { return false }
            return message.key == MessageKey.privacyPersonalNumberInFileRefused.rawValue && catalog(message).contains("rad \(line)")
        }
        #expect(!store.files(in: "2026-002").contains("decision.toml"))
    }

    @Test("A number spelt partly by a TOML escape is reported for the file", arguments: ["850709-123\\u0032", "850709\\n1232", "850709\\u00AD-1232"])
    func escapedNumberIsReported(_ value: String) throws {
        let store = try TestStore()
        let file = "2026-005/application.toml"
        let original = try store.read(file)
        try store.write(file, replacingLine(try line(startingWith: "applicant = ", in: original), in: original, with: "applicant = \"\(value)\""))
        let problems = try store.load().allProblems.filter { $0.message.key == MessageKey.privacyPersonalNumberInFile.rawValue }
        #expect(problems.map(\.file) == [file])
        #expect(problems.map(\.line) == [nil])
    }

    @Test func aNumberHiddenByAnEscapeStillStopsAMove() throws {
        let store = try TestStore()
        let file = "2026-005/application.toml"
        let original = try store.read(file)
        let line = try line(startingWith: "applicant = ", in: original)
        try store.write(file, replacingLine(line, in: original, with: "applicant = \"850709-123\\u0032\""))
        let snapshot = try store.load()
        let dossier = try #require(snapshot.entry(ApplicationID("2026-005")!)?.dossier)
        refusesAsPersonalData {
            _ = try store.store.move(dossier, .startPreparation, by: try member("lars", in: snapshot), config: snapshot.config, now: now)
        }
    }

    @Test func reviewingAnApplicationThatHoldsANumberKeepsNoCopyOfIt() throws {
        let store = try TestStore()
        let file = "2026-001/application.toml"
        let original = try store.read(file)
        try store.write(file, replacingLine(try line(startingWith: "applicant = ", in: original), in: original, with: "applicant = \"850709-1232\""))
        let snapshot = try store.load()
        let anna = try member("anna", in: snapshot)
        let dossier = try #require(snapshot.entry(ApplicationID("2026-001")!)?.dossier)
        let versions = store.files(in: "2026-001/versions")
        var review = try #require(dossier.reviews.first { $0.reviewer == anna.id })
        review.summary += " Ändrad."
        refusesAsPersonalData(.privacyPersonalNumberInFileRefused) { try store.store.save(review, by: anna, in: dossier, config: snapshot.config, now: now) }
        #expect(store.files(in: "2026-001/versions") == versions)
    }

    @Test func theApplicationTemplateHoldsNoNumber() throws {
        let skeleton = try BundledResources.applicationSkeleton(id: ApplicationID("2026-001")!, title: "Titel", received: Day("2026-03-05")!)
        #expect(PersonalIdentityNumber.find(in: skeleton).isEmpty)
        #expect(FileStore.personalNumberProblems(in: Data(skeleton.utf8), file: "application.toml").isEmpty)
    }
}
