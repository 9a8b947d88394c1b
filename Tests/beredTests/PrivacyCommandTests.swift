import Foundation
import Testing

@Suite("Personal identity numbers on the command line (Privacy)")
struct PrivacyCommandTests {
    /// `path` in the demo copy with its line `line` (1-based) replaced by `replacement`.
    func replace(line: Int, of path: String, in demo: DemoCopy, with replacement: String) throws {
        var lines = try String(contentsOf: demo.url(path), encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = replacement
        try Data(lines.joined(separator: "\n").utf8).write(to: demo.url(path))
    }

    @Test func validateNamesTheFileAndLineOfAHandEditedNumberAndMoveIsRefused() throws {
        let demo = try DemoCopy()
        let file = "2026-005/application.toml"
        // Line 5 is `applicant = …`; the number goes on the second line of a multi-line text, line 6.
        try replace(line: 5, of: file, in: demo, with: "applicant = \"\"\"\nSektor barn och utbildning, barnet 85 07 09 - 1232\n\"\"\"")

        let validate = try Bered.run(["validate", demo.path])
        #expect(validate.status == 2)
        let lines = validate.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(file):6: filen innehåller något som ser ut som ett personnummer (85 07 09 - ****). "
            + "Ansökningar och synpunkter handlar om grupper, aldrig om ett enskilt barn: ta bort numret ur filen."), "\(validate.stdout)")
        #expect(!validate.stdout.contains("1232"))
        #expect(lines.last == "Lästa ansökningar: 6. Fel: 1. Ansökningar som inte går att läsa: 0.")

        let before = try String(contentsOf: demo.url(file), encoding: .utf8)
        let move = try Bered.run(["move", demo.path, "2026-005", "start_preparation", "--as", "lars"])
        #expect(move.status == 1)
        #expect(move.stderr.contains("\(file) innehåller på rad 6 något som ser ut som ett personnummer (85 07 09 - ****)"), "\(move.stderr)")
        #expect(!move.stderr.contains("1232"))
        #expect(try String(contentsOf: demo.url(file), encoding: .utf8) == before)
    }

    @Test func newRefusesATitleWithANumber() throws {
        let demo = try DemoCopy()
        let folders = try FileManager.default.contentsOfDirectory(atPath: demo.path).sorted()
        let result = try Bered.run(["new", demo.path, "--title", "Stöd till 850709-1232", "--as", "lars"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Texten innehåller något som ser ut som ett personnummer (850709-****, rad 1)"), "\(result.stderr)")
        #expect(!result.stderr.contains("1232"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: demo.path).sorted() == folders)
    }
}
