import Foundation
import BeredningCore

/// The fund's money as lines of text: the same lines in the budget view and in `bered budget`.
public enum BudgetText {
    public typealias Line = MeetingText.Line

    /// `year`: only that year's row and the applications granted money for it. Tables fit `width`.
    public static func lines(_ budget: FundBudget, dossiers: [Dossier], catalog c: Catalog, year: Int? = nil, width: Int = 120) -> [Line] {
        let economy = budget.economy
        var out: [Line] = []
        if !economy.checksDecisions { out.append(Line(text: c(.budgetNotConfigured), kind: .warning)) }
        out.append(Line(text: c(.budgetModel, ["model": .message(economy.model.label)]), kind: .plain))
        if let capital = economy.capital { out.append(Line(text: c(.budgetCapital, ["capital": .text(c.kronor(Money(capital)))]), kind: .plain)) }
        out.append(Line(text: c(.budgetCaps, ["caps": .text(caps(economy.caps, c))]), kind: .plain))

        let years = budget.years.filter { year == nil || $0.year == year }
        out.append(Line(text: "", kind: .plain))
        out.append(Line(text: c(.budgetYears), kind: .heading))
        if years.isEmpty {
            out.append(Line(text: year.map { c(.budgetNoYear, ["year": .text(String($0))]) } ?? c(.budgetNothing), kind: .muted))
        } else {
            let rows = years.map { y in
                [String(y.year), y.budget.map { c.kronor(Money($0)) } ?? "–", c.kronor(Money(y.granted)), c.kronor(Money(y.repaid)),
                 y.left.map { c.kronor(Money($0)) } ?? "–"]
            }
            out += table([c(.budgetColYear), c(.budgetColBudget), c(.budgetColGranted), c(.budgetColRepaid), c(.budgetColLeft)], rows)
        }

        let granted: Set<ApplicationID>? = year.map { year in
            Set(dossiers.filter { FundBudget.committed($0).contains { $0.year == year } }.map(\.application.id))
        }
        let applications = budget.applications.filter { granted?.contains($0.id) ?? true }
        out.append(Line(text: "", kind: .plain))
        out.append(Line(text: c(.budgetApplications), kind: .heading))
        if applications.isEmpty {
            out.append(Line(text: c(.budgetNothing), kind: .muted))
        } else {
            out += table([c(.budgetColApplication), c(.budgetColRequested), c(.budgetColGranted), c(.budgetColModel), c(.budgetColPlanned), c(.budgetColRepaid)],
                         applications.map { line in
                             ["\(line.id) \(line.title)", c.kronor(Money(line.requested)), c.kronor(Money(line.granted)),
                              line.model.map { c.label($0) } ?? "–", c.kronor(Money(line.planned)), c.kronor(Money(line.repaid))]
                         }, width: width, flexible: [(3, 12), (0, 16)], alignLeft: [0, 3])
        }

        if economy.capital != nil, year == nil, !budget.balance.isEmpty {
            out.append(Line(text: "", kind: .plain))
            out.append(Line(text: c(.budgetBalance), kind: .heading))
            out += table([c(.budgetColYear), c(.budgetColGranted), c(.budgetColRepaid), c(.budgetColBalance)], budget.balance.map { point in
                [String(point.year), c.kronor(Money(point.granted)), c.kronor(Money(point.repaid)), point.balance.map { c.kronor(Money($0)) } ?? "–"]
            })
        }
        return out
    }

    /// The caps in words, or "none".
    static func caps(_ caps: FundCaps, _ c: Catalog) -> String {
        var parts: [String] = []
        if let amount = caps.maxPerYear { parts.append(c(.budgetCapPerYear, ["amount": .text(c.kronor(Money(amount)))])) }
        if let years = caps.maxYears { parts.append(c(.budgetCapYears, ["years": .text(String(years))])) }
        if let percent = caps.minOwnSharePercent { parts.append(c(.budgetCapOwn, ["percent": .text(c.percent(Decimal(percent) / 100))])) }
        if let percent = caps.maxFundSharePercent { parts.append(c(.budgetCapFund, ["percent": .text(c.percent(Decimal(percent) / 100))])) }
        return parts.isEmpty ? c(.budgetNoCaps) : parts.joined(separator: "; ")
    }

    /// Columns of figures aligned on the right, text columns (`alignLeft`) on the left; the
    /// `flexible` columns are cut, in order and each to its least width, to keep a row within `width`.
    public static func table(_ header: [String], _ rows: [[String]], width: Int = 120, flexible: [(column: Int, least: Int)] = [],
                             alignLeft: Set<Int> = [0]) -> [Line] {
        var widths = header.indices.map { column in ([header] + rows).map { $0[column].cellWidth }.max() ?? 0 }
        var excess = widths.reduce(0, +) + 2 * (widths.count - 1) - width
        for (column, least) in flexible where excess > 0 {
            let cut = min(excess, max(0, widths[column] - least))
            widths[column] -= cut
            excess -= cut
        }
        return ([header] + rows).map { row in
            let text = row.enumerated().map { column, cell in
                let fitted = cell.truncated(toCells: widths[column])
                return alignLeft.contains(column) ? fitted.padded(toCells: widths[column])
                    : String(repeating: " ", count: widths[column] - fitted.cellWidth) + fitted
            }.joined(separator: "  ")
            return Line(text: String(text.reversed().drop { $0 == " " }.reversed()), kind: .table)
        }
    }
}
