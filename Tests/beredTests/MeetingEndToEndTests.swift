import Foundation
import Testing

/// A meeting of the preparation group, the way it happens, on the installed release build in
/// tmux (issue 17): three reviewers who disagree on one criterion, a conflict declared on the
/// screen, the meeting view, the group's proposal, and the minutes.
@Suite("A meeting, end to end", .serialized)
struct MeetingEndToEndTests {
    @Test func threeReviewersADisagreementAConflictAProposalAndTheMinutes() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        try FileManager.default.removeItem(at: demo.url("2026-001/proposal.toml"))
        // Bengt scores evidence 1 where Anna and Cecilia gave 3: a disagreement of two points.
        let bengts = demo.url("2026-001/reviews/bengt.toml")
        let review = try String(contentsOf: bengts, encoding: .utf8)
        let evidence = try #require(review.range(of: "[scores.evidence]\nscore = 3"))
        try Data(review.replacingCharacters(in: evidence, with: "[scores.evidence]\nscore = 1").utf8).write(to: bengts)

        // Karin (steering group) declares a conflict on the application from its screen.
        let karin = try Tmux(["open", demo.path, "--as", "karin"], binary: bered)
        try karin.waitFor("2026-006")
        try karin.keys("Enter")
        try karin.waitFor("Fotosyntes")
        try karin.keys("J")
        try karin.waitFor("Anmäl jäv för 2026-001")
        try karin.type("Min bror är rektor på en av skolorna.")
        try karin.keys("C-s")
        try karin.waitFor("Jäv anmält för 2026-001")
        try karin.keys("q", "q")
        try karin.waitFor("EXIT=0")

        // The coordinator opens the meeting: the disagreement and who does not take part.
        let lars = try Tmux(["open", demo.path, "--as", "lars"], width: 100, height: 30, binary: bered)
        try lars.waitFor("2026-006")
        try lars.keys("M")
        let meeting = try lars.waitFor("Kalibrering")
        #expect(meeting.contains("2026-001 Fotosyntes — störst skillnad 2 poäng"))
        #expect(meeting.contains("Karin Sjöberg har anmält jäv och deltar inte."))
        #expect(meeting.contains("Evidens                   3       1       3       2!"))
        #expect(meeting.contains("Inget förslag ännu"))
        try lars.keys("Escape", "q")
        try lars.waitFor("EXIT=0")

        // The group agrees; the proposal is recorded and the minutes written.
        let proposal = try Bered.run(["forslag", demo.path, "2026-001", "--recommend", "approve", "--amount", "2026=420000",
                                      "--rationale", "Efter diskussionen om evidensen är gruppen enig.", "--agreed", "anna,bengt,cecilia",
                                      "--note", "evidence=Bengt vägde piloten lägre; gruppen landade i godtagbart.", "--as", "anna"], executable: bered)
        #expect(proposal.status == 0, "\(proposal.stderr)")
        let minutes = try Bered.run(["export", demo.path, "--format", "minutes", "--date", "2026-03-26", "--as", "lars"], executable: bered)
        #expect(minutes.stdout.contains("| Evidens | 3 | 1 | 3 | 2,3 |"))
        #expect(minutes.stdout.contains("Karin Sjöberg anmälde jäv för 2026-001 och deltog inte i den punkten."))
        #expect(minutes.stdout.contains("Evidens: Bengt vägde piloten lägre; gruppen landade i godtagbart."))
        #expect(try Bered.run(["move", demo.path, "2026-001", "to_steering_group", "--as", "lars"], executable: bered).status == 0)
    }
}
