import BeredningTUI

/// What an Esc and the characters after it mean.
///
/// ncurses decodes only the sequences that terminfo lists for `$TERM`, and hands back every
/// other one as Esc followed by its characters. Terminals send more than terminfo says: tmux
/// sends xterm's Home (`ESC [1~`) and F1 (`ESC O P`) under any `TERM`, and a bracketed paste
/// arrives as `ESC [200~ … ESC [201~`. So whole sequences are recognised here, or swallowed,
/// and never typed into a field as `1~` or `P`.
public enum EscapeInput {
    public enum Decoded: Equatable, Sendable {
        case key(Key)
        /// A bracketed paste: text for the focused field, never keys.
        case paste(String)
        /// Esc on its own.
        case escape
        /// A sequence that means nothing here (a terminal's reply, a key we have no use for).
        case ignored
    }

    /// What the terminal gave next.
    public enum Input: Equatable, Sendable {
        case scalar(Unicode.Scalar)
        /// A key ncurses decoded itself (an arrow, a function key): it ends any sequence.
        case decoded
    }

    /// Milliseconds to wait for the next character of a sequence: the whole sequence is sent
    /// at once, so a gap means it has ended (or Esc was pressed alone).
    static let sequenceGap = 50
    /// Milliseconds a paste may pause before its end marker: a paste over a slow link comes
    /// in pieces, and its end must not be missed, or the rest would be taken as keys.
    static let pasteGap = 3000
    /// Longer runs of parameter bytes are not a key; they are swallowed up to here.
    static let longestSequence = 64

    /// Decodes what followed an Esc; `next(wait)` is the terminal's next input within `wait`
    /// milliseconds, nil when nothing came.
    public static func decode(next: (_ wait: Int) -> Input?) -> Decoded {
        guard case .scalar(let first)? = next(sequenceGap) else { return .escape }
        switch first {
        case "[": return controlSequence(next: next)
        case "O": return singleShift(next: next)
        case "\u{1B}": return .escape
        default:
            guard first.value >= 0x20, first.value != 0x7F else { return .escape }
            return .key(.alt(Character(first)))
        }
    }

    /// `ESC O x`: how xterm sends F1–F4, and arrows and Home/End in application mode.
    private static func singleShift(next: (Int) -> Input?) -> Decoded {
        guard let input = next(sequenceGap) else { return .key(.alt("O")) }
        guard case .scalar(let final) = input else { return .ignored }
        switch final {
        case "A": return .key(.up)
        case "B": return .key(.down)
        case "C": return .key(.right)
        case "D": return .key(.left)
        case "H": return .key(.home)
        case "F": return .key(.end)
        case "M": return .key(.enter)
        case "P": return .key(.function(1))
        case "Q": return .key(.function(2))
        case "R": return .key(.function(3))
        case "S": return .key(.function(4))
        default: return .ignored
        }
    }

    /// `ESC [ parameters final`: keys, a paste's start, and terminals' replies (cursor
    /// position reports from an editor that has just left, focus events).
    private static func controlSequence(next: (Int) -> Input?) -> Decoded {
        var parameters = ""
        while parameters.unicodeScalars.count < longestSequence {
            guard case .scalar(let scalar)? = next(sequenceGap) else { return .ignored }
            switch scalar.value {
            case 0x5B where parameters.isEmpty:
                // The Linux console's F1–F5: ESC [ [ A … E.
                guard case .scalar(let letter)? = next(sequenceGap), let index = "ABCDE".unicodeScalars.firstIndex(of: letter) else { return .ignored }
                return .key(.function(1 + "ABCDE".unicodeScalars.distance(from: "ABCDE".unicodeScalars.startIndex, to: index)))
            case 0x20...0x3F:
                parameters.unicodeScalars.append(scalar)
            case 0x40...0x7E:
                if scalar == "~" && parameters == "200" { return .paste(paste(next: next)) }
                if scalar == "M" && parameters.isEmpty {
                    // An X10 mouse report carries three more bytes.
                    for _ in 0..<3 { _ = next(sequenceGap) }
                    return .ignored
                }
                return key(parameters: parameters, final: scalar).map(Decoded.key) ?? .ignored
            default:
                return .ignored
            }
        }
        return .ignored
    }

    static func key(parameters: String, final: Unicode.Scalar) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let modifier = fields.count > 1 ? (fields[1] ?? 1) : 1
        // xterm's modifier parameter is 1 + a bit set in which 4 is Ctrl.
        let control = (modifier - 1) & 4 != 0
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return control ? .ctrlRight : .right
        case "D": return control ? .ctrlLeft : .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return parameters.isEmpty || parameters == "1" ? .function(3) : nil  // else a cursor report
        case "S": return .function(4)
        case "~":
            switch fields.first ?? nil {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case let n? where (11...15).contains(n): return .function(n - 10)
            case let n? where (17...21).contains(n): return .function(n - 11)
            case 23: return .function(11)
            case 24: return .function(12)
            default: return nil
            }
        default: return nil
        }
    }

    /// The pasted text up to `ESC [201~`. Line ends come as CR from terminals; they are
    /// line breaks. Keys ncurses decoded inside a paste are not text and are dropped.
    private static func paste(next: (Int) -> Input?) -> String {
        let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
        var text = String.UnicodeScalarView()
        var matched = 0
        var pendingCarriageReturn = false
        while let input = next(pasteGap) {
            guard case .scalar(let scalar) = input else { continue }
            if scalar == end[matched] {
                if pendingCarriageReturn {
                    text.append("\n")
                    pendingCarriageReturn = false
                }
                matched += 1
                if matched == end.count { break }
                continue
            }
            if matched > 0 {
                // A false start of the end marker was text after all.
                text.append(contentsOf: end[0..<matched])
                matched = scalar == end[0] ? 1 : 0
                if matched == 1 { continue }
            }
            if pendingCarriageReturn && scalar != "\n" { text.append("\n") }
            pendingCarriageReturn = scalar == "\r"
            if !pendingCarriageReturn { text.append(scalar) }
        }
        if pendingCarriageReturn { text.append("\n") }
        return String(text)
    }
}
