import BeredningCore
import Foundation

/// `<id>/repayments.toml`: the repayment or return plan per gaining actor and year, and what
/// came in against it. Written by the coordinator; read against the application's calculation,
/// so a line for an actor that gains nothing is named at its line.
enum RepaymentRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, gainers: [String], model: EconomicModel?,
                     members: FundConfig? = nil) -> RepaymentPlan? {
        document.checkSchema()
        let f = document.fields
        if let named = f.required("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        let lines = f.tables("plan").compactMap { l -> RepaymentPlan.Line? in
            let actor = l.required("actor"), year = l.int("year"), amount = l.int("amount")
            for key in ["year", "amount"] where !l.keys.contains(key) { l.report(.fileMissingField, at: key) }
            guard let actor, let year, let amount else { return nil }
            return RepaymentPlan.Line(actor: actor, year: year, amount: amount)
        }
        let payments = f.tables("received").compactMap { p -> RepaymentPlan.Payment? in
            let actor = p.required("actor"), amount = p.int("amount"), date = p.day("date")
            for key in ["date", "amount"] where !p.keys.contains(key) { p.report(.fileMissingField, at: key) }
            let by = p.required("recorded_by").flatMap { p.memberID($0, at: "recorded_by") }
            if let by, let members, members.member(by) == nil {
                p.report(.fileUnknownMember, at: "recorded_by", ["member": .text(by.rawValue)])
            }
            guard let actor, let amount, let date, let by else { return nil }
            return RepaymentPlan.Payment(actor: actor, date: date, amount: amount, note: p.text("note"), recordedBy: by, recorded: p.time("recorded"))
        }
        document.reportUnknownKeys()
        let plan = RepaymentPlan(applicationID: applicationID, lines: lines, payments: payments)
        // The rules `bered aterbetalning` applies, applied to hand edits too, each at its line.
        for (field, problem) in plan.problemsByField(gainers: gainers, model: model) { document.report(problem, at: field) }
        return plan
    }

    static func write(_ plan: RepaymentPlan) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", plan.applicationID.description)
        for line in plan.lines {
            w.arrayTable("plan")
            w.field("actor", line.actor)
            w.field("year", line.year)
            w.field("amount", line.amount)
        }
        for payment in plan.payments {
            w.arrayTable("received")
            w.field("actor", payment.actor)
            w.field("date", payment.date)
            w.field("amount", payment.amount)
            w.field("note", payment.note)
            w.field("recorded_by", payment.recordedBy.rawValue)
            w.field("recorded", payment.recorded)
        }
        return w.text
    }
}

extension FileStore {
    public static let repaymentsFile = "repayments.toml"

    /// What a change to the repayment plan is: a plan proposed or edited, or a payment received.
    public enum RepaymentChange: Sendable {
        case plan(RepaymentPlan)
        case payment(RepaymentPlan.Payment)
    }

    /// Saves a change to an application's repayment plan, with its history line: the plan as
    /// `dossier` read it, changed, or nothing when the file has changed on disk since. Only
    /// for an approving decision whose recorded model pays back, and only actors that gain.
    @discardableResult
    public func record(_ change: RepaymentChange, for dossier: Dossier, by member: Member, config: FundConfig, now: Date) throws(StoreError) -> RepaymentPlan {
        if let refusal = Permissions.check(member.role, .recordRepayment) { throw .refused(refusal.reason) }
        let id = dossier.application.id
        guard let decision = dossier.decision, decision.outcome == .approve else {
            throw .refused(Message(.moneyNoDecision, ["id": .text(id.description)]))
        }
        var plan = dossier.repayments ?? RepaymentPlan(applicationID: id)
        let event: HistoryEvent
        switch change {
        case .plan(let changed):
            plan.lines = changed.lines
            event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .repaymentPlanned,
                                 details: "\(plan.lines.count), \(plan.totalPlanned) kr")
        case .payment(var payment):
            payment.recordedBy = member.id
            payment.recorded = now
            plan.payments.append(payment)
            event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .repaymentReceived,
                                 details: "\(payment.actor) \(payment.date): \(payment.amount) kr" + (payment.note.isBlank ? "" : " (\(payment.note))"))
        }
        let gainers = RepaymentPlan.gainers(dossier.application.calculation, settings: config.calculation)
        if let problem = plan.problemsByField(gainers: gainers, model: decision.economicModel).first { throw .refused(problem.message) }
        let notes = plan.payments.map(\.note)
        if let refusal = PersonalData.refusal(in: notes) { throw .refused(refusal) }
        try FileStore.refuseControls(notes.map { ("note", $0, false) } + plan.balances.map { ("actor", $0.actor, false) })
        let path = "\(id)/\(FileStore.repaymentsFile)"
        try RecordLock.holding(path, in: root, by: member.id) { () throws(StoreError) in
            // A colleague's payment recorded since this one was begun is not overwritten.
            let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
            let onDisk = data.flatMap {
                (try? TOMLDocument(file: path, data: $0)).flatMap {
                    RepaymentRecord.read($0, applicationID: id, gainers: gainers, model: decision.economicModel)
                }
            }
            if (data != nil) != (dossier.repayments != nil) || onDisk != dossier.repayments {
                throw .refused(Message(.storeChangedOnDisk, ["file": .text(path), "changes": .text(FileStore.repaymentsFile)]))
            }
            try self.change(id, history: [event]) { (files: inout StoreChange) throws(StoreError) in
                try files.write(RepaymentRecord.write(plan), to: path)
            }
        }
        return plan
    }
}
