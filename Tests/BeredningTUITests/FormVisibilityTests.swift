import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

/// Every form, every field, at the smallest size the interface takes, the usual one and a few
/// between: the focused field's label and the cursor are in the content area, never under the
/// status line or the footer, also when the status takes four lines and the text is long.
@Suite("The focused field is on screen at every size")
struct FormVisibilityTests {
    static let sizes = [(80, 24), (40, 12), (50, 14), (60, 16), (72, 20), (100, 30)]
    static let longStatus = String(repeating: "Det gick inte att spara: disken är full. ", count: 6)
    static let longText = (1...30).map { "Rad \($0) av en lång text som klistrats in." }.joined(separator: "\n")

    /// Checks the frame as it is, then with a four-line status under it.
    func expectVisible(_ s: AppState, label: String, cursor: Bool, _ context: String) {
        var s = s
        for round in 0..<2 {
            if round == 1 { _ = s.update(.failed([Self.longStatus])) }
            let buffer = Frame.render(s)
            let content = 1..<(s.height - 1 - Frame.statusLines(s).count)
            if cursor {
                if let c = buffer.cursor {
                    #expect(content.contains(c.y) && (0..<s.width).contains(c.x), "cursor \(c) outside rows \(content): \(context)\n\(buffer.text)")
                } else {
                    Issue.record("no cursor: \(context)\n\(buffer.text)")
                }
            }
            // A label longer than the screen is cut with "…": its start is what must show.
            let shown = "▸ " + label.prefix(max(1, s.width - 4))
            #expect(content.contains { buffer.line($0).hasPrefix(shown) }, "“\(shown)” not on screen: \(context)\n\(buffer.text)")
        }
    }

    @Test(arguments: sizes) func theScoringForm(width: Int, height: Int) {
        var s = scoringForm(width: width, height: height)
        guard case .scoring(let form) = s.current else { Issue.record("no scoring form"); return }
        for field in form.fields {
            let label: String
            switch field {
            case .score: label = sv(.uiScore)
            case .comment: label = sv(.uiComment)
            case .recommendation: label = sv(.uiRecommendation) + ":"
            case .summary: label = sv(.uiSummary)
            }
            let isText: Bool
            if case .score = field { isText = false } else if case .recommendation = field { isText = false } else { isText = true }
            expectVisible(s, label: label, cursor: isText, "\(width)×\(height) \(field)")
            if isText {
                _ = s.update(.text(Self.longText))
                expectVisible(s, label: label, cursor: true, "\(width)×\(height) \(field), a long paste")
            }
            s.press(.tab)
        }
    }

    @Test(arguments: sizes) func theCommentForm(width: Int, height: Int) {
        var s = state(as: "sara", width: width, height: height)
        s.press(.char("c"))
        expectVisible(s, label: sv(.uiYourComment), cursor: true, "\(width)×\(height) text")
        _ = s.update(.text(Self.longText))
        expectVisible(s, label: sv(.uiYourComment), cursor: true, "\(width)×\(height) text, a long paste")
        s.press(.up, .up, .up)
        expectVisible(s, label: sv(.uiYourComment), cursor: true, "\(width)×\(height) text, moved up")
        s.press(.tab)
        expectVisible(s, label: sv(.uiAbout), cursor: false, "\(width)×\(height) topic")
    }

    @Test(arguments: sizes) func theDecisionForm(width: Int, height: Int) {
        var s = decisionForm(width: width, height: height)
        let labels: [DecisionForm.Field: MessageKey] = [.date: .exportDate, .caseNumber: .exportCaseNumber, .body: .exportBody,
                                                        .grants: .exportGrants, .conditions: .exportConditions, .rationale: .exportRationale,
                                                        .budgetOverride: .uiBudgetOverride]
        for field in DecisionForm.Field.allCases {
            guard let key = labels[field] else {
                expectVisible(s, label: sv(.exportOutcome) + ":", cursor: false, "\(width)×\(height) outcome")
                s.press(.tab)
                continue
            }
            expectVisible(s, label: sv(key) + ":", cursor: true, "\(width)×\(height) \(field)")
            _ = s.update(.text(Self.longText))
            expectVisible(s, label: sv(key) + ":", cursor: true, "\(width)×\(height) \(field), a long paste")
            s.press(.tab)
        }
    }

    @Test(arguments: sizes) func theMoveForm(width: Int, height: Int) {
        var s = state(as: "karin", width: width, height: height)
        s.select("2026-002")
        s.press(.enter, .char("m"))
        expectVisible(s, label: sv.label(Transition.returnForCompletion), cursor: false, "\(width)×\(height) the moves")
        s.press(.enter)
        expectVisible(s, label: sv(.uiMoveReason), cursor: true, "\(width)×\(height) reason")
        _ = s.update(.text(Self.longText))
        expectVisible(s, label: sv(.uiMoveReason), cursor: true, "\(width)×\(height) reason, a long paste")

        // A coordinator's override comes under the list of what is missing.
        var o = state(as: "lars", width: width, height: height)
        o.select("2026-003")
        o.press(.enter, .char("m"), .enter)
        expectVisible(o, label: sv(.uiOverrideReason), cursor: true, "\(width)×\(height) override")
        _ = o.update(.text(Self.longText))
        expectVisible(o, label: sv(.uiOverrideReason), cursor: true, "\(width)×\(height) override, a long paste")
    }
}
