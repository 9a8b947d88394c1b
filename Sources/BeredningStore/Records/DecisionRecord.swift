import BeredningCore
import Foundation

/// `<id>/decision.toml`: the board's decision, written by a coordinator.
enum DecisionRecord {
    /// `members`: the store's configuration, to check that the coordinator named is one.
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, members: FundConfig? = nil) -> Decision? {
        document.checkSchema()
        let f = document.fields
        if let named = f.required("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        let date = f.day("date")
        if !f.keys.contains("date") { f.report(.fileMissingField, at: "date") }
        let outcome = f.choice("outcome", Decision.Outcome.self)
        if !f.keys.contains("outcome") { f.report(.fileMissingField, at: "outcome") }
        let recordedBy = f.required("recorded_by").flatMap { f.memberID($0, at: "recorded_by") }
        let grants = DecisionRecord.amounts(f, "grants")
        let followUps = f.keys.contains("follow_ups") ? f.strings("follow_ups").compactMap { raw -> Day? in
            if let day = Day(raw) { return day }
            f.report(.fileBadDate, at: "follow_ups", ["value": .text(raw)])
            return nil
        } : nil
        let body = f.string("body") ?? Decision.defaultBody
        let caseNumber = f.required("case_number") ?? ""
        let conditions = f.text("conditions"), rationale = f.text("rationale")
        let recorded = f.time("recorded")
        let model = f.choice("economic_model", EconomicModel.self)
        let budgetOverride = f.text("budget_override")
        document.reportUnknownKeys()
        guard let date, let outcome, let recordedBy else { return nil }
        let decision = Decision(body: body, date: date, caseNumber: caseNumber, outcome: outcome, grants: grants, conditions: conditions,
                                rationale: rationale, followUps: followUps, recordedBy: recordedBy, recorded: recorded,
                                economicModel: model, budgetOverride: budgetOverride)
        // The rules `bered decide` applies, applied to hand edits too; the decision still shows.
        for (field, problem) in decision.problemsByField { document.report(problem, at: field, fatal: false) }
        if let members, members.member(recordedBy) == nil {
            document.report(.fileUnknownMember, at: "recorded_by", ["member": .text(recordedBy.rawValue)], fatal: false)
        }
        return decision
    }

    /// `[[key]]` tables of `year` and whole-kronor `amount`: a decision's grants, a proposal's amounts.
    static func amounts(_ f: Fields, _ key: String) -> [Decision.Grant] {
        f.tables(key).compactMap { g in
            guard let year = g.int("year"), let amount = g.int("amount") else {
                for key in ["year", "amount"] where !g.keys.contains(key) { g.report(.fileMissingField, at: key) }
                return nil
            }
            return Decision.Grant(year: year, amount: amount)
        }
    }

    static func write(_ amounts: [Decision.Grant], as key: String, into w: inout TOMLWriter) {
        for amount in amounts {
            w.arrayTable(key)
            w.field("year", amount.year)
            w.field("amount", amount.amount)
        }
    }

    static func write(_ decision: Decision, applicationID: ApplicationID) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", applicationID.description)
        w.field("body", decision.body)
        w.field("date", decision.date)
        w.field("case_number", decision.caseNumber)
        w.field("outcome", decision.outcome)
        w.field("conditions", decision.conditions)
        w.field("rationale", decision.rationale)
        w.field("follow_ups", decision.followUps.map(\.description))
        w.field("recorded_by", decision.recordedBy.rawValue)
        w.field("recorded", decision.recorded)
        w.field("economic_model", decision.economicModel)
        if !decision.budgetOverride.isEmpty { w.field("budget_override", decision.budgetOverride) }
        write(decision.grants, as: "grants", into: &w)
        return w.text
    }
}

extension FileStore {
    public static let decisionFile = "decision.toml"

    /// Records the board's decision and moves the application to approved or rejected: the
    /// decision file, the state and the history lines all land, or, when any step fails (a
    /// held lock, a full disk, a file in the way), none of them, so a retry records it once.
    public func record(_ decision: Decision, for dossier: Dossier, by member: Member, config: FundConfig, now: Date) throws(StoreError) -> Application {
        if let refusal = Permissions.check(member.role, .recordDecision) { throw .refused(refusal.reason) }
        if let problem = decision.problems.first { throw .refused(problem) }
        if let refusal = PersonalData.refusal(in: decision.freeTexts) { throw .refused(refusal) }
        try refusePersonalNumbers(inFileOf: dossier.application)
        try FileStore.refuseControls([("body", decision.body, false), ("case_number", decision.caseNumber, false),
                                      ("conditions", decision.conditions, true), ("rationale", decision.rationale, true)])
        try FileStore.refuseControls([("budget_override", decision.budgetOverride, true)])
        var decided = dossier
        var saved = decision
        saved.recordedBy = member.id
        saved.recorded = now
        saved.economicModel = config.economy.model(for: dossier.application, chosen: decision.economicModel)
        saved.budgetOverride = decision.budgetOverride.trimmingCharacters(in: .whitespacesAndNewlines)
        if config.economy.checksDecisions {
            // Read now, not from the caller's snapshot: a colleague's decision a minute ago has used the budget too.
            let others = try loadDecided().dossiers
            let problems = BudgetCheck.problems(saved, application: dossier.application, economy: config.economy,
                                                settings: config.calculation, others: others)
            if let refusal = BudgetCheck.refusal(problems, override: saved.budgetOverride) { throw .refused(refusal) }
            // An override with nothing to override would claim an exception the board never made.
            if problems.isEmpty { saved.budgetOverride = "" }
        } else {
            saved.budgetOverride = ""
        }
        decided.decision = saved
        // Checked before anything is written: the decision file never lands for a move that cannot be made.
        let moved: Application
        do {
            moved = try Workflow.apply(decision.outcome.transition, to: decided, by: member, config: config)
        } catch {
            switch error {
            case .notAllowed(let refusal): throw .refused(refusal.reason)
            case .wrongState(let message), .reasonNeeded(let message): throw .refused(message)
            case .gaps(let gaps): throw .gaps(gaps.map { $0.message(config) })
            }
        }
        let id = dossier.application.id
        let path = "\(id)/\(FileStore.decisionFile)", applicationPath = "\(id)/\(FileStore.applicationFile)"
        let events: [HistoryEvent] = [
            HistoryEvent(time: now, member: member.id, role: member.role, kind: .decided,
                         details: "\(decision.body) \(decision.date) \(decision.caseNumber): \(decision.outcome.rawValue), \(decision.totalGranted) kr"
                            + ", \(saved.economicModel?.rawValue ?? "")" + (saved.budgetOverride.isEmpty ? "" : "; budget_override: " + saved.budgetOverride)),
            HistoryEvent(time: now, member: member.id, role: member.role, kind: .moved,
                         details: FileStore.moveDetails(from: dossier.application.state, to: moved.state, reason: "", override: nil)),
        ]
        // Both locks before any write, always in this order (a move takes only the first).
        try RecordLock.holding(applicationPath, in: root, by: member.id) { () throws(StoreError) in
            try RecordLock.holding(path, in: root, by: member.id) { () throws(StoreError) in
                // A colleague's decision recorded since this one was begun is not overwritten.
                let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                let onDisk = data.flatMap { (try? TOMLDocument(file: path, data: $0)).flatMap { DecisionRecord.read($0, applicationID: id) } }
                // A file that no longer reads counts as changed too.
                if (data != nil) != (dossier.decision != nil) || onDisk != dossier.decision {
                    throw .refused(Message(.storeChangedOnDisk, ["file": .text(path), "changes": .text(FileStore.decisionFile)]))
                }
                let applicationText = try movedText(applicationPath, from: dossier.application, to: moved.state, settings: config.calculation)
                try change(id, history: events) { (files: inout StoreChange) throws(StoreError) in
                    try files.write(DecisionRecord.write(saved, applicationID: id), to: path)
                    try files.write(applicationText, to: applicationPath, inPlace: true)
                }
            }
        }
        return moved
    }
}
