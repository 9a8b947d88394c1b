/// An application's id, such as `2026-003`: the year it arrived and a running number.
/// It names a folder in the store, so only digits and one dash are allowed.
public struct ApplicationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init?(_ text: String) {
        // Bytes, not characters: a store of 50 000 folders parses this for each of them.
        let bytes = Array(text.utf8)
        guard (8...9).contains(bytes.count), bytes[4] == UInt8(ascii: "-"),
              bytes.indices.allSatisfy({ $0 == 4 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), let number = Int(parts[1]), number > 0, year >= 1000 else { return nil }
        self.year = year
        self.number = number
        // One spelling per id: "2026-0001" would name a second folder for 2026-001.
        guard description == text else { return nil }
    }

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    public var description: String {
        let n = String(number)
        return "\(year)-" + String(repeating: "0", count: max(0, 3 - n.count)) + n
    }

    /// The next free id in `year`, after every id already taken.
    public static func next(in year: Int, after taken: some Sequence<ApplicationID>) -> ApplicationID {
        let highest = taken.filter { $0.year == year }.map(\.number).max() ?? 0
        return ApplicationID(year: year, number: highest + 1)
    }

    public static func < (a: ApplicationID, b: ApplicationID) -> Bool {
        (a.year, a.number) < (b.year, b.number)
    }
}
