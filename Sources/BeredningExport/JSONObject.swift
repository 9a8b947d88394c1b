import BeredningCore
import Foundation

/// A JSON value as an export writes it. Objects keep their fields in the order they were set,
/// so a document reads like the files it comes from.
indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case decimal(Decimal)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)
}

/// An object that leaves out every field with no value: an empty text, list or object, or nil.
/// The one place the export's rule "empty fields are left out" is kept, so no field can forget it.
struct JSONObject: Sendable {
    private(set) var fields: [(key: String, value: JSONValue)] = []

    var isEmpty: Bool { fields.isEmpty }

    mutating func set(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { fields.append((key, .string(value))) }
    }

    mutating func set(_ key: String, _ value: Int?) {
        if let value { fields.append((key, .int(value))) }
    }

    mutating func set(_ key: String, _ value: Double?) {
        if let value { fields.append((key, .double(value))) }
    }

    mutating func set(_ key: String, _ value: Decimal?) {
        if let value { fields.append((key, .decimal(value))) }
    }

    /// A yes/no is a value either way, so it is always written.
    mutating func set(_ key: String, _ value: Bool) {
        fields.append((key, .bool(value)))
    }

    mutating func set<Choice: RawRepresentable>(_ key: String, _ value: Choice?) where Choice.RawValue == String {
        set(key, value?.rawValue)
    }

    mutating func set(_ key: String, _ value: Day?) {
        set(key, value?.description)
    }

    /// A moment, in UTC (`2026-03-05T16:20:00Z`).
    mutating func set(_ key: String, _ value: Date?) {
        set(key, value.map { WallTime($0).iso })
    }

    mutating func set(_ key: String, _ values: [String]) {
        let kept = values.filter { !$0.isEmpty }
        if !kept.isEmpty { fields.append((key, .array(kept.map(JSONValue.string)))) }
    }

    mutating func set(_ key: String, _ values: [Int]) {
        if !values.isEmpty { fields.append((key, .array(values.map(JSONValue.int)))) }
    }

    mutating func set(_ key: String, _ objects: [JSONObject]) {
        let kept = objects.filter { !$0.isEmpty }
        if !kept.isEmpty { fields.append((key, .array(kept.map(JSONValue.object)))) }
    }

    mutating func set(_ key: String, _ object: JSONObject?) {
        if let object, !object.isEmpty { fields.append((key, .object(object))) }
    }
}

/// Writes JSON as UTF-8: two spaces of indent, one field a line, every text escaped as RFC 8259
/// asks (quote, backslash and control characters; everything else as it is).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .string(let text): writeString(text)
        case .int(let number): append(String(number))
        case .double(let number): append(JSONWriter.number(number))
        case .decimal(let number): append(number.description)
        case .bool(let flag): append(flag ? "true" : "false")
        case .array(let items):
            guard !items.isEmpty else { return append("[]") }
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(item, indent: indent + 1)
            }
            newline(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            writeOpen(object, indent: indent)
            writeClose(indent: indent)
        }
    }

    /// The object's fields without its closing brace, so a caller can stream more fields after them.
    mutating func writeOpen(_ object: JSONObject, indent: Int) {
        bytes.append(UInt8(ascii: "{"))
        for (index, field) in object.fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline(indent + 1)
            writeString(field.key)
            append(": ")
            write(field.value, indent: indent + 1)
        }
    }

    mutating func writeClose(indent: Int) {
        newline(indent)
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Drops what was written so far, keeping the memory for what comes next.
    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    private static let hex = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(JSONWriter.hex[Int(byte >> 4)])
                bytes.append(JSONWriter.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The shortest text that reads back as the same number; whole numbers keep their `.0`
    /// (`22.0`) so a reader sees a measured value, not a count. Never NaN or infinity: the
    /// store refuses them.
    static func number(_ value: Double) -> String {
        value.description
    }
}
