import BeredningCore
@testable import BeredningTUI
import Testing

/// From 120 columns the list shows the selected application in brief beside it.
@Suite("The list's preview on a wide terminal")
struct ListPreviewTests {
    /// The preview's part of line `y`, right of the separator.
    static func preview(_ buffer: ScreenBuffer, _ y: Int) -> String {
        let line = buffer.line(y)
        guard let bar = line.firstIndex(of: "│") else { return "" }
        return line[line.index(after: bar)...].trimmingCharacters(in: .whitespaces)
    }

    @Test func at120ColumnsTheSelectedApplicationIsShownBesideTheList() {
        var s = state(width: 120, height: 30)
        let buffer = Frame.render(s)
        let preview = (1..<27).map { Self.preview(buffer, $0) }
        #expect(preview[0] == "2026-001  Fotosyntes")
        #expect(preview[1] == "beredning · Sektor utbildning, kultur och")
        #expect(preview.contains("Definierat problem"))
        #expect(preview.contains { $0.hasPrefix("En grupp barn i mellanstadieåldern i Ale") })
        // The problem is cut short, and says so.
        #expect(preview.contains { $0.hasSuffix("…") })
        #expect(preview.contains("✓ Målgrupp"))
        #expect(preview.contains("· Långsiktig plan och ägarskap efter projektet"))
        #expect(preview.contains("Klara granskningar: 3 av 3. Kommentarer från"))
        // The list keeps three fifths, its rows whole; the separator runs down the content.
        #expect(buffer.line(2).hasPrefix("  2026-001 Fotosyntes "))
        #expect((1..<27).allSatisfy { buffer[72, $0].text == "│" })
        // The cursor stays on the selected row, and the preview follows the selection.
        #expect(buffer.cursor?.x == 0 && buffer.cursor?.y == 2)
        s.press(.char("j"), .char("j"))
        let moved = Frame.render(s)
        #expect(Self.preview(moved, 1) == "2026-003  MiniMili")
        #expect((1..<27).map { Self.preview(moved, $0) }.contains("✗ Går att mäta"))
        #expect(moved.cursor?.y == 4)
    }

    @Test func marksInWordsInThePreviewToo() {
        var words = sv
        words.marks = .words
        var s = AppState(snapshot: demo, member: member("anna"), catalog: words, otherCatalog: en, width: 120, height: 30)
        s.press(.char("j"), .char("j"))
        let preview = (1..<27).map { Self.preview(Frame.render(s), $0) }
        #expect(preview.contains("saknas Går att mäta"))
        #expect(preview.contains("ok     Målgrupp"))
    }

    /// Below 120 columns nothing changes: the list has the whole width and no preview.
    @Test(arguments: [(80, 24), (119, 30)])
    func narrowerTerminalsShowTheListAlone(size: (Int, Int)) {
        let s = state(width: size.0, height: size.1)
        let buffer = Frame.render(s)
        #expect(!buffer.text.contains("│"))
        #expect(!buffer.text.contains("En grupp barn"))
        #expect(buffer.line(2).hasPrefix("  2026-001 Fotosyntes"))
        #expect(ListView.columns(s).reduce(0) { $0 + $1.width + 1 } <= size.0 - 1)
        #expect(ListView.columns(s).contains { $0.column == .applicant })
    }
}
