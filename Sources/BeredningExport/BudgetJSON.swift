import BeredningCore

/// The fund's money for other systems: `bered budget --json` and the full export's `budget`.
public struct BudgetJSON: Encodable {
    struct Year: Encodable { let year: Int; let budget: Int?; let granted: Int; let repaid: Int; let left: Int? }
    struct Application: Encodable {
        let id: String; let title: String; let state: String; let requested: Int; let granted: Int; let economic_model: String?
        let planned: Int; let repaid: Int
    }
    struct Point: Encodable { let year: Int; let granted: Int; let repaid: Int; let balance: Int? }
    let model: String; let capital: Int?; let checks_decisions: Bool
    let max_per_year: Int?; let max_years: Int?; let min_own_share_percent: Int?; let max_fund_share_percent: Int?
    let years: [Year]; let applications: [Application]; let balance: [Point]

    public init(_ budget: FundBudget, year: Int? = nil) {
        let economy = budget.economy
        model = economy.model.rawValue
        capital = economy.capital
        checks_decisions = economy.checksDecisions
        max_per_year = economy.caps.maxPerYear
        max_years = economy.caps.maxYears
        min_own_share_percent = economy.caps.minOwnSharePercent
        max_fund_share_percent = economy.caps.maxFundSharePercent
        years = budget.years.filter { year == nil || $0.year == year }
            .map { Year(year: $0.year, budget: $0.budget, granted: $0.granted, repaid: $0.repaid, left: $0.left) }
        applications = budget.applications.map {
            Application(id: $0.id.description, title: $0.title, state: $0.state.rawValue, requested: $0.requested, granted: $0.granted,
                        economic_model: $0.model?.rawValue, planned: $0.planned, repaid: $0.repaid)
        }
        balance = budget.balance.filter { year == nil || $0.year == year }
            .map { Point(year: $0.year, granted: $0.granted, repaid: $0.repaid, balance: $0.balance) }
    }
}

/// An application's repayment plan for other systems: `bered aterbetalning --json` and the full export.
public struct RepaymentJSON: Encodable {
    struct Line: Encodable { let actor: String; let year: Int; let amount: Int }
    struct Payment: Encodable { let actor: String; let date: String; let amount: Int; let note: String; let recorded_by: String; let recorded: String? }
    struct Balance: Encodable { let actor: String; let planned: Int; let received: Int; let outstanding: Int }
    let economic_model: String?
    let plan: [Line]; let received: [Payment]; let by_actor: [Balance]; let planned_total: Int; let received_total: Int

    public init(_ plan: RepaymentPlan, model: EconomicModel?) {
        economic_model = model?.rawValue
        self.plan = plan.lines.map { Line(actor: $0.actor, year: $0.year, amount: $0.amount) }
        received = plan.payments.map {
            Payment(actor: $0.actor, date: $0.date.description, amount: $0.amount, note: $0.note, recorded_by: $0.recordedBy.rawValue,
                    recorded: $0.recorded.map { WallTime($0).iso })
        }
        by_actor = plan.balances.map { Balance(actor: $0.actor, planned: $0.planned, received: $0.received, outstanding: $0.outstanding) }
        planned_total = plan.totalPlanned
        received_total = plan.totalReceived
    }
}

extension BudgetJSON {
    /// The same fields for the full export, where an empty field is left out.
    var object: JSONObject {
        var o = JSONObject()
        o.set("model", model)
        o.set("capital", capital)
        o.set("checks_decisions", checks_decisions)
        o.set("max_per_year", max_per_year)
        o.set("max_years", max_years)
        o.set("min_own_share_percent", min_own_share_percent)
        o.set("max_fund_share_percent", max_fund_share_percent)
        o.set("years", years.map { y in
            var year = JSONObject()
            year.set("year", y.year)
            year.set("budget", y.budget)
            year.set("granted", y.granted)
            year.set("repaid", y.repaid)
            year.set("left", y.left)
            return year
        })
        o.set("applications", applications.map { a in
            var application = JSONObject()
            application.set("id", a.id)
            application.set("title", a.title)
            application.set("state", a.state)
            application.set("requested", a.requested)
            application.set("granted", a.granted)
            application.set("economic_model", a.economic_model)
            application.set("planned", a.planned)
            application.set("repaid", a.repaid)
            return application
        })
        o.set("balance", balance.map { p in
            var point = JSONObject()
            point.set("year", p.year)
            point.set("granted", p.granted)
            point.set("repaid", p.repaid)
            point.set("balance", p.balance)
            return point
        })
        return o
    }
}

extension RepaymentJSON {
    /// The same fields for the full export, where an empty field is left out.
    var object: JSONObject {
        var o = JSONObject()
        o.set("economic_model", economic_model)
        o.set("plan", plan.map { l in
            var line = JSONObject()
            line.set("actor", l.actor)
            line.set("year", l.year)
            line.set("amount", l.amount)
            return line
        })
        o.set("received", received.map { p in
            var payment = JSONObject()
            payment.set("actor", p.actor)
            payment.set("date", p.date)
            payment.set("amount", p.amount)
            payment.set("note", p.note)
            payment.set("recorded_by", p.recorded_by)
            payment.set("recorded", p.recorded)
            return payment
        })
        o.set("by_actor", by_actor.map { b in
            var balance = JSONObject()
            balance.set("actor", b.actor)
            balance.set("planned", b.planned)
            balance.set("received", b.received)
            balance.set("outstanding", b.outstanding)
            return balance
        })
        o.set("planned_total", planned_total)
        o.set("received_total", received_total)
        return o
    }
}
