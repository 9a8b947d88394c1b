import BeredningCore
import BeredningResources
import BeredningStore
import Foundation
import Testing

/// Two colleagues saving into one folder at once lose nothing, and a process killed in the
/// middle of a save leaves every file whole: the old content or the new, never a mix.
@Suite("Colleagues at the same time, and SIGKILL mid-save", .serialized)
struct ColleaguesAndCrashesTests {
    func writer(_ demo: DemoCopy, reviewer: String, commenter: String, mover: String, ops: Int, tag: String) throws -> Process {
        let process = Process()
        process.executableURL = Bered.binary
        process.arguments = ["bench", "writer", demo.path, "--reviewer", reviewer, "--commenter", commenter, "--mover", mover,
                             "--ops", String(ops), "--tag", tag]
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func load(_ demo: DemoCopy) throws -> StoreSnapshot {
        try FileStore(root: demo.root, coreCriteria: BundledResources.coreCriteria()).load()
    }

    /// Whole and unmixed: every file parses, and a review's parts all come from one save.
    func expectWhole(_ demo: DemoCopy, _ note: String) throws {
        let snapshot = try load(demo)
        #expect(snapshot.allProblems.isEmpty, "\(note): \(snapshot.allProblems.map { "\($0.file):\($0.line ?? 0)" })")
        for dossier in snapshot.dossiers {
            for review in dossier.reviews where review.summary.range(of: #"^[A-Z][0-9]*-[0-9]+$"#, options: .regularExpression) != nil {
                #expect(review.assessments.values.allSatisfy { $0.comment == review.summary }, "\(note): a mixed review in \(dossier.application.id)")
            }
        }
    }

    @Test func twoWritersSavingAtOnceLoseNothing() throws {
        let demo = try DemoCopy()
        let a = try writer(demo, reviewer: "anna", commenter: "sara", mover: "lars", ops: 500, tag: "A")
        let b = try writer(demo, reviewer: "bengt", commenter: "omar", mover: "karin", ops: 500, tag: "B")
        let outputs = [a, b].map { process -> [String] in
            let data = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        let lines = outputs.flatMap { $0 }
        #expect(lines.count == 1000 - lines.filter { $0.hasPrefix("skip") }.count || lines.count <= 1000)
        let snapshot = try load(demo)
        #expect(snapshot.allProblems.isEmpty)

        // Every comment that was saved is there, once.
        let comments = Set(snapshot.dossiers.flatMap { $0.comments.map(\.text) })
        let saved = lines.filter { $0.hasPrefix("comment ") }.map { String($0.split(separator: " ")[3]) }
        #expect(saved.count >= 300)
        #expect(saved.allSatisfy(comments.contains))
        #expect(snapshot.dossiers.flatMap(\.comments).filter { $0.text.hasPrefix("A-") || $0.text.hasPrefix("B-") }.count == saved.count)

        // Each review file holds its writer's last save.
        for output in outputs {
            var last: [String: String] = [:]
            for line in output where line.hasPrefix("review ") {
                let parts = line.split(separator: " ").map(String.init)
                last[parts[1] + "/" + parts[2]] = parts[3]
            }
            #expect(!last.isEmpty)
            for (key, stamp) in last {
                let parts = key.split(separator: "/").map(String.init)
                let review = snapshot.entry(ApplicationID(parts[0])!)?.dossier?.review(by: MemberID(parts[1])!)
                #expect(review?.summary == stamp, "\(key)")
            }
        }

        // Every move that succeeded is in the history, and the file holds the last one.
        let moves = lines.filter { $0.hasPrefix("move ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(!moves.isEmpty)
        let store = FileStore(root: demo.root, coreCriteria: try BundledResources.coreCriteria())
        for id in Set(moves.map { $0[1] }) {
            let events = store.history(of: ApplicationID(id)!).events.filter { $0.kind == .moved || $0.kind == .overridden }
            for move in moves where move[1] == id {
                #expect(events.contains { $0.details.contains(move[3]) }, "\(move) is missing from the history")
            }
            let lastMove = events.last { event in moves.contains { $0[1] == id && event.details.contains($0[3]) } }
            let state = snapshot.entry(ApplicationID(id)!)?.dossier?.application.state.rawValue
            #expect(lastMove.map { $0.details.contains("→ " + (state ?? "?")) } == true, "\(id): \(state ?? "?")")
        }
    }

    @Test func killedWithSIGKILLMidSaveAThousandTimesEveryFileIsWhole() throws {
        let demo = try DemoCopy()
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<1000 {
            let process = try writer(demo, reviewer: round % 2 == 0 ? "anna" : "cecilia", commenter: "sara", mover: round % 2 == 0 ? "lars" : "karin",
                                     ops: 100_000, tag: "K\(round)")
            // Starting takes some milliseconds; the kill lands anywhere in the saves after that.
            usleep(UInt32.random(in: 15_000...45_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }
            if round % 25 == 0 || round == 999 { try expectWhole(demo, "round \(round)") }
        }
        #expect(kills > 900)
        try expectWhole(demo, "at the end")
        // What the killed processes left: temporary files, hidden, never taken for records.
        let leftovers = FileManager.default.enumerator(atPath: demo.path)!.compactMap { $0 as? String }.filter { $0.contains(".tmp-") }
        #expect(leftovers.allSatisfy { ($0 as NSString).lastPathComponent.hasPrefix(".") })
    }
}
