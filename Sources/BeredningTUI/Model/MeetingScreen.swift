import BeredningCore

/// The preparation group's meeting: the agenda with scores side by side, scrolled by line.
public struct MeetingScreen: Equatable, Sendable {
    public var scroll = 0
}

extension AppState {
    /// The meeting as this member may see it (scores hidden where the fund's rule or a conflict says so).
    var meeting: Meeting { Meeting(dossiers: snapshot.dossiers, config: snapshot.config, viewer: member) }

    func meetingLines(width: Int) -> [MeetingText.Line] {
        MeetingText.lines(meeting, config: snapshot.config, catalog: catalog, width: width,
                          calibrationShown: MeetingText.calibrationShown(snapshot.dossiers, config: snapshot.config, viewer: member))
    }

    mutating func handleMeeting(_ key: Key, _ screen: MeetingScreen) -> [Command] {
        var screen = screen
        guard readOnlyKey(key, &screen.scroll, lines: meetingLines(width: width).count) else { return [] }
        stack[stack.count - 1] = .meeting(screen)
        return []
    }
}
