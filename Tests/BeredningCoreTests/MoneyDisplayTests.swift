import BeredningCore
import BeredningResources
import Foundation
import Testing

/// Figures are shown from the Decimal the calculation holds: a sum or present value past
/// Int's 9.2·10¹⁸ must read as itself, never wrapped to a negative figure or a crash.
@Suite("Money shown in text: exact at any size")
struct MoneyDisplayTests {
    let sv = try! BundledResources.catalog(.sv)
    let en = try! BundledResources.catalog(.en)

    @Test func theLimitAndJustAboveItAreShownExactly() {
        #expect(sv.kronor(.largest) == "1 000 000 000 000")
        #expect(sv.kronor(.largest + Money(1)) == "1 000 000 000 001")
        #expect(en.kronor(.largest) == "1,000,000,000,000")
        #expect(sv.kronor(Money(kronor: Decimal(string: "-1234.5")!)) == "-1 235")
        #expect(sv.kronor(Money(kronor: Decimal(string: "-0.4")!)) == "0")
    }

    @Test func amountsBeyondInt64AreNotWrapped() {
        let huge = Money(kronor: Decimal(string: "9223372036854775808")!)  // Int64.max + 1
        #expect(sv.kronor(huge) == "9 223 372 036 854 775 808")
        #expect(sv.kronor(-huge) == "-9 223 372 036 854 775 808")
        #expect(sv.kronor(Money(kronor: Decimal(string: "123456789012345678901234567.6")!)) == "123 456 789 012 345 678 901 234 568")
        #expect(huge.wholeKronor == .max && (-huge).wholeKronor == .min)  // saturated where an Int is needed
    }

    /// Ten million people each saving the largest amount a year, for fifty years: every figure
    /// the calculation makes from capped input is shown as the digits of its Decimal.
    @Test func theLargestCalculationShowsItsOwnFigures() {
        let settings = CalculationSettings(horizon: 50)
        let input = CalculationInput(firstYear: 2026, costs: (0..<50).map { CostItem(actor: "Skolan", year: 2026 + $0, amount: .largest) },
                                     effects: [Effect(actor: "Socialtjänsten", people: 10_000_000, value: .amount(.largest), fromYear: 2026, years: 50)])
        #expect(input.problems(settings: settings).isEmpty)
        let projection = SocioEconomicCalculation.project(input, settings: settings)
        let last = try! #require(projection.years.last)
        #expect(sv.kronor(last.gain) == "10 000 000 000 000 000 000")
        #expect(sv.kronor(last.cumulativeNet) == "499 999 950 000 000 000 000")
        for money in [projection.netPresentValue, last.cumulativePresentNet, last.presentNet] {
            let shown = sv.kronor(money).filter { $0 != " " }
            #expect(shown == money.wholeKronorDigits && !shown.hasPrefix("-"), "\(money)")
        }
    }

    @Test func anAmountOverATrillionIsRefusedWhereverItIsWritten() {
        let settings = CalculationSettings(unitCosts: [UnitCost(id: "x", name: LocalizedText(sv: "X", en: "X"), amount: .largest + Money(1), source: "")])
        let atLimit = CalculationInput(firstYear: 2026, costs: [CostItem(actor: "Skolan", year: 2026, amount: .largest)],
                                       effects: [Effect(actor: "Soc", people: 1, value: .amount(.largest), fromYear: 2026, years: 1)])
        #expect(atLimit.problems(settings: .init()).isEmpty)
        var over = atLimit
        over.costs[0].amount = .largest + Money(kronor: Decimal(string: "0.5")!)
        over.effects[0].value = .amount(Money(10_000_000_000_000))
        #expect(over.problems(settings: .init()).map(\.field) == ["calculation.costs[0].amount", "calculation.effects[0].value_per_person"])
        #expect(over.problems(settings: .init()).allSatisfy { $0.message.key == MessageKey.amountTooLarge.rawValue })
        #expect(settings.problems().map(\.field) == ["unit_costs[0].amount"])
        let grant = { (amount: Int) in
            Decision(date: Day("2026-11-20")!, caseNumber: "KS 1", outcome: .approve, grants: [.init(year: 2027, amount: amount)], recordedBy: MemberID("lars")!)
        }
        #expect(grant(Money.largestKronor).problems.isEmpty)
        #expect(grant(Money.largestKronor + 1).problemsByField.map(\.field) == ["grants[0].amount"])
    }
}
