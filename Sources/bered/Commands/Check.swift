import ArgumentParser
import BeredningCore
import BeredningStore
import BeredningTUI
import Foundation

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the criteria checklist: the automatic verdict and the reviews' aggregate per criterion.",
        discussion: "Exit status: 0 when every criterion passes, 1 when any fails or is missing, 2 when a file is broken.")

    @Argument(help: "The store folder.") var store: String
    @Argument(help: "Application ids (e.g. 2026-003); all when none are given.") var ids: [String] = []
    @Flag(help: "Print JSON for scripts instead of text.") var json = false
    @Flag(help: "Under each finding, the rule that produced it and where bered.toml sets it.") var explain = false
    @Option(name: .customLong("as"), help: "Your member id: colleagues' scores stay hidden until your own review is complete (default: $BERED_USER).")
    var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let snapshot = try context.snapshot(store)
        let viewer = try context.optionalMember(member, in: snapshot.config)
        var entries = snapshot.entries
        if !ids.isEmpty {
            entries = []
            for raw in ids { entries.append(try context.entry(raw, in: snapshot)) }
        }
        let checklists = entries.map { entry in entry.dossier.map { Checklist(dossier: $0, config: snapshot.config, viewer: viewer, unnamed: viewer == nil) } }
        if json {
            try printJSON(CheckJSON(entries: entries, checklists: checklists, snapshot: snapshot, catalog: context.catalog))
        } else {
            let blocks = zip(entries, checklists).map { entry, checklist in
                CheckText.render(entry: entry, checklist: checklist, settings: snapshot.config.calculation, catalog: context.catalog,
                                unnamed: viewer == nil, explain: explain, viewer: viewer)
            }
            output(blocks.joined(separator: "\n\n"))
        }
        let status = Check.status(entries: entries, checklists: checklists)
        if status != ExitStatus.ok { throw ExitCode(status) }
    }

    static func status(entries: [StoreEntry], checklists: [Checklist?]) -> Int32 {
        if entries.contains(where: { !$0.problems.isEmpty }) { return ExitStatus.broken }
        if checklists.contains(where: { $0?.passes == false }) { return ExitStatus.fails }
        return ExitStatus.ok
    }
}

enum CheckText {
    static func render(entry: StoreEntry, checklist: Checklist?, settings: CalculationSettings, catalog: Catalog, unnamed: Bool = false,
                       explain: Bool = false, viewer: Member? = nil) -> String {
        var lines: [String] = []
        guard let dossier = entry.dossier, let checklist else {
            lines.append("\(entry.folder)  \(catalog(.listBroken))")
            lines += entry.problems.map { "  " + $0.formatted(catalog) }
            return lines.joined(separator: "\n")
        }
        let application = dossier.application
        let verdict = catalog(checklist.passes ? .checkPasses : .checkDoesNotPass)
        lines.append("\(application.id)  \(application.title) — \(verdict)")
        lines.append("  " + catalog(.checkQuorum, [
            "complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
            "comments": .text(String(dossier.comments.count)),
        ]))
        for conflict in dossier.conflicts {
            lines.append("  " + CheckText.conflictLine(conflict, catalog))
        }
        if !dossier.uncounted.isEmpty {
            lines.append("  ⚠ " + catalog(.countUncountedLine, ["count": .text(String(dossier.uncounted.count))]))
        }
        if checklist.scoresHidden {
            let conflicted = viewer.map { dossier.hasConflict($0.id) } ?? false
            lines.append("  " + catalog(conflicted ? .conflictHidesReviews : unnamed ? .countScoresHiddenWithoutMember : .checkScoresHidden))
        }
        let nameWidth = checklist.rows.map { catalog.name($0.criterion).cellWidth }.max() ?? 0
        let markWidth = checklist.rows.map { catalog.mark($0.outcome).cellWidth }.max() ?? 1
        for row in checklist.rows {
            let outcome = catalog.label(row.outcome)
            let shown = checklist.scoresHidden ? "" : scores(row.aggregate, catalog)
            lines.append("  \(catalog.mark(row.outcome).padded(toCells: markWidth)) \(catalog.name(row.criterion).padded(toCells: nameWidth))  \(outcome.padded(toCells: 10))  \(shown)")
            if let automatic = row.automatic {
                for finding in automatic.findings {
                    lines.append("      " + catalog(finding.message))
                    if explain && automatic.verdict != .ok { lines.append("        " + ruleLine(finding.rule, catalog)) }
                }
                if explain && automatic.verdict == .ok {
                    lines.append("        " + catalog(.checkRulesChecked, ["rules": .text(automatic.rules.map { catalog.label($0) }.joined(separator: "; "))]))
                    for setting in Set(automatic.rules.compactMap(\.setting)).sorted() {
                        lines.append("        " + catalog(.checkRuleSetting, ["setting": .text(setting)]))
                    }
                }
            } else {
                lines.append("      " + catalog(.checkNotAutomatic))
            }
            if row.criterion.id == .measurability {
                lines.append("      " + CalculationSummary.text(dossier.application, settings: settings, catalog: catalog))
            }
        }
        lines += entry.problems.map { "  ⚠ " + $0.formatted(catalog) }
        return lines.joined(separator: "\n")
    }

    /// "regel: Målgruppens åldrar ligger inom fondens åldrar (ställs in i bered.toml: rules.age_min, rules.age_max)".
    static func ruleLine(_ rule: CheckRule, _ catalog: Catalog) -> String {
        let source = rule.setting.map { catalog(.checkRuleSetting, ["setting": .text($0)]) } ?? catalog(.checkRuleBuiltIn)
        return catalog(.checkRuleLine, ["rule": .text(catalog.label(rule))]) + " (" + source + ")"
    }

    static func conflictLine(_ conflict: ConflictDeclaration, _ catalog: Catalog) -> String {
        conflict.unreadable ? catalog(.countConflictUnreadableLine, ["member": .text(conflict.member.rawValue)])
            : catalog(.checkConflictLine, ["member": .text(conflict.member.rawValue), "reason": .text(conflict.reason)])
    }

    static func scores(_ aggregate: CriterionAggregate, _ catalog: Catalog) -> String {
        guard aggregate.count > 0 else {
            return aggregate.cannotJudge > 0 ? catalog(.checkOnlyCannotJudge, ["count": .text(String(aggregate.cannotJudge))]) : catalog(.checkNoScores)
        }
        var text = catalog(.checkScores, [
            "mean": .text(catalog.decimal(aggregate.mean)), "median": .text(catalog.decimal(aggregate.median)),
            "min": .text(String(aggregate.min!)), "max": .text(String(aggregate.max!)), "count": .text(String(aggregate.count)),
        ])
        if aggregate.cannotJudge > 0 { text += ", " + catalog(.checkCannotJudgeCount, ["count": .text(String(aggregate.cannotJudge))]) }
        if aggregate.disagreement { text += "  ⚠ " + catalog(.checkDisagreement, ["spread": .text(String(aggregate.spread!))]) }
        return text
    }
}

struct CheckJSON: Encodable {
    struct Automatic: Encodable {
        let verdict: String
        let reasons: [String]
        /// Each finding with its stable code and rule, for other systems.
        let findings: [FindingJSON]

        init(_ result: CheckResult, catalog: Catalog) {
            verdict = result.verdict.rawValue
            reasons = result.reasons.map { catalog($0) }
            findings = result.findings.map { FindingJSON(code: $0.code, rule: $0.rule.rawValue, setting: $0.rule.setting, text: catalog($0.message)) }
        }
    }

    struct FindingJSON: Encodable {
        let code: String
        let rule: String
        let setting: String?
        let text: String
    }

    struct Aggregate: Encodable {
        let count: Int
        let cannot_judge: Int
        let scores: [Int]
        let mean: Double?
        let median: Double?
        let min: Int?
        let max: Int?
        let spread: Int?
        let disagreement: Bool
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let core: Bool
        let automatic: Automatic?
        /// Left out while the viewer's own review is not complete.
        let reviews: Aggregate?
        let outcome: String
    }

    struct Application: Encodable {
        let id: String
        let title: String?
        let broken: Bool
        let passes: Bool?
        let reviews_complete: Int?
        let reviews_needed: Int?
        let conflicts: [String]
        let scores_hidden: Bool
        let calculation: CalculationJSON.Outcome?
        let criteria: [Row]
        let problems: [ProblemJSON]
    }

    let fund: String
    let applications: [Application]

    init(entries: [StoreEntry], checklists: [Checklist?], snapshot: StoreSnapshot, catalog: Catalog) {
        fund = snapshot.config.fund
        applications = zip(entries, checklists).map { entry, checklist in
            let hidden = checklist?.scoresHidden ?? false
            return Application(
                id: entry.folder, title: entry.dossier?.application.title, broken: entry.isBroken, passes: checklist?.passes,
                reviews_complete: checklist?.quorum.complete, reviews_needed: checklist?.quorum.needed,
                conflicts: entry.dossier?.conflicts.map(\.member.rawValue) ?? [], scores_hidden: hidden,
                calculation: entry.dossier?.application.calculation.map {
                    CalculationJSON.Outcome(SocioEconomicCalculation.project($0, settings: snapshot.config.calculation))
                },
                criteria: checklist?.rows.map { row in
                    let a = row.aggregate
                    return Row(id: row.criterion.id.rawValue, name: catalog.name(row.criterion), core: row.criterion.id.isCore,
                               automatic: row.automatic.map { Automatic($0, catalog: catalog) },
                               reviews: hidden ? nil : Aggregate(count: a.count, cannot_judge: a.cannotJudge, scores: a.scores, mean: a.mean, median: a.median,
                                                  min: a.min, max: a.max, spread: a.spread, disagreement: a.disagreement),
                               outcome: row.outcome.rawValue)
                } ?? [],
                problems: entry.problems.map { ProblemJSON($0, catalog) })
        }
    }
}
