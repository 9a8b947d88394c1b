/// How well the application itself answers a criterion, before anyone has scored it.
public enum Verdict: String, CaseIterable, Comparable, Hashable, Sendable, Labelled {
    case ok
    case warning
    case missing

    public static var labelPrefix: String { "verdict" }
    private var severity: Int { Verdict.allCases.firstIndex(of: self)! }
    public static func < (a: Verdict, b: Verdict) -> Bool { a.severity < b.severity }
}

/// One criterion's automatic verdict and the plain-language reasons behind it.
public struct CheckResult: Hashable, Sendable {
    public let criterion: CriterionID
    public let verdict: Verdict
    /// Every finding, most serious first; an `ok` carries one message saying what was found.
    public let reasons: [Message]

    public init(criterion: CriterionID, verdict: Verdict, reasons: [Message]) {
        self.criterion = criterion
        self.verdict = verdict
        self.reasons = reasons
    }
}

/// The automatic checks of the six core criteria on the application text (issue 2, DOMAIN.md).
/// A fund's extra criteria have no automatic check: reviewers judge them alone.
public enum AutomaticChecks {
    public static func run(_ application: Application, rules: FundRules) -> [CheckResult] {
        [problem(application.problem),
         targetGroup(application.targetGroup),
         evidence(application.evidence),
         earlyTiming(application.earlyTiming),
         measurability(application.measurability),
         cooperation(application.actors, rules: rules)]
    }

    /// Collects findings for one criterion; the verdict is the most serious finding.
    private struct Findings {
        var missing: [Message] = []
        var warnings: [Message] = []

        mutating func missing(_ key: MessageKey, _ args: [String: Message.Argument] = [:]) { missing.append(Message(key, args)) }
        mutating func warn(_ key: MessageKey, _ args: [String: Message.Argument] = [:]) { warnings.append(Message(key, args)) }

        func result(_ criterion: CriterionID, ok: Message) -> CheckResult {
            if !missing.isEmpty { return CheckResult(criterion: criterion, verdict: .missing, reasons: missing + warnings) }
            if !warnings.isEmpty { return CheckResult(criterion: criterion, verdict: .warning, reasons: warnings) }
            return CheckResult(criterion: criterion, verdict: .ok, reasons: [ok])
        }
    }

    public static func problem(_ problem: Problem) -> CheckResult {
        var f = Findings()
        if problem.description.isBlank { f.missing(.checkProblemNoDescription) }
        if problem.consequences.isBlank { f.missing(.checkProblemNoConsequences) }
        if problem.localExtent.isBlank {
            f.warn(.checkProblemNoExtent)
        } else if !problem.localExtent.contains(where: \.isNumber) {
            f.warn(.checkProblemExtentWithoutFigures)
        }
        if problem.costOfInaction.isBlank { f.warn(.checkProblemNoCostOfInaction) }
        return f.result(.problem, ok: Message(.checkProblemOK))
    }

    public static func targetGroup(_ group: TargetGroup) -> CheckResult {
        var f = Findings()
        if group.ageMin == nil || group.ageMax == nil { f.missing(.checkTargetNoAges) }
        if group.size == nil { f.missing(.checkTargetNoSize) }
        if let min = group.ageMin, let max = group.ageMax, min > max {
            f.warn(.checkTargetAgesReversed, ["min": .text(String(min)), "max": .text(String(max))])
        }
        if let size = group.size, size <= 0 { f.warn(.checkTargetSizeNotPositive) }
        if group.description.isBlank { f.warn(.checkTargetNoDescription) }
        if group.needsAnalysis.isBlank { f.warn(.checkTargetNoNeedsAnalysis) }
        let ages = group.ageMin.flatMap { min in group.ageMax.map { "\(min)–\($0)" } } ?? "?"
        return f.result(.targetGroup, ok: Message(.checkTargetOK, ["ages": .text(ages), "size": .text(group.size.map(String.init) ?? "?")]))
    }

    public static func evidence(_ evidence: Evidence) -> CheckResult {
        var f = Findings()
        if evidence.level == nil { f.missing(.checkEvidenceNoLevel) }
        if evidence.basis.isBlank { f.missing(.checkEvidenceNoBasis) }
        if evidence.level == .newMethod && evidence.learningPlan.isBlank { f.warn(.checkEvidenceNewMethodNoLearningPlan) }
        if evidence.references.allSatisfy(\.isBlank) { f.warn(.checkEvidenceNoReferences) }
        let level: Message.Argument = evidence.level.map { .message($0.label) } ?? "?"
        return f.result(.evidence, ok: Message(.checkEvidenceOK, ["level": level]))
    }

    public static func earlyTiming(_ timing: EarlyTiming) -> CheckResult {
        var f = Findings()
        if timing.stage.isBlank { f.missing(.checkEarlyNoStage) }
        if timing.justification.isBlank { f.missing(.checkEarlyNoJustification) }
        return f.result(.earlyTiming, ok: Message(.checkEarlyOK))
    }

    public static func measurability(_ measurability: Measurability) -> CheckResult {
        var f = Findings()
        let measurable = measurability.indicators.filter(\.isMeasurable)
        if measurability.indicators.isEmpty {
            f.missing(.checkMeasureNoIndicators)
        } else if measurable.isEmpty {
            f.missing(.checkMeasureNoCompleteIndicator)
        }
        for indicator in measurability.indicators where !indicator.isMeasurable {
            var lacks: [Message.Argument] = []
            if indicator.baseline == nil { lacks.append(.message(Message(.fieldBaseline))) }
            if indicator.target == nil { lacks.append(.message(Message(.fieldTarget))) }
            if indicator.when.isEmpty { lacks.append(.message(Message(.fieldWhen))) }
            let message = Message(.checkMeasureIndicatorLacks, ["indicator": .text(indicator.name), "lacks": .message(Message.list(lacks))])
            // One followable indicator carries the criterion; the rest are reported as warnings.
            if measurable.isEmpty { f.missing.append(message) } else { f.warnings.append(message) }
        }
        if !measurable.isEmpty && !measurable.contains(where: { $0.when.contains(.oneYear) || $0.when.contains(.fourYears) }) {
            f.warn(.checkMeasureNothingWithinMandate)
        }
        if measurability.evaluationPlan.isBlank { f.warn(.checkMeasureNoEvaluationPlan) }
        return f.result(.measurability, ok: Message(.checkMeasureOK, ["count": .text(String(measurable.count))]))
    }

    public static func cooperation(_ actors: [Actor], rules: FundRules) -> CheckResult {
        var f = Findings()
        let named = actors.filter { !$0.name.isBlank }
        let municipal = named.filter { $0.kind == .municipal }
        if named.count < rules.minActors {
            f.missing(.checkCoopTooFewActors, ["count": .text(String(named.count)), "min": .text(String(rules.minActors))])
        }
        if municipal.count < rules.minMunicipalActors {
            f.missing(.checkCoopTooFewMunicipal, ["count": .text(String(municipal.count)), "min": .text(String(rules.minMunicipalActors))])
        }
        for actor in named where actor.role.isBlank {
            f.missing(.checkCoopActorWithoutRole, ["actor": .text(actor.name)])
        }
        for actor in named where actor.contribution.isBlank {
            f.warn(.checkCoopActorWithoutContribution, ["actor": .text(actor.name)])
        }
        return f.result(.cooperation, ok: Message(.checkCoopOK, ["count": .text(String(named.count)), "municipal": .text(String(municipal.count))]))
    }
}

extension Message {
    /// A comma-separated list of messages, shown in the reader's language.
    public static func list(_ items: [Argument]) -> Message {
        var arguments: [String: Argument] = [:]
        for (index, item) in items.enumerated() { arguments[String(index)] = item }
        let key: MessageKey = items.count >= 3 ? .list3 : items.count == 2 ? .list2 : .list1
        return Message(key, arguments)
    }
}
