import BeredningCore
import BeredningResources
import BeredningStore
@testable import BeredningTUI
import Foundation
import Testing

@Suite("Honest counting on screen: what does not count is marked")
struct HonestCountingScreenTests {
    @Test func theApplicationSaysHowManyFilesDoNotCountAndWhoseConflictCannotBeRead() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-tui-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let anna = try Data(contentsOf: root.appendingPathComponent("2026-001/reviews/anna.toml"))
        try anna.write(to: root.appendingPathComponent("2026-001/reviews/Anna.toml"))
        try anna.write(to: root.appendingPathComponent("2026-001/reviews/anna_2.toml"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("2026-001/conflicts"), withIntermediateDirectories: true)
        try Data("member = \"bengt\nreason = trasig\n".utf8).write(to: root.appendingPathComponent("2026-001/conflicts/bengt.toml"))
        let snapshot = try FileStore(root: root, coreCriteria: BundledResources.coreCriteria()).load()

        let s = AppState(snapshot: snapshot, member: snapshot.config.member(MemberID("lars")!), catalog: sv, otherCatalog: en, width: 120, height: 40)
        let text = ApplicationView.lines(s, ApplicationID("2026-001")!, width: 120).map { line in
            var row = ScreenBuffer(width: 120, height: 1)
            row.draw(line, x: 0, y: 0, width: 120)
            return row.line(0)
        }.joined(separator: "\n")
        #expect(text.contains("Klara granskningar: 2 av 3."))  // anna and cecilia; bengt's conflict stands
        #expect(text.contains("⚠ 2 granskningar eller kommentarer räknas inte (se bered validate)"))
        #expect(text.contains("Jäv: bengt (anmälan går inte att läsa)"))
    }
}
