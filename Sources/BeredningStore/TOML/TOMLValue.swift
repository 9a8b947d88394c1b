/// A parsed TOML value, as the store's readers see it. Both parsers produce it: the store's own
/// fast one (`TOMLParser`) and TOMLKit, which reads whatever the fast one leaves to it.
enum TOMLValue: Equatable, Sendable, CustomDebugStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case date(LocalDate)
    case time(LocalTime)
    case dateTime(DateTime)
    case array([TOMLValue])
    case table(Table)

    struct LocalDate: Hashable, Sendable {
        var year: Int, month: Int, day: Int
    }

    struct LocalTime: Hashable, Sendable {
        var hour: Int, minute: Int, second: Int, nanosecond: Int
    }

    struct DateTime: Hashable, Sendable {
        var date: LocalDate
        var time: LocalTime
        /// Minutes east of UTC; nil for a local date-time.
        var offsetMinutes: Int?
    }

    enum Kind: Sendable {
        case string, int, double, bool, date, time, dateTime, array, table
    }

    /// A table: keys in the order written. Built once by a parser; afterwards only the marks
    /// of which keys a reader asked for change (each document is read on one thread).
    final class Table: Equatable, @unchecked Sendable {
        /// One array of entries, not one per column: a store file makes thousands of small
        /// tables, and each allocation showed in the profile.
        private struct Entry {
            let key: String
            var value: TOMLValue
            var read = false
        }
        private var entries: [Entry] = []
        /// Store tables have a handful of keys, where comparing is cheaper than hashing.
        private var lookup: [String: Int]?
        /// Keys a reader asked for that are not here: the candidates when guessing a typo.
        private var askedAbsent: [String] = []
        /// How the table came to be, which decides what may add to it later: a second `[name]`
        /// header, dotted keys into a table made by a header, or anything into an inline table
        /// are errors.
        enum Origin: Sendable { case implicit, header, dotted, inline }
        var origin = Origin.implicit
        /// Parser state: keys holding arrays of tables (`[[name]]`), which later headers extend.
        var tableArrays: Set<String> = []

        init() {}

        var keys: [String] { entries.map(\.key) }

        private func index(of key: String) -> Int? {
            if let lookup { return lookup[key] }
            return entries.firstIndex { $0.key == key }
        }

        subscript(key: String) -> TOMLValue? { index(of: key).map { entries[$0].value } }

        func set(_ key: String, _ value: TOMLValue) {
            if let index = index(of: key) {
                entries[index].value = value
                return
            }
            append(key, value)
        }

        /// A key known not to be here yet (the parser has just looked).
        func append(_ key: String, _ value: TOMLValue) {
            if entries.isEmpty { entries.reserveCapacity(8) }
            entries.append(Entry(key: key, value: value))
            if lookup != nil {
                lookup![key] = entries.count - 1
            } else if entries.count > 12 {
                lookup = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.key, $0) })
            }
        }

        /// Adds `table` to the array of tables at `key` (the parser has checked it is one),
        /// in place: the array is not copied for each `[[name]]`.
        func appendTable(_ table: Table, toArray key: String) {
            guard let index = index(of: key), case .array(var items) = entries[index].value else { return }
            entries[index].value = .bool(false)  // lets go of the array, so appending does not copy it
            items.append(.table(table))
            entries[index].value = .array(items)
        }

        /// The value of `key`, marked as asked for: a reader's one look-up per field.
        func take(_ key: String) -> TOMLValue? {
            guard let index = index(of: key) else {
                if !askedAbsent.contains(key) { askedAbsent.append(key) }
                return nil
            }
            entries[index].read = true
            return entries[index].value
        }

        func markRead(_ key: String) { _ = take(key) }

        func wasRead(_ key: String) -> Bool { index(of: key).map { entries[$0].read } ?? false }

        /// Whether some key here or in a table below was never asked for: the unknown-key
        /// report's quick answer for the usual file, where every key was read.
        var hasUnread: Bool {
            for entry in entries {
                guard entry.read else { return true }
                switch entry.value {
                case .table(let nested): if nested.hasUnread { return true }
                case .array(let items): if items.contains(where: { $0.table?.hasUnread ?? false }) { return true }
                default: continue
                }
            }
            return false
        }

        /// Every key a reader asked for, present or not.
        var askedFor: [String] { entries.filter(\.read).map(\.key) + askedAbsent }

        static func == (a: Table, b: Table) -> Bool {
            a === b || (Set(a.keys) == Set(b.keys) && a.keys.allSatisfy { a[$0] == b[$0] })
        }
    }

    /// Equal values; `nan` equals `nan` here, so two readings of one file compare equal.
    static func == (a: TOMLValue, b: TOMLValue) -> Bool {
        switch (a, b) {
        case let (.string(x), .string(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.bool(x), .bool(y)): return x == y
        case let (.date(x), .date(y)): return x == y
        case let (.time(x), .time(y)): return x == y
        case let (.dateTime(x), .dateTime(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.table(x), .table(y)): return x == y
        default: return false
        }
    }

    var kind: Kind {
        switch self {
        case .string: return .string
        case .int: return .int
        case .double: return .double
        case .bool: return .bool
        case .date: return .date
        case .time: return .time
        case .dateTime: return .dateTime
        case .array: return .array
        case .table: return .table
        }
    }

    var string: String? { if case .string(let v) = self { return v } else { return nil } }
    var int: Int? { if case .int(let v) = self { return v } else { return nil } }
    var double: Double? { if case .double(let v) = self { return v } else { return nil } }
    var bool: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    var date: LocalDate? { if case .date(let v) = self { return v } else { return nil } }
    var dateTime: DateTime? { if case .dateTime(let v) = self { return v } else { return nil } }
    var array: [TOMLValue]? { if case .array(let v) = self { return v } else { return nil } }
    var table: Table? { if case .table(let v) = self { return v } else { return nil } }

    /// The value as written in TOML, for messages that quote what was found.
    var debugDescription: String {
        switch self {
        case .string(let s): return "\"" + s + "\""
        case .int(let n): return String(n)
        case .double(let x): return String(x)
        case .bool(let b): return String(b)
        case .date(let d): return d.text
        case .time(let t): return t.text
        case .dateTime(let dt):
            var text = dt.date.text + "T" + dt.time.text
            if let offset = dt.offsetMinutes {
                if offset == 0 {
                    text += "Z"
                } else {
                    text += (offset < 0 ? "-" : "+") + TOMLValue.two(abs(offset) / 60) + ":" + TOMLValue.two(abs(offset) % 60)
                }
            }
            return text
        case .array(let items): return "[" + items.map(\.debugDescription).joined(separator: ", ") + "]"
        case .table(let table): return "{" + table.keys.map { "\($0) = \(table[$0]!.debugDescription)" }.joined(separator: ", ") + "}"
        }
    }

    fileprivate static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}

extension TOMLValue.LocalDate {
    var text: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + TOMLValue.two(month) + "-" + TOMLValue.two(day)
    }
}

extension TOMLValue.LocalTime {
    var text: String {
        var text = TOMLValue.two(hour) + ":" + TOMLValue.two(minute) + ":" + TOMLValue.two(second)
        if nanosecond > 0 {
            let digits = String(nanosecond)
            text += "." + String(repeating: "0", count: 9 - digits.count) + digits
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }
}
