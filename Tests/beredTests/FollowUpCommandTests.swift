import Foundation
import Testing

/// `bered uppfoljning` and the moves after a decision, on the demo's running investment (issue 16).
@Suite("bered uppfoljning: following up a running investment")
struct FollowUpCommandTests {
    static let good = """
    date = 2030-06-16
    worked = "Hembesöken är en del av ordinarie barnhälsovård."

    [[measurements]]
    indicator = "Andel familjer som tar emot samtliga utökade hembesök"
    value = 81
    unit = "procent"
    source = "BVC:s journalsystem"

    [[realised]]
    actor = "Sektor omsorg och socialtjänst, Grästorps kommun"
    year = 2028
    cost = 540000
    avoided_cost = 250000
    """

    func write(_ text: String, in demo: DemoCopy, as name: String = "uppf.toml") throws -> String {
        // Beside the store, never inside it, and in a folder of this test's own.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uppf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    /// Every file of the store with its bytes, to prove that nothing was written.
    func files(_ demo: DemoCopy) -> [String: Data] {
        var all: [String: Data] = [:]
        let root = demo.root.resolvingSymlinksInPath().path
        for case let url as URL in FileManager.default.enumerator(at: demo.root, includingPropertiesForKeys: nil)! {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            all[String(url.resolvingSymlinksInPath().path.dropFirst(root.count))] = data
        }
        return all
    }

    @Test func theCoordinatorRecordsAFollowUpFromAFileAndItShowsEverywhere() throws {
        let demo = try DemoCopy()
        let file = try write(Self.good, in: demo)
        let due = try Bered.run(["uppfoljning", demo.path, "--due"])
        #expect(due.status == 0)
        #expect(due.stdout.contains("2026-006") && due.stdout.contains("2030-06-16") && due.stdout.contains("planerad"))

        let recorded = try Bered.run(["uppföljning", demo.path, "2026-006", "--file", file, "--as", "lars"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("Uppföljningen av 2026-006 den 2030-06-16 är sparad."))
        let saved = try String(contentsOf: demo.url("2026-006/followups/2030-06-16.toml"), encoding: .utf8)
        #expect(saved.contains("recorded_by = \"lars\""))
        #expect(try Bered.run(["history", demo.path, "2026-006"]).stdout.contains("2030-06-16: 1 measurements, 1 realised"))
        // Nothing is due any more; the application's view has both occasions.
        #expect(try Bered.run(["followup", demo.path, "--lang", "en"]).stdout.contains("No follow-ups are waiting"))
        let shown = try Bered.run(["uppfoljning", demo.path, "2026-006"]).stdout
        #expect(shown.contains("2027-05-31 62 · 2030-06-16 81"))
        #expect(shown.contains("95 % av vägen till målet · → på väg mot målet"))
        // The same occasion is never written over.
        let again = try Bered.run(["uppfoljning", demo.path, "2026-006", "--file", file, "--as", "lars"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("Det finns redan en uppföljning för den dagen"))
        let json = try Bered.run(["export", demo.path, "--format", "json", "--as", "lars"]).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let application = try #require((object["applications"] as? [[String: Any]])?.first { $0["id"] as? String == "2026-006" })
        #expect((application["follow_ups"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2027-06-16", "2030-06-16"])
        let indicators = (application["measurability"] as? [String: Any])?["indicators"] as? [[String: Any]]
        #expect(indicators?.first?["status"] as? String == "on_track")
    }

    @Test func noOtherRoleRecordsAFollowUpOrStartsOrClosesAndNothingIsWritten() throws {
        let demo = try DemoCopy()
        let file = try write(Self.good, in: demo)
        let before = files(demo)
        for who in ["anna", "sara", "karin"] {
            let result = try Bered.run(["uppfoljning", demo.path, "2026-006", "--file", file, "--as", who])
            #expect(result.status == 1, "\(who)")
            #expect(result.stderr.contains("Bara samordnaren för in uppföljningar"), "\(who): \(result.stderr)")
            for move in ["close_implemented", "close_ended", "close_discontinued"] {
                let moved = try Bered.run(["move", demo.path, "2026-006", move, "--reason", "Klart.", "--as", who])
                #expect(moved.status == 1, "\(who) \(move)")
            }
        }
        #expect(files(demo) == before)
    }

    @Test func badInputIsNamedWithFileAndLineAndNothingIsSaved() throws {
        let demo = try DemoCopy()
        let file = try write("""
        date = 2030-06-16

        [[measurements]]
        indicator = "Andel familjer som tar emot alla hembesök"
        value = 81

        [[measurements]]
        indicator = "Andel föräldrar som uppger förtroende för socialtjänsten"
        value = 155
        unit = "procent"

        [[measurements]]
        indicator = "Antal BBIC-utredningar av barn 0–6 år per år"
        value = 17
        unit = "procent"

        [[realised]]
        actor = "Polisen"
        year = 2028
        cost = 1
        """, in: demo)
        let before = files(demo)
        let result = try Bered.run(["uppfoljning", demo.path, "2026-006", "--file", file, "--as", "lars"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("uppf.toml:4: Ansökan har ingen indikator som heter ”Andel familjer som tar emot alla hembesök”."))
        #expect(result.stderr.contains("uppf.toml:9: Indikatorn ”Andel föräldrar som uppger förtroende för socialtjänsten” mäts i procent: värdet 155 ligger inte mellan 0 och 100."))
        #expect(result.stderr.contains("uppf.toml:15: Indikatorn ”Antal BBIC-utredningar av barn 0–6 år per år” mäts i antal, inte i procent."))
        #expect(result.stderr.contains("uppf.toml:18: Ansökan har ingen aktör som heter ”Polisen”."))
        #expect(files(demo) == before)
    }

    @Test func theTemplateIsAFileTheCommandTakesBack() throws {
        let demo = try DemoCopy()
        let template = try Bered.run(["uppfoljning", demo.path, "2026-006", "--template"])
        #expect(template.status == 0)
        #expect(template.stdout.contains("date = 2030-06-16"))
        #expect(template.stdout.contains("indicator = \"Antal BBIC-utredningar av barn 0–6 år per år\""))
        // Filled in with zeros as it comes, it reads; the zero of the first indicator is a value like any other.
        let file = try write(template.stdout, in: demo)
        let recorded = try Bered.run(["uppfoljning", demo.path, "2026-006", "--file", file, "--as", "lars"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
    }

    @Test func theCoordinatorClosesTheRunningInvestmentWithHowItEndedAndWhy() throws {
        let demo = try DemoCopy()
        let noReason = try Bered.run(["move", demo.path, "2026-006", "close_implemented", "--as", "lars"])
        #expect(noReason.status == 1)
        let closed = try Bered.run(["move", demo.path, "2026-006", "close_implemented", "--reason", "Socialnämnden tar över från 2029.", "--as", "lars"])
        #expect(closed.status == 0, "\(closed.stderr)")
        let text = try String(contentsOf: demo.url("2026-006/application.toml"), encoding: .utf8)
        #expect(text.contains("state = \"closed\"\nclosing = \"implemented\"\n"))
        #expect(try Bered.run(["history", demo.path, "2026-006"]).stdout.contains("pågående → avslutad (implementerad i ordinarie verksamhet): Socialnämnden tar över från 2029."))
        #expect(try Bered.run(["list", demo.path]).stdout.contains("avslutad"))
        // A closed investment is followed up no more.
        #expect(!(try Bered.run(["uppfoljning", demo.path]).stdout.contains("2026-006")))
    }
}
