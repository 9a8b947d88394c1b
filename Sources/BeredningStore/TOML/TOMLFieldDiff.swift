/// Where two versions of one store file differ, field by field: what a member sees when a
/// colleague changed the same file, instead of git's conflict markers.
public enum TOMLFieldDiff {
    public struct Difference: Hashable, Sendable {
        /// The field as a dotted path, `problem.description` or `grants[1].amount`.
        public let path: String
        /// The value as text in each version; nil when that version does not have the field.
        public let mine: String?
        public let theirs: String?

        public init(path: String, mine: String?, theirs: String?) {
            self.path = path
            self.mine = mine
            self.theirs = theirs
        }
    }

    /// The fields whose values differ, in the order they stand in `mine` (then in `theirs`);
    /// nil when either text is not TOML the store can read.
    public static func differences(mine: String, theirs: String) -> [Difference]? {
        guard let a = try? TOMLParser.parse(mine), let b = try? TOMLParser.parse(theirs) else { return nil }
        let left = flatten(a), right = flatten(b)
        let rightValues = Dictionary(right, uniquingKeysWith: { first, _ in first })
        let leftValues = Dictionary(left, uniquingKeysWith: { first, _ in first })
        var out: [Difference] = []
        for (path, value) in left where rightValues[path] != value {
            out.append(Difference(path: path, mine: value, theirs: rightValues[path]))
        }
        for (path, value) in right where leftValues[path] == nil {
            out.append(Difference(path: path, mine: nil, theirs: value))
        }
        return out
    }

    /// Every leaf as (path, text), in the order written.
    static func flatten(_ table: TOMLValue.Table, prefix: String = "") -> [(String, String)] {
        var out: [(String, String)] = []
        for key in table.keys {
            let path = prefix.isEmpty ? key : prefix + "." + key
            switch table[key]! {
            case .table(let nested):
                out += flatten(nested, prefix: path)
            case .array(let items) where items.contains(where: { $0.table != nil }):
                for (index, item) in items.enumerated() {
                    if let nested = item.table { out += flatten(nested, prefix: "\(path)[\(index + 1)]") } else { out.append(("\(path)[\(index + 1)]", text(item))) }
                }
            case let value:
                out.append((path, text(value)))
            }
        }
        return out
    }

    static func text(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let n): return String(n)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        case .array(let items): return items.map(text).joined(separator: ", ")
        default: return value.debugDescription
        }
    }
}
