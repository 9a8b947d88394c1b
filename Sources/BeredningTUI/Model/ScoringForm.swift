import BeredningCore

/// The preparation group's scoring form: a score and a comment per criterion, the
/// recommendation and a summary. Edits a copy of the member's review until it is saved.
public struct ScoringForm: Equatable, Sendable {
    public enum Field: Hashable, Sendable {
        case score(CriterionID)
        case comment(CriterionID)
        case recommendation
        case summary
    }

    public var applicationID: ApplicationID { review.applicationID }
    public private(set) var review: Review
    /// The review as last saved, to know whether anything is unsaved.
    public private(set) var saved: Review
    public let fields: [Field]
    public var focus = 0
    public var comments: [CriterionID: TextEditor]
    public var summary: TextEditor
    /// What happens once the save is confirmed: stay, leave the form, or open the next
    /// application's form. The form stays open until then, so a failed save loses nothing.
    public enum AfterSave: Equatable, Sendable { case stay, leave, next }
    public var afterSave = AfterSave.stay
    /// Lines scrolled from the focused criterion's section in the application's text beside
    /// the form (wide terminals); negative is above it.
    public var sideScroll = 0

    /// `saved`: the review as it is on disk, when `review` holds typing not yet saved.
    init(review: Review, saved: Review? = nil, criteria: CriteriaSet) {
        self.review = review
        self.saved = saved ?? review
        fields = criteria.ids.flatMap { [Field.score($0), .comment($0)] } + [.recommendation, .summary]
        comments = Dictionary(uniqueKeysWithValues: criteria.ids.map { ($0, TextEditor(review.assessments[$0]?.comment ?? "")) })
        summary = TextEditor(review.summary)
    }

    public var focused: Field { fields[focus] }

    /// The review with what is typed now.
    public var current: Review {
        var review = self.review
        for (id, editor) in comments {
            let score = review.assessments[id]?.score
            if score == nil && editor.text.isEmpty { review.assessments[id] = nil; continue }
            review.assessments[id] = Assessment(score: score, comment: editor.text)
        }
        review.summary = summary.text
        return review
    }

    public var isDirty: Bool {
        let now = current
        return now.assessments != saved.assessments || now.recommendation != saved.recommendation || now.summary != saved.summary
    }

    var focusedEditor: TextEditor? {
        switch focused {
        case .comment(let id): return comments[id]
        case .summary: return summary
        default: return nil
        }
    }

    mutating func editFocused(_ change: (inout TextEditor) -> Void) -> Bool {
        switch focused {
        case .comment(let id):
            var editor = comments[id] ?? TextEditor()
            change(&editor)
            comments[id] = editor
        case .summary:
            change(&summary)
        default:
            return false
        }
        return true
    }

    mutating func setScore(_ score: Score?, for id: CriterionID) {
        var assessment = review.assessments[id] ?? Assessment()
        assessment.score = score
        review.assessments[id] = assessment
    }

    mutating func setRecommendation(_ recommendation: Recommendation?) { review.recommendation = recommendation }

    mutating func prepareSave(status: ReviewStatus) -> Review {
        review = current
        review.status = status
        return review
    }

    mutating func markSaved() {
        saved = current
        saved.status = review.status
    }
}

extension AppState {
    /// The width of a text field in the form: the screen less the indent and the frame.
    var formTextWidth: Int { max(10, width - 6) }

    /// From this width the scoring form keeps three fifths of the screen and shows the
    /// application's text beside it, so a reviewer reads while scoring.
    static let sideBySideWidth = 120
    var scoringSideBySide: Bool { width >= AppState.sideBySideWidth }
    var scoringWidth: Int { scoringSideBySide ? width * 3 / 5 : width }
    var scoringTextWidth: Int { max(10, scoringWidth - 6) }
    static let formTextHeight = 3

    mutating func handleScoring(_ key: Key, _ form: ScoringForm) -> [Command] {
        var form = form
        let before = form.focus
        defer {
            // The text beside the form follows the criterion in focus: a new field starts at its section.
            if form.focus != before { form.sideScroll = 0 }
            if case .scoring = current { stack[stack.count - 1] = .scoring(form) }
        }
        switch key {
        case .pageDown where scoringSideBySide:
            form.sideScroll += max(1, height - 6)
            return []
        case .pageUp where scoringSideBySide:
            form.sideScroll -= max(1, height - 6)
            return []
        case .tab: form.focus = (form.focus + 1) % form.fields.count; return []
        case .backTab: form.focus = (form.focus - 1 + form.fields.count) % form.fields.count; return []
        case .escape:
            if form.isDirty { modal = .confirmLeave } else { stack.removeLast() }
            return []
        case .ctrl("s"):
            return save(&form, status: .draft, next: false)
        case .ctrl("o"):
            return save(&form, status: .complete, next: false)
        case .ctrl("n"):
            return save(&form, status: form.review.status, next: true)
        case .ctrl("e"), .function(4):
            guard let text = form.focusedEditor?.text else { show(catalog(.uiEditorOnlyText), .error); return [] }
            return [.openEditor(text: text)]
        case .function(1):
            modal = .help(offset: 0)
            return []
        default: break
        }
        switch form.focused {
        case .score(let id):
            let scale = snapshot.config.scale
            let points = form.review.assessments[id]?.score?.points
            switch key {
            case .left, .char("h"):
                form.setScore(.points(max(scale.min, (points ?? scale.min + 1) - 1)), for: id)
            case .right, .char("l"):
                form.setScore(.points(min(scale.max, (points ?? scale.min - 1) + 1)), for: id)
            case .char("x"), .char("0"), .char("-"):
                form.setScore(.cannotJudge, for: id)
            case .char(let digit) where digit.isNumber:
                if let value = Int(String(digit)), scale.points.contains(value) { form.setScore(.points(value), for: id) }
                else { show(catalog(.uiScoreOutsideScale, ["min": .text(String(scale.min)), "max": .text(String(scale.max))]), .error) }
            case .backspace, .delete: form.setScore(nil, for: id)
            case .enter, .down, .char("j"): form.focus = min(form.fields.count - 1, form.focus + 1)
            case .up, .char("k"): form.focus = max(0, form.focus - 1)
            case .char("?"): modal = .help(offset: 0)
            default: break
            }
        case .recommendation:
            let all: [Recommendation?] = [nil] + Recommendation.allCases
            let index = all.firstIndex(of: form.review.recommendation) ?? 0
            switch key {
            case .left, .char("h"): form.setRecommendation(all[max(0, index - 1)])
            case .right, .char("l"), .char(" "): form.setRecommendation(all[min(all.count - 1, index + 1)])
            case .char("b"): form.setRecommendation(.approve)
            case .char("a"): form.setRecommendation(.reject)
            case .char("k"): form.setRecommendation(.needsCompletion)
            case .enter, .down: form.focus = min(form.fields.count - 1, form.focus + 1)
            case .up: form.focus = max(0, form.focus - 1)
            case .char("?"): modal = .help(offset: 0)
            default: break
            }
        case .comment, .summary:
            let width = scoringTextWidth
            // Up from the first line or down from the last moves to the neighbouring field.
            let editor = form.focusedEditor ?? TextEditor()
            let layout = editor.layout(width: width)
            let row = editor.cursorPosition(in: layout).row
            let rows = layout.count
            if key == .up && row == 0 { form.focus -= 1; return [] }
            if key == .down && row == rows - 1 && form.focus + 1 < form.fields.count { form.focus += 1; return [] }
            _ = form.editFocused { editor in
                _ = editor.handle(key, width: width)
                editor.scrollToCursor(width: width, height: AppState.formTextHeight)
            }
        }
        return []
    }

    /// Saves the form's review; marking it complete first checks that nothing is missing.
    private mutating func save(_ form: inout ScoringForm, status: ReviewStatus, next: Bool) -> [Command] {
        let config = snapshot.config
        var candidate = form.current
        candidate.status = status
        let problems = ReviewRules.problemsSaving(candidate, criteria: config.criteria, scale: config.scale)
        if let first = problems.first {
            let more = problems.count > 1 ? " " + catalog(.uiAndMore, ["count": .text(String(problems.count - 1))]) : ""
            show(catalog(first) + more, .error)
            return []
        }
        form.afterSave = next ? .next : .stay
        return [.saveReview(form.prepareSave(status: status))]
    }
}
