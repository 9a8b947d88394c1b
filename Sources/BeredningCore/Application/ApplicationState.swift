/// Where an application is in the fund's process (Ale's model, seed 002).
/// The transitions between these states belong to the workflow; here are only the states.
public enum ApplicationState: String, CaseIterable, Hashable, Sendable {
    case received
    case inPreparation = "in_preparation"
    case withSteeringGroup = "with_steering_group"
    /// Returned for completion (återremiss): back to preparation with the steering group's request.
    case returned
    case forwarded
    case approved
    case rejected
    case feedbackSent = "feedback_sent"

}
