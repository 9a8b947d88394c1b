import Foundation
import Testing

/// `bered meeting` and the minutes, on the installed release build (issue 17).
@Suite("The meeting from the command line, and its minutes", .serialized)
struct MeetingCommandTests {
    @Test func theMeetingShowsScoresSideBySideAsEachMayAndTheMinutesRecordIt() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        let meeting = try run(["meeting", demo.path, "--as", "lars"])
        #expect(meeting.status == 0, "\(meeting.stderr)")
        #expect(meeting.stdout.contains("2026-001 Fotosyntes — störst skillnad 1 poäng"))
        #expect(meeting.stdout.contains("Kriterium                 anna    bengt   cecilia spridn. medel   kalibr. auto"))
        #expect(meeting.stdout.contains("Rekommendationer: 3 bevilja"))
        #expect(meeting.stdout.contains("Kalibrering"))
        // Cecilia's conflict on MiniMili: named as not taking part.
        let agenda = try run(["meeting", demo.path, "--agenda", "2026-003", "--as", "lars"])
        #expect(agenda.stdout.contains("Cecilia Nordström har anmält jäv och deltar inte."))
        // Without saying who you are, no scores (the fund hides them until your own review is complete).
        #expect(try run(["meeting", demo.path]).stdout.contains("Poängen visas när din egen granskning är klar"))

        let minutes = try run(["export", demo.path, "--format", "minutes", "--date", "2026-03-26", "--agenda", "2026-001,2026-003", "--as", "lars"])
        #expect(minutes.status == 0, "\(minutes.stderr)")
        #expect(minutes.stdout.hasPrefix("# Minnesanteckningar från beredningsgruppens möte 2026-03-26"))
        #expect(minutes.stdout.contains("Cecilia Nordström anmälde jäv för 2026-003 och deltog inte i den punkten."))
        #expect(minutes.stdout.contains("## § 1 2026-001 Fotosyntes"))
        #expect(minutes.stdout.contains("| Definierat problem | 4 | 4 | 3 | 3,7 | 3,7 |"))
        #expect(minutes.stdout.contains("Står bakom förslaget: Anna Lindqvist, Bengt Håkansson, Cecilia Nordström"))
        #expect(minutes.stdout.contains("Gruppen kom inte fram till något förslag."))
        let page = try run(["export", demo.path, "--format", "minutes-html", "--date", "2026-03-26", "--as", "lars"])
        #expect(page.stdout.contains("<h1>Minnesanteckningar från beredningsgruppens möte 2026-03-26</h1>"))
        #expect(try run(["export", demo.path, "--format", "minutes", "--as", "anna"]).status == 1)
    }
}
