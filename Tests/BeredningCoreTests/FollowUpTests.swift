import BeredningCore
import Foundation
import Testing

@Suite("Following up a running investment")
struct FollowUpTests {
    static let school = "Sektor utbildning", social = "Sektor socialtjänst"

    /// Two indicators (one to lower, one to raise), and a calculation: the school pays 100 000 a
    /// year for three years, social services save 80 000 a year from year 2.
    static func investment() -> Application {
        var application = Application(id: ApplicationID("2026-006")!, title: "Hembesök", state: .running)
        application.actors = [Actor(name: school, kind: .municipal), Actor(name: social, kind: .municipal)]
        application.measurability.indicators = [
            Indicator(name: "Frånvaro", unit: "procent", baseline: 22, target: 10, direction: .lower),
            Indicator(name: "Familjer nådda", unit: "antal", baseline: 0, target: 40),
        ]
        application.calculation = CalculationInput(firstYear: 2026, costs: (2026...2028).map { CostItem(actor: school, year: $0, amount: Money(100_000)) },
                                                   effects: [Effect(actor: social, people: 1, value: .amount(Money(80_000)), fromYear: 2027, years: 5)])
        return application
    }

    static func dossier(state: ApplicationState = .running, followUps: [FollowUp] = []) -> Dossier {
        var application = investment()
        application.state = state
        var dossier = Dossier(application: application, decision: Decision(date: Day("2026-06-16")!, caseNumber: "KS 2026/112", outcome: .approve,
                                                                             grants: [.init(year: 2026, amount: 300_000)], recordedBy: lars.id))
        dossier.followUps = followUps
        return dossier
    }

    static func followUp(_ date: String, _ measurements: [FollowUp.Measurement] = [], realised: [FollowUp.Realised] = []) -> FollowUp {
        FollowUp(applicationID: ApplicationID("2026-006")!, date: Day(date)!, measurements: measurements, realised: realised, recordedBy: lars.id)
    }

    // MARK: What a follow-up may say

    @Test func aMeasurementOfAnIndicatorTheApplicationDoesNotHaveIsNamedWithTheOnesItHas() {
        let problems = Self.followUp("2027-06-16", [.init(indicator: "Frånvara", value: 15)]).problems(for: Self.investment())
        #expect(problems.map(\.field) == ["measurements[0].indicator"])
        #expect(problems.first?.message == Message(.followUpUnknownIndicator, ["name": .text("Frånvara"), "names": .text("”Frånvaro”, ”Familjer nådda”")]))
    }

    @Test func aMeasurementInAnotherUnitIsRefusedAndSoIsAShareWrittenAsAFraction() {
        let application = Self.investment()
        let wrongUnit = Self.followUp("2027-06-16", [.init(indicator: "Frånvaro", value: 15, unit: "dagar")]).problems(for: application)
        #expect(wrongUnit.map(\.field) == ["measurements[0].unit"])
        #expect(wrongUnit.first?.message.key == MessageKey.followUpWrongUnit.rawValue)
        // The unit as written, in any case and with spaces around it, is the same unit.
        #expect(Self.followUp("2027-06-16", [.init(indicator: "Frånvaro", value: 15, unit: " Procent")]).problems(for: application).isEmpty)
        let fraction = Self.followUp("2027-06-16", [.init(indicator: "Frånvaro", value: 150)]).problems(for: application)
        #expect(fraction.map(\.field) == ["measurements[0].value"])
        #expect(fraction.first?.message.key == MessageKey.followUpNotAPercent.rawValue)
        let halfAFamily = Self.followUp("2027-06-16", [.init(indicator: "Familjer nådda", value: 12.5)]).problems(for: application)
        #expect(halfAFamily.first?.message.key == MessageKey.followUpNotACount.rawValue)
    }

    @Test func realisedFiguresNameAnActorOfTheApplicationOnceAYearAndAreNotNegative() {
        let problems = Self.followUp("2027-06-16", realised: [
            .init(actor: "Polisen", year: 2026, cost: 1),
            .init(actor: Self.school, year: 2026, cost: -5),
            .init(actor: Self.school, year: 2026, avoidedCost: 3),
            .init(actor: Self.social, year: 2027),
        ]).problems(for: Self.investment())
        #expect(problems.map(\.field) == ["realised[0].actor", "realised[1].cost", "realised[2].year", "realised[3]"])
    }

    // MARK: Where each indicator stands

    @Test func onTrackDependsOnWhichWayTheIndicatorShouldGo() {
        let application = Self.investment()
        func status(_ name: String, _ values: [Double]) -> IndicatorProgress.Status {
            let followUps = values.enumerated().map { Self.followUp("\(2027 + $0.offset)-06-16", [.init(indicator: name, value: $0.element)]) }
            return IndicatorProgress.of(application, followUps: followUps).first { $0.indicator.name == name }!.status
        }
        // Absence should fall from 22 to 10.
        #expect(status("Frånvaro", []) == .notMeasured)
        #expect(status("Frånvaro", [18]) == .onTrack)
        #expect(status("Frånvaro", [25]) == .offTrack)
        #expect(status("Frånvaro", [22]) == .offTrack)
        #expect(status("Frånvaro", [18, 9]) == .reached)
        // Families reached should rise from 0 to 40: the direction follows from baseline and target.
        #expect(status("Familjer nådda", [12]) == .onTrack)
        #expect(status("Familjer nådda", [41]) == .reached)
        #expect(status("Familjer nådda", [30, 12]) == .onTrack)
    }

    @Test func theMeasuredValuesComeInDateOrderWhateverOrderTheFilesCameIn() {
        let later = Self.followUp("2030-06-16", [.init(indicator: "Frånvaro", value: 12)])
        let earlier = Self.followUp("2027-06-16", [.init(indicator: "Frånvaro", value: 18, measured: Day("2027-05-30"))])
        let progress = IndicatorProgress.of(Self.investment(), followUps: [later, earlier])[0]
        #expect(progress.points.map(\.value) == [18, 12])
        #expect(progress.points.first?.day == Day("2027-05-30"))
    }

    // MARK: Realised against the forecast

    @Test func realisedIsComparedWithTheForecastOnlyForTheYearsAndFiguresReported() {
        let settings = CalculationSettings()
        let followUp = Self.followUp("2027-06-16", realised: [
            .init(actor: Self.school, year: 2026, cost: 120_000),
            .init(actor: Self.social, year: 2027, avoidedCost: 50_000),
        ])
        let comparison = SavingsComparison(application: Self.investment(), followUps: [followUp], settings: settings)
        let school = comparison.rows.first { $0.actor == Self.school }!
        #expect(school.forecastCost == Money(100_000))
        #expect(school.realisedCost == Money(120_000))
        // The school's avoided costs were not reported: nothing to compare, so no shortfall.
        #expect(school.forecastAvoided == .zero)
        let social = comparison.rows.first { $0.actor == Self.social }!
        #expect(social.forecastAvoided == Money(80_000))
        #expect(social.realisedAvoided == Money(50_000))
        #expect(comparison.total.realisedNet == Money(-70_000))
        #expect(comparison.total.forecastNet == Money(-20_000))
        #expect(comparison.reportedYears == [2026, 2027])
        // The hump: the forecast over the whole horizon, the realised line up to the last year reported.
        #expect(comparison.hump.first?.realised == Money(-120_000))
        #expect(comparison.hump[1].realised == Money(-70_000))
        #expect(comparison.hump[2].realised == nil)
        #expect(comparison.hump[1].forecast == Money(-120_000))
    }

    @Test func aLaterOccasionCorrectsAnEarlierReportOfTheSameActorAndYear() {
        let first = Self.followUp("2027-06-16", realised: [.init(actor: Self.school, year: 2026, cost: 120_000)])
        let second = Self.followUp("2030-06-16", realised: [.init(actor: Self.school, year: 2026, cost: 110_000)])
        #expect(SavingsComparison.realised([second, first]).map(\.cost) == [110_000])
    }

    // MARK: What is due

    @Test func theDueListPutsOverdueFirstAndLeavesOutWhatIsDoneOrNotFollowedUp() {
        let today = Day("2027-07-01")!
        let late = Self.dossier()
        var done = Self.dossier(followUps: [Self.followUp("2027-06-10")])
        done.application.id = ApplicationID("2026-001")!
        var rejected = Self.dossier()
        rejected.application.id = ApplicationID("2026-002")!
        rejected.decision?.outcome = .reject
        var closed = Self.dossier(state: .closed)
        closed.application.id = ApplicationID("2026-003")!
        var soon = Self.dossier(state: .feedbackSent)
        soon.application.id = ApplicationID("2026-004")!
        soon.decision?.followUps = [Day("2027-07-20")!]
        let list = FollowUpsDue.list([soon, closed, rejected, done, late], today: today)
        #expect(list.map { "\($0.applicationID) \($0.date) \($0.urgency)" } == [
            "2026-006 2027-06-16 overdue", "2026-004 2027-07-20 soon", "2026-001 2030-06-16 planned", "2026-006 2030-06-16 planned",
        ])
    }

    @Test func aFollowUpCountsForThePlannedDateItIsNearestBeforeOrLateForButNotTheNext() {
        // Three months early counts; a year late still counts for the first date, not the second.
        #expect(FollowUpsDue.open(Self.dossier(followUps: [Self.followUp("2027-03-20")])) == [Day("2030-06-16")!])
        #expect(FollowUpsDue.open(Self.dossier(followUps: [Self.followUp("2027-03-01")])) == [Day("2027-06-16")!, Day("2030-06-16")!])
        #expect(FollowUpsDue.open(Self.dossier(followUps: [Self.followUp("2028-09-01")])) == [Day("2030-06-16")!])
        #expect(FollowUpsDue.open(Self.dossier(followUps: [Self.followUp("2030-04-01")])) == [Day("2027-06-16")!])
    }
}
