/// Terminal cells per character: wide East Asian characters and emoji take two, combining
/// marks and zero-width characters none. Measured per grapheme, so "é" written as e + U+0301
/// is one cell, and a wide character is never split.
extension Character {
    public var cellWidth: Int {
        // Swedish text is nearly all Latin-1 letters, one cell each; looking up Unicode
        // properties for them took most of the time of drawing a frame.
        if let ascii = asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value >= 0xA0 && first.value < 0x300 && scalars.count == 1 { return 1 }
        if first.value < 0x20 || (0x7F..<0xA0).contains(first.value) { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark { return 0 }
        if [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains(first.value) { return 0 }
        if unicodeScalars.contains(where: { $0.value == 0xFE0F }) || first.properties.isEmojiPresentation { return 2 }
        switch first.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

extension Character {
    /// A C0 or C1 control or DEL: never drawn, never kept in typed text, since a terminal would
    /// take it as a command (U+009B alone starts a control sequence on many).
    public var isControl: Bool {
        unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }
}

extension StringProtocol {
    /// The cells the text takes on a terminal.
    public var cellWidth: Int { reduce(0) { $0 + $1.cellWidth } }

    /// Cut to at most `width` cells, ending in "…" when anything was cut.
    public func truncated(toCells width: Int) -> String {
        guard width > 0 else { return "" }
        guard cellWidth > width else { return String(self) }
        var result = ""
        var used = 0
        for character in self {
            let w = character.cellWidth
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Padded with spaces to `width` cells (never cut).
    public func padded(toCells width: Int) -> String {
        String(self) + String(repeating: " ", count: Swift.max(0, width - cellWidth))
    }
}

/// Word wrapping by cells: breaks at spaces where it can and inside a word only when a word is
/// wider than the line. Newlines start new lines; the result never splits a character.
public enum Wrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = word.cellWidth
                let needed = lineWidth == 0 ? wordWidth : lineWidth + 1 + wordWidth
                if needed <= width {
                    if lineWidth > 0 || !line.isEmpty { line += " " }
                    line += word
                    lineWidth = needed
                    continue
                }
                if !line.isEmpty || lineWidth > 0 { result.append(line) }
                line = ""
                lineWidth = 0
                // The rest's width is counted down, not measured again per chunk: measuring
                // made a 50 KB word take seconds.
                var rest = Substring(word)
                var restWidth = wordWidth
                while restWidth > width {
                    var chunk = ""
                    var used = 0
                    while let c = rest.first, used + c.cellWidth <= width {
                        chunk.append(c)
                        used += c.cellWidth
                        rest = rest.dropFirst()
                    }
                    if chunk.isEmpty, let c = rest.first {
                        chunk.append(c)
                        used = c.cellWidth
                        rest = rest.dropFirst()
                    }
                    restWidth -= used
                    result.append(chunk)
                }
                line = String(rest)
                lineWidth = restWidth
            }
            result.append(line)
        }
        return result
    }
}
