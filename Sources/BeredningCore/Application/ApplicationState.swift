/// Where an application is in the fund's process (Ale's model, seed 002).
/// The transitions between these states belong to the workflow; here are only the states.
public enum ApplicationState: String, CaseIterable, Hashable, Sendable {
    /// A short idea, screened before a full application is invited (idéprövning).
    case idea
    /// The idea was screened and declined, with reasons sent to the idea giver in a letter.
    case ideaDeclined = "idea_declined"
    case received
    case inPreparation = "in_preparation"
    case withSteeringGroup = "with_steering_group"
    /// Returned for completion (återremiss): back to preparation with the steering group's request.
    case returned
    case forwarded
    case approved
    case rejected
    case feedbackSent = "feedback_sent"
    /// The approved intervention has started; its effects are followed up (criterion 5).
    case running
    /// The intervention is over; `Application.closing` says how it ended.
    case closed
}

/// How a running intervention ended: the question every fund asks of an investment is whether
/// it became ordinary work (SKR's sixth step), simply ended, or was stopped.
public enum ClosingOutcome: String, CaseIterable, Hashable, Sendable, Labelled {
    /// Taken into ordinary operation (implementerad i ordinarie verksamhet).
    case implemented
    /// Ended as planned without being taken into ordinary operation.
    case ended
    /// Stopped before its planned end (avbruten).
    case discontinued

    public static var labelPrefix: String { "closing" }
}
