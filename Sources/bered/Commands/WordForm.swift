import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import BeredningWord
import Foundation

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the fund's application form as a Word document, to fill in and read back with bered import.",
        discussion: """
        Every section with its guidance, and one field per answer; repeating parts as numbered blocks \
        (6 actors, 8 indicators, 10 activities, 8 references). In the language of --lang. With --id, \
        the form is filled in with that application, for its applicant to complete.
        """)

    @Argument(help: "The store folder.") var store: String
    @Option(help: "The Word file to write (atomically).") var out = "ansokan.docx"
    @Option(help: "An application to fill the form in with (e.g. 2026-003).") var id: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let config: FundConfig
        do { config = try context.store(store).loadConfig() } catch { context.fail(error) }
        var values: [String: String] = [:]
        if let id {
            let application = try context.dossier(id, in: context.snapshot(store)).application
            try Import.refuseOverflow(application, context)
            values = ApplicationForm.values(of: application)
        }
        let url = URL(fileURLWithPath: out)
        do {
            let data = try WordTemplate.document(fund: config.fund, criteria: config.criteria, catalog: context.catalog, values: values)
            try AtomicFile.write(data, to: url)
        } catch {
            printError(context.text(.storeWriteFailed, ["detail": .text(String(describing: error))]))
            throw ExitCode(ExitStatus.broken)
        }
        output(context.text(.wordTemplateDone, ["fund": .text(config.fund), "path": .text(url.path), "fields": .text(String(ApplicationForm.fields.count))]))
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a filled-in Word application form: a new application, or with --id the changes to an existing one, shown field by field and saved as an edit.",
        discussion: """
        Registering and editing are the coordinator's task: name yourself with --as or BERED_USER. \
        Nothing is saved unless the whole form reads. Exit status: 0 saved (or nothing to change), \
        1 refused, 2 the file cannot be read as this fund's form or the store cannot be read.
        """)

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "The filled-in form (.docx).") var file: String
    @Option(help: "The application to update (e.g. 2026-003); a new one when left out.") var id: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let context = try options.common.context()
        let fileStore = context.store(store)
        let config: FundConfig
        do { config = try fileStore.loadConfig() } catch { context.fail(error) }
        let who = try context.member(options.member, in: config)
        // Refused before the file is read: a colleague of another role learns why at once.
        if let refusal = Permissions.check(who.role, id == nil ? .registerApplication : .editApplication) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        let dossier = try id.map { try context.dossier($0, in: context.snapshot(store)) }
        if let dossier { try Self.refuseOverflow(dossier.application, context) }
        let values = try readForm(context, fund: config.fund)
        let base = dossier?.application ?? Application(id: ApplicationID(year: Day.today().year, number: 1), title: "", received: Day.today())
        let application: Application
        switch ApplicationForm.application(from: values, onto: base, settings: config.calculation, spellings: Self.spellings()) {
        case .success(let read): application = read
        case .failure(let problems): fail(context, problems.messages)
        }
        do {
            if let dossier {
                try save(application, over: dossier, by: who, context)
            } else {
                let newID = try fileStore.register(application, year: Day.today().year, by: who)
                let path = fileStore.root.appendingPathComponent("\(newID)/\(FileStore.applicationFile)").path
                output(context.text(.wordImported, ["id": .text(newID.description), "file": .text(file), "path": .text(path)]))
            }
        } catch .refused(let message) {
            printError(context.catalog(message))
            throw ExitCode(ExitStatus.fails)
        } catch {
            context.fail(error)
        }
    }

    /// The form's fields as the document holds them, or the reason it is not this fund's form.
    private func readForm(_ context: CLIContext, fund: String) throws -> [String: String] {
        let url = URL(fileURLWithPath: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > WordFormReader.maxFileBytes { fail(context, [WordFormError.tooLarge(max: WordFormReader.maxFileBytes).message(file: file, fund: fund)]) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fail(context, [Message(.storeMissingFile)], intro: false, suffix: " (\(file))")
        }
        let form: FilledForm
        do {
            form = try WordFormReader.read(data, fund: fund, placeholders: Self.placeholders())
        } catch {
            fail(context, [error.message(file: file, fund: fund)], intro: false)
        }
        let duplicates = form.duplicates.compactMap(ApplicationForm.field).map {
            Message(.wordDuplicateField, ["section": .message($0.section.label), "field": .message($0.fullLabel)])
        }
        if !duplicates.isEmpty { fail(context, duplicates) }
        return form.values
    }

    /// Shows what changes field by field, then saves it as the coordinator's edit.
    private func save(_ application: Application, over dossier: Dossier, by who: Member, _ context: CLIContext) throws(StoreError) {
        let old = ApplicationForm.values(of: dossier.application), new = ApplicationForm.values(of: application)
        let changed = ApplicationForm.fields.filter { old[$0.path] != new[$0.path] }
        let id = dossier.application.id.description
        guard !changed.isEmpty else {
            output(context.text(.wordNoChanges, ["file": .text(file), "id": .text(id)]))
            return
        }
        try context.store(store).save(application, by: who, basis: dossier.application)
        output(context.text(.wordChangesIntro, ["id": .text(id), "title": .text(application.title)]))
        for line in Self.changeLines(changed, old: old, new: new, context.catalog) { output(line) }
        output(context.text(.wordEdited))
        // Reviews of the text as it was are now of an earlier version, as after any edit.
        let earlier = ApplicationVersion.of(dossier.application)
        let assessed = ApplicationVersion.of(application) == earlier ? [] : dossier.reviews.filter { $0.assessedVersion == earlier }.map(\.reviewer.rawValue)
        if !assessed.isEmpty {
            output(context.text(.wordOutdatedReviews, ["members": .text(assessed.joined(separator: ", "))]))
        }
    }

    /// `Section – field`, then the text before and now, each line of it indented under the first.
    static func changeLines(_ fields: [FormField], old: [String: String], new: [String: String], _ catalog: Catalog) -> [String] {
        let before = catalog(.wordBefore) + ":", after = catalog(.wordAfter) + ":"
        let width = max(before.count, after.count) + 1
        func shown(_ field: FormField, _ value: String) -> [String] {
            guard !value.isEmpty else { return [catalog(.formEmpty)] }
            let option = field.kind.options.first { $0.value == value }
            return (option.map { catalog($0.label) } ?? value).components(separatedBy: "\n")
        }
        return fields.flatMap { field -> [String] in
            var lines = ["\(catalog(field.section.label)) – \(catalog(field.fullLabel))"]
            for (label, value) in [(before, old[field.path] ?? ""), (after, new[field.path] ?? "")] {
                for (index, line) in shown(field, value).enumerated() {
                    let lead = index == 0 ? label.padding(toLength: width, withPad: " ", startingAt: 0) : String(repeating: " ", count: width)
                    lines.append(line.isEmpty ? "" : "  " + lead + line)
                }
            }
            return lines
        }
    }

    /// An application with more actors (or indicators, …) than the form has rows for would lose
    /// the rest when a form of it is read back, so it is not made into one.
    static func refuseOverflow(_ application: Application, _ context: CLIContext) throws {
        guard let (part, items) = ApplicationForm.overflow(application).first, let rows = ApplicationForm.rows[part],
              let field = ApplicationForm.fields.first(where: { $0.group == part || $0.name == part }) else { return }
        let span: Message.Argument = .text("1–\(rows)")
        let named = field.group == nil ? Message(rawKey: "form_field." + part, ["n": span]) : Message(rawKey: "form_group." + part, ["n": span])
        printError(context.text(.wordOverflow, ["id": .text(application.id.description), "items": .text(String(items)),
                                                "section": .message(field.section.label), "part": .message(named)]))
        throw ExitCode(ExitStatus.fails)
    }

    /// A label's text in both languages, so a choice may be written in either.
    static func spellings() -> (Message) -> [String] {
        let catalogs = Language.allCases.compactMap { try? BundledResources.catalog($0) }
        return { message in catalogs.map { $0(message) } }
    }

    /// The placeholder texts the form may still show, in both languages.
    static func placeholders() -> Set<String> {
        let catalogs = Language.allCases.compactMap { try? BundledResources.catalog($0) }
        let kinds = Set(ApplicationForm.fields.map(\.kind.placeholder))
        return Set(catalogs.flatMap { catalog in kinds.map { catalog($0) } })
    }

    /// Prints why nothing was saved and exits with 2.
    private func fail(_ context: CLIContext, _ messages: [Message], intro: Bool = true, suffix: String = "") -> Never {
        if intro { printError(context.text(.wordProblemsIntro, ["file": .text(file)])) }
        for message in messages { printError((intro ? "  • " : "") + context.catalog(message) + suffix) }
        Foundation.exit(ExitStatus.broken)
    }
}
