import BeredningCore
import BeredningStore
@testable import BeredningSync
import Foundation
import Testing

/// A store shared from Windows, where git checks files out with CRLF line ends (or a mix, after
/// edits on both kinds of machine): two members' edits of one file still merge by themselves.
@Suite("Sharing a store with CRLF and mixed line ends")
struct LineEndSyncTests {
    @Test(arguments: [false, true])
    func aMoveAndAnEditOfOneCRLFFileMergeAndKeepTheirLineEnds(mixed: Bool) throws {
        let world = try SyncWorld()
        let lars = try world.coordinatorSharesWindowsStore(mixed: mixed)
        let karin = try world.join("karin")
        let path = "2026-002/application.toml"
        let shared = try Data(contentsOf: lars.appendingPathComponent(path))

        // karin returns 2026-002 (its state, near the top) while lars edits its long-term plan
        // (near the end): were either to rewrite every line end, git would see two edits of every line.
        let karinStore = try world.store(karin)
        _ = try karinStore.move(try world.dossier("2026-002", in: karin), .returnForCompletion, by: try world.member("karin", in: karin),
                                config: try karinStore.loadConfig(), reason: "Lokala siffror saknas.", now: world.now)
        var application = try world.dossier("2026-002", in: lars).application
        let plan = "Förvaltningen tar över finansieringen 2029."
        application.longTerm.plan = plan
        try world.store(lars).save(application, by: try world.member("lars", in: lars), now: world.now.addingTimeInterval(60))

        #expect(try world.sync(karin, as: "karin").sync().isSynced)
        let outcome = try world.sync(lars, as: "lars").sync()
        #expect(outcome.isSynced, "\(outcome)")
        #expect(try world.sync(karin, as: "karin").sync().isSynced)

        for folder in [lars, karin] {
            let merged = try world.dossier("2026-002", in: folder)
            #expect(merged.application.state == .returned)
            #expect(merged.application.longTerm.plan == plan)
            #expect(try world.store(folder).load().allProblems == [])
            #expect(try world.store(folder).history(of: ApplicationID("2026-002")!).events.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.edited, .moved])
            // A line that was in the shared file ends as it did there (blank lines, which the
            // mixed file ends both ways, aside).
            let now = try Data(contentsOf: folder.appendingPathComponent(path))
            let sharedLines = Set(shared.split(separator: 10))
            let content = { (line: Data) in line.last == 13 ? line.dropLast() : line }
            let sharedContents = Set(sharedLines.map(content))
            let kept = now.split(separator: 10).filter { content($0).count > 0 && sharedContents.contains(content($0)) }
            #expect(kept.count > 100)
            #expect(kept.allSatisfy { sharedLines.contains($0) }, "a line's end changed")
            if !mixed { #expect(now.split(separator: 10).allSatisfy { $0.last == 13 }, "a line lost its CRLF") }
        }
    }
}
