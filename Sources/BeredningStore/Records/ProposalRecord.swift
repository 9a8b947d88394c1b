import BeredningCore
import Foundation

/// `<id>/proposal.toml`: the preparation group's proposal, one per application.
enum ProposalRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID, config: FundConfig) -> Proposal? {
        document.checkSchema()
        let f = document.fields
        if let named = f.required("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        let recommendation = f.choice("recommendation", Recommendation.self)
        if !f.keys.contains("recommendation") { f.report(.fileMissingField, at: "recommendation") }
        let recordedBy = f.required("recorded_by").flatMap { f.memberID($0, at: "recorded_by") }
        let agreedBy = f.strings("agreed_by").compactMap { f.memberID($0, at: "agreed_by") }
        let amounts = DecisionRecord.amounts(f, "amounts")
        var notes: [CriterionID: String] = [:]
        let n = f.section("notes")
        for key in n.keys {
            guard let id = CriterionID(key) else {
                n.report(.fileBadCriterionID, at: key, ["value": .text(key)])
                continue
            }
            notes[id] = n.text(key)
        }
        let proposal = recommendation.flatMap { recommendation in
            recordedBy.map { Proposal(applicationID: applicationID, recommendation: recommendation, amounts: amounts, conditions: f.text("conditions"),
                                      rationale: f.text("rationale"), notes: notes, agreedBy: agreedBy, recordedBy: $0, recorded: f.time("recorded")) }
        }
        document.reportUnknownKeys()
        return proposal
    }

    static func write(_ proposal: Proposal) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", proposal.applicationID.description)
        w.field("recommendation", proposal.recommendation)
        w.field("rationale", proposal.rationale)
        w.field("conditions", proposal.conditions)
        w.field("agreed_by", proposal.agreedBy.map(\.rawValue))
        w.field("recorded_by", proposal.recordedBy.rawValue)
        w.field("recorded", proposal.recorded)
        DecisionRecord.write(proposal.amounts, as: "amounts", into: &w)
        if !proposal.notes.isEmpty {
            w.table("notes")
            for id in proposal.notes.keys.sorted() { w.field(id.rawValue, proposal.notes[id]!) }
        }
        return w.text
    }
}

extension FileStore {
    public static let proposalFile = "proposal.toml"

    /// Records the group's proposal (replacing an earlier one), with a history line naming who agreed.
    public func record(_ proposal: Proposal, for dossier: Dossier, by member: Member, config: FundConfig, now: Date) throws(StoreError) {
        var proposal = proposal
        proposal.recordedBy = member.id
        proposal.recorded = now
        if let refusal = proposal.refusal(by: member, in: dossier, config: config) { throw .refused(refusal) }
        if let refusal = PersonalData.refusal(in: proposal.freeTexts) { throw .refused(refusal) }
        try FileStore.refuseControls([("conditions", proposal.conditions, true), ("rationale", proposal.rationale, true)]
            + proposal.notes.map { ("notes." + $0.key.rawValue, $0.value, true) })
        let id = dossier.application.id
        let details = "\(proposal.recommendation.rawValue)" + (proposal.amounts.isEmpty ? "" : ", \(proposal.totalProposed) kr")
            + (proposal.agreedBy.isEmpty ? "" : " (" + proposal.agreedBy.map(\.rawValue).joined(separator: ", ") + ")")
        let event = HistoryEvent(time: now, member: member.id, role: member.role, kind: .proposalRecorded, details: details)
        try change(id, history: [event]) { (files: inout StoreChange) throws(StoreError) in
            try files.write(ProposalRecord.write(proposal), to: "\(id)/\(FileStore.proposalFile)")
        }
    }
}

/// `<id>/request.toml`: the steering group's request on returning an application for completion.
enum RequestRecord {
    static func read(_ document: TOMLDocument, applicationID: ApplicationID) -> SteeringRequest? {
        document.checkSchema()
        let f = document.fields
        if let named = f.required("application"), named != applicationID.description {
            f.report(.fileIDMismatch, at: "application", ["value": .text(named), "expected": .text(applicationID.description)])
        }
        let by = f.required("requested_by").flatMap { f.memberID($0, at: "requested_by") }
        let request = by.map { SteeringRequest(applicationID: applicationID, text: f.required("request") ?? "", requestedBy: $0, requested: f.time("requested")) }
        document.reportUnknownKeys()
        return request
    }

    static func write(_ request: SteeringRequest) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("application", request.applicationID.description)
        w.field("requested_by", request.requestedBy.rawValue)
        w.field("requested", request.requested)
        w.field("request", request.text)
        return w.text
    }
}

extension FileStore {
    public static let requestFile = "request.toml"
}
