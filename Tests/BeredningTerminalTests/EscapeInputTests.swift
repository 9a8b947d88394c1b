@testable import BeredningTerminal
import BeredningTUI
import Testing

/// What follows an Esc, fed as a terminal would send it: all at once, then nothing.
private func decode(_ rest: String, decodedKeysAt: Set<Int> = []) -> EscapeInput.Decoded {
    var queue = Array(rest.unicodeScalars)
    var position = 0
    return EscapeInput.decode { _ in
        defer { position += 1 }
        if decodedKeysAt.contains(position) { return .decoded }
        guard !queue.isEmpty else { return nil }
        return .scalar(queue.removeFirst())
    }
}

@Suite("Escape sequences")
struct EscapeInputTests {
    @Test func escAloneIsEsc() {
        #expect(decode("") == .escape)
        #expect(decode("\u{1B}") == .escape)
    }

    @Test func altAndALetterIsAlt() {
        #expect(decode("b") == .key(.alt("b")))
        #expect(decode("f") == .key(.alt("f")))
        #expect(decode("O") == .key(.alt("O")))  // Alt-O: nothing follows
    }

    /// The sequences tmux sends under every TERM, and those of xterm, rxvt and the Linux console.
    @Test(arguments: [
        ("[1~", Key.home), ("[4~", .end), ("[7~", .home), ("[8~", .end), ("[H", .home), ("[F", .end),
        ("OH", .home), ("OF", .end), ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("OA", .up), ("OD", .left),
        ("[1;5C", .ctrlRight), ("[1;5D", .ctrlLeft), ("[1;2C", .right), ("[Z", .backTab),
        ("OP", .function(1)), ("OQ", .function(2)), ("OR", .function(3)), ("OS", .function(4)),
        ("[11~", .function(1)), ("[15~", .function(5)), ("[17~", .function(6)), ("[21~", .function(10)),
        ("[23~", .function(11)), ("[24~", .function(12)), ("[[A", .function(1)), ("[[E", .function(5)),
        ("[1;2P", .function(1)),
    ])
    func keysAreKeys(sequence: String, key: Key) {
        #expect(decode(sequence) == .key(key), "ESC \(sequence)")
    }

    /// Replies and keys with no use here are swallowed whole: nothing of them is typed.
    @Test(arguments: ["[2;2R", "[3;1R", "[24;80R", "[I", "[O", "[2~", "[99~", "[?1;2c", "[>0;276;0c", "Ox", "[M !!", "[200", "[12"])
    func unknownSequencesAreSwallowed(sequence: String) {
        #expect(decode(sequence) == .ignored, "ESC \(sequence)")
    }

    @Test func aSequenceCutByADecodedKeyIsSwallowed() {
        #expect(decode("[1", decodedKeysAt: [2]) == .ignored)
    }

    @Test func aBracketedPasteIsTextWithItsTabsAndLineBreaks() {
        let pasted = "Rad ett\tmed tabb 4 x\rrad två\r\ntredje\n"
        #expect(decode("[200~" + pasted + "\u{1B}[201~") == .paste("Rad ett\tmed tabb 4 x\nrad två\ntredje\n"))
    }

    @Test func aPasteEndsOnlyAtItsEndMarker() {
        // An Esc and a false start of the marker inside the paste are text (the field drops the Esc).
        #expect(decode("[200~a\u{1B}[20x\u{1B}\u{1B}[201~b") == .paste("a\u{1B}[20x\u{1B}"))
        #expect(decode("[200~ends with CR\r\u{1B}[201~") == .paste("ends with CR\n"))
    }

    @Test func aPasteWithoutAnEndMarkerKeepsWhatCame() {
        #expect(decode("[200~halv") == .paste("halv"))
    }

    @Test func keysDecodedInsideAPasteAreDropped() {
        #expect(decode("[200~ab\u{1B}[201~", decodedKeysAt: [6]) == .paste("ab"))
    }

    @Test func aHundredKilobytePasteIsDecodedWhole() {
        let line = String(repeating: "åäö öre; =1+1\t", count: 10) + "\r"
        let text = String(repeating: line, count: 700)
        guard case .paste(let pasted) = decode("[200~" + text + "\u{1B}[201~") else {
            Issue.record("not a paste")
            return
        }
        #expect(pasted.utf8.count > 100_000)
        #expect(pasted == text.replacingOccurrences(of: "\r", with: "\n"))
    }
}
