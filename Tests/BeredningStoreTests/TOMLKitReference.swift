import TOMLKit
@testable import BeredningStore

/// TOMLKit's reading of a text, in the store's value model: what the store's own parser is
/// compared with. nil when TOMLKit rejects the text.
enum TOMLKitReference {
    static func parse(_ text: String) -> BeredningStore.TOMLValue.Table? {
        guard let table = try? TOMLTable(string: text) else { return nil }
        return convert(table)
    }

    private static func convert(_ table: TOMLTable) -> BeredningStore.TOMLValue.Table {
        let result = BeredningStore.TOMLValue.Table()
        for key in table.keys { if let value = table[key] { result.set(key, convert(value)) } }
        return result
    }

    private static func convert(_ value: TOMLValueConvertible) -> BeredningStore.TOMLValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .int(value.int ?? 0)
        case .double: return .double(value.double ?? 0)
        case .bool: return .bool(value.bool ?? false)
        case .date:
            let d = value.date!
            return .date(.init(year: d.year, month: d.month, day: d.day))
        case .time:
            let t = value.time!
            return .time(.init(hour: t.hour, minute: t.minute, second: t.second, nanosecond: t.nanoSecond))
        case .dateTime:
            let dt = value.dateTime!
            return .dateTime(.init(date: .init(year: dt.date.year, month: dt.date.month, day: dt.date.day),
                                   time: .init(hour: dt.time.hour, minute: dt.time.minute, second: dt.time.second, nanosecond: dt.time.nanoSecond),
                                   offsetMinutes: dt.offset.map { Int($0.offset) }))
        case .array: return .array((value.array ?? []).map(convert))
        case .table: return .table(convert(value.table ?? TOMLTable()))
        }
    }
}
