import Foundation

/// What the steering group asked for when it returned an application for completion
/// (återremiss): shown at the top of the application, in the meeting and in the memo until the
/// steering group next decides on it.
public struct SteeringRequest: Hashable, Sendable {
    public var applicationID: ApplicationID
    public var text: String
    public var requestedBy: MemberID
    public var requested: Date?

    public init(applicationID: ApplicationID, text: String, requestedBy: MemberID, requested: Date? = nil) {
        self.applicationID = applicationID
        self.text = text
        self.requestedBy = requestedBy
        self.requested = requested
    }
}

extension SteeringRequest {
    /// "Styrgruppen begär komplettering (Karin Ek, 2026-04-02): …", the same line everywhere.
    public func message(config: FundConfig) -> Message {
        let date = requested.map { WallTime($0).day.description } ?? "–"
        return Message(.requestShown, ["member": .text(config.member(requestedBy)?.name ?? requestedBy.rawValue), "date": .text(date), "text": .text(text)])
    }
}

extension SteeringRequest: FreeTextRecord {
    public var freeTexts: [String] { [text] }
}
