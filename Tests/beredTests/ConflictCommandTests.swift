import Foundation
import Testing

/// `bered jav` on the installed release build (issue 17).
@Suite("bered jav: declare and withdraw a conflict of interest", .serialized)
struct ConflictCommandTests {
    @Test func declaredTheMemberIsShutOutAndWithdrawnTheyAreBack() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        let declared = try run(["jav", demo.path, "2026-001", "--reason", "Min dotter går i klassen.", "--as", "anna"])
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(declared.stdout.contains("Jäv anmält för 2026-001: du deltar inte i hanteringen av den."))
        let checked = try run(["check", demo.path, "2026-001", "--as", "anna"])
        #expect(checked.stdout.contains("Du har anmält jäv: du ser inte gruppens bedömningar av den här ansökan"))
        #expect(checked.stdout.contains("Jäv: anna (Min dotter går i klassen.)"))
        #expect(!checked.stdout.contains("medel"))
        // The same alias in Swedish, and again: the declaration is replaced, not doubled.
        #expect(try run(["jäv", demo.path, "2026-001", "--reason", "Min dotter går i klassen 5B.", "--as", "anna"]).status == 0)
        let withdrawn = try run(["jav", demo.path, "2026-001", "--withdraw", "--reason", "Dottern har bytt skola.", "--as", "anna"])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let history = try run(["history", demo.path, "2026-001"]).stdout
        #expect(history.contains("jäv anmält") && history.contains("jäv tillbakataget") && history.contains("Dottern har bytt skola."))
        #expect(try run(["check", demo.path, "2026-001", "--as", "anna"]).stdout.contains("medel"))
    }

    @Test func aCoordinatorActsForAMemberAndOthersAreRefusedInPlainWords() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        let forBengt = try run(["jav", demo.path, "2026-002", "--for", "bengt", "--reason", "Anställd hos Star for Life.", "--as", "lars"])
        #expect(forBengt.status == 0, "\(forBengt.stderr)")
        #expect(forBengt.stdout.contains("Jäv anmält för bengt på 2026-002, av dig som samordnare."))
        let sara = try run(["jav", demo.path, "2026-002", "--reason", "x", "--as", "sara"])
        #expect(sara.status == 1)
        #expect(!sara.stderr.isEmpty)
        let annaForBengt = try run(["jav", demo.path, "2026-002", "--for", "bengt", "--withdraw", "--as", "anna"])
        #expect(annaForBengt.status == 1)
        let noReason = try run(["jav", demo.path, "2026-002", "--as", "anna"])
        #expect(noReason.status == 1)
        // Karin, in the steering group, declares one; then she cannot forward it.
        #expect(try run(["jav", demo.path, "2026-002", "--reason", "Min bror leder projektet.", "--as", "karin"]).status == 0)
        let forward = try run(["move", demo.path, "2026-002", "forward", "--as", "karin"])
        #expect(forward.status == 1)
        #expect(forward.stderr.contains("deltar därför inte i hanteringen av den"))
    }
}
