import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import BeredningTUI
import Foundation

/// Measurement helpers for `Scripts/benchmark.py`; hidden from `--help` because they are for
/// people measuring the tool, not for people reviewing applications.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the tool on a large store (see Scripts/benchmark.py).",
        shouldDisplay: false,
        subcommands: [Generate.self, Floor.self, FirstScreen.self, Keys.self, Typing.self, Writer.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a store of N generated applications, the same for the same seed.")
        @Argument(help: "The folder to create.") var folder: String
        @Option(help: "How many applications.") var count = 1000
        @Option(help: "The seed.") var seed: UInt64 = 1
        @OptionGroup var options: CommonOptions

        func run() throws {
            let context = try options.context()
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            guard existing.isEmpty else { throw ValidationError("\(folder) is not empty; the generator writes only into a new folder") }
            let template = try context.snapshot(BundledResources.demoStore.path)
            var generator = StoreGenerator(template: template, seed: seed)
            try generator.write(count: count, to: URL(fileURLWithPath: folder))
        }
    }

    /// The floor the first screen is compared with: every byte of every file read, nothing done with it.
    struct Floor: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read every file of a folder and print the seconds, files and bytes.")
        @Argument var folder: String

        func run() throws {
            let start = Date()
            var files = 0, bytes = 0
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let path = enumerator?.nextObject() as? String {
                let fd = Glibc.open(folder + "/" + path, O_RDONLY)
                guard fd >= 0 else { continue }
                var isFile = false
                while true {
                    let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                    if n <= 0 { break }
                    isFile = true
                    bytes += n
                }
                close(fd)
                if isFile { files += 1 }
            }
            print(String(format: "{\"seconds\": %.4f, \"files\": %d, \"bytes\": %d}", Date().timeIntervalSince(start), files, bytes))
        }
    }

    /// What `bered open` does up to its first frame, without a terminal: the process is timed from outside.
    struct FirstScreen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load the store, draw the first list into a screen buffer and print it.")
        @Argument var store: String
        @Option var width = 120
        @Option var height = 40
        @Flag(help: "Read the whole store first, as the interface does in the background.") var all = false
        @OptionGroup var options: MemberOptions

        func run() throws {
            let (context, snapshot, who) = try options.openOptional(store, reading: all ? .all : .first(Interface.firstScreenRows))
            let state = AppState(snapshot: snapshot, member: who, catalog: context.catalog, width: width, height: height)
            print(Frame.render(state).text)
        }
    }

    /// The cost of one key press in the list: update plus render into the screen buffer.
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time key presses in the list and print median and p99 in milliseconds, as JSON.")
        @Argument var store: String
        @Option var presses = 200
        @OptionGroup var options: MemberOptions

        func run() throws {
            let (context, snapshot, who) = try options.open(store)
            let base = AppState(snapshot: snapshot, member: who, catalog: context.catalog, width: 120, height: 40)
            var results: [String] = []
            for (name, keys) in Keys.scenarios(presses) {
                var state = base
                var times: [Double] = []
                for key in keys {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = state.update(.key(key))
                    _ = Frame.render(state)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                times.sort()
                let median = times[times.count / 2], p99 = times[min(times.count - 1, times.count * 99 / 100)]
                results.append(String(format: "\"%@\": {\"median_ms\": %.3f, \"p99_ms\": %.3f, \"presses\": %d}", name, median, p99, times.count))
            }
            print("{" + results.joined(separator: ", ") + "}")
        }

        /// Moving down, typing a filter (and clearing it again), sorting by each column in turn.
        static func scenarios(_ presses: Int) -> [(String, [Key])] {
            let move = Array(repeating: Key.down, count: presses)
            var filter: [Key] = []
            while filter.count < presses {
                filter += [.char("/")] + "fotosyntes".map { Key.char($0) } + [.escape]
            }
            let sort = (0..<presses).map { Key.char(Character(String($0 % 8 + 1))) }
            return [("move", move), ("filter", filter), ("sort", sort)]
        }
    }

    /// The cost of long texts in a form: a paste as the terminal delivers it (one text event),
    /// a key typed into a long text, and drawing that form. A youth-panel member's comment form
    /// on the demo store, so it needs no store of its own.
    struct Typing: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time a 100 KB paste, a key in a 50 KB text and drawing it; print medians in milliseconds, as JSON.")
        @Option var runs = 9
        @Option var presses = 100
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try common.context()
            let snapshot = try context.snapshot(BundledResources.demoStore.path)
            guard let panel = snapshot.config.members.first(where: { $0.role == .youthPanel }) else { throw ValidationError("the demo store has no youth panel") }
            var form = AppState(snapshot: snapshot, member: panel, catalog: context.catalog, width: 100, height: 40)
            _ = form.update(.key(.char("c")))
            let paste = Typing.prose(bytes: 100_000), half = Typing.prose(bytes: 50_000)
            let word = String(repeating: "x", count: 50_000)

            func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }
            func time(_ work: () -> Void) -> Double {
                let start = DispatchTime.now().uptimeNanoseconds
                work()
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            }
            let pasteTimes = (0..<runs).map { _ in
                var state = form
                return time { _ = state.update(.text(paste)); _ = Frame.render(state) }
            }
            /// A key typed into the middle of a long text, then the frame drawn, as a person types.
            func keys(into text: String) -> (key: Double, render: Double) {
                var state = form
                _ = state.update(.text(text))
                for _ in 0..<200 { _ = state.update(.key(.left)) }
                var keyTimes: [Double] = [], renderTimes: [Double] = []
                for n in 0..<presses {
                    keyTimes.append(time { _ = state.update(.key(.char(n % 7 == 0 ? " " : "a"))) })
                    renderTimes.append(time { _ = Frame.render(state) })
                }
                return (median(keyTimes), median(renderTimes))
            }
            let prose = keys(into: half), long = keys(into: word)
            // Wrapping a read-only text (the application view, a saved comment) with one long word.
            let wrapTimes = (0..<runs).map { _ in time { _ = Wrap.lines(word, width: 72) } }
            // The application form on the fullest demo application: every key reads the whole form
            // again and runs the checks, so its cost is that of the application, and of a long text in it.
            guard let coordinator = snapshot.config.members.first(where: { $0.role == .coordinator }) else { throw ValidationError("the demo store has no coordinator") }
            var edit = AppState(snapshot: snapshot, member: coordinator, catalog: context.catalog, width: 100, height: 40)
            edit.now = Date()
            _ = edit.startOnForm(edit: ApplicationID("2026-001"), idea: false, title: "")
            for _ in 0..<5 { _ = edit.update(.key(.tab)) }  // to the problem's description, a long text
            var formKeys: [Double] = [], formRenders: [Double] = []
            var typing = edit
            for n in 0..<presses {
                formKeys.append(time { _ = typing.update(.key(.char(n % 7 == 0 ? " " : "a"))) })
                formRenders.append(time { _ = Frame.render(typing) })
            }
            let formPaste = (0..<runs).map { _ in
                var state = edit
                return time { _ = state.update(.text(paste)); _ = Frame.render(state) }
            }
            var long50 = edit
            _ = long50.update(.text(half))
            let formKeys50 = (0..<presses).map { n in time { _ = long50.update(.key(.char(n % 7 == 0 ? " " : "a"))) } }
            print(String(format: "{\"paste_100kb_ms\": %.3f, \"key_in_50kb_ms\": %.3f, \"render_50kb_ms\": %.3f, \"key_in_50kb_word_ms\": %.3f, \"render_50kb_word_ms\": %.3f, \"wrap_50kb_word_ms\": %.3f, \"form_key_ms\": %.3f, \"form_render_ms\": %.3f, \"form_paste_100kb_ms\": %.3f, \"form_key_in_50kb_ms\": %.3f}",
                         median(pasteTimes), prose.key, prose.render, long.key, long.render, median(wrapTimes),
                         median(formKeys), median(formRenders), median(formPaste), median(formKeys50)))
        }

        /// Swedish-looking prose of about `bytes` bytes: words, sentences and a paragraph now and then.
        static func prose(bytes: Int) -> String {
            let words = ["barnen", "familjen", "insatsen", "skolan", "socialtjänsten", "tidigt", "stöd", "år", "kostnaden", "effekten", "mäts", "varje"]
            var text = "", n = 0
            while text.utf8.count < bytes {
                text += words[n % words.count]
                n += 1
                text += n % 97 == 0 ? ".\n\n" : n % 11 == 0 ? ". " : " "
            }
            return text
        }
    }

    /// A colleague saving as fast as it can: reviews, youth comments and moves, in turn, each
    /// read fresh from disk first. Prints one line per save that succeeded, so a test running
    /// two of these at once (or killing one mid-save) can check that nothing was lost or mixed.
    struct Writer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Save reviews, comments and moves in a loop; print each one that succeeded.")
        @Argument var store: String
        @Option var reviewer: String
        @Option var commenter: String
        @Option var mover: String
        @Option var ops = 500
        @Option var tag = "A"
        @OptionGroup var options: CommonOptions

        func run() throws {
            let context = try options.context()
            let fileStore = context.store(store)
            let config = try fileStore.loadConfig()
            guard let reviewer = config.member(MemberID(reviewer) ?? MemberID("x")!), let commenter = config.member(MemberID(commenter) ?? MemberID("x")!),
                  let mover = config.member(MemberID(mover) ?? MemberID("x")!) else { throw ValidationError("unknown member") }
            let ids = try fileStore.load().entries.compactMap { ApplicationID($0.folder) }
            // Unbuffered: a killed writer's output must still list every save it finished.
            func report(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
            for op in 0..<ops {
                let id = ids[op / 3 % ids.count]
                guard let dossier = fileStore.loadEntry(id, config: config).dossier else { continue }
                let stamp = "\(tag)-\(op)"
                do throws(StoreError) {
                    switch op % 3 {
                    case 0 where !dossier.hasConflict(reviewer.id):
                        var review = dossier.review(by: reviewer.id) ?? Review(applicationID: id, reviewer: reviewer.id)
                        review.status = .draft
                        review.summary = stamp
                        for criterion in config.criteria.all { review.assessments[criterion.id] = Assessment(score: .points(3), comment: stamp) }
                        try fileStore.save(review, by: reviewer, in: dossier, config: config, now: Date())
                        print("review \(id) \(reviewer.id) \(stamp)")
                    case 1:
                        let comment = YouthComment(applicationID: id, author: commenter.id, time: Date(), about: .whole, text: stamp)
                        try fileStore.save(comment, by: commenter)
                        print("comment \(id) \(commenter.id) \(stamp)")
                    case 2:
                        guard let move = Workflow.available(for: mover, dossier: dossier, config: config).first(where: { $0 != .approve && $0 != .reject }) else { continue }
                        let moved = try fileStore.move(dossier, move, by: mover, config: config, reason: stamp, override: stamp, now: Date())
                        print("move \(id) \(moved.state.rawValue) \(stamp)")
                    default:
                        continue
                    }
                } catch {
                    // Refusals (a colleague's change in between, a held lock) are expected here.
                    print("refused \(id) \(stamp)")
                }
            }
        }
    }
}
