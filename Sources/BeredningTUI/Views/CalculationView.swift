import BeredningCore
import Foundation

/// The calculation drawn in the terminal: the cumulative present net per year as bars around
/// a zero line (below first, then above: the investment hump), then the year table, then the
/// assumptions behind it: the effect lines, the mandate period, and what the horizon and the
/// price year did to the lines. Negative bars use a different glyph, so the chart reads without
/// colour too.
enum CalculationView {
    static func draw(_ state: AppState, _ screen: CalculationScreen, into buffer: inout ScreenBuffer, top: Int, height: Int) {
        let c = state.catalog
        guard let application = state.dossier(screen.applicationID)?.application, let input = application.calculation else { return }
        let settings = state.snapshot.config.calculation
        let projection = SocioEconomicCalculation.project(input, settings: settings, scenario: screen.scenario)
        let actors = input.actors
        let actorName = screen.actor.flatMap { actors.indices.contains($0) ? actors[$0] : nil }

        var lines: [StyledLine] = []
        lines.append([(application.id.description + "  ", .title), (application.title, .title), ("  " + c(.calcTitle), .muted)])
        var scenarios: StyledLine = [(c(.calcScenario) + ": ", .title)]
        var chosenAt = 0
        for (index, scenario) in Scenario.allCases.enumerated() {
            let chosen = scenario == screen.scenario
            if chosen { chosenAt = scenarios.reduce(0) { $0 + $1.text.cellWidth } }
            scenarios.append((chosen ? "[\(index + 1) " + c.label(scenario) + "]" : " \(index + 1) " + c.label(scenario) + " ", chosen ? .selected : .plain))
        }
        lines.append(scenarios)
        lines.append([(c(.calcActor) + ": ", .title), (actorName ?? c(.uiTotal), .accent)])
        // The series: the total's or one actor's cumulative present net. The headline is the
        // same curve's, so it never promises a break-even the chart below does not show.
        let cumulative = projection.cumulativePresentNet(for: actorName)
        let series = Array(zip(projection.years.map(\.year), cumulative)).map { (year: $0.0, value: $0.1) }
        let summary = c(.calcNPVAtRate, ["rate": .text(c.percent(projection.rate)), "npv": .text(c.kronor(cumulative.last ?? .zero))])
            + " · " + c(.calcBreakEven) + ": " + breakEven(projection, cumulative, c)
        for line in Wrap.lines(summary, width: max(1, state.width - 1)) { lines.append([(line, .plain)]) }
        let chartHeight = max(4, min(10, height - lines.count - 6))
        lines.append([])
        lines += chart(series, height: chartHeight, width: state.width, catalog: c)
        lines.append([])

        var table = [[c(.calcYear), c(.calcCost), c(.calcGain), c(.calcNet), c(.calcCumulativePresent)]]
        for (year, point) in zip(projection.years, series) {
            let amounts = year.amounts(for: actorName)
            table.append([String(year.year), c.kronor(amounts.cost), c.kronor(amounts.gain), c.kronor(amounts.gain - amounts.cost), c.kronor(point.value)])
        }
        let widths = (0..<5).map { column in table.map { $0[column].cellWidth }.max() ?? 0 }
        for (index, row) in table.enumerated() {
            let text = row.enumerated().map { column, cell in
                column == 0 ? cell.padded(toCells: widths[0]) : String(repeating: " ", count: widths[column] - cell.cellWidth) + cell
            }.joined(separator: "  ")
            lines.append([(text, index == 0 ? .title : .plain)])
        }
        lines += assumptions(input, settings: settings, width: state.width, c)

        let first = max(0, min(screen.scroll, lines.count - height))
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            buffer.draw(line, x: 0, y: top + offset, width: state.width)
        }
        // Focus is the chosen scenario (line 1); scrolled past it, the first line in view.
        buffer.cursor = first <= 1 ? (min(state.width - 1, chosenAt), top + 1 - first) : (0, top)
    }

    /// When a curve of cumulative present nets breaks even, in the words of the total's headline:
    /// the year after its last dip below zero, if that comes within the horizon.
    static func breakEven(_ projection: Projection, _ cumulative: [Money], _ c: Catalog) -> String {
        let years = projection.years
        let year: ProjectionYear?
        if let last = cumulative.lastIndex(where: { $0 < .zero }) { year = last + 1 < years.count ? years[last + 1] : nil } else { year = years.first }
        return CalculationSummary.breakEven(year, of: projection, c)
    }

    /// The assumptions below the table, wrapped to the width: each effect line's sentences
    /// indented under its title, then the notes.
    static func assumptions(_ input: CalculationInput, settings: CalculationSettings, width: Int, _ c: Catalog) -> [StyledLine] {
        let assumptions = CalculationAssumptions(input, settings: settings, catalog: c)
        let full = max(1, width - 1), indented = max(1, width - 4)
        var lines: [StyledLine] = [[]]
        lines += wrap(c(.calcEffects), width: full).map { [($0, .title)] }
        for line in assumptions.lines {
            // The title's own lines hang under its text, so the number stands out.
            lines += wrap(line.title, width: indented).enumerated().map { [(($0.offset == 0 ? "" : "   ") + $0.element, .accent)] }
            for sentence in line.sentences.dropFirst() {
                lines += wrap(sentence, width: indented).map { [("   " + $0, .plain)] }
            }
        }
        lines.append([])
        // A cut line changes the figures above it, so it is marked, not muted.
        for (note, style) in [(assumptions.mandateParagraph, Style.plain)] + assumptions.horizonNotes.map({ ($0, Style.warning) })
            + assumptions.priceNotes.map({ ($0, Style.muted) }) {
            lines += wrap(note, width: full).map { [($0, style)] }
        }
        return lines
    }

    /// Wrapped at spaces, except the one grouping a figure's thousands: "30 600 kr" is never
    /// split into "30" and "600 kr".
    static func wrap(_ text: String, width: Int) -> [String] {
        var joined = ""
        var previous: Character?
        var pendingSpace = false
        for character in text {
            if character == " ", previous?.isASCII == true, previous?.isNumber == true, !pendingSpace {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                joined.append(character.isASCII && character.isNumber ? "\u{00A0}" : " ")
                pendingSpace = false
            }
            joined.append(character)
            previous = character
        }
        if pendingSpace { joined.append(" ") }
        return Wrap.lines(joined, width: width).map { $0.replacingOccurrences(of: "\u{00A0}", with: " ") }
    }

    /// Bars from the zero line, one column per year, with the scale on the left.
    static func chart(_ series: [(year: Int, value: Money)], height: Int, width: Int, catalog: Catalog) -> [StyledLine] {
        guard !series.isEmpty else { return [] }
        let values = series.map { NSDecimalNumber(decimal: $0.value.kronor).doubleValue }
        let high = max(0, values.max()!), low = min(0, values.min()!)
        let span = max(high - low, 1)
        let axis = max(catalog.shortKronor(high).cellWidth, catalog.shortKronor(low).cellWidth) + 1
        let column = max(2, min(6, (width - axis - 2) / series.count))
        /// The row (0 at the top) of a value.
        func row(_ value: Double) -> Int { Int(((high - value) / span * Double(height - 1)).rounded()) }
        let zero = row(0)
        var lines: [StyledLine] = []
        for r in 0..<height {
            let label: String
            if r == 0 { label = catalog.shortKronor(high) } else if r == height - 1 { label = catalog.shortKronor(low) } else if r == zero { label = "0" } else { label = "" }
            var line: StyledLine = [(String(repeating: " ", count: axis - label.cellWidth) + label + (r == zero ? "┼" : "│"), .muted)]
            for value in values {
                let top = row(value)
                let filled = value >= 0 ? (r >= top && r < zero) || (r == zero && top == zero && value > 0) : (r > zero && r <= top)
                let bar = String(repeating: value >= 0 ? "█" : "▒", count: column - 1)
                if filled {
                    line.append((bar, value >= 0 ? .success : .error))
                    line.append((r == zero ? "─" : " ", .muted))
                } else {
                    line.append((String(repeating: r == zero ? "─" : " ", count: column), .muted))
                }
            }
            lines.append(line)
        }
        var years: StyledLine = [(String(repeating: " ", count: axis + 1), .plain)]
        for point in series {
            let label = column >= 5 ? String(point.year) : String(String(point.year).suffix(column - 1))
            years.append((label.padded(toCells: column), .muted))
        }
        lines.append(years)
        return lines
    }
}

extension Catalog {
    /// A short amount for an axis: "2,6 mkr", "-450 tkr" (Swedish) or "2.6 MSEK", "-450 kSEK".
    func shortKronor(_ value: Double) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        if magnitude >= 1_000_000 {
            return sign + decimal(magnitude / 1_000_000) + (language == .sv ? " mkr" : " MSEK")
        }
        if magnitude >= 1_000 { return sign + String(Int((magnitude / 1_000).rounded())) + (language == .sv ? " tkr" : " kSEK") }
        return sign + String(Int(magnitude.rounded())) + (language == .sv ? " kr" : " SEK")
    }
}
