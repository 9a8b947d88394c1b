import BeredningCore
import Foundation

/// One parsed store file. Reading goes through `Fields`, which records every problem it
/// meets (with file, line and field) and carries on, so one pass reports all of them.
final class TOMLDocument {
    let file: String
    let root: TOMLValue.Table
    private let text: String
    /// Built only when a problem needs its line: most files have none, and building it cost
    /// as much as parsing.
    private lazy var index = LineIndex(text: text)
    private(set) var problems: [FileProblem] = []
    /// Problems that make the file's value unusable. Others (a calculation that does not add up)
    /// are reported while the rest of the file is still used.
    private(set) var hasFatalProblems = false

    /// The newest file format this version of the tool reads.
    static let supportedSchema = 1

    /// Throws the syntax error, with its line, when the text is not TOML at all.
    init(file: String, data: Data) throws(FileProblem) {
        self.file = file
        guard var text = String(data: data, encoding: .utf8) else {
            throw FileProblem(file: file, line: TOMLDocument.firstInvalidUTF8Line(data), message: Message(.fileNotUTF8))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // a BOM from Windows Notepad is harmless
        self.text = text
        do {
            root = try TOMLParser.parse(text)
        } catch {
            throw FileProblem(file: file, line: error.line, message: Message(.fileSyntax, ["detail": .message(error.problem)]))
        }
    }

    var fields: Fields { Fields(document: self, table: root, path: "") }

    /// Reports every key that no reader asked for: almost always a misspelt field, which would
    /// otherwise be silently ignored and make a filled-in answer look missing.
    func reportUnknownKeys() {
        func walk(_ table: TOMLValue.Table, _ path: String) {
            // Most tables hold only fields that were read: nothing to sort or spell out.
            guard table.hasUnread else { return }
            // Worked out once per table: per unknown key it made 80 000 unknown keys quadratic.
            var asked: [String]?
            for key in table.keys.sorted() {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard table.wasRead(key) else {
                    var arguments: [String: Message.Argument] = [:]
                    if asked == nil { asked = table.askedFor }
                    if let guess = TOMLDocument.closest(to: key, among: asked ?? []) {
                        arguments["guess"] = .text(guess)
                        report(.fileUnknownFieldGuess, at: keyPath, arguments, fatal: false)
                    } else {
                        report(.fileUnknownField, at: keyPath, arguments, fatal: false)
                    }
                    continue
                }
                if let nested = table[key]?.table {
                    walk(nested, keyPath)
                } else if let array = table[key]?.array {
                    for (index, element) in array.enumerated() {
                        if let nested = element.table { walk(nested, "\(keyPath)[\(index)]") }
                    }
                }
            }
        }
        walk(root, "")
    }

    /// The known key within two edits of `key`, if there is exactly one best.
    static func closest(to key: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(key, $0)) }.filter { $0.1 <= 2 }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return scored.filter { $0.1 == best.1 }.count == 1 ? best.0 : nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    func report(_ key: MessageKey, at path: String, _ arguments: [String: Message.Argument] = [:], fatal: Bool = true) {
        var arguments = arguments
        arguments["field"] = .text(path)
        report(Message(key, arguments), at: path, fatal: fatal)
    }

    func report(_ message: Message, at path: String, fatal: Bool = true) {
        problems.append(FileProblem(file: file, line: index.line(of: path), message: message))
        if fatal { hasFatalProblems = true }
    }

    /// The version check every record starts with: a newer file is refused rather than half-read.
    func checkSchema() {
        let schema = fields.int("schema") ?? 1
        if schema < 1 { report(.fileSchemaTooOld, at: "schema", ["found": .text(String(schema))]) }
        if schema > TOMLDocument.supportedSchema {
            report(.fileNewerSchema, at: "schema", ["found": .text(String(schema)), "supported": .text(String(TOMLDocument.supportedSchema))])
        }
    }

    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for (offset, byte) in data.enumerated() where byte == 0x0A {
            let end = data.startIndex + offset
            if String(data: data[start..<end], encoding: .utf8) == nil { return line }
            line += 1
            start = end + 1
        }
        return line
    }
}

/// A cursor on one table of a document. Getters return nil (or empty) for absent keys and
/// report a problem, returning nil, for values of the wrong type.
struct Fields {
    let document: TOMLDocument
    let table: TOMLValue.Table
    let path: String
    /// Whether problems met through this cursor make the whole file unusable; a section whose
    /// problems should not hide the rest (the calculation) reads with `lenient()`.
    var fatal = true

    func lenient() -> Fields { Fields(document: document, table: table, path: path, fatal: false) }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    var keys: [String] { table.keys }

    func report(_ key: MessageKey, at field: String, _ arguments: [String: Message.Argument] = [:]) {
        document.report(key, at: path(field), arguments, fatal: fatal)
    }

    private func value(_ key: String, expecting expected: TOMLValue.Kind...) -> TOMLValue? {
        guard let value = table.take(key) else { return nil }
        guard expected.contains(value.kind) else {
            report(.fileWrongType, at: key, ["expected": .message(Fields.typeName(expected[0])), "found": .message(Fields.typeName(value.kind))])
            return nil
        }
        return value
    }

    func string(_ key: String) -> String? { value(key, expecting: .string)?.string }

    /// `raw`, a value of `key`, as a member id; nil with the problem reported at `key`.
    func memberID(_ raw: String, at key: String) -> MemberID? {
        if let id = MemberID(raw) { return id }
        report(.fileBadMemberID, at: key, ["value": .text(raw)])
        return nil
    }
    func text(_ key: String) -> String { string(key) ?? "" }

    /// Marks every key in this table and below as read: for an entry already reported as
    /// unusable, whose other keys were never asked for and are not typos.
    func markAllRead() {
        func walk(_ table: TOMLValue.Table) {
            for key in table.keys {
                table.markRead(key)
                if let nested = table[key]?.table { walk(nested) }
                for element in table[key]?.array ?? [] {
                    if let nested = element.table { walk(nested) }
                }
            }
        }
        walk(table)
    }

    /// The raw value, marking it as read, for fields of more than one type.
    func raw(_ key: String) -> TOMLValue? {
        table.take(key)
    }

    func required(_ key: String) -> String? {
        if table[key] == nil { report(.fileMissingField, at: key) }
        return string(key)
    }

    func int(_ key: String) -> Int? { value(key, expecting: .int)?.int }

    /// Whole kronor.
    func money(_ key: String) -> Money? { int(key).map(Money.init) }

    /// A rate or share written as a TOML number (0.03), read exactly from its decimal text.
    func decimal(_ key: String) -> Decimal? {
        guard let value = finite(key) else { return nil }
        if let int = value.int { return Decimal(int) }
        return value.double.flatMap { Decimal(string: String($0)) }
    }

    /// `inf` and `nan` are TOML numbers but no count, share or rate.
    private func finite(_ key: String) -> TOMLValue? {
        guard let value = value(key, expecting: .double, .int) else { return nil }
        if let double = value.double, !double.isFinite {
            report(.fileNotFinite, at: key, ["value": .text(value.debugDescription)])
            return nil
        }
        return value
    }

    func number(_ key: String) -> Double? {
        guard let value = finite(key) else { return nil }
        return value.double ?? value.int.map(Double.init)
    }

    func bool(_ key: String) -> Bool? { value(key, expecting: .bool)?.bool }

    func day(_ key: String) -> Day? {
        guard let value = value(key, expecting: .date, .string) else { return nil }
        if let date = value.date {
            if let day = Day(year: date.year, month: date.month, day: date.day) { return day }
        } else if let text = value.string {
            if text.isEmpty { return nil }
            if let day = Day(text) { return day }
        }
        report(.fileBadDate, at: key, ["value": .text(value.debugDescription)])
        return nil
    }

    func time(_ key: String) -> Date? {
        guard let value = value(key, expecting: .dateTime) else { return nil }
        guard let dateTime = value.dateTime else { return nil }
        return TOMLTime.date(from: dateTime)
    }

    func strings(_ key: String) -> [String] {
        guard let array = value(key, expecting: .array)?.array else { return [] }
        var result: [String] = []
        for (offset, element) in array.enumerated() {
            if let text = element.string {
                result.append(text)
            } else {
                report(.fileWrongType, at: "\(key)[\(offset)]", ["expected": .message(Fields.typeName(.string)), "found": .message(Fields.typeName(element.kind))])
            }
        }
        return result
    }

    /// An enum value written as its English id; anything else is reported with the allowed ids.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let raw = string(key), !raw.isEmpty else { return nil }
        if let value = E(rawValue: raw) { return value }
        report(.fileInvalidValue, at: key, ["value": .text(raw), "allowed": .text(E.allCases.map(\.rawValue).joined(separator: ", "))])
        return nil
    }

    func table(_ key: String) -> Fields? {
        guard let table = value(key, expecting: .table)?.table else { return nil }
        return Fields(document: document, table: table, path: path(key), fatal: fatal)
    }

    /// The sub-table, or an empty one when the section is left out (its fields then read as absent).
    func section(_ key: String) -> Fields {
        table(key) ?? Fields(document: document, table: TOMLValue.Table(), path: path(key), fatal: fatal)
    }

    func tables(_ key: String) -> [Fields] {
        guard let array = value(key, expecting: .array)?.array else { return [] }
        var result: [Fields] = []
        for (offset, element) in array.enumerated() {
            let elementPath = "\(path(key))[\(offset)]"
            if let table = element.table {
                result.append(Fields(document: document, table: table, path: elementPath, fatal: fatal))
            } else {
                document.report(.fileWrongType, at: elementPath, ["expected": .message(Fields.typeName(.table)), "found": .message(Fields.typeName(element.kind))], fatal: fatal)
            }
        }
        return result
    }

    static func typeName(_ type: TOMLValue.Kind) -> Message {
        let name: String
        switch type {
        case .string: name = "string"
        case .int: name = "int"
        case .double: name = "number"
        case .bool: name = "bool"
        case .date: name = "date"
        case .time: name = "time"
        case .dateTime: name = "date_time"
        case .array: name = "array"
        case .table: name = "table"
        }
        return Message(rawKey: "type." + name)
    }
}

/// TOML date-times as UTC instants, computed as plain arithmetic on `Day`.
enum TOMLTime {
    static func date(from value: TOMLValue.DateTime) -> Date {
        let day = Day(year: value.date.year, month: value.date.month, day: value.date.day) ?? Day(daysSince1970: 0)
        var seconds = WallTime.date(day, hour: value.time.hour, minute: value.time.minute, second: value.time.second).timeIntervalSince1970
        seconds += Double(value.time.nanosecond) / 1e9
        // The offset is in minutes east of UTC; a local date-time without one is read as UTC.
        seconds -= Double((value.offsetMinutes ?? 0) * 60)
        return Date(timeIntervalSince1970: seconds)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, to the second.
    static func text(_ date: Date) -> String { WallTime(date).iso }
}
