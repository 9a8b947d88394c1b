import Foundation

/// A bar-and-line chart of amounts per year, drawn as inline SVG: the investment hump of a
/// socio-economic calculation, each year's net as a bar below or above zero and the running
/// present value as a line. Its figures are also in a table beside it, so the chart carries
/// no number that a reader cannot find in words.
public struct Chart: Hashable, Sendable {
    /// The accessible name and the caption.
    public var title: String
    /// One label a bar: the years.
    public var categories: [String]
    public var bars: [Money]
    public var line: [Money]
    public var barLegend: String
    public var lineLegend: String
    /// What the axis counts, "kr": once, at the axis, not at each tick.
    public var unit: String
    public var language: Language

    public init(title: String, categories: [String], bars: [Money], line: [Money], barLegend: String, lineLegend: String,
                unit: String, language: Language) {
        self.title = title
        self.categories = categories
        self.bars = bars
        self.line = line
        self.barLegend = barLegend
        self.lineLegend = lineLegend
        self.unit = unit
        self.language = language
    }

    static let width = 680.0, height = 280.0
    static let left = 96.0, right = 16.0, top = 40.0, bottom = 34.0

    /// Evenly spaced round values from below the lowest figure to above the highest, zero among them.
    public static func ticks(low: Double, high: Double) -> [Double] {
        let low = min(low, 0), high = max(high, 0)
        let span = high - low
        guard span > 0 else { return [0] }
        let rough = span / 5
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let first = floor(low / step) * step, last = ceil(high / step) * step
        return stride(from: first, through: last + step / 2, by: step).map { $0 }
    }

    static func number(_ money: Money) -> Double { NSDecimalNumber(decimal: money.kronor).doubleValue }

    /// The vertical position of `value` between the lowest and highest tick.
    struct Scale {
        let low: Double, high: Double
        func y(_ value: Double) -> Double {
            Chart.top + (high - value) / (high - low) * (Chart.height - Chart.top - Chart.bottom)
        }
    }

    /// The SVG element: self-contained, with a title for screen readers, every text escaped.
    public var svg: String {
        let values = (bars + line).map(Chart.number)
        let ticks = Chart.ticks(low: values.min() ?? 0, high: values.max() ?? 0)
        // With every figure zero there is one tick; the scale still needs a height.
        let scale = Scale(low: ticks.first ?? 0, high: ticks.count > 1 ? ticks.last! : 1)
        let plotWidth = Chart.width - Chart.left - Chart.right
        let step = categories.isEmpty ? plotWidth : plotWidth / Double(categories.count)
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        func text(_ value: String) -> String {
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out = "<svg viewBox=\"0 0 \(Int(Chart.width)) \(Int(Chart.height))\" role=\"img\" "
            + "font-family=\"system-ui, sans-serif\" font-size=\"11\"><title>\(text(title))</title>\n"
        for tick in ticks {
            let y = scale.y(tick)
            out += "<line x1=\"\(f(Chart.left))\" y1=\"\(f(y))\" x2=\"\(f(Chart.width - Chart.right))\" y2=\"\(f(y))\" stroke=\"\(tick == 0 ? "#333" : "#ddd")\"/>"
            out += "<text x=\"\(f(Chart.left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">"
                + text(Catalog.kronor(Money(kronor: Decimal(tick)), in: language, style: .print)) + "</text>\n"
        }
        out += "<text x=\"\(f(Chart.left - 6))\" y=\"\(f(Chart.top - 10))\" text-anchor=\"end\">\(text(unit))</text>\n"
        let zero = scale.y(0)
        for (index, bar) in bars.enumerated() where index < categories.count {
            let value = Chart.number(bar), y = scale.y(value)
            out += "<rect class=\"bar\" x=\"\(f(Chart.left + step * (Double(index) + 0.2)))\" y=\"\(f(min(y, zero)))\" width=\"\(f(step * 0.6))\" "
                + "height=\"\(f(abs(zero - y)))\" fill=\"\(value < 0 ? "#c0504d" : "#4f81bd")\"/>\n"
        }
        let points = line.enumerated().filter { $0.offset < categories.count }.map { index, value in
            f(Chart.left + step * (Double(index) + 0.5)) + "," + f(scale.y(Chart.number(value)))
        }
        if !points.isEmpty {
            out += "<polyline class=\"line\" points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#222\" stroke-width=\"2\"/>\n"
            for point in points {
                let xy = point.split(separator: ",")
                out += "<circle cx=\"\(xy[0])\" cy=\"\(xy[1])\" r=\"3\" fill=\"#222\"/>"
            }
            out += "\n"
        }
        // Every year labelled when they fit; otherwise every second or fifth, the first always.
        let every = categories.count <= 12 ? 1 : categories.count <= 24 ? 2 : 5
        for (index, category) in categories.enumerated() where index % every == 0 {
            out += "<text x=\"\(f(Chart.left + step * (Double(index) + 0.5)))\" y=\"\(f(Chart.height - Chart.bottom + 16))\" text-anchor=\"middle\">"
                + text(category) + "</text>"
        }
        out += "\n<rect x=\"\(f(Chart.left))\" y=\"8\" width=\"12\" height=\"12\" fill=\"#c0504d\"/><rect x=\"\(f(Chart.left + 12))\" y=\"8\" width=\"12\" height=\"12\" fill=\"#4f81bd\"/>"
        out += "<text x=\"\(f(Chart.left + 30))\" y=\"18\">\(text(barLegend))</text>"
        out += "<line x1=\"\(f(Chart.left + 320))\" y1=\"14\" x2=\"\(f(Chart.left + 344))\" y2=\"14\" stroke=\"#222\" stroke-width=\"2\"/>"
        out += "<text x=\"\(f(Chart.left + 350))\" y=\"18\">\(text(lineLegend))</text>\n"
        return out + "</svg>"
    }
}
