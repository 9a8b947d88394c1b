import BeredningCore
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

/// Sending the feedback shows the whole decision letter first, and what is confirmed is
/// exactly the letter shown (issue 16).
@Suite("The decision letter before the feedback is sent")
struct LetterScreenTests {
    /// The demo with 2026-006 just approved: its feedback not yet sent.
    static let approved: StoreSnapshot = {
        let entries = demo.entries.map { entry -> StoreEntry in
            guard entry.folder == "2026-006", var dossier = entry.dossier else { return entry }
            dossier.application.state = .approved
            return StoreEntry(folder: entry.folder, dossier: dossier, problems: entry.problems)
        }
        return StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: demo.problems)
    }()

    func letterScreen(width: Int = 80, height: Int = 24) -> AppState {
        var s = AppState(snapshot: Self.approved, member: member("lars"), catalog: sv, otherCatalog: en, width: width, height: height)
        s.now = Date(timeIntervalSince1970: 1_780_000_000)
        s.select("2026-006")
        s.press(.enter, .char("m"))
        s.press(.enter)
        return s
    }

    @Test func choosingTheFeedbackShowsTheLetterAndTheFooterSaysHowToSendIt() throws {
        let s = letterScreen()
        guard case .move(let screen) = s.current else { Issue.record("not on the move screen"); return }
        let letter = try #require(screen.letter)
        #expect(screen.pending == .sendFeedback)
        let text = s.screen
        #expect(text.contains("Detta brev sparas och skickas till idégivaren och sökanden:"))
        #expect(text.contains(letter.title))
        #expect(text.contains("Ctrl-S skicka brevet"), "\(text)")
        #expect(Frame.render(s).atCursor.hasPrefix(letter.title))
    }

    @Test func theLetterScrollsToItsEndAndNoFurther() {
        var s = letterScreen(height: 12)
        guard case .move(let screen) = s.current, let letter = screen.letter else { Issue.record("no letter"); return }
        s.press([Key](repeating: .pageDown, count: 40))
        let text = s.screen
        #expect(text.contains(letter.plainLines.last { !$0.isEmpty }!.prefix(40)), "\(text)")
    }

    @Test func ctrlSAsksAndJSendsExactlyTheLetterShown() throws {
        var s = letterScreen()
        guard case .move(let screen) = s.current, let letter = screen.letter else { Issue.record("no letter"); return }
        #expect(s.press(.ctrl("s")).isEmpty)
        guard case .confirm = s.modal else { Issue.record("no question"); return }
        #expect(s.press(.char("j")) == [.move(ApplicationID("2026-006")!, .sendFeedback, reason: "", override: "", letter: SentLetter(letter))])
    }

    @Test func escapeGoesBackToTheMovesWithoutSending() {
        var s = letterScreen()
        #expect(s.press(.escape).isEmpty)
        guard case .move(let screen) = s.current else { Issue.record("left the move screen"); return }
        #expect(screen.letter == nil && screen.pending == nil)
    }

    @Test func fitsA40By12Terminal() {
        let s = letterScreen(width: 40, height: 12)
        for line in s.screen.split(separator: "\n") { #expect(line.count <= 40) }
    }
}
