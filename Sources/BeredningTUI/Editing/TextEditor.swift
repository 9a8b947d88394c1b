/// A multi-line text being edited: the text, the cursor (a grapheme offset) and the view's
/// first visible line. Every edit is a pure function of the key.
public struct TextEditor: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The first wrapped line shown, kept so the cursor stays in view.
    public private(set) var scroll = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// The lines as shown at `width` cells, with the offset where each begins.
    public func visualLines(width: Int) -> [(start: Int, text: String)] {
        guard width > 0 else { return [(0, "")] }
        var result: [(Int, String)] = []
        var lineStart = 0
        var line: [Character] = []
        var used = 0
        var lastSpace: Int?  // index in `line` after a space, where a wrap may go
        var index = 0
        for character in characters {
            if character == "\n" {
                result.append((lineStart, String(line)))
                line = []
                used = 0
                lastSpace = nil
                lineStart = index + 1
                index += 1
                continue
            }
            let w = character.cellWidth
            if used + w > width {
                if let cut = lastSpace, cut > 0 {
                    result.append((lineStart, String(line[..<cut])))
                    let carried = Array(line[cut...])
                    lineStart += cut
                    line = carried
                    used = carried.reduce(0) { $0 + $1.cellWidth }
                } else {
                    result.append((lineStart, String(line)))
                    lineStart += line.count
                    line = []
                    used = 0
                }
                lastSpace = nil
            }
            line.append(character)
            used += w
            if character == " " { lastSpace = line.count }
            index += 1
        }
        result.append((lineStart, String(line)))
        return result
    }

    /// The cursor's row and cell column among the visual lines.
    public func cursorPosition(width: Int) -> (row: Int, column: Int) {
        let lines = visualLines(width: width)
        var row = 0
        for (i, line) in lines.enumerated() where line.start <= cursor { row = i }
        // A cursor at the very end of a full wrapped line stays on that line.
        let start = lines[row].start
        let column = characters[start..<min(cursor, characters.count)].reduce(0) { $0 + $1.cellWidth }
        return (row, column)
    }

    /// Handles an editing key; returns false when the key is not an editing key (Tab, Esc…).
    public mutating func handle(_ key: Key, width: Int) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .enter: insert("\n")
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .alt("b"), .ctrlLeft: cursor = wordStart(before: cursor)
        case .alt("f"), .ctrlRight: cursor = wordEnd(after: cursor)
        case .ctrl("w"), .alt("\u{7F}"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("u"):
            let start = lineStart(of: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("k"):
            let end = lineEnd(of: cursor)
            if end == cursor && cursor < characters.count { characters.remove(at: cursor) } else { characters.removeSubrange(cursor..<end) }
        case .home, .ctrl("a"): cursor = lineStart(of: cursor)
        case .end, .ctrl("e"): cursor = lineEnd(of: cursor)
        case .up: moveVertically(by: -1, width: width)
        case .down: moveVertically(by: 1, width: width)
        default: return false
        }
        return true
    }

    /// Inserts text at the cursor: a typed character or a whole paste.
    public mutating func insert(_ text: String) {
        // A paste from Windows or a web page may carry CR LF or lone CR.
        let normalized = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        let new = Array(normalized).filter { $0 == "\n" || $0 == "\t" || !$0.isControl }
        characters.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    public mutating func replaceAll(with text: String) {
        characters = Array(text)
        cursor = characters.count
        scroll = 0
    }

    /// Keeps the cursor's line within `height` visible lines.
    public mutating func scrollToCursor(width: Int, height: Int) {
        let row = cursorPosition(width: width).row
        if row < scroll { scroll = row }
        if row >= scroll + height { scroll = row - height + 1 }
    }

    private mutating func moveVertically(by delta: Int, width: Int) {
        let lines = visualLines(width: width)
        let (row, column) = cursorPosition(width: width)
        let target = row + delta
        guard lines.indices.contains(target) else {
            cursor = delta < 0 ? 0 : characters.count
            return
        }
        var offset = lines[target].start
        var used = 0
        for character in lines[target].text {
            if used + character.cellWidth > column { break }
            used += character.cellWidth
            offset += 1
        }
        cursor = offset
    }

    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0 && characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd(of index: Int) -> Int {
        var i = index
        while i < characters.count && characters[i] != "\n" { i += 1 }
        return i
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && !characters[i - 1].isLetterOrDigit { i -= 1 }
        while i > 0 && characters[i - 1].isLetterOrDigit { i -= 1 }
        return i
    }

    private func wordEnd(after index: Int) -> Int {
        var i = index
        while i < characters.count && !characters[i].isLetterOrDigit { i += 1 }
        while i < characters.count && characters[i].isLetterOrDigit { i += 1 }
        return i
    }
}

extension Character {
    var isLetterOrDigit: Bool { isLetter || isNumber }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
