import Foundation
import Testing

/// Review deadlines: `bered remind` and the list's mark, on the installed release build (issue 17).
@Suite("Review deadlines and reminders", .serialized)
struct RemindCommandTests {
    @Test func eachMemberGetsWhatIsLeftLateFirstAndTheListMarksIt() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }
        for id in ["2026-003", "2026-004"] {
            let file = demo.url("\(id)/application.toml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let deadline = id == "2026-003" ? "2026-04-15" : "2099-05-15"
            try Data(text.replacingOccurrences(of: "\nreceived = ", with: "\nreview_deadline = \(deadline)\nreceived = ").utf8).write(to: file)
        }
        let reminded = try run(["remind", demo.path, "--today", "2026-04-20", "--as", "lars"])
        #expect(reminded.status == 0, "\(reminded.stderr)")
        // Bengt's draft of MiniMili is late; Cecilia has a conflict there and is not reminded of it.
        #expect(reminded.stdout.contains("Till: Bengt Håkansson\nHej Bengt! Du har 1 granskningar kvar i Ale kommuns sociala investeringsfond:\n  - 2026-003 MiniMili, senast 2026-04-15 (försenad)"))
        #expect(reminded.stdout.contains("Till: Cecilia Nordström\nHej Cecilia! Du har 1 granskningar kvar i Ale kommuns sociala investeringsfond:\n  - 2026-004 SkolFam Ale, senast 2099-05-15\n"))
        #expect(!reminded.stdout.contains("2026-001"))
        // The reviews are not outdated by the deadline: it is not part of what was assessed.
        #expect(!(try run(["check", demo.path, "2026-003", "--as", "lars"]).stdout.contains("tidigare version")))
        let list = try run(["list", demo.path, "--as", "lars"]).stdout
        #expect(list.split(separator: "\n").first { $0.hasPrefix("2026-003") }?.contains("1/3!") == true)
        // SkolFam's deadline has not passed: no mark.
        #expect(list.split(separator: "\n").first { $0.hasPrefix("2026-004") }?.contains("1/3!") == false)
        #expect(try run(["remind", demo.path, "--as", "anna"]).status == 1)
    }
}
