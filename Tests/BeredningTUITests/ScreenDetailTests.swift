import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("Scroll figure, reload and help")
struct ScreenDetailTests {
    /// The figure of how far down the reader is sits at the end of the title line, which stays
    /// put; every other row is a whole line of the application.
    @Test func theScrollFigureNeverCoversTheText() {
        var s = state(width: 80, height: 24)
        s.select("2026-001")
        s.press(.enter)
        let lines = ApplicationView.lines(s, ApplicationID("2026-001")!, width: 80).map { line in
            var row = ScreenBuffer(width: 80, height: 1)
            row.draw(line, x: 0, y: 0, width: 80)
            return row.line(0)
        }
        for _ in 0..<8 {
            guard case .application(let screen) = s.current else { Issue.record("the application closed"); return }
            let buffer = Frame.render(s)
            #expect(buffer.line(1).hasPrefix("2026-001  Fotosyntes"))
            #expect(buffer.line(1).hasSuffix(" %"))
            for y in 2..<22 { #expect(buffer.line(y) == lines[1 + screen.scroll + y - 2], "row \(y) at scroll \(screen.scroll)") }
            s.press(.char("j"))
        }
        s.press(.char("G"))
        #expect(Frame.render(s).line(1).hasSuffix("100 %"))
        #expect(Frame.render(s).line(21) == lines.last)
    }

    @Test func reloadingSaysSoAndThenSaysItIsDone() {
        var s = state()
        #expect(s.press(.char("r")) == [.reload])
        #expect(s.screen.contains(sv(.tuiReloading)))
        _ = s.update(.reloaded(demo))
        #expect(s.screen.contains(sv(.tuiReloaded, ["time": .text(s.clock), "count": .text("6")])))
        // A reload the member did not ask for (the one after a save) claims nothing.
        s.press(.down)
        _ = s.update(.reloaded(demo))
        #expect(s.status == nil)
        // Nor does a later one when the asked-for reload failed, or a save came in between.
        s.press(.char("r"))
        _ = s.update(.failed(["Det gick inte att läsa mappen."]))
        _ = s.update(.reloaded(demo))
        #expect(s.statusText == "Det gick inte att läsa mappen.")
        s.press(.char("r"))
        _ = s.update(.saved(Message(.uiSavedComment)))
        _ = s.update(.reloaded(demo))
        #expect(s.statusText?.hasPrefix(sv(.uiSavedComment)) == true)
    }

    @Test func theHelpScrollsWithPgDnAndGInsteadOfClosing() {
        var s = state(width: 80, height: 24)
        s.press(.char("?"))
        s.press(.pageDown)
        guard case .help(let paged) = s.modal else { Issue.record("PgDn closed the help"); return }
        #expect(paged > 0)
        s.press(.char("G"))
        guard case .help(let last) = s.modal else { Issue.record("G closed the help"); return }
        #expect(s.screen.contains(sv(.uiAnyKeyCloses)))
        // The end is the end: one line up is one key, however often G or PgDn was pressed.
        s.press(.pageDown, .pageDown, .char("k"))
        #expect(s.modal == .help(offset: last - 1))
        #expect(!s.screen.contains(sv(.uiAnyKeyCloses)))
        s.press(.char("g"))
        #expect(s.modal == .help(offset: 0))
        s.press(.char("x"))
        #expect(s.modal == nil)
    }
}
