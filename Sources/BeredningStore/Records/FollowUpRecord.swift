import BeredningCore
import Foundation

/// `<id>/followups/YYYY-MM-DD.toml`: one follow-up occasion, written by a coordinator. The same
/// format is what a coordinator writes by hand and gives to `bered uppfoljning --file`.
enum FollowUpRecord {
    /// `fileDay`: the date the file is named after, which `date` must repeat; nil for a file the
    /// coordinator wrote elsewhere, where `date` may be left to `--date`. `application`: the
    /// follow-up's application, to check what it measures against; nil reads the file alone.
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, fileDay: Day?, date fallback: Day? = nil,
                     application: Application? = nil, members: FundConfig? = nil, recordedBy member: MemberID? = nil) -> FollowUp? {
        document.checkSchema()
        let f = document.fields
        if let named = f.string("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        let date = f.day("date") ?? fallback
        if date == nil && !f.keys.contains("date") { f.report(.fileMissingField, at: "date") }
        if let date, let fileDay, date != fileDay {
            f.report(.followUpDateNotFileName, at: "date", ["date": .text(date.description), "file": .text(fileDay.description)])
        }
        let recordedBy = member ?? f.required("recorded_by").flatMap { f.memberID($0, at: "recorded_by") }
        if member != nil { _ = f.raw("recorded_by") }
        let recorded = member != nil ? nil : f.time("recorded")
        if member != nil { _ = f.raw("recorded") }
        let measurements: [FollowUp.Measurement] = f.tables("measurements").compactMap { m in
            let indicator = m.required("indicator")
            let value = m.number("value")
            if !m.keys.contains("value") { m.report(.fileMissingField, at: "value") }
            guard let indicator, let value else { return nil }
            return FollowUp.Measurement(indicator: indicator, value: value, unit: m.text("unit"), measured: m.day("measured"),
                                        source: m.text("source"), comment: m.text("comment"))
        }
        let realised: [FollowUp.Realised] = f.tables("realised").compactMap { r in
            let actor = r.required("actor")
            let year = r.int("year")
            if !r.keys.contains("year") { r.report(.fileMissingField, at: "year") }
            guard let actor, let year else { return nil }
            return FollowUp.Realised(actor: actor, year: year, cost: r.int("cost"), avoidedCost: r.int("avoided_cost"))
        }
        let worked = f.text("worked"), didNotWork = f.text("did_not_work")
        document.reportUnknownKeys()
        guard let date, let recordedBy else { return nil }
        let followUp = FollowUp(applicationID: applicationID, date: date, measurements: measurements, realised: realised,
                                worked: worked, didNotWork: didNotWork, recordedBy: recordedBy, recorded: recorded)
        // The rules `bered uppfoljning` applies, applied to hand edits too; a hand-edited file that
        // breaks them is named but still shown, as a decision is.
        if let application {
            for (field, problem) in followUp.problems(for: application) { document.report(problem, at: field, fatal: member != nil) }
        }
        if let members, member == nil, members.member(recordedBy) == nil {
            document.report(.fileUnknownMember, at: "recorded_by", ["member": .text(recordedBy.rawValue)], fatal: false)
        }
        return followUp
    }

    static func write(_ followUp: FollowUp) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", followUp.applicationID.description)
        w.field("date", followUp.date)
        w.field("recorded_by", followUp.recordedBy.rawValue)
        w.field("recorded", followUp.recorded)
        w.field("worked", followUp.worked)
        w.field("did_not_work", followUp.didNotWork)
        for m in followUp.measurements {
            w.arrayTable("measurements")
            w.field("indicator", m.indicator)
            w.field("value", m.value)
            if !m.unit.isEmpty { w.field("unit", m.unit) }
            w.field("measured", m.measured)
            w.field("source", m.source)
            w.field("comment", m.comment)
        }
        for r in followUp.realised {
            w.arrayTable("realised")
            w.field("actor", r.actor)
            w.field("year", r.year)
            w.field("cost", r.cost)
            w.field("avoided_cost", r.avoidedCost)
        }
        return w.text
    }

    /// What a coordinator fills in: one entry per indicator and per actor and year of the
    /// calculation up to the occasion, each explained, blank where nothing is known yet.
    static func template(for application: Application, date: Day, settings: CalculationSettings) -> String {
        var w = TOMLWriter()
        w.comment("Uppföljning av \(application.id) \(application.title), \(date).")
        w.comment("Fyll i det som är känt; ta bort en [[measurements]] eller [[realised]] som inte mäts ännu.")
        w.comment("value: det uppmätta värdet i indikatorns enhet. cost / avoided_cost: hela kronor.")
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", application.id.description)
        w.field("date", date)
        w.field("worked", "")
        w.field("did_not_work", "")
        for indicator in application.measurability.indicators {
            w.arrayTable("measurements")
            w.comment("Utgångsläge \(indicator.baseline.map(FollowUp.number) ?? "–"), mål \(indicator.target.map(FollowUp.number) ?? "–") \(indicator.unit)")
            w.field("indicator", indicator.name)
            w.field("value", 0.0)
            if !indicator.unit.isEmpty { w.field("unit", indicator.unit) }
            w.field("measured", date)
            w.field("source", indicator.source)
            w.field("comment", "")
        }
        if let calculation = application.calculation {
            let years = SocioEconomicCalculation.project(calculation, settings: settings).years.map(\.year).filter { $0 <= date.year }
            for actor in calculation.actors {
                for year in years {
                    w.arrayTable("realised")
                    w.field("actor", actor)
                    w.field("year", year)
                    w.field("cost", 0)
                    w.field("avoided_cost", 0)
                }
            }
        }
        return w.text
    }
}

extension FileStore {
    public static let followUpsFolder = "followups"

    /// The recorded follow-ups of `folder`, oldest first; a file not named by a date is named as a problem.
    func readFollowUps(in folder: String, id: ApplicationID, application: Application, config: FundConfig,
                       into problems: inout [FileProblem]) -> [FollowUp] {
        let path = "\(folder)/\(FileStore.followUpsFolder)"
        var followUps: [FollowUp] = []
        for item in Directory.items(root.path + "/" + path) where item.name.hasSuffix(".toml") && !item.name.hasPrefix(".") {
            let file = "\(path)/\(item.name)"
            if item.isLink {
                problems.append(FileProblem(file: file, line: nil, message: Message(.linkNotRead)))
                continue
            }
            guard let day = Day(String(item.name.dropLast(5))) else {
                problems.append(FileProblem(file: file, line: nil, message: Message(.followUpBadFileName)))
                continue
            }
            if let followUp = read(file, into: &problems, { document in
                FollowUpRecord.read(document, applicationID: id, fileDay: day, application: application, members: config)
            }) {
                followUps.append(followUp)
            }
        }
        return followUps.sorted { $0.date < $1.date }
    }

    /// Records a follow-up: only a coordinator, only of an approved investment, only what fits the
    /// application (indicators it has, in their units; actors it names). The file and its history
    /// line land together or not at all; an occasion already recorded is not overwritten.
    public func record(_ followUp: FollowUp, for dossier: Dossier, by member: Member, now: Date) throws(StoreError) {
        if let refusal = Permissions.check(member.role, .followUp) { throw .refused(refusal.reason) }
        if let refusal = Permissions.checkConflict(of: member, in: dossier) { throw .refused(refusal.reason) }
        let application = dossier.application
        guard dossier.decision?.outcome == .approve, [.approved, .feedbackSent, .running, .closed].contains(application.state) else {
            throw .refused(Message(.followUpNotApproved, ["id": .text(application.id.description), "state": .message(application.state.label)]))
        }
        guard followUp.applicationID == application.id else { throw .refused(Message(.storeNotYourFile)) }
        if let problem = followUp.problems(for: application).first { throw .refused(problem.message) }
        if let refusal = PersonalData.refusal(in: followUp.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("worked", followUp.worked, true), ("did_not_work", followUp.didNotWork, true)]
            + followUp.measurements.flatMap { [("source", $0.source, false), ("comment", $0.comment, true)] })
        var saved = followUp
        saved.recordedBy = member.id
        saved.recorded = now
        let path = "\(application.id)/\(FileStore.followUpsFolder)/\(followUp.date).toml"
        let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .followUpRecorded,
                                 details: "\(followUp.date): " + FileStore.followUpSummary(saved))
        do {
            try change(application.id, history: [event]) { (files: inout StoreChange) throws(StoreError) in
                try files.write(FollowUpRecord.write(saved), to: path, replacing: false)
            }
        } catch .writeFailed(let error) where error.step == "exists" {
            throw .refused(Message(.followUpExists, ["file": .text(path)]))
        }
    }

    /// The history's details: data, like a decision's, not a sentence in one language.
    static func followUpSummary(_ followUp: FollowUp) -> String {
        "\(followUp.measurements.count) measurements, \(followUp.realised.count) realised"
    }

    /// Reads a follow-up the coordinator wrote in a file of their own (`bered uppfoljning --file`),
    /// checked as the store checks its own: every problem with the file's name and line.
    public static func followUp(fromFile data: Data, named file: String, for dossier: Dossier, date: Day?, by member: Member) -> (FollowUp?, [FileProblem]) {
        let document: TOMLDocument
        do { document = try TOMLDocument(file: file, data: data) } catch { return (nil, [error]) }
        let followUp = FollowUpRecord.read(document, applicationID: dossier.application.id, fileDay: nil, date: date,
                                           application: dossier.application, recordedBy: member.id)
        var problems = document.problems
        if let date, let followUp, followUp.date != date {
            problems.append(FileProblem(file: file, line: nil, message: Message(.followUpDateNotFileName, ["date": .text(followUp.date.description), "file": .text(date.description)])))
        }
        return (document.hasFatalProblems || !problems.isEmpty ? nil : followUp, problems)
    }

    /// The template a coordinator fills in for `dossier` at `date`.
    public static func followUpTemplate(for dossier: Dossier, date: Day, settings: CalculationSettings) -> String {
        FollowUpRecord.template(for: dossier.application, date: date, settings: settings)
    }
}
