import Foundation
import Testing

/// Idéprövning from the command line, on the installed release build: an idea is registered
/// on its short form, invited to a full application or declined with a letter (issue 18).
@Suite("bered new --idea and the screening moves", .serialized)
struct IdeaCommandTests {
    /// A registered idea filled in as a coordinator would, in the demo copy; its id.
    func registeredIdea(_ demo: DemoCopy, title: String, run: ([String]) throws -> Bered.Result) throws -> String {
        let made = try run(["new", demo.path, "--title", title, "--idea", "--as", "lars"])
        #expect(made.status == 0, "\(made.stderr)")
        let id = try #require(made.stdout.split(separator: " ").first { $0.hasPrefix("2026-") || $0.hasPrefix("2027-") }.map { String($0).trimmingCharacters(in: .punctuationCharacters) })
        let file = demo.url("\(id)/application.toml")
        var text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("state = \"idea\""))
        text = text.replacingOccurrences(of: "idea_giver = \"\"", with: "idea_giver = \"Fritidsgården i Nödinge\"")
            .replacingOccurrences(of: "# rough_cost = 800000", with: "rough_cost = 450000")
            .replacingOccurrences(of: "# months = 24", with: "months = 18")
            .replacingOccurrences(of: "name = \"\"", with: "name = \"Fritidsgården\"")
            .replacingOccurrences(of: "[problem]\ndescription = \"\"\"\n", with: "[problem]\ndescription = \"\"\"\nMånga i årskurs 7 saknar stöd med läxorna.\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return id
    }

    @Test func anIdeaIsRegisteredListedAndDeclinedWithALetterThatSaysWhy() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        let id = try registeredIdea(demo, title: "Läxhjälp i Nödinge", run: run)
        #expect(try run(["validate", demo.path]).status == 0)
        let list = try run(["list", demo.path])
        #expect(list.stdout.contains(id) && list.stdout.contains("idé"))

        // The steering group does not screen in this fund; declining needs the reasons.
        let karin = try run(["move", demo.path, id, "decline_idea", "--reason", "x", "--as", "karin"])
        #expect(karin.status == 1 && karin.stderr.contains("I den här fonden prövas idéer av samordnare (din roll: styrgruppen)."))
        let bare = try run(["move", demo.path, id, "decline_idea", "--as", "lars"])
        #expect(bare.status == 1 && bare.stderr.contains("Skriv varför du vill avböja idén"))

        let reasons = "Fonden satsar i år på barn under tio år."
        let declined = try run(["move", demo.path, id, "decline_idea", "--reason", reasons, "--as", "lars"])
        #expect(declined.status == 0, "\(declined.stderr)")
        #expect(declined.stdout.contains("\(id) har nu status idé avböjd."))
        let letter = try String(contentsOf: demo.url("\(id)/letter.md"), encoding: .utf8)
        #expect(letter.hasPrefix("# Besked om idén \(id): Läxhjälp i Nödinge"))
        #expect(letter.contains("## Skäl\n\n\(reasons)"))
        #expect(letter.contains("Ungefärlig kostnad: 450 000 kr"))
        #expect(try String(contentsOf: demo.url("\(id)/application.toml"), encoding: .utf8).contains("state = \"idea_declined\""))
        // The letter is kept and checked like the decision letter.
        let checked = try run(["brev", demo.path, id])
        #expect(checked.status == 0 && checked.stdout == letter && checked.stderr.contains("oförändrat"))
        #expect(try run(["history", demo.path, id]).stdout.contains("beslutsbrev skickat"))
    }

    @Test func anInvitedIdeaGoesOnAsAnApplicationWithItsText() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        let id = try registeredIdea(demo, title: "Läxhjälp i Nödinge", run: run)
        let invited = try run(["move", demo.path, id, "invite_application", "--as", "lars"])
        #expect(invited.status == 0, "\(invited.stderr)")
        let text = try String(contentsOf: demo.url("\(id)/application.toml"), encoding: .utf8)
        #expect(text.contains("state = \"received\""))
        #expect(text.contains("Många i årskurs 7 saknar stöd med läxorna.") && text.contains("rough_cost = 450000"))
        #expect(!FileManager.default.fileExists(atPath: demo.url("\(id)/letter.md").path))
        // Now the process of any application: the coordinator starts the preparation.
        #expect(try run(["move", demo.path, id, "start_preparation", "--as", "lars"]).status == 0)
    }
}
