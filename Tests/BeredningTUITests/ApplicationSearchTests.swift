import BeredningCore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("Searching inside an application, half pages, the header in view")
struct ApplicationSearchTests {
    func reading(_ id: String = "2026-002", width: Int = 80, height: Int = 24) -> AppState {
        var s = state(width: width, height: height)
        s.select(id)
        s.press(.enter)
        return s
    }

    /// The application's lines below the title, as text.
    func body(_ s: AppState, _ id: String = "2026-002") -> [String] {
        ApplicationView.lines(s, ApplicationID(id)!, width: s.width).dropFirst().map { $0.map(\.text).joined() }
    }

    /// How often `word` occurs in the text, counted without the search's code.
    func occurrences(of word: String, in lines: [String]) -> Int {
        lines.reduce(0) { $0 + $1.lowercased().components(separatedBy: word.lowercased()).count - 1 }
    }

    func scrolled(_ s: AppState) -> Int {
        guard case .application(let screen) = s.current else { return -1 }
        return screen.scroll
    }

    @Test func slashSearchesAndNGoesRoundTheMatchesWithTheCountInTheStatus() {
        var s = reading()
        let count = occurrences(of: "skol", in: body(s))
        #expect(count >= 3)
        s.press(.char("/"))
        s.type("Skol")
        var buffer = Frame.render(s)
        #expect(buffer.line(s.height - 2) == "/ Skol")
        #expect(buffer.cursor?.y == s.height - 2 && buffer.cursor?.x == 6)
        s.press(.enter)
        #expect(s.statusText == "1 av \(count) träffar")
        buffer = Frame.render(s)
        // The cursor is on the match, drawn in reverse video, and reads as the word.
        #expect(buffer.atCursor.lowercased().hasPrefix("skol"))
        if let cursor = buffer.cursor { #expect(buffer[cursor.x, cursor.y].style.reverse) }
        s.press(.char("n"))
        #expect(s.statusText == "2 av \(count) träffar")
        s.press([Key](repeating: .char("n"), count: count - 2))
        #expect(s.statusText == "\(count) av \(count) träffar")
        #expect(Frame.render(s).atCursor.lowercased().hasPrefix("skol"))
        s.press(.char("n"))
        #expect(s.statusText == "1 av \(count) träffar (från början igen)")
        s.press(.char("N"))
        #expect(s.statusText == "\(count) av \(count) träffar (från slutet igen)")
        s.press(.char("N"))
        #expect(s.statusText == "\(count - 1) av \(count) träffar")
    }

    /// The other matches in view are underlined, so they show without colour too.
    @Test func theOtherMatchesInViewAreUnderlined() {
        var s = reading(height: 60)
        s.press(.char("/"))
        s.type("skol")
        s.press(.enter)
        let buffer = Frame.render(s)
        let underlined = (0..<buffer.height).flatMap { y in (0..<buffer.width).filter { buffer[$0, y].style.underline }.map { (x: $0, y: y) } }
        #expect(underlined.count >= 4)
        for cell in underlined where cell.x == 0 || !buffer[cell.x - 1, cell.y].style.underline {
            #expect((cell.x..<buffer.width).map { buffer[$0, cell.y].text }.joined().lowercased().hasPrefix("skol"))
        }
    }

    @Test func theHeaderStaysInViewWhereverTheSearchGoes() {
        var s = reading()
        let title = Frame.render(s).line(1)
        #expect(title.hasPrefix("2026-002  Star for Life  [styrgrupp]"))
        s.press(.char("/"))
        s.type("youth")  // nothing: a word the Swedish text does not hold
        s.press(.enter)
        #expect(s.statusText == "inga träffar för ”youth”")
        s.press(.char("/"))
        s.type("ungdomspanelens")
        s.press(.enter)
        #expect(scrolled(s) > 0)
        let buffer = Frame.render(s)
        #expect(buffer.line(1).hasPrefix("2026-002  Star for Life  [styrgrupp]"))
        #expect(buffer.atCursor.lowercased().hasPrefix("ungdomspanelens"))
    }

    @Test func nBeforeAnySearchSaysHowToSearch() {
        var s = reading()
        s.press(.char("n"))
        #expect(s.statusText == sv(.tuiSearchFirst))
        if case .application = s.current {} else { Issue.record("n left the application") }
    }

    @Test func escapePutsTheSearchLineAwayAndKeepsTheApplicationOpen() {
        var s = reading()
        s.press(.char("/"))
        s.type("evid")
        s.press(.escape)
        guard case .application(let screen) = s.current else { Issue.record("Esc left the application"); return }
        #expect(screen.searchInput == nil && screen.search.isEmpty)
        s.press(.escape)
        #expect(s.current == nil)
    }

    @Test func aPasteGoesIntoTheSearchLine() {
        var s = reading()
        s.press(.char("/"))
        _ = s.update(.text("Star\tfor"))
        s.press(.enter)
        #expect(s.statusText?.hasSuffix("träffar") == true)
        guard case .application(let screen) = s.current else { Issue.record("the paste left the application"); return }
        #expect(screen.search == "Star for")
    }

    @Test func ctrlDAndCtrlUMoveHalfAPageAndTheHeaderStays() {
        var s = reading()
        let half = (s.height - 4) / 2
        s.press(.ctrl("d"))
        #expect(scrolled(s) == half)
        s.press(.ctrl("d"))
        #expect(scrolled(s) == 2 * half)
        s.press(.ctrl("u"))
        #expect(scrolled(s) == half)
        let buffer = Frame.render(s)
        #expect(buffer.line(1).hasPrefix("2026-002  Star for Life  [styrgrupp]"))
        var row = ScreenBuffer(width: s.width, height: 1)
        row.draw(ApplicationView.lines(s, ApplicationID("2026-002")!, width: s.width)[1 + half], x: 0, y: 0, width: s.width)
        #expect(buffer.line(2) == row.line(0))
    }
}
