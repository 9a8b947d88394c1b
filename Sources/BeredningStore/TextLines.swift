/// A text as lines, each with the line end it was written with ("\n", "\r\n", or "" for a last
/// line without one), so that an edit can keep them. Files checked out by git on Windows end
/// their lines in CRLF, and a file edited on two machines may mix both.
///
/// Lines are split on "\n" scalars, the way the TOML parser and `LineIndex` count them: a Swift
/// `String` treats "\r\n" as one character, so splitting its characters on "\n" misses those lines.
struct TextLines: Equatable {
    struct Line: Equatable {
        var content: String
        var ending: String
    }

    var lines: [Line]

    init(_ text: String) {
        var pieces = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let endsInNewline = pieces.last?.isEmpty == true && pieces.count > 1
        if endsInNewline { pieces.removeLast() }
        lines = pieces.enumerated().map { offset, piece in
            guard offset < pieces.count - 1 || endsInNewline else { return Line(content: String(piece), ending: "") }
            return piece.last == "\r" ? Line(content: String(piece.dropLast()), ending: "\r\n") : Line(content: String(piece), ending: "\n")
        }
    }

    var text: String { lines.map { $0.content + $0.ending }.joined() }

    /// The line end new lines get: the first one written, as editors guess it; "\n" for a text without any.
    var usualEnding: String { lines.first { !$0.ending.isEmpty }?.ending ?? "\n" }

    /// Inserts a line before `index` (0-based), ended as the line before it is, so a CRLF file stays CRLF.
    mutating func insert(_ content: String, at index: Int) {
        guard index > 0 else {
            lines.insert(Line(content: content, ending: usualEnding), at: 0)
            return
        }
        if lines[index - 1].ending.isEmpty {
            // After a last line without an end: that line gets one, and the file still ends without.
            lines[index - 1].ending = usualEnding
            lines.insert(Line(content: content, ending: ""), at: index)
        } else {
            lines.insert(Line(content: content, ending: lines[index - 1].ending), at: index)
        }
    }

    /// `new` (a whole file as a writer makes it, in "\n") with the line ends of `old`, the file it
    /// replaces: a line the rewrite left as it was keeps its end, byte for byte; a new or changed
    /// line takes the end of the line before it. A file in "\n" only is returned as it came.
    static func keepingEndings(of old: String, in new: String) -> String {
        guard old.utf8.contains(UInt8(ascii: "\r")) else { return new }
        let before = TextLines(old)
        var after = TextLines(new)
        let difference = after.lines.map(\.content).difference(from: before.lines.map(\.content))
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var kept = before.lines.indices.filter { !removed.contains($0) }.makeIterator()
        for index in after.lines.indices {
            let match = inserted.contains(index) ? nil : kept.next()
            // The new text's last line decides whether the file ends in a line end.
            guard !after.lines[index].ending.isEmpty else { continue }
            if let match, !before.lines[match].ending.isEmpty {
                after.lines[index].ending = before.lines[match].ending
            } else {
                after.lines[index].ending = index > 0 ? after.lines[index - 1].ending : before.usualEnding
            }
        }
        return after.text
    }
}
