import BeredningCore

/// The meeting as lines of text, for a width: the same lines in the interface, in
/// `bered meeting` and (as tables) in the minutes.
public enum MeetingText {
    public struct Line: Equatable, Sendable {
        public enum Kind: Sendable { case heading, table, plain, muted, warning }
        public let text: String
        public let kind: Kind
    }

    public static func lines(_ meeting: Meeting, config: FundConfig, catalog c: Catalog, width: Int, calibrationShown: Bool) -> [Line] {
        var out: [Line] = []
        if meeting.items.isEmpty { return [Line(text: c(.meetingAgendaEmpty), kind: .muted)] }
        for (index, item) in meeting.items.enumerated() {
            if index > 0 { out.append(Line(text: "", kind: .plain)) }
            out += lines(item, config: config, catalog: c, width: width)
        }
        out.append(Line(text: "", kind: .plain))
        out += calibrationLines(meeting, config: config, catalog: c, shown: calibrationShown)
        return out
    }

    public static func lines(_ item: Meeting.Item, config: FundConfig, catalog c: Catalog, width: Int) -> [Line] {
        let a = item.dossier.application
        var out = [Line(text: "\(a.id) \(a.title) — " + c(.meetingDisagreement, ["spread": .text(String(item.disagreement))]), kind: .heading)]
        if let request = item.dossier.steeringRequest {
            out.append(Line(text: c(request.message(config: config)), kind: .warning))
        }
        for member in item.absent {
            out.append(Line(text: c(.meetingAbsent, ["member": .text(name(member, config))]), kind: .warning))
        }
        if !item.scoresShown {
            out.append(Line(text: c(.meetingScoresHidden), kind: .warning))
        } else {
            out += table(item, catalog: c, width: width).map { Line(text: $0, kind: .table) }
            out.append(Line(text: c(.meetingLegend), kind: .muted))
            if !item.tally.isEmpty {
                let tally = item.tally.map { "\($0.1) \(c.label($0.0))" }.joined(separator: ", ")
                out.append(Line(text: c(.meetingTally, ["tally": .text(tally)]), kind: .plain))
            }
        }
        out.append(Line(text: c(.meetingComments, ["count": .text(String(item.dossier.comments.count))]), kind: .plain))
        if let proposal = item.dossier.proposal {
            out.append(Line(text: c(.meetingProposal, ["recommendation": .message(proposal.recommendation.label), "rationale": .text(oneLine(proposal.rationale))]),
                            kind: .plain))
        } else {
            out.append(Line(text: c(.meetingNoProposal, ["id": .text(a.id.description)]), kind: .muted))
        }
        return out
    }

    /// Criteria as rows, reviewers as columns, then spread, mean, calibrated mean and the automatic verdict.
    static func table(_ item: Meeting.Item, catalog c: Catalog, width: Int) -> [String] {
        let reviewerWidth = max(5, (item.reviewers.map { $0.rawValue.cellWidth }.max() ?? 0) + 1)
        let numbers = [c(.meetingSpread), c(.meetingMean), c(.meetingCalibrated)]
        let numberWidth = max(6, (numbers.map(\.cellWidth).max() ?? 0) + 1)
        let fixed = item.reviewers.count * reviewerWidth + numbers.count * numberWidth + 3
        let nameWidth = max(8, min(26, width - fixed))
        func cell(_ text: String, _ width: Int) -> String { text.truncated(toCells: width - 1).padded(toCells: width) }
        var rows = [cell(c(.memoCriterion), nameWidth) + item.reviewers.map { cell($0.rawValue, reviewerWidth) }.joined()
                    + numbers.map { cell($0, numberWidth) }.joined() + c(.meetingAutomatic)]
        for row in item.rows {
            let scores = row.scores.map { score -> String in
                switch score {
                case .points(let points)?: return String(points)
                case .cannotJudge?: return "?"
                case nil: return "·"
                }
            }
            let spread = row.aggregate.spread.map(String.init) ?? "–"
            rows.append(cell(row.criterion.name.text(in: c.language), nameWidth) + scores.map { cell($0, reviewerWidth) }.joined()
                        + [spread + (row.aggregate.disagreement ? "!" : ""), c.decimal(row.aggregate.mean), c.decimal(row.calibratedMean)]
                            .map { cell($0, numberWidth) }.joined()
                        + (row.automatic.map { c.mark($0) } ?? "·"))
        }
        return rows
    }

    static func calibrationLines(_ meeting: Meeting, config: FundConfig, catalog c: Catalog, shown: Bool) -> [Line] {
        var out = [Line(text: c(.meetingCalibrationTitle), kind: .heading), Line(text: c(.meetingCalibrationExplained), kind: .muted)]
        guard shown else { return out + [Line(text: c(.meetingCalibrationHidden), kind: .warning)] }
        let reviewers = config.reviewers.map(\.id).filter { meeting.calibration.overall($0) != nil }
        if reviewers.isEmpty { return out + [Line(text: c(.meetingCalibrationNone), kind: .muted)] }
        for reviewer in reviewers {
            let offset = meeting.calibration.overall(reviewer)!
            let count = meeting.calibration.counts[reviewer]?.values.max() ?? 0
            let sign = offset > 0.05 ? "+" : ""
            let word: MessageKey = offset > 0.05 ? .meetingLenient : offset < -0.05 ? .meetingStrict : .meetingLikeTheGroup
            out.append(Line(text: c(.meetingCalibrationLine, ["member": .text(name(reviewer, config)), "offset": .text(sign + c.decimal(offset)),
                                                              "word": .message(Message(word)), "count": .text(String(count))]), kind: .plain))
        }
        return out
    }

    /// Whether `viewer` may see the calibration: it is built from every application's scores,
    /// so only someone who may see every one of them sees it.
    public static func calibrationShown(_ dossiers: [Dossier], config: FundConfig, viewer: Member?, unnamed: Bool = false) -> Bool {
        dossiers.allSatisfy { dossier in
            dossier.reviews.filter { $0.status == .complete }.count < 2 || dossier.showsScores(to: viewer, rules: config.rules, unnamed: unnamed)
        }
    }

    static func name(_ id: MemberID, _ config: FundConfig) -> String { config.member(id)?.name ?? id.rawValue }

    static func oneLine(_ text: String) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.prefix(24).joined(separator: " ") + (words.count > 24 ? " …" : "")
    }
}
