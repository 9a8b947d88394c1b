import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The fund's money in the files (issue 16): `[economy]` in bered.toml, the model and the
/// override kept in decision.toml, and `<id>/repayments.toml`.
@Suite("The fund's money in the store")
struct MoneyStoreTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let id2 = ApplicationID("2026-002")!
    let id6 = ApplicationID("2026-006")!

    func approval(_ grants: [(Int, Int)], override: String = "", model: EconomicModel? = nil) -> Decision {
        Decision(date: Day("2026-11-20")!, caseNumber: "KS 2026/88", outcome: .approve, grants: grants.map { Decision.Grant(year: $0.0, amount: $0.1) },
                 rationale: "Stark ansökan.", recordedBy: MemberID("lars")!, economicModel: model, budgetOverride: override)
    }

    /// A demo copy with 2026-002 forwarded to the board.
    func forwarded() throws -> (TestStore, StoreSnapshot, Dossier) {
        let store = try TestStore()
        let snapshot = try store.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!))
        _ = try store.store.move(try #require(snapshot.entry(id2)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        let again = try store.load()
        return (store, again, try #require(again.entry(id2)?.dossier))
    }

    func member(_ id: String, _ snapshot: StoreSnapshot) throws -> Member { try #require(snapshot.config.member(MemberID(id)!)) }

    // MARK: bered.toml

    @Test func theDemoFundHasABudgetCapsAndAModel() throws {
        let economy = try demoSnapshot().config.economy
        #expect(economy.model == .repayment)
        #expect(economy.capital == 10_000_000)
        #expect(economy.budgets == [2026: 1_500_000, 2027: 1_500_000, 2028: 1_200_000])
        #expect(economy.caps == FundCaps(maxPerYear: 600_000, maxYears: 3, minOwnSharePercent: 30, maxFundSharePercent: 60))
    }

    @Test func theEconomyRoundTripsAndTOMLKitReadsItTheSame() throws {
        var config = try demoSnapshot().config
        config.economy = FundEconomy(model: .returnModel, capital: 40_000_000, budgets: [2027: 5_000_000, 2026: 4_000_000],
                                     caps: FundCaps(maxPerYear: 500_000, maxYears: 3, minOwnSharePercent: 30, maxFundSharePercent: 50))
        let text = ConfigRecord.write(config)
        let (read, problems) = decode(text, file: "bered.toml") { ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria()) }
        #expect(problems == [])
        #expect(read?.economy == config.economy)
        let reference = try #require(TOMLKitReference.parse(text))
        #expect(reference == (try TOMLParser.parse(text)))
        // A fund without [economy] writes none and reads the defaults.
        config.economy = FundEconomy()
        #expect(!ConfigRecord.write(config).contains("[economy]"))
    }

    @Test func aBudgetYearWithoutABudgetAndBadCapsAreNamedAtTheirLines() throws {
        let text = try String(contentsOf: BundledResources.demoStore.appendingPathComponent("bered.toml"), encoding: .utf8)
            .replacingOccurrences(of: "year = 2028\namount = 1200000", with: "year = 2028")
            .replacingOccurrences(of: "min_own_share_percent = 30", with: "min_own_share_percent = 130")
        let (_, problems) = decode(text, file: "bered.toml") { ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria()) }
        let lines = text.components(separatedBy: "\n")
        // A missing field is named at its table's header, the line before.
        let lineOf2028 = try #require(lines.firstIndex(of: "year = 2028"))
        #expect(lines[lineOf2028 - 1] == "[[economy.budgets]]")
        let lineOfPercent = try #require(lines.firstIndex(of: "min_own_share_percent = 130")) + 1
        let shown = problems.map { $0.formatted(catalog) }
        #expect(shown.contains { $0.hasPrefix("bered.toml:\(lineOf2028): ") && $0.contains("amount") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("bered.toml:\(lineOfPercent): ") && $0.contains("130") && $0.contains("0 till 100") }, "\(shown)")
    }

    // MARK: decision.toml

    @Test func theModelAndTheOverrideRoundTrip() {
        let original = approval([(2027, 100)], override: "Extra medel enligt KS 2026/90.", model: .returnModel)
        let (read, problems) = decode(DecisionRecord.write(original, applicationID: id2), file: "2026-002/decision.toml") {
            DecisionRecord.read($0, applicationID: self.id2)
        }
        #expect(problems == [])
        #expect(read == original)
        #expect(DecisionRecord.write(original, applicationID: id2).contains("economic_model = \"return\"\nbudget_override = \"Extra medel enligt KS 2026/90.\""))
    }

    @Test func aDecisionOverTheBudgetIsRefusedAndWritesNothing() throws {
        let (store, snapshot, dossier) = try forwarded()
        let lars = try member("lars", snapshot)
        let before = try store.read("2026-002/history.jsonl")
        // 2028: 1 200 000 budgeted, 500 000 granted to 2026-006: 700 000 left.
        #expect {
            _ = try store.store.record(approval([(2028, 800_000)]), for: dossier, by: lars, config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            let text = catalog(message)
            return text.contains("2028: 800 000 kr beviljas men bara 700 000 kr återstår av årets budget på 1 200 000 kr.")
                && text.contains("2028: 800 000 kr är mer än fondens tak på 600 000 kr per ansökan och år.")
        }
        #expect(!store.files(in: "2026-002").contains("decision.toml"))
        #expect(try store.read("2026-002/history.jsonl") == before)
        #expect(try store.load().entry(id2)?.dossier?.application.state == .forwarded)
    }

    @Test func anOverrideReasonRecordsItInTheDecisionAndTheHistory() throws {
        let (store, snapshot, dossier) = try forwarded()
        let lars = try member("lars", snapshot)
        _ = try store.store.record(approval([(2028, 800_000)], override: "Kommunstyrelsen sköt till medel, KS 2026/90."), for: dossier, by: lars,
                                   config: snapshot.config, now: now)
        let decision = try #require(try store.load().entry(id2)?.dossier?.decision)
        #expect(decision.budgetOverride == "Kommunstyrelsen sköt till medel, KS 2026/90.")
        let decided = try #require(store.store.history(of: id2).events.first { $0.kind == .decided })
        #expect(decided.details.hasSuffix("; budget_override: Kommunstyrelsen sköt till medel, KS 2026/90."))
    }

    @Test func theModelInForceIsRecordedAndAChangedFundModelChangesNoOldDecision() throws {
        let (store, snapshot, dossier) = try forwarded()
        let lars = try member("lars", snapshot)
        // 2026-002 asks for a grant: that is the model recorded, whatever the fund's.
        _ = try store.store.record(approval([(2027, 400_000)]), for: dossier, by: lars, config: snapshot.config, now: now)
        #expect(try store.load().entry(id2)?.dossier?.decision?.economicModel == .grant)
        // The fund moves to the return model (Norrköping after 2021): old decisions keep theirs.
        let config = try store.read("bered.toml").replacingOccurrences(of: "model = \"repayment\"", with: "model = \"return\"")
        try store.write("bered.toml", config)
        let after = try store.load()
        #expect(after.config.economy.model == .returnModel)
        #expect(after.entry(id2)?.dossier?.decision?.economicModel == .grant)
        #expect(after.entry(id6)?.dossier?.decision?.economicModel == .repayment)
    }

    // MARK: repayments.toml

    @Test func theDemoPlanIsReadWithItsPayment() throws {
        let plan = try #require(try demoSnapshot().entry(id6)?.dossier?.repayments)
        #expect(plan.totalPlanned == 1_450_000)
        #expect(plan.payments.map(\.amount) == [244_800])
        #expect(plan.balances.first?.outstanding == 1_013_200)
    }

    @Test func aPlanRoundTripsAndTOMLKitReadsItTheSame() throws {
        let plan = try #require(try demoSnapshot().entry(id6)?.dossier?.repayments)
        let text = RepaymentRecord.write(plan)
        let gainers = ["Sektor omsorg och socialtjänst, Grästorps kommun", "Sektor barn och utbildning, Grästorps kommun"]
        let (read, problems) = decode(text, file: "2026-006/repayments.toml") {
            RepaymentRecord.read($0, applicationID: self.id6, gainers: gainers, model: .repayment)
        }
        #expect(problems == [])
        #expect(read == plan)
        #expect(TOMLKitReference.parse(text) == (try TOMLParser.parse(text)))
    }

    @Test func aRepaymentForAnActorThatGainsNothingIsNamedAtItsLine() throws {
        let store = try TestStore()
        let text = try store.read("2026-006/repayments.toml")
            .replacingOccurrences(of: "actor = \"Sektor barn och utbildning, Grästorps kommun\"", with: "actor = \"Västra Götalandsregionen, Närhälsan Grästorp barnavårdscentral\"")
        try store.write("2026-006/repayments.toml", text)
        let entry = try #require(try store.load().entry(id6))
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.contains("Västra Götalandsregionen") }) + 1
        let shown = entry.problems.map { $0.formatted(catalog) }
        #expect(shown.contains { $0.hasPrefix("2026-006/repayments.toml:\(line): \"Västra Götalandsregionen, Närhälsan Grästorp barnavårdscentral\" vinner ingenting") }, "\(shown)")
        // The broken plan is not used half: none of it counts.
        #expect(entry.dossier?.repayments == nil)
    }

    @Test func theCoordinatorProposesSetsAndRecordsWithHistoryLines() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", snapshot)
        var dossier = try #require(snapshot.entry(id6)?.dossier)
        let payment = RepaymentPlan.Payment(actor: "Sektor barn och utbildning, Grästorps kommun", date: Day("2030-12-01")!, amount: 192_000,
                                            note: "Ramsänkning", recordedBy: lars.id)
        let saved = try store.store.record(.payment(payment), for: dossier, by: lars, config: snapshot.config, now: now)
        #expect(saved.payments.count == 2)
        dossier = try #require(try store.load().entry(id6)?.dossier)
        #expect(dossier.repayments?.payments.last?.recorded == now)
        var plan = try #require(dossier.repayments)
        plan.set(actor: "Sektor barn och utbildning, Grästorps kommun", year: 2031, amount: 10_000)
        try store.store.record(.plan(plan), for: dossier, by: lars, config: snapshot.config, now: now)
        #expect(try store.load().entry(id6)?.dossier?.repayments?.totalPlanned == 1_460_000)
        // The demo's own history of 2026-006 is later in the year than `now`: only these two lines are this test's.
        #expect(store.store.history(of: id6).events.filter { $0.time == now }.map(\.kind) == [.repaymentReceived, .repaymentPlanned])
    }

    @Test func aStalePlanIsNotOverwritten() throws {
        let store = try TestStore()
        let snapshot = try store.load()
        let lars = try member("lars", snapshot)
        let dossier = try #require(snapshot.entry(id6)?.dossier)
        let payment = RepaymentPlan.Payment(actor: "Sektor omsorg och socialtjänst, Grästorps kommun", date: Day("2029-12-01")!, amount: 1, recordedBy: lars.id)
        try store.store.record(.payment(payment), for: dossier, by: lars, config: snapshot.config, now: now)
        let first = try store.read("2026-006/repayments.toml")
        #expect(throws: StoreError.self) { try store.store.record(.payment(payment), for: dossier, by: lars, config: snapshot.config, now: now) }
        #expect(try store.read("2026-006/repayments.toml") == first)
    }

    @Test func noPlanWithoutAnApprovingDecisionOrForAGrant() throws {
        let (store, snapshot, dossier) = try forwarded()
        let lars = try member("lars", snapshot)
        let plan = RepaymentPlan(applicationID: id2, lines: [.init(actor: "x", year: 2028, amount: 1)])
        #expect(throws: StoreError.self) { try store.store.record(.plan(plan), for: dossier, by: lars, config: snapshot.config, now: now) }
        _ = try store.store.record(approval([(2027, 400_000)]), for: dossier, by: lars, config: snapshot.config, now: now)
        let granted = try #require(try store.load().entry(id2)?.dossier)
        let gainer = try #require(RepaymentPlan.gainers(granted.application.calculation, settings: snapshot.config.calculation).first)
        #expect {
            try store.store.record(.plan(RepaymentPlan(applicationID: id2, lines: [.init(actor: gainer, year: 2028, amount: 1)])), for: granted, by: lars,
                                   config: snapshot.config, now: now)
        } throws: { error in
            guard case StoreError.refused(let message) = error else { return false }
            return message.key == MessageKey.moneyGrantHasNoPlan.rawValue
        }
        #expect(!store.files(in: "2026-002").contains("repayments.toml"))
    }

    @Test(arguments: ["anna", "bengt", "cecilia", "sara", "omar", "karin"])
    func noOtherRoleWritesAPlanARepaymentOrAnOverride(_ who: String) throws {
        let (store, snapshot, forwardedDossier) = try forwarded()
        let member = try member(who, snapshot)
        let dossier = try #require(snapshot.entry(id6)?.dossier)
        let before = try store.read("2026-006/repayments.toml")
        let payment = RepaymentPlan.Payment(actor: "Sektor omsorg och socialtjänst, Grästorps kommun", date: Day("2029-12-01")!, amount: 1, recordedBy: member.id)
        for change: FileStore.RepaymentChange in [.payment(payment), .plan(RepaymentPlan(applicationID: id6))] {
            #expect {
                try store.store.record(change, for: dossier, by: member, config: snapshot.config, now: now)
            } throws: { error in
                guard case StoreError.refused(let message) = error else { return false }
                return message.key == "refusal.record_repayment"
            }
        }
        #expect(try store.read("2026-006/repayments.toml") == before)
        #expect(throws: StoreError.self) {
            try store.store.record(approval([(2028, 800_000)], override: "Jag bestämmer."), for: forwardedDossier, by: member, config: snapshot.config, now: now)
        }
        #expect(!store.files(in: "2026-002").contains("decision.toml"))
    }
}
