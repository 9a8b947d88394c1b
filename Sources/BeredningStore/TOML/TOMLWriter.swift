import BeredningCore
import Foundation

/// Writes store files as TOML by hand, in the order and layout a person expects to read
/// (sections in form order, long text as multi-line strings), which a generic encoder cannot.
struct TOMLWriter {
    private(set) var text = ""

    enum Value {
        case string(String)
        case int(Int)
        case number(Double)
        /// Written from its decimal digits, so 0.035 stays 0.035.
        case decimal(Decimal)
        case bool(Bool)
        case day(Day)
        case time(Date)
        case strings([String])
    }

    mutating func comment(_ line: String) { text += "# \(line)\n" }
    mutating func blank() { if !text.isEmpty && !text.hasSuffix("\n\n") { text += "\n" } }

    mutating func table(_ name: String) {
        blank()
        text += "[\(name)]\n"
    }

    mutating func arrayTable(_ name: String) {
        blank()
        text += "[[\(name)]]\n"
    }

    /// Writes `key = value`; a nil value writes nothing, so absent stays absent.
    mutating func field(_ key: String, _ value: Value?) {
        guard let value else { return }
        text += "\(key) = \(TOMLWriter.render(value))\n"
    }

    mutating func field(_ key: String, _ string: String) { field(key, .string(string)) }
    mutating func field(_ key: String, _ int: Int?) { field(key, int.map(Value.int)) }
    mutating func field(_ key: String, _ day: Day?) { field(key, day.map(Value.day)) }
    mutating func field(_ key: String, _ date: Date?) { field(key, date.map(Value.time)) }
    mutating func field(_ key: String, _ number: Double?) { field(key, number.map(Value.number)) }
    mutating func field(_ key: String, _ strings: [String]) { field(key, .strings(strings)) }
    mutating func field<E: RawRepresentable>(_ key: String, _ choice: E?) where E.RawValue == String {
        field(key, choice.map { Value.string($0.rawValue) })
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .string(let s): return s.contains("\n") ? multiline(s) : quoted(s)
        case .int(let n): return String(n)
        case .number(let x):
            if x.isNaN { return "nan" }
            if x.isInfinite { return x < 0 ? "-inf" : "inf" }
            let shown = String(x)  // "71.0", "1e+20": both are TOML floats
            return shown.contains(".") || shown.contains("e") ? shown : shown + ".0"
        case .decimal(let d):
            let shown = d.description
            return shown.contains(".") ? shown : shown + ".0"
        case .bool(let b): return b ? "true" : "false"
        case .day(let d): return d.description
        case .time(let t): return TOMLTime.text(t)
        case .strings(let items): return "[" + items.map(quoted).joined(separator: ", ") + "]"
        }
    }

    /// A basic string: every character that TOML does not allow raw is escaped.
    static func quoted(_ s: String) -> String {
        "\"" + escape(s, keepNewlines: false) + "\""
    }

    /// A multi-line basic string; the newline after the opening quotes is not part of the value.
    static func multiline(_ s: String) -> String {
        "\"\"\"\n" + escape(s, keepNewlines: true) + "\"\"\""
    }

    private static func escape(_ s: String, keepNewlines: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += keepNewlines ? "\n" : "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                // Other control characters are never typed, only pasted by accident (a NUL cuts
                // text short for many programs, an ESC restyles the terminal of whoever reads
                // the file), so they are left out; the reader refuses them in files.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// For filling templates: a value written as a TOML basic string.
public enum TOMLString {
    public static func quoted(_ text: String) -> String { TOMLWriter.quoted(text) }
}
