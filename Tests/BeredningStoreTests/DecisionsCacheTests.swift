import BeredningCore
@testable import BeredningExport
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The decisions list reuses the rows of unchanged applications; these tests change files in
/// every way a colleague, a sync or a hand edit does, and expect the export to see it at once.
@Suite("The decisions cache never shows a stale row")
struct DecisionsCacheTests {
    /// Later than every file's stamps, so every row may be kept (the settle window is over).
    let later = Date().addingTimeInterval(60)

    final class World {
        let store: TestStore
        let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("bered-cache-\(UUID().uuidString)")
        var cache: DecisionsCache { DecisionsCache(store: store.root, environment: ["XDG_CACHE_HOME": cacheHome.path]) }

        init() throws { store = try TestStore() }
        deinit { try? FileManager.default.removeItem(at: cacheHome) }

        /// The CSV read through the cache, and how many rows it reused.
        func export(now: Date) throws -> (csv: String, reused: Int) {
            let (rows, reused) = try cache.rows(store.store, now: now)
            return (DecisionsCSV.render(rows, catalog: catalog), reused)
        }

        var fresh: String { DecisionsCSV.render(try! store.load(), catalog: catalog) }
    }

    @Test func aSecondExportReusesEveryRowAndSaysTheSame() throws {
        let world = try World()
        let first = try world.export(now: later)
        #expect(first.reused == 0)
        let second = try world.export(now: later)
        #expect(second.reused == 1)  // the demo has one decided application, 2026-006
        #expect(second.csv == first.csv && second.csv == world.fresh)
    }

    /// A hand edit in place, the same length, with the modification time put back as it was:
    /// only the change time tells, and it is enough.
    @Test func anEditInPlaceOfTheSameSizeWithTheOldTimeIsSeen() throws {
        let world = try World()
        let first = try world.export(now: later).csv
        let path = world.store.root.appendingPathComponent("2026-006/reviews/anna.toml").path
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        let text = try world.store.read("2026-006/reviews/anna.toml")
        let changed = text.replacingOccurrences(of: "[scores.problem]\nscore = 3", with: "[scores.problem]\nscore = 1")
        #expect(changed != text && changed.utf8.count == text.utf8.count)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(changed.utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: path)
        let after = try world.export(now: later.addingTimeInterval(60))
        #expect(after.reused == 0)
        #expect(after.csv == world.fresh && after.csv != first)
    }

    @Test func aColleaguesSaveANewReviewAndARemovedOneAreSeen() throws {
        let world = try World()
        let original = try world.export(now: later).csv
        // A save is a new file renamed into place (a new inode), as `bered sync` or a share does.
        let bengt = try world.store.read("2026-006/reviews/bengt.toml")
        try AtomicFile.write(Data(bengt.replacingOccurrences(of: "score = 4", with: "score = 2").utf8),
                             to: world.store.root.appendingPathComponent("2026-006/reviews/bengt.toml"))
        let saved = try world.export(now: later.addingTimeInterval(60))
        #expect(saved.reused == 0 && saved.csv == world.fresh && saved.csv != original)
        try FileManager.default.removeItem(at: world.store.root.appendingPathComponent("2026-006/reviews/cecilia.toml"))
        let removed = try world.export(now: later.addingTimeInterval(120))
        #expect(removed.reused == 0 && removed.csv == world.fresh && removed.csv != saved.csv)
    }

    @Test func changedFundSettingsReadEveryRowAnew() throws {
        let world = try World()
        _ = try world.export(now: later)
        let settings = try world.store.read("bered.toml")
        try world.store.write("bered.toml", settings.replacingOccurrences(of: "reviews_needed = 3", with: "reviews_needed = 2"))
        let after = try world.export(now: later.addingTimeInterval(60))
        #expect(after.reused == 0)
        #expect(after.csv.contains(";3;2\r\n") && after.csv == world.fresh)
    }

    @Test func aDecisionTakenAwayLeavesTheList() throws {
        let world = try World()
        #expect(try world.export(now: later).csv.contains("2026-006"))
        try FileManager.default.removeItem(at: world.store.root.appendingPathComponent("2026-006/decision.toml"))
        #expect(!(try world.export(now: later).csv.contains("2026-006")))
    }

    /// A file changed in the last two seconds may change again within the same tick of the
    /// file system's clock, so its row is not kept at all.
    @Test func aRowFromFilesChangedJustNowIsNotKept() throws {
        let world = try World()
        _ = try world.export(now: Date())  // the demo copy was written a moment ago
        #expect(try world.export(now: Date()).reused == 0)
    }

    @Test func aDamagedCacheFileIsIgnored() throws {
        let world = try World()
        _ = try world.export(now: later)
        for damage in ["", "bered-decisions-cache 1\nx\n", "bered-decisions-cache 999\n", String(repeating: "\t", count: 40) + "\n"] {
            let file = try #require(try FileManager.default.contentsOfDirectory(at: world.cacheHome.appendingPathComponent("bered"), includingPropertiesForKeys: nil).first)
            try Data(damage.utf8).write(to: file)
            let after = try world.export(now: later)
            #expect(after.reused == 0 && after.csv == world.fresh, "\(damage.debugDescription)")
        }
    }

    /// Any byte of the cache file changed: the file is not trusted, the export is as fresh.
    @Test func randomDamageToTheCacheFileNeverReachesTheExport() throws {
        let world = try World()
        _ = try world.export(now: later)
        let file = try #require(try FileManager.default.contentsOfDirectory(at: world.cacheHome.appendingPathComponent("bered"), includingPropertiesForKeys: nil).first)
        let good = try Data(contentsOf: file)
        var rng = SplitMix64(seed: 6)
        for _ in 0..<200 {
            var damaged = good
            for _ in 0..<(1 + rng.below(3)) {
                let index = rng.below(damaged.count)
                damaged[index] = damaged[index] ^ UInt8(1 + rng.below(255))
            }
            try damaged.write(to: file)
            let after = try world.export(now: later)
            #expect(after.reused == 0 && after.csv == world.fresh)
        }
    }

    /// Rows kept by a bered whose CSV had other columns are never shown in the new list,
    /// even when the file is whole and its stamps all match.
    @Test func aCacheOfAnEarlierRowFormatIsNotUsed() throws {
        let world = try World()
        _ = try world.export(now: later)
        let file = try #require(try FileManager.default.contentsOfDirectory(at: world.cacheHome.appendingPathComponent("bered"), includingPropertiesForKeys: nil).first)
        let text = try String(contentsOf: file, encoding: .utf8)
        var body = String(text[..<text.dropLast().lastIndex(of: "\n")!]) + "\n"
        #expect(body.hasPrefix("bered-decisions-cache 2\n"))
        body = body.replacingOccurrences(of: "bered-decisions-cache 2\n", with: "bered-decisions-cache 1\n")
            .replacingOccurrences(of: "\t2026=400000,2027=550000,2028=500000\t", with: "\t2026: 400000, 2027: 550000, 2028: 500000\t")
        try Data((body + DecisionsCache.checksum(body) + "\n").utf8).write(to: file)
        #expect(DecisionsCache.decode(body + DecisionsCache.checksum(body) + "\n") == nil)
        let after = try world.export(now: later)
        #expect(after.reused == 0 && after.csv == world.fresh)
    }

    @Test func textsWithTabsLineBreaksAndBackslashesComeBackWhole() throws {
        let row = try #require(DecisionsCSV.Row(fields: ["2026-001", "Titel\tmed tab", "Sökande\\n inte en radbrytning", "approved", "ks",
                                                         "2026-01-01", "KS\r\n1", "approve", "100", "2026=40,2027=60", "Rad 1\nRad 2\\", "", "",
                                                         String((3.0 / 7.0).bitPattern, radix: 16), "2", "3"]))
        let stamp = FileStamp(path: "2026-001/application.toml", size: 10, modified: 1, changed: 2, inode: 3)
        let contents = DecisionsCache.Contents(program: "1-2", settings: stamp, entries: ["2026-001": .init(stamps: [stamp, stamp], row: row)])
        let back = try #require(DecisionsCache.decode(DecisionsCache.encode(contents)))
        #expect(back.entries["2026-001"]?.row == row && back.entries["2026-001"]?.stamps == [stamp, stamp])
        #expect(back.entries["2026-001"]?.row.meanScore == 3.0 / 7.0)
        #expect(back.entries["2026-001"]?.row.grants == [.init(year: 2026, amount: 40), .init(year: 2027, amount: 60)])
        #expect(back.settings == stamp && back.program == "1-2")
    }
}
