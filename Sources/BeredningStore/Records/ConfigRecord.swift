import BeredningCore
import Foundation

/// `bered.toml`: the fund, its scale and rules, its extra criteria and its members.
enum ConfigRecord {
    static func read(_ document: TOMLDocument, coreCriteria: [Criterion]) -> FundConfig? {
        document.checkSchema()
        let f = document.fields
        let fund = f.required("fund") ?? ""
        let scale = readScale(f.section("scale"))
        let r = f.section("rules")
        let defaults = FundRules()
        let ageMin = r.int("age_min") ?? defaults.ageScope.lowerBound, ageMax = r.int("age_max") ?? defaults.ageScope.upperBound
        if ageMin > ageMax || ageMin < 0 || ageMax > 120 {
            r.report(.fileAgeScope, at: "age_max", ["min": .text(String(ageMin)), "max": .text(String(ageMax))])
        }
        var rules = FundRules(
            minActors: r.int("min_actors") ?? defaults.minActors,
            minMunicipalActors: r.int("min_municipal_actors") ?? defaults.minMunicipalActors,
            cooperationAlternatives: r.tables("cooperation").map { c in
                let alternative = CooperationAlternative(municipalUnits: c.int("municipal_units") ?? 0, civilSociety: c.int("civil_society") ?? 0,
                                                         organisations: c.int("organisations") ?? 0)
                for (key, value) in [("municipal_units", alternative.municipalUnits), ("civil_society", alternative.civilSociety),
                                     ("organisations", alternative.organisations)] where value < 0 {
                    c.report(.fileNegativeAmount, at: key)
                }
                return alternative
            },
            allowedApplicants: r.keys.contains("allowed_applicants")
                ? r.strings("allowed_applicants").compactMap { raw in
                    ActorKind(rawValue: raw) ?? {
                        r.report(.fileInvalidValue, at: "allowed_applicants", ["value": .text(raw), "allowed": .text(ActorKind.allCases.map(\.rawValue).joined(separator: ", "))])
                        return nil
                    }()
                }
                : defaults.allowedApplicants,
            ageScope: min(ageMin, ageMax)...max(ageMin, ageMax),
            minLengthMonths: r.int("min_length_months"),
            maxLengthMonths: r.int("max_length_months"),
            reviewsNeeded: r.int("reviews_needed") ?? defaults.reviewsNeeded,
            hideScoresUntilOwnReviewComplete: r.bool("hide_scores_until_own_review_complete") ?? defaults.hideScoresUntilOwnReviewComplete,
            disagreementSpread: r.int("disagreement_spread") ?? defaults.disagreementSpread)
        for (key, value) in [("min_actors", rules.minActors), ("min_municipal_actors", rules.minMunicipalActors),
                             ("reviews_needed", rules.reviewsNeeded), ("disagreement_spread", rules.disagreementSpread),
                             ("min_length_months", rules.minLengthMonths ?? 0), ("max_length_months", rules.maxLengthMonths ?? 0)] where value < 0 {
            r.report(.fileNegativeAmount, at: key)
        }
        rules.minActors = max(rules.minActors, rules.minMunicipalActors)
        rules.proposalRequired = r.bool("proposal_required") ?? defaults.proposalRequired
        if let screener = r.string("idea_screening") {
            if let role = Role(rawValue: screener), Permissions.allows(role, .screenIdea) {
                rules.ideaScreener = role
            } else {
                r.report(.fileInvalidValue, at: "idea_screening", ["value": .text(screener), "allowed": "coordinator, steering_group"])
            }
        }

        let extras = readCriteria(f.tables("criteria"), reserved: Set(CriterionID.core))

        var members: [Member] = []
        for m in f.tables("members") {
            guard let raw = m.required("id") else { continue }
            guard let id = MemberID(raw) else {
                m.report(.fileBadMemberID, at: "id", ["value": .text(raw)])
                m.markAllRead()
                continue
            }
            guard !members.contains(where: { $0.id == id }) else {
                m.report(.fileDuplicateMember, at: "id", ["value": .text(raw)])
                m.markAllRead()
                continue
            }
            if !m.keys.contains("role") { m.report(.fileMissingField, at: "role") }
            guard let role = m.choice("role", Role.self) else { continue }
            let key = m.string("signing_key").flatMap { line in
                SigningKey(line) ?? { m.report(.signedBadKey, at: "signing_key", ["value": .text(String(line.prefix(40)))]); return nil }()
            }
            // One key, two members: git would name only one of them as the signer.
            if let key, let other = members.first(where: { $0.signingKey == key }) {
                m.report(.signedDuplicateKey, at: "signing_key", ["member": .text(other.id.rawValue)])
            }
            members.append(Member(id: id, name: m.text("name").isBlank ? raw : m.text("name"), role: role, signingKey: key))
        }

        let calculation = CalculationRecord.readSettings(f)
        let sharing = f.section("sharing")
        let trusted = sharing.string("trusted_commit").flatMap { name in
            FundConfig.isCommitName(name) ? name : { sharing.report(.signedBadTrustedCommit, at: "trusted_commit", ["value": .text(String(name.prefix(70)))]); return nil }()
        }
        let economy = readEconomy(f.section("economy"), document: document)
        let nameYouthPanel = f.section("memo").bool("name_youth_panel") ?? false
        document.reportUnknownKeys()
        guard let scale, let criteria = try? CriteriaSet(core: coreCriteria, extras: extras) else { return nil }
        var config = FundConfig(fund: fund, scale: scale, rules: rules, criteria: criteria, members: members, calculation: calculation,
                                trustedCommit: trusted, economy: economy)
        config.nameYouthPanelInMemo = nameYouthPanel
        return config
    }

    /// `[economy]`: the model, capital, caps and `[[economy.budgets]]` (year and amount each).
    /// A budget table without its amount is named at its line, and nothing of it is used.
    static func readEconomy(_ e: Fields, document: TOMLDocument) -> FundEconomy {
        var budgets: [Int: Int] = [:]
        for (index, budget) in DecisionRecord.amounts(e, "budgets").enumerated() {
            if budgets[budget.year] != nil {
                e.report(.moneyDuplicateBudgetYear, at: "budgets[\(index)].year", ["year": .text(String(budget.year))])
            }
            if budget.amount < 0 { e.report(.fileNegativeAmount, at: "budgets[\(index)].amount") }
            if budget.amount > Money.largestKronor { e.report(.amountTooLarge, at: "budgets[\(index)].amount") }
            budgets[budget.year] = budget.amount
        }
        let economy = FundEconomy(
            model: e.choice("model", EconomicModel.self) ?? .grant, capital: e.int("capital"), budgets: budgets,
            caps: FundCaps(maxPerYear: e.int("max_per_year"), maxYears: e.int("max_years"),
                           minOwnSharePercent: e.int("min_own_share_percent"), maxFundSharePercent: e.int("max_fund_share_percent")))
        for (field, message) in economy.problems() { document.report(message, at: field) }
        return economy
    }

    /// `[[criteria]]` tables: an id, a Swedish and an English name and guidance each.
    /// Ids must be well formed, unique, and not among `reserved`.
    static func readCriteria(_ tables: [Fields], reserved: Set<CriterionID>) -> [Criterion] {
        var criteria: [Criterion] = []
        for c in tables {
            guard let raw = c.required("id") else { continue }
            guard let id = CriterionID(raw) else {
                c.report(.fileBadCriterionID, at: "id", ["value": .text(raw)])
                c.markAllRead()
                continue
            }
            if reserved.contains(id) || criteria.contains(where: { $0.id == id }) {
                c.report(.fileDuplicateCriterion, at: "id", ["value": .text(raw)])
                c.markAllRead()
                continue
            }
            criteria.append(Criterion(id: id, name: LocalizedText(sv: c.required("name_sv") ?? raw, en: c.text("name_en")),
                                      guidance: LocalizedText(sv: c.text("guidance_sv"), en: c.text("guidance_en"))))
        }
        return criteria
    }

    private static func readScale(_ s: Fields) -> Scale? {
        let standard = Scale.standard
        let min = s.int("min") ?? standard.min
        let max = s.int("max") ?? standard.max
        let passMark = s.int("pass_mark") ?? standard.passMark
        let sv = s.strings("labels_sv")
        let en = s.strings("labels_en")
        let labels: [LocalizedText]
        if sv.isEmpty && min == standard.min && max == standard.max {
            labels = standard.labels
        } else {
            labels = sv.enumerated().map { LocalizedText(sv: $0.element, en: $0.offset < en.count ? en[$0.offset] : "") }
        }
        do {
            return try Scale(min: min, max: max, passMark: passMark, labels: labels)
        } catch {
            switch error {
            case .emptyRange: s.report(.fileScaleRange, at: "max", ["min": .text(String(min)), "max": .text(String(max))])
            case .labelCount(let expected, let found):
                s.report(.fileScaleLabels, at: "labels_sv", ["expected": .text(String(expected)), "found": .text(String(found))])
            case .passMarkOutside(let mark): s.report(.fileScalePassMark, at: "pass_mark", ["value": .text(String(mark))])
            }
            return nil
        }
    }

    static func writeEconomy(_ economy: FundEconomy, into w: inout TOMLWriter) {
        guard economy != FundEconomy() else { return }
        w.table("economy")
        w.field("model", economy.model)
        w.field("capital", economy.capital)
        w.field("max_per_year", economy.caps.maxPerYear)
        w.field("max_years", economy.caps.maxYears)
        w.field("min_own_share_percent", economy.caps.minOwnSharePercent)
        w.field("max_fund_share_percent", economy.caps.maxFundSharePercent)
        DecisionRecord.write(economy.budgets.keys.sorted().map { Decision.Grant(year: $0, amount: economy.budgets[$0]!) }, as: "economy.budgets", into: &w)
    }

    static func write(_ config: FundConfig) -> String {
        var w = TOMLWriter()
        w.field("schema", TOMLDocument.supportedSchema)
        w.field("fund", config.fund)
        w.table("scale")
        w.field("min", config.scale.min)
        w.field("max", config.scale.max)
        w.field("pass_mark", config.scale.passMark)
        w.field("labels_sv", config.scale.labels.map(\.sv))
        w.field("labels_en", config.scale.labels.map(\.en))
        w.table("rules")
        w.field("min_actors", config.rules.minActors)
        w.field("min_municipal_actors", config.rules.minMunicipalActors)
        w.field("allowed_applicants", config.rules.allowedApplicants.map(\.rawValue))
        w.field("age_min", config.rules.ageScope.lowerBound)
        w.field("age_max", config.rules.ageScope.upperBound)
        w.field("min_length_months", config.rules.minLengthMonths)
        w.field("max_length_months", config.rules.maxLengthMonths)
        w.field("reviews_needed", config.rules.reviewsNeeded)
        w.field("hide_scores_until_own_review_complete", .bool(config.rules.hideScoresUntilOwnReviewComplete))
        w.field("disagreement_spread", config.rules.disagreementSpread)
        w.field("proposal_required", .bool(config.rules.proposalRequired))
        if config.rules.ideaScreener != .coordinator { w.field("idea_screening", config.rules.ideaScreener.rawValue) }
        for alternative in config.rules.cooperationAlternatives {
            w.arrayTable("rules.cooperation")
            w.field("municipal_units", alternative.municipalUnits)
            w.field("civil_society", alternative.civilSociety)
            w.field("organisations", alternative.organisations)
        }
        for criterion in config.criteria.extras {
            w.arrayTable("criteria")
            w.field("id", criterion.id.rawValue)
            w.field("name_sv", criterion.name.sv)
            w.field("name_en", criterion.name.en)
            w.field("guidance_sv", criterion.guidance.sv)
            w.field("guidance_en", criterion.guidance.en)
        }
        for member in config.members {
            w.arrayTable("members")
            w.field("id", member.id.rawValue)
            w.field("name", member.name)
            w.field("role", member.role)
            if let key = member.signingKey { w.field("signing_key", key.line) }
        }
        CalculationRecord.writeSettings(config.calculation, into: &w)
        writeEconomy(config.economy, into: &w)
        if config.nameYouthPanelInMemo {
            w.table("memo")
            w.field("name_youth_panel", .bool(true))
        }
        if let trusted = config.trustedCommit {
            w.table("sharing")
            w.field("trusted_commit", trusted)
        }
        return w.text
    }
}

/// The six core criteria's names and guidance, from the bundled `criteria.toml`.
public enum CriteriaDefinitions {
    public static func read(data: Data, file: String) throws -> [Criterion] {
        let document = try TOMLDocument(file: file, data: data)
        let criteria = ConfigRecord.readCriteria(document.fields.tables("criteria"), reserved: [])
        if let first = document.problems.first { throw first }
        return criteria
    }
}

/// A strings file, one per language: nested TOML tables whose dotted paths are the message keys
/// (`[check.problem]` with `ok = "…"` is the key `check.problem.ok`).
public enum StringsFile {
    public static func read(data: Data, file: String) throws -> [String: String] {
        let document = try TOMLDocument(file: file, data: data)
        var strings: [String: String] = [:]
        func walk(_ fields: Fields) {
            for key in fields.keys {
                if let nested = fields.raw(key)?.table {
                    walk(Fields(document: document, table: nested, path: fields.path(key)))
                } else if let text = fields.string(key) {
                    strings[fields.path(key)] = text
                }
            }
        }
        walk(document.fields)
        if let first = document.problems.first { throw first }
        return strings
    }
}
