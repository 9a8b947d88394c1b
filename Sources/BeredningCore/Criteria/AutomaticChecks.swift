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
    /// Every finding, most serious first; an `ok` carries one, saying what was checked and found.
    public let findings: [Finding]

    public init(criterion: CriterionID, verdict: Verdict, findings: [Finding]) {
        self.criterion = criterion
        self.verdict = verdict
        self.findings = findings
    }

    public var reasons: [Message] { findings.map(\.message) }
    /// Every rule applied to this criterion, found something or not: what `check --explain` lists.
    public var rules: [CheckRule] { CheckRule.allCases.filter { $0.criterion == criterion } }
}

/// The automatic checks of the six core criteria on the application text (issue 2, issue 15,
/// DOMAIN.md). They read an application the way a reviewer does: a text that only stands in for
/// an answer is no answer, and an ✓ says only what was checked. A fund's extra criteria have no
/// automatic check: reviewers judge them alone.
public enum AutomaticChecks {
    public static func run(_ application: Application, rules: FundRules) -> [CheckResult] {
        [problem(application.problem),
         targetGroup(application.targetGroup),
         evidence(application.evidence),
         earlyTiming(application.earlyTiming, group: application.targetGroup, rules: rules),
         measurability(application, rules: rules),
         cooperation(application, rules: rules)]
    }

    /// Collects findings for one criterion; the verdict is the most serious finding.
    private struct Findings {
        var missing: [Finding] = []
        var warnings: [Finding] = []

        mutating func missing(_ rule: CheckRule, _ key: MessageKey, _ args: [String: Message.Argument] = [:]) {
            missing.append(Finding(Message(key, args), rule: rule))
        }
        mutating func warn(_ rule: CheckRule, _ key: MessageKey, _ args: [String: Message.Argument] = [:]) {
            warnings.append(Finding(Message(key, args), rule: rule))
        }

        func result(_ criterion: CriterionID, ok: Message) -> CheckResult {
            if !missing.isEmpty { return CheckResult(criterion: criterion, verdict: .missing, findings: missing + warnings) }
            if !warnings.isEmpty { return CheckResult(criterion: criterion, verdict: .warning, findings: warnings) }
            return CheckResult(criterion: criterion, verdict: .ok, findings: [Finding(ok, rule: CheckRule.allCases.first { $0.criterion == criterion }!)])
        }
    }

    /// "Se bilaga" and "TBD" are told apart from nothing at all, so the applicant knows what to write.
    private static func unanswered(_ text: String, _ empty: MessageKey, _ rule: CheckRule, into f: inout Findings, warningOnly: Bool = false) -> Bool {
        let reading = AnswerText.read(text)
        guard reading != .answer else { return false }
        let key: MessageKey = reading == .empty ? empty : reading == .pointer ? .checkPointsElsewhere : .checkPlaceholder
        let args: [String: Message.Argument] = reading == .empty ? [:] : ["field": .message(Message(empty)), "text": .text(excerpt(text))]
        if warningOnly { f.warn(rule, key, args) } else { f.missing(rule, key, args) }
        return true
    }

    /// The start of a text, on one line, for a reason that quotes it.
    static func excerpt(_ text: String, words: Int = 8) -> String {
        let all = text.split(whereSeparator: \.isWhitespace)
        return all.prefix(words).joined(separator: " ") + (all.count > words ? " …" : "")
    }

    // MARK: The six criteria

    public static func problem(_ problem: Problem) -> CheckResult {
        var f = Findings()
        _ = unanswered(problem.description, .checkProblemNoDescription, .problemDescribed, into: &f)
        _ = unanswered(problem.consequences, .checkProblemNoConsequences, .problemDescribed, into: &f)
        var figures: [String] = []
        if !unanswered(problem.localExtent, .checkProblemNoExtent, .problemExtentFigures, into: &f, warningOnly: true) {
            figures = AnswerText.figures(in: problem.localExtent)
            if figures.isEmpty { f.warn(.problemExtentFigures, .checkProblemExtentWithoutFigures) }
        }
        _ = unanswered(problem.costOfInaction, .checkProblemNoCostOfInaction, .problemCostOfInaction, into: &f, warningOnly: true)
        return f.result(.problem, ok: Message(.checkProblemOK, ["figures": .text(figures.prefix(3).joined(separator: ", "))]))
    }

    /// Ages a person can have, and more than nobody: what a target group's numbers must be at least.
    static let possibleAges = 0...120

    public static func targetGroup(_ group: TargetGroup) -> CheckResult {
        var f = Findings()
        if let min = group.ageMin, let max = group.ageMax {
            if !possibleAges.contains(min) || !possibleAges.contains(max) {
                f.missing(.targetAges, .checkTargetImpossibleAges, ["min": .text(String(min)), "max": .text(String(max))])
            } else if min > max {
                f.missing(.targetAges, .checkTargetAgesReversed, ["min": .text(String(min)), "max": .text(String(max))])
            } else if max - min >= 30 {
                f.warn(.targetAges, .checkTargetAgesUnbounded, ["min": .text(String(min)), "max": .text(String(max))])
            }
        } else {
            f.missing(.targetAges, .checkTargetNoAges)
        }
        if let size = group.size {
            if size <= 0 {
                f.missing(.targetSize, .checkTargetSizeNotPositive)
            } else if size > 100_000 {
                // More children than all but the largest Swedish municipalities have: not a target group.
                f.warn(.targetSize, .checkTargetSizeImplausible, ["size": .text(String(size))])
            }
        } else {
            f.missing(.targetSize, .checkTargetNoSize)
        }
        _ = unanswered(group.description, .checkTargetNoDescription, .targetDescribed, into: &f, warningOnly: true)
        _ = unanswered(group.needsAnalysis, .checkTargetNoNeedsAnalysis, .targetDescribed, into: &f, warningOnly: true)
        let ages = group.ageMin.flatMap { min in group.ageMax.map { "\(min)–\($0)" } } ?? "?"
        return f.result(.targetGroup, ok: Message(.checkTargetOK, ["ages": .text(ages), "size": .text(group.size.map(String.init) ?? "?")]))
    }

    public static func evidence(_ evidence: Evidence) -> CheckResult {
        var f = Findings()
        if evidence.level == nil { f.missing(.evidenceLevel, .checkEvidenceNoLevel) }
        _ = unanswered(evidence.basis, .checkEvidenceNoBasis, .evidenceBasis, into: &f)
        if evidence.level == .newMethod {
            _ = unanswered(evidence.learningPlan, .checkEvidenceNewMethodNoLearningPlan, .evidenceLearningPlan, into: &f, warningOnly: true)
        }
        let given = evidence.references.filter { AnswerText.answers($0) }
        let named = given.filter(SourceNames.namesASource)
        if given.isEmpty {
            f.warn(.evidenceNamed, .checkEvidenceNoReferences)
        } else if named.isEmpty {
            f.warn(.evidenceNamed, .checkEvidenceNothingNamed, ["reference": .text(excerpt(given[0]))])
        }
        let level: Message.Argument = evidence.level.map { .message($0.label) } ?? "?"
        return f.result(.evidence, ok: Message(.checkEvidenceOK, ["level": level, "count": .text(String(named.count)),
                                                                   "first": .text(excerpt(named.first ?? "", words: 6))]))
    }

    public static func earlyTiming(_ timing: EarlyTiming, group: TargetGroup, rules: FundRules) -> CheckResult {
        var f = Findings()
        switch timing.level {
        case nil: f.missing(.earlyLevel, .checkEarlyNoLevel)
        case .treatment?: f.warn(.earlyLevel, .checkEarlyTreatment)
        default: break
        }
        let scope = rules.ageScope
        if let min = group.ageMin, let max = group.ageMax, min <= max {
            let shown: [String: Message.Argument] = ["ages": .text("\(min)–\(max)"), "scope": .text("\(scope.lowerBound)–\(scope.upperBound)")]
            if max < scope.lowerBound || min > scope.upperBound {
                f.missing(.earlyAgeScope, .checkEarlyAgesOutsideScope, shown)
            } else if min < scope.lowerBound || max > scope.upperBound {
                f.warn(.earlyAgeScope, .checkEarlyAgesPartlyOutsideScope, shown)
            }
        }
        if !unanswered(timing.stage, .checkEarlyNoStage, .earlyStage, into: &f),
           let late = AnswerText.mentions(timing.stage, anyOf: TimingWords.lateStage),
           AnswerText.mentions(timing.stage, anyOf: TimingWords.early) == nil, timing.level != .treatment {
            f.warn(.earlyStage, .checkEarlyLateStage, ["word": .text(late)])
        }
        if !unanswered(timing.justification, .checkEarlyNoJustification, .earlyJustification, into: &f),
           AnswerText.mentions(timing.justification, anyOf: TimingWords.early) == nil {
            f.warn(.earlyJustification, .checkEarlyJustificationNotAboutTiming)
        }
        let ages = group.ageMin.flatMap { min in group.ageMax.map { "\(min)–\($0)" } } ?? "?"
        let level: Message.Argument = timing.level.map { .message($0.label) } ?? "?"
        return f.result(.earlyTiming, ok: Message(.checkEarlyOK, ["level": level, "ages": .text(ages),
                                                                  "scope": .text("\(scope.lowerBound)–\(scope.upperBound)")]))
    }

    public static func measurability(_ application: Application, rules: FundRules) -> CheckResult {
        let measurability = application.measurability
        var f = Findings()
        let named = measurability.indicators.filter { AnswerText.answers($0.name) }
        let measurable = named.filter(\.isMeasurable)
        let changing = measurable.filter { Self.change(of: $0) == nil }
        if named.isEmpty {
            f.missing(.measureIndicators, .checkMeasureNoIndicators)
        } else if measurable.isEmpty {
            f.missing(.measureIndicators, .checkMeasureNoCompleteIndicator)
        } else if changing.isEmpty {
            f.missing(.measureChange, .checkMeasureNoChange)
        }
        for indicator in named where !indicator.isMeasurable {
            var lacks: [Message.Argument] = []
            if indicator.baseline == nil { lacks.append(.message(Message(.fieldBaseline))) }
            if indicator.target == nil { lacks.append(.message(Message(.fieldTarget))) }
            if indicator.when.isEmpty { lacks.append(.message(Message(.fieldWhen))) }
            // One followable indicator carries the criterion; the rest are reported as warnings.
            let finding = Finding(Message(.checkMeasureIndicatorLacks, ["indicator": .text(indicator.name), "lacks": .message(Message.list(lacks))]),
                                  rule: .measureIndicators)
            if measurable.isEmpty { f.missing.append(finding) } else { f.warnings.append(finding) }
        }
        for indicator in measurable {
            if let problem = change(of: indicator) { f.warn(.measureChange, problem, ["indicator": .text(indicator.name)]) }
        }
        let outcomes = changing.filter { !isOutput($0) }
        if !changing.isEmpty && outcomes.isEmpty { f.warn(.measureOutcome, .checkMeasureOnlyOutputs) }
        if !measurable.isEmpty && !measurable.contains(where: { $0.when.contains(.oneYear) || $0.when.contains(.fourYears) }) {
            f.warn(.measureMandate, .checkMeasureNothingWithinMandate)
        }
        _ = unanswered(measurability.evaluationPlan, .checkMeasureNoEvaluationPlan, .measureEvaluationPlan, into: &f, warningOnly: true)
        let economic: Message
        if application.calculation != nil {
            economic = Message(.checkMeasureEconomicCalculation)
        } else if AnswerText.answers(measurability.economicFollowUp) {
            economic = Message(.checkMeasureEconomicPlan)
        } else {
            economic = Message(.checkMeasureEconomicNone)
            f.warn(.measureEconomic, .checkMeasureNoEconomicFollowUp)
        }
        period(application.intervention, rules: rules, into: &f)
        return f.result(.measurability, ok: Message(.checkMeasureOK, ["count": .text(String(changing.count)), "outcomes": .text(String(outcomes.count)),
                                                                      "economic": .message(economic)]))
    }

    /// Why an indicator with a baseline and a target cannot show the change it is for, or nil.
    static func change(of indicator: Indicator) -> MessageKey? {
        guard let baseline = indicator.baseline, let target = indicator.target else { return nil }
        if baseline == target { return .checkMeasureNoDifference }
        switch indicator.direction {
        case .raise? where target < baseline, .lower? where target > baseline: return .checkMeasureWrongDirection
        default: return nil
        }
    }

    /// An indicator that counts what was done rather than what changed: marked so, or named so
    /// when the applicant did not say ("Antal genomförda träffar").
    static func isOutput(_ indicator: Indicator) -> Bool {
        if let kind = indicator.kind { return kind == .output }
        let words = AnswerText.normalisedWords(indicator.name)
        guard let first = words.first, ["antal", "number"].contains(first) else { return false }
        return words.dropFirst().prefix(3).contains { word in TimingWords.activityCounts.contains { word.hasPrefix($0) } }
    }

    /// The intervention's dates: in order, and as long as the fund allows.
    private static func period(_ intervention: Intervention, rules: FundRules, into f: inout Findings) {
        guard let start = intervention.start, let end = intervention.end else {
            f.warn(.measurePeriod, .checkMeasureNoPeriod)
            return
        }
        guard start < end else {
            f.missing(.measurePeriod, .checkMeasurePeriodReversed, ["start": .text(start.description), "end": .text(end.description)])
            return
        }
        let months = start.months(until: end)
        if let least = rules.minLengthMonths, months < least {
            f.warn(.measurePeriod, .checkMeasurePeriodTooShort, ["months": .text(String(months)), "limit": .text(String(least))])
        }
        if let most = rules.maxLengthMonths, months > most {
            f.warn(.measurePeriod, .checkMeasurePeriodTooLong, ["months": .text(String(months)), "limit": .text(String(most))])
        }
    }

    public static func cooperation(_ application: Application, rules: FundRules) -> CheckResult {
        var f = Findings()
        let named = application.actors.filter { AnswerText.answers($0.name) }
        let units = OrganisationalUnits(named)
        if units.all.count < rules.minActors {
            f.missing(.coopActors, .checkCoopTooFewActors, ["count": .text(String(units.all.count)), "min": .text(String(rules.minActors))])
        }
        let met = rules.cooperation.first { units.meets($0) }
        if met == nil {
            let alternatives = rules.cooperation.map { Message.Argument.message(describe($0)) }
            f.missing(.coopRule, .checkCoopRuleNotMet, ["found": .message(units.summary), "rule": .message(Message.alternatives(alternatives))])
        }
        for duplicate in units.repeated {
            f.warn(.coopUnits, .checkCoopSameUnit, ["actors": .text(duplicate.joined(separator: "”, ”"))])
        }
        for actor in named where actor.kind == .municipal && actor.unit.allSatisfy(\.isWhitespace) {
            f.warn(.coopUnits, .checkCoopNoUnit, ["actor": .text(actor.name)])
        }
        for actor in named where !AnswerText.answers(actor.role) {
            f.missing(.coopRoles, .checkCoopActorWithoutRole, ["actor": .text(actor.name)])
        }
        for actor in named where !AnswerText.answers(actor.contribution) {
            f.warn(.coopRoles, .checkCoopActorWithoutContribution, ["actor": .text(actor.name)])
        }
        applicant(application, rules: rules, into: &f)
        return f.result(.cooperation, ok: Message(.checkCoopOK, ["found": .message(units.summary),
                                                                 "rule": .message(met.map(describe) ?? Message(.checkCoopRuleNone))]))
    }

    /// The applicant's kind: as stated, else that of the actor the applicant is; the fund says which kinds may apply.
    private static func applicant(_ application: Application, rules: FundRules, into f: inout Findings) {
        let name = OrganisationalUnits.key(application.applicant)
        let kind = application.applicantKind ?? application.actors.first { actor in
            !name.isEmpty && [actor.name, actor.unit, actor.organisation].map(OrganisationalUnits.key).contains(name)
        }?.kind
        let allowed = Message.list(rules.allowedApplicants.map { .message($0.label) })
        guard let kind else {
            f.warn(.coopApplicant, .checkCoopApplicantKindUnknown, ["allowed": .message(allowed)])
            return
        }
        if !rules.allowedApplicants.contains(kind) {
            f.missing(.coopApplicant, .checkCoopApplicantNotAllowed, ["kind": .message(kind.label), "allowed": .message(allowed)])
        }
    }

    /// "2 kommunala enheter och 1 förening": one alternative of the rule in words.
    static func describe(_ alternative: CooperationAlternative) -> Message {
        var parts: [Message.Argument] = []
        if alternative.municipalUnits > 0 { parts.append(.message(Message(.checkCoopNeedMunicipal, ["count": .text(String(alternative.municipalUnits))]))) }
        if alternative.civilSociety > 0 { parts.append(.message(Message(.checkCoopNeedCivil, ["count": .text(String(alternative.civilSociety))]))) }
        if alternative.organisations > 0 { parts.append(.message(Message(.checkCoopNeedOrganisations, ["count": .text(String(alternative.organisations))]))) }
        return parts.isEmpty ? Message(.checkCoopRuleNone) : Message.list(parts)
    }
}

/// The actors counted the way funds' rules count them: by organisational unit, so two schools of
/// one sector are one municipal unit, and one organisation listed twice is one organisation.
struct OrganisationalUnits {
    /// A key per distinct unit, with the actors' names that share it.
    private(set) var all: [String: [String]] = [:]
    private(set) var municipal: Set<String> = []
    private(set) var civilSociety: Set<String> = []
    private(set) var organisations: Set<String> = []
    private var order: [String] = []

    init(_ actors: [Actor]) {
        for actor in actors {
            let organisation = Self.key(actor.organisation.allSatisfy(\.isWhitespace) ? actor.name : actor.organisation)
            let unit = actor.unit.allSatisfy(\.isWhitespace) ? Self.key(actor.name) : Self.key(actor.unit)
            let key = organisation + "|" + unit
            if all[key] == nil { order.append(key) }
            all[key, default: []].append(actor.name)
            organisations.insert(organisation)
            switch actor.kind {
            case .municipal: municipal.insert(key)
            case .association: civilSociety.insert(key)
            default: break
            }
        }
    }

    /// Names of actors that are one unit twice over.
    var repeated: [[String]] { order.compactMap { all[$0]!.count > 1 ? all[$0] : nil } }

    func meets(_ alternative: CooperationAlternative) -> Bool {
        municipal.count >= alternative.municipalUnits && civilSociety.count >= alternative.civilSociety
            && organisations.count >= alternative.organisations
    }

    var summary: Message {
        Message(.checkCoopFound, ["units": .text(String(all.count)), "municipal": .text(String(municipal.count)),
                                  "civil": .text(String(civilSociety.count)), "organisations": .text(String(organisations.count))])
    }

    /// Lower-cased words only, so "Sektor Utbildning," and "sektor utbildning" are one.
    static func key(_ text: String) -> String { AnswerText.normalisedWords(text).joined(separator: " ") }
}

/// Words the early-timing check looks for, as the start of a word.
enum TimingWords {
    /// A text about timing talks about when: early, before, first signs, an age or a stage.
    static let early = [
        "tidig", "tidigt", "tidiga", "tidigare", "innan", "före", "förebygg", "prevent", "förhindra", "första", "debut",
        "tecken", "signal", "riskfaktor", "risk", "ålder", "åldern", "skede", "uppstår", "etableras", "hinner", "förskol",
        "lågstadi", "mellanstadi", "årskurs", "bvc", "barnavård", "mödravård", "spädbarn", "småbarn", "nyfödd", "gravid",
        "främja", "hälsofrämjande", "tidsfönster", "universell", "selektiv", "indikerad", "early", "before", "onset",
    ]
    /// A stage that describes a problem already established.
    static let lateStage = [
        "placerad", "placerade", "placering", "hvb", "långvarig", "sedan flera år", "sedan många år", "kronisk", "dömd",
        "dömda", "kriminell", "kriminalitet", "lvu", "lvm", "sis", "behandling", "beroende", "missbruk", "fast i",
        "etablerat", "etablerad", "djupt",
    ]
    /// What an output indicator counts: "Antal genomförda träffar", "Antal deltagare".
    static let activityCounts = [
        "genomför", "deltag", "träff", "aktivitet", "tillfäll", "utbildad", "utbildning", "besök", "möte", "kurs", "workshop",
        "samtal", "grupp", "session", "informations",
    ]
}

/// Whether a reference points at something a reviewer could look up: a year, a web address or
/// DOI, a known Swedish source, or a name (a capitalised word after the first).
enum SourceNames {
    static let known = [
        "socialstyrelsen", "sbu", "skolverket", "folkhälsomyndigheten", "cochrane", "ifau", "brå", "skr", "mfof", "rise",
        "fou", "universitet", "högskola", "karolinska", "barnombudsmannen", "statens", "länsstyrelsen", "kunskapsguiden",
        "campbell", "who", "oecd", "unicef",
    ]

    static func namesASource(_ reference: String) -> Bool {
        let lower = reference.lowercased()
        if lower.contains("http") || lower.contains("www.") || lower.contains("doi") { return true }
        if !AnswerText.figures(in: reference).isEmpty || containsYear(reference) { return true }
        let words = AnswerText.normalisedWords(reference)
        if words.contains(where: { word in known.contains { word.hasPrefix($0) } }) { return true }
        // A capitalised word after the first: "Studie av Andershed", "Star for Life".
        let tokens = reference.split(whereSeparator: \.isWhitespace).dropFirst()
        return tokens.contains { $0.first?.isUppercase == true && $0.count > 1 }
    }

    private static func containsYear(_ text: String) -> Bool {
        var digits = 0
        var value = 0
        for character in text + " " {
            if let digit = character.wholeNumberValue, character.isASCII {
                digits += 1
                value = value * 10 + digit
            } else {
                if digits == 4 && (1900...2099).contains(value) { return true }
                digits = 0
                value = 0
            }
        }
        return false
    }
}

extension Message {
    /// "a, b eller c": alternatives, shown in the reader's language.
    public static func alternatives(_ items: [Argument]) -> Message { joined(items, two: .or2, three: .or3) }

    /// A comma-separated list of messages, shown in the reader's language.
    public static func list(_ items: [Argument]) -> Message { joined(items, two: .list2, three: .list3) }

    /// "a, b, c och d": the three-item form with every middle item in its middle place, so a
    /// list of any length keeps all its items (the strings have forms for one, two and three).
    private static func joined(_ items: [Argument], two: MessageKey, three: MessageKey) -> Message {
        switch items.count {
        case 0: return Message(.list1, ["0": .text("")])
        case 1: return Message(.list1, ["0": items[0]])
        case 2: return Message(two, ["0": items[0], "1": items[1]])
        default:
            var middle = items[1]
            for item in items[2..<(items.count - 1)] { middle = .message(Message(.listComma, ["0": middle, "1": item])) }
            return Message(three, ["0": items[0], "1": middle, "2": items[items.count - 1]])
        }
    }
}
