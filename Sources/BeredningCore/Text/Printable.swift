/// Text from files and command lines as a terminal may receive it. A terminal takes C0 and C1
/// controls and DEL as commands (an OSC 52 sequence writes the clipboard), and bidi overrides
/// make a line read in another order than it holds, so they are shown as "\u{FFFD}", never sent.
public enum Printable {
    /// C0 controls, DEL, C1 controls and the bidi embeddings, overrides and isolates.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with its controls shown. A multi-line text keeps "\n" and "\t"; on a single line
    /// (a table cell, a message naming a value) a line break is shown as "⏎" and a tab as a
    /// space, so no value can start a row of its own.
    public static func shown(_ text: String, singleLine: Bool = false) -> String {
        // Most texts hold no control at all: they are returned as they came, without a copy.
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result.append(singleLine ? "⏎" : "\n")
            case "\t": result.append(singleLine ? " " : "\t")
            case _ where isControl(scalar): result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// The first control character a field may not hold: any, or any but "\n" and "\t" in a
    /// text of several lines. Nil when the text is fine to store.
    public static func refusedCharacter(in text: String, multiLine: Bool) -> Unicode.Scalar? {
        text.unicodeScalars.first { isControl($0) && !(multiLine && ($0 == "\n" || $0 == "\t")) }
    }
}
