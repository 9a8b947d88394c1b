import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// How a store's files end their lines: as written here, as git checks them out on Windows,
/// or mixed, as after an edit on each kind of machine.
enum LineEndStyle: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case lf, crlf, mixed
    var testDescription: String { rawValue }

    /// The line ends a file in this style holds.
    var endings: Set<[UInt8]> {
        switch self {
        case .lf: return [[10]]
        case .crlf: return [[13, 10]]
        case .mixed: return [[10], [13, 10]]
        }
    }

    /// `text` with every line end made "\n", "\r\n", or alternating (odd lines "\r\n").
    func apply(to text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, line) in RawLines(text).lines.enumerated() {
            out += line.content
            guard !line.ending.isEmpty else { continue }
            let crlf = self == .crlf || (self == .mixed && index % 2 == 0)
            out += crlf ? [13, 10] : [10]
        }
        return out
    }
}

/// A file's lines as bytes, each with its end: the tests' own reading, independent of the
/// store's `TextLines`.
struct RawLines: Equatable {
    struct Line: Equatable {
        var content: [UInt8]
        var ending: [UInt8]
    }

    var lines: [Line] = []

    init(_ bytes: [UInt8]) {
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 10 {
            let crlf = index > start && bytes[index - 1] == 13
            lines.append(Line(content: Array(bytes[start..<(crlf ? index - 1 : index)]), ending: crlf ? [13, 10] : [10]))
            start = index + 1
        }
        if start < bytes.count { lines.append(Line(content: Array(bytes[start...]), ending: [])) }
    }

    var endings: Set<[UInt8]> { Set(lines.map(\.ending).filter { !$0.isEmpty }) }
}

extension TestStore {
    /// A copy of the demo store with every file's line ends in `style`.
    convenience init(demoIn style: LineEndStyle) throws {
        try self.init()
        guard style != .lf else { return }
        for (path, data) in fileContents() {
            try Data(style.apply(to: Array(data))).write(to: root.appendingPathComponent(path))
        }
    }

    /// Every file in the store (lock files aside, which hold no record) by its path.
    func fileContents() -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, !url.lastPathComponent.hasSuffix(".lock") else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            result[path] = FileManager.default.contents(atPath: url.path)
        }
        return result
    }
}

/// Checks a write on a store in `style`: exactly the files `changed` differ (and no backup or
/// temporary file is left), and each file that was there keeps its line ends: a CRLF file stays
/// all CRLF, an LF file all LF, and in a mixed file every line the write left as it was keeps
/// its end, byte for byte, and both ends remain.
func expectLineEnds(_ style: LineEndStyle, before: [String: Data], after: [String: Data], changed: Set<String>,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let differing = Set(after.keys.filter { after[$0] != before[$0] }).union(before.keys.filter { after[$0] == nil })
    #expect(differing == changed, "\(style)", sourceLocation: sourceLocation)
    for path in changed {
        guard let old = before[path].map({ RawLines(Array($0)) }), let new = after[path].map({ RawLines(Array($0)) }) else { continue }
        // Guards against a copy that was never converted, which would pass every check below.
        if path.hasSuffix(".toml") { #expect(old.endings == style.endings, "\(path)", sourceLocation: sourceLocation) }
        // The file's own style: one the store made since the copy (a history) is in LF.
        switch old.endings {
        case [[10]]: #expect(new.endings == [[10]], "\(path)", sourceLocation: sourceLocation)
        case [[13, 10]]: #expect(new.endings == [[13, 10]], "\(path)", sourceLocation: sourceLocation)
        default:
            let difference = new.lines.map(\.content).difference(from: old.lines.map(\.content))
            let removed = Set(difference.removals.map(\.offset)), inserted = Set(difference.insertions.map(\.offset))
            let kept = zip(old.lines.indices.filter { !removed.contains($0) }, new.lines.indices.filter { !inserted.contains($0) })
            #expect(kept.allSatisfy { old.lines[$0].ending == new.lines[$1].ending || new.lines[$1].ending.isEmpty }, "\(path)", sourceLocation: sourceLocation)
            #expect(new.endings == [[10], [13, 10]], "\(path)", sourceLocation: sourceLocation)
        }
    }
}

extension CollectionDifference.Change {
    var offset: Int {
        switch self {
        case .insert(let offset, _, _), .remove(let offset, _, _): return offset
        }
    }
}
