import Foundation
import Testing

/// Issue 14: `bered validate` names every symbolic link in the store as `path: message`, and
/// what a link points at is never read into the store's answer.
@Suite("bered validate and links")
struct LinkCommandTests {
    @Test func validateNamesEachLinkAsPathAndMessage() throws {
        let demo = try DemoCopy()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("bered-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.moveItem(at: demo.url("2026-002/reviews"), to: outside.appendingPathComponent("reviews"))
        try FileManager.default.createSymbolicLink(at: demo.url("2026-002/reviews"), withDestinationURL: outside.appendingPathComponent("reviews"))
        try FileManager.default.createSymbolicLink(at: demo.url("2026-001/history.jsonl"), withDestinationURL: URL(fileURLWithPath: "/etc/hostname"))

        let validate = try Bered.run(["validate", demo.path])
        #expect(validate.status == 2)
        let said = "en symbolisk länk: bered läser den inte och skriver inte genom den; ersätt den med filen eller mappen själv"
        let lines = validate.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("2026-001/history.jsonl: " + said))
        #expect(lines.contains("2026-002/reviews: " + said))
        #expect(lines.last == "Lästa ansökningar: 6. Fel: 2. Ansökningar som inte går att läsa: 0.")
    }
}
