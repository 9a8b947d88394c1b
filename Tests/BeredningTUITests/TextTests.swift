@testable import BeredningTUI
import Testing

@Suite("Text: widths, wrapping and the screen buffer")
struct TextTests {
    @Test func cellWidths() {
        #expect("åäö ÅÄÖ".cellWidth == 7)
        #expect("e\u{301}".cellWidth == 1)  // e + combining acute is one cell
        #expect("日本".cellWidth == 4)
        #expect("😀".cellWidth == 2)
        #expect("–≥".cellWidth == 2)
    }

    @Test func wrappingAtWordsAndInsideLongWords() {
        #expect(Wrap.lines("Barn i årskurs fyra till sex", width: 12) == ["Barn i", "årskurs fyra", "till sex"])
        #expect(Wrap.lines("Socialförvaltningen", width: 8) == ["Socialfö", "rvaltnin", "gen"])
        #expect(Wrap.lines("ett\n\ntvå", width: 10) == ["ett", "", "två"])
    }

    @Test func aWideCharacterIsNeverSplitAtTheEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        let used = buffer.put("ab日本", x: 0, y: 0)
        #expect(used == 4)
        #expect(buffer.line(0) == "ab日")
        #expect(buffer[3, 0] == .continuation)
        #expect(buffer[4, 0] == .blank)
    }

    @Test func truncationCountsCells() {
        #expect("Familjehuset Klippan".truncated(toCells: 8) == "Familje…")
        #expect("日本語テキスト".truncated(toCells: 6) == "日本…")
        #expect("kort".truncated(toCells: 8) == "kort")
    }
}

@Suite("The multi-line editor")
struct TextEditorTests {
    @Test func typingAndDeletingSwedish() {
        var e = TextEditor()
        for c in "Hej på dig åäö" { _ = e.handle(.char(c), width: 20) }
        _ = e.handle(.backspace, width: 20)
        #expect(e.text == "Hej på dig åä")
        _ = e.handle(.ctrl("w"), width: 20)
        #expect(e.text == "Hej på dig ")
        _ = e.handle(.home, width: 20)
        _ = e.handle(.delete, width: 20)
        #expect(e.text == "ej på dig ")
    }

    @Test func wrappingAndMovingByVisualLines() {
        var e = TextEditor("ett två tre fyra fem sex")
        #expect(e.visualLines(width: 10).map(\.text) == ["ett två ", "tre fyra ", "fem sex"])
        #expect(e.cursorPosition(width: 10).row == 2)
        _ = e.handle(.up, width: 10)
        #expect(e.cursorPosition(width: 10).row == 1)
        _ = e.handle(.up, width: 10)
        _ = e.handle(.up, width: 10)
        #expect(e.cursor == 0)
        _ = e.handle(.down, width: 10)
        #expect(e.cursorPosition(width: 10).row == 1)
        #expect(e.cursorPosition(width: 10).column == 0)
    }

    @Test func wordWiseMovement() {
        var e = TextEditor("Kommentar om målgruppen")
        _ = e.handle(.alt("b"), width: 40)
        #expect(e.cursor == 13)
        _ = e.handle(.alt("b"), width: 40)
        #expect(e.cursor == 10)
        _ = e.handle(.alt("f"), width: 40)
        #expect(e.cursor == 12)
        _ = e.handle(.ctrlLeft, width: 40)
        #expect(e.cursor == 10)
    }

    @Test func newlinesAndLineKeys() {
        var e = TextEditor("första")
        _ = e.handle(.enter, width: 20)
        e.insert("andra")
        #expect(e.text == "första\nandra")
        _ = e.handle(.ctrl("a"), width: 20)
        #expect(e.cursor == 7)
        _ = e.handle(.ctrl("k"), width: 20)
        #expect(e.text == "första\n")
        _ = e.handle(.backspace, width: 20)
        _ = e.handle(.ctrl("u"), width: 20)
        #expect(e.text == "")
    }

    @Test func nonEditingKeysAreLeftToTheForm() {
        var e = TextEditor("x")
        for key in [Key.tab, .escape, .ctrl("s")] {
            let handled = e.handle(key, width: 10)
            #expect(!handled)
        }
        #expect(e.text == "x")
    }

    @Test func scrollingKeepsTheCursorInView() {
        var e = TextEditor(String(repeating: "rad\n", count: 10))
        e.scrollToCursor(width: 20, height: 3)
        #expect(e.scroll == 8)
        for _ in 0..<10 { _ = e.handle(.up, width: 20) }
        e.scrollToCursor(width: 20, height: 3)
        #expect(e.scroll == 0)
    }
}
