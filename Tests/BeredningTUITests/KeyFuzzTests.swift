import BeredningCore
import BeredningResources
import BeredningStore
import BeredningSync
@testable import BeredningTUI
import Foundation
import Testing

/// The domain's SplitMix64 (the same sequence for the same seed on every machine, so a
/// failure replays with `BERED_FUZZ_SEED=<seed>`), with the two draws the fuzzer needs.
extension SplitMix64 {
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random events into `AppState`, answered the way `TerminalApp` answers commands, with the
/// frame drawn after every event and the interface's promises checked each time.
struct KeyFuzzer {
    static let members: [String?] = [nil, "anna", "bengt", "cecilia", "sara", "omar", "karin", "lars"]

    // MARK: What can arrive

    /// Keys people press most, so runs get past the list into the forms.
    static let commandChars: [Character] = Array("pcnexdmHqgGjkhlvsS/?12345678abrouyLAwfyt ")
    static let otherChars: [Character] = Array("ABCDEFIJKMNOPQRTUVWXYZitz09.,;:-_=+*'\"#%&()[]{}<>|\\@$€§½åäöÅÄÖéüßøæ")
        + ["😀", "👩‍👩‍👧", "中", "ｗ", "e\u{0301}", "\u{200B}", "\u{FEFF}", "\u{00AD}"]
    /// What the backend turns Ctrl-@, Ctrl-\, Ctrl-], Ctrl-^ and Ctrl-_ into, and a C1 control.
    static let controlChars: [Character] = ["\u{0}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{1F}", "\u{9B}", "\u{85}"]
    static let namedKeys: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right,
                                   .home, .end, .pageUp, .pageDown, .ctrlLeft, .ctrlRight]

    static func randomKey(_ rng: inout SplitMix64) -> Key {
        switch rng.below(100) {
        case 0..<32: return .char(rng.pick(commandChars))
        case 32..<40: return .char(rng.pick(otherChars))
        case 40..<41: return .char(rng.pick(controlChars))
        case 41..<76: return rng.pick(namedKeys)
        case 76..<90:
            // Ctrl keys, with the ones that save, leave and quit more often.
            let frequent: [Character] = ["s", "o", "n", "e", "c", "u", "w", "k", "a", "l", "z", "r", "b", "f"]
            return .ctrl(rng.chance(60) ? rng.pick(frequent) : Character(Unicode.Scalar(UInt8(97 + rng.below(26)))))
        case 90..<95: return .alt(rng.pick(["b", "f", "d", "x", "å", "\u{1B}"] as [Character]))
        default: return .function(rng.chance(50) ? 1 : 1 + rng.below(12))
        }
    }

    static let pastePieces = ["Hej", " ", "\n", "\t", "\r\n", "åäö ÅÄÖ", "2027=450000, 2028=500 000", "😀", "👩‍👩‍👧", "中文字",
                              "e\u{0301}", "\u{1B}[31m", "\u{0}", "\u{7F}", "\u{9B}", "state:beredning", "evidens<3", "todo:me",
                              String(repeating: "x", count: 120), "2026-13-45", "KS 2026/88"]

    static func randomPaste(_ rng: inout SplitMix64) -> String {
        (0..<rng.below(8)).map { _ in rng.pick(pastePieces) }.joined()
    }

    // MARK: The stores a reload may bring (colleagues change the folder meanwhile)

    static let snapshots: [StoreSnapshot] = {
        func with(_ change: (inout [StoreEntry]) -> Void) -> StoreSnapshot {
            var entries = demo.entries
            change(&entries)
            return StoreSnapshot(root: demo.root, config: demo.config, entries: entries, problems: [])
        }
        func setState(_ id: String, _ state: ApplicationState) -> (inout [StoreEntry]) -> Void {
            { entries in
                let index = entries.firstIndex { $0.folder == id }!
                var dossier = entries[index].dossier!
                dossier.application.state = state
                entries[index] = StoreEntry(folder: id, dossier: dossier, problems: [])
            }
        }
        return [
            demo,
            with(setState("2026-002", .forwarded)),
            with(setState("2026-001", .returned)),
            with { $0.removeAll { $0.folder == "2026-001" || $0.folder == "2026-006" } },
            with { $0 = Array($0.prefix(1)) },
            with { $0 = [] },
            with { entries in
                entries[2] = StoreEntry(folder: "2026-003", dossier: nil,
                                        problems: [FileProblem(file: "2026-003/application.toml", line: 4, message: Message(.storeMissingFile))])
            },
            with { entries in
                for index in 3..<entries.count { entries[index] = StoreEntry(folder: entries[index].folder, dossier: nil, problems: [], isPending: true) }
            },
        ]
    }()

    // MARK: One run

    struct Failure: Error, CustomStringConvertible {
        let seed: UInt64
        let member: String?
        let index: Int
        let what: String
        let recent: [String]
        var description: String {
            "seed \(seed) (\(member ?? "no member yet")), event \(index): \(what)\n  replay: BERED_FUZZ_SEED=\(seed)\n  last events:\n    "
                + recent.joined(separator: "\n    ")
        }
    }

    let seed: UInt64
    var rng: SplitMix64
    let memberID: String?
    var state: AppState
    var recent: [String] = []
    var index = 0
    var clock = 1_780_000_000.0
    /// Cells holding a control character, which a terminal would act on rather than show.
    var controlCells: [String] = []

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
        memberID = KeyFuzzer.members[Int(seed % UInt64(KeyFuzzer.members.count))]
        let snapshot = rng.chance(70) ? demo : rng.pick(KeyFuzzer.snapshots)
        let width = rng.chance(60) ? 80 : 20 + rng.below(181)
        let height = rng.chance(60) ? 24 : 5 + rng.below(56)
        state = AppState(snapshot: snapshot, member: memberID.map(member), catalog: rng.chance(80) ? sv : en, otherCatalog: en,
                         width: width, height: height)
        state.now = Date(timeIntervalSince1970: clock)
    }

    mutating func randomEvent() -> Event {
        // While the store is still being read, the runtime delivers the rest whenever it is ready.
        if !state.snapshot.isComplete && rng.chance(5) {
            return rng.chance(80) ? .reloaded(demo) : .failed(["Det gick inte att läsa 2026-004."])
        }
        // A filter being typed gets pasted into more often than other screens.
        if state.list.filtering && state.current == nil && rng.chance(15) { return .text(KeyFuzzer.randomPaste(&rng)) }
        switch rng.below(100) {
        case 0..<3: return .resize(width: 20 + rng.below(181), height: 5 + rng.below(56))
        case 3..<6: return .text(KeyFuzzer.randomPaste(&rng))
        default: return .key(KeyFuzzer.randomKey(&rng))
        }
    }

    /// Runs `count` events; returns how many were delivered, or the first broken promise.
    mutating func run(events count: Int) -> Result<Int, Failure> {
        do {
            try check(after: "start")
            for _ in 0..<count {
                let event = randomEvent()
                try deliver(event, label: "\(event)")
            }
            return .success(index)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(seed: seed, member: memberID, index: index, what: "\(error)", recent: recent))
        }
    }

    mutating func deliver(_ event: Event, label: String) throws {
        index += 1
        recent.append(label.count > 160 ? String(label.prefix(160)) + "…" : label)
        if recent.count > 25 { recent.removeFirst() }
        clock += Double(1 + rng.below(90))
        state.now = Date(timeIntervalSince1970: clock)
        let before = state
        var queue = state.update(event)
        var answered = 0
        // As TerminalApp does: every command answered, then one frame drawn.
        while !queue.isEmpty {
            let command = queue.removeFirst()
            try allowed(command, before: before, after: state)
            guard let answer = respond(to: command) else { continue }
            answered += 1
            guard answered < 50 else { throw fail("more than 50 commands from one event: \(command)") }
            index += 1
            recent.append("  ← \(String(describing: answer).prefix(120))")
            if recent.count > 25 { recent.removeFirst() }
            try checkSelection()
            let beforeAnswer = state
            let more = state.update(answer)
            for next in more { try allowed(next, before: beforeAnswer, after: state) }
            queue += more
        }
        try check(after: label)
    }

    func checkSelection() throws {
        let rows = state.listRows.count
        if rows == 0 ? state.list.selection != 0 : !(0..<rows).contains(state.list.selection) {
            throw fail("selection \(state.list.selection) in a list of \(rows) (filter \(state.list.filter.debugDescription))")
        }
        if state.list.top < 0 { throw fail("list top \(state.list.top)") }
    }

    func fail(_ what: String) -> Failure { Failure(seed: seed, member: memberID, index: index, what: what, recent: recent) }

    // MARK: The runtime's answers (TerminalApp.run)

    mutating func respond(to command: Command) -> Event? {
        let fails = rng.chance(15)
        switch command {
        case .quit, .suspend, .discardDraft:
            // The runtime would end or suspend; the state must stay usable either way.
            return nil
        case .reload:
            return .reloaded(rng.chance(75) ? state.snapshot : rng.pick(KeyFuzzer.snapshots))
        case .saveReview(let review):
            guard state.dossier(review.applicationID) != nil, !fails else { return .failed(["Det gick inte att spara: disken är full."]) }
            return .saved(Message(review.status == .complete ? .uiSavedComplete : .uiSavedDraft))
        case .saveComment:
            return fails ? .failed(["Det gick inte att spara."]) : .saved(Message(.uiSavedComment))
        case .saveConflict(let conflict):
            return fails ? .failed(["Det gick inte att spara."]) : .saved(Message(.conflictDeclaredDone, ["application": .text(conflict.applicationID.description)]))
        case .withdrawConflict(let id):
            return fails ? .failed([]) : .saved(Message(.conflictWithdrawnDone, ["member": "x", "application": .text(id.description)]))
        case .move(let id, let transition, _, _, _):
            guard state.dossier(id) != nil, !fails else { return .failed(["Flytten nekades."]) }
            return .saved(Message(.workflowMoved, ["id": .text(id.description), "state": .message(transition.to.label)]))
        case .recordDecision(let id, let decision):
            guard state.dossier(id) != nil, !fails else { return .failed([]) }
            return .saved(Message(.decisionRecorded, ["id": .text(id.description), "outcome": .message(decision.outcome.label)]))
        case .recordFollowUp(let followUp):
            guard state.dossier(followUp.applicationID) != nil, !fails else { return .failed([]) }
            return .saved(Message(.followUpRecorded, ["id": .text(followUp.applicationID.description), "date": .text(followUp.date.description)]))
        case .saveApplication(let application, let basis):
            guard !fails else { return rng.chance(50) ? .failed(["Det gick inte att spara."]) : .stale(["Någon annan har ändrat filen."]) }
            return .saved(basis == nil ? Message(.appformRegistered, ["id": "2026-099"])
                          : Message(.appformSaved, ["id": .text(application.id.description), "count": "1"]))
        case .export:
            return fails ? .failed(["Permission denied"]) : .saved(Message(.exportDone, ["path": .text("/tmp/exports/beslut.csv")]))
        case .loadHistory(let id):
            let events = (0..<rng.below(40)).map { n in
                HistoryEvent(time: Date(timeIntervalSince1970: 1_770_000_000 + Double(n) * 3600), member: MemberID(rng.pick(["anna", "lars", "sara", "okand"]))!,
                             role: rng.pick(Role.allCases), kind: rng.pick(HistoryEvent.Kind.allCases), details: KeyFuzzer.randomPaste(&rng))
            }
            return .historyLoaded(rng.chance(90) ? id : ApplicationID("2026-099")!, events)
        case .sync:
            let conflicts = (0..<(1 + rng.below(3))).map { _ in
                SyncConflict(path: rng.pick(["2026-003/application.toml", "2026-006/decision.toml", "bered.toml", "x/y"]),
                             mine: rng.chance(80) ? "title = \"" + KeyFuzzer.randomPaste(&rng) + "\"\n" : nil,
                             theirs: rng.chance(80) ? KeyFuzzer.randomPaste(&rng) : nil)
            }
            let kept = [URL(fileURLWithPath: "/tmp/kept/" + KeyFuzzer.randomPaste(&rng))]
            switch rng.below(6) {
            case 0: return .synced(.synced(committed: rng.chance(50) ? "abc1234" : nil, received: rng.below(5), sent: rng.below(5)))
            case 1: return .synced(.offline(committed: "abc1234", detail: KeyFuzzer.randomPaste(&rng)))
            case 2: return .synced(.conflicts(conflicts, committed: nil))
            case 3: return .synced(.resolved(keptAside: kept, then: .synced(committed: nil, received: 1, sent: 0)))
            case 4: return .synced(.failed(Message(.syncGitFailed), detail: KeyFuzzer.randomPaste(&rng)))
            default: return .synced(.notShared(Message(.syncNoRemote)))
            }
        case .openEditor(let text):
            switch rng.below(3) {
            case 0: return .editorFinished(nil)
            case 1: return .editorFinished(text + KeyFuzzer.randomPaste(&rng))
            default: return .editorFinished(KeyFuzzer.randomPaste(&rng))
            }
        }
    }

    // MARK: The promises

    /// A command must be one a user action on the screen in front of this member can produce.
    func allowed(_ command: Command, before: AppState, after: AppState) throws {
        let role = before.member?.role
        let front = before.stack.last
        switch command {
        case .quit, .suspend, .reload, .discardDraft:
            return
        case .saveReview(let review):
            guard role == .preparationGroup, review.reviewer == before.member?.id else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            if let dossier = before.dossier(review.applicationID), dossier.hasConflict(review.reviewer) { throw fail("a review despite a conflict: \(command)") }
            let onForm: ApplicationID? = if case .scoring(let f)? = front { f.applicationID } else { nil }
            guard onForm == review.applicationID else { throw fail("a review saved from \(String(describing: before.current))") }
        case .saveComment(let comment):
            guard role == .youthPanel, comment.author == before.member?.id else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            guard !comment.text.isBlank else { throw fail("an empty comment saved") }
            let onForm: ApplicationID? = if case .comment(let f)? = front { f.applicationID } else { nil }
            guard onForm == comment.applicationID else { throw fail("a comment saved from \(String(describing: before.current))") }
        case .saveConflict(let conflict):
            guard let role, role != .youthPanel, conflict.member == before.member?.id else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            guard !conflict.reason.isBlank else { throw fail("a conflict declared without a reason") }
            let onForm: ApplicationID? = if case .conflict(let f)? = front { f.applicationID } else { nil }
            guard onForm == conflict.applicationID || before.modal == .confirmLeave else { throw fail("a conflict declared from \(String(describing: before.current))") }
        case .withdrawConflict(let id):
            guard case .confirmWithdrawConflict(id)? = before.modal else { throw fail("a conflict withdrawn without asking") }
        case .move(let id, let transition, let reason, let override, let letter):
            let may: [Role: Set<Transition>] = [
                .steeringGroup: [.returnForCompletion, .forward],
                .coordinator: [.startPreparation, .toSteeringGroup, .resumePreparation, .approve, .reject, .sendFeedback,
                               .start, .closeImplemented, .closeEnded, .closeDiscontinued],
            ]
            guard let role, may[role]?.contains(transition) == true else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            guard override.isBlank || role == .coordinator else { throw fail("an override by \(role)") }
            if transition.needsReason && reason.isBlank && override.isBlank { throw fail("\(transition) without a reason") }
            if transition.sendsLetter {
                guard case .move(let s)? = front, let shown = s.letter, letter == SentLetter(shown) else { throw fail("feedback sent without the letter shown") }
            }
            let onScreen: ApplicationID? = if case .move(let s)? = front { s.applicationID } else { nil }
            guard onScreen == id else { throw fail("a move from \(String(describing: before.current))") }
        case .recordDecision(let id, let decision):
            guard role == .coordinator, decision.recordedBy == before.member?.id else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            let onForm: ApplicationID? = if case .decision(let f)? = front { f.applicationID } else { nil }
            guard onForm == id else { throw fail("a decision from \(String(describing: before.current))") }
        case .recordFollowUp(let followUp):
            // Only the coordinator, and only from the follow-up form of that application.
            guard role == .coordinator, followUp.recordedBy == before.member?.id else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            let onForm: ApplicationID? = if case .followUpForm(let f)? = front { f.applicationID } else { nil }
            guard onForm == followUp.applicationID else { throw fail("a follow-up from \(String(describing: before.current))") }
        case .saveApplication(let application, let basis):
            // Only the coordinator, only from the form, and only what the form reads as.
            guard role == .coordinator else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            guard case .applicationForm(let f)? = front else { throw fail("an application saved from \(String(describing: before.current))") }
            guard basis == f.basis, f.reading.problems.isEmpty, application == f.reading.application else { throw fail("an application saved that the form does not read as") }
        case .export(let kind):
            guard role == .coordinator else { throw fail("\(command) by \(role.map { "\($0)" } ?? "nobody")") }
            guard case .export(let options, _) = before.modal, options.contains(kind) else { throw fail("an export without the menu") }
        case .openEditor:
            switch before.current {
            case .scoring, .comment, .followUpForm, .applicationForm: break
            default: throw fail("the editor opened from \(String(describing: before.current))")
            }
        case .loadHistory(let id):
            guard case .history(let screen) = after.current, screen.applicationID == id else { throw fail("\(command) with \(String(describing: after.current)) in front") }
        case .sync(let choices):
            guard before.member != nil else { throw fail("a sync with no one at the keyboard") }
            if case .syncConflicts(let choice) = before.modal {
                guard Set(choices.keys) == Set(choice.conflicts.map(\.path)) else { throw fail("a sync choosing \(choices.keys) for \(choice.conflicts.map(\.path))") }
            } else {
                guard choices.isEmpty, before.current == nil, before.modal == nil else { throw fail("a sync from \(String(describing: before.current))") }
            }
        }
    }

    /// A failure's message without its numbers and quoted texts: what kind of promise broke.
    static func kind(of what: String) -> String {
        var kind = what.prefix(while: { $0 != "(" && $0 != ":" }).map { $0.isNumber ? "#" : String($0) }.joined()
        while kind.contains("##") { kind = kind.replacingOccurrences(of: "##", with: "#") }
        return kind.trimmingCharacters(in: .whitespaces)
    }

    /// C0 and C1 controls and DEL, found in the UTF-8 bytes (checked on every cell of every frame).
    static func hasControl(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return true }
            previous = byte
        }
        return false
    }

    /// The frame fits the terminal, and the list's selection is a row of the list.
    mutating func check(after label: String) throws {
        let buffer = Frame.render(state)
        guard buffer.width == state.width, buffer.height == state.height, buffer.cells.count == state.width * state.height else {
            throw fail("a \(buffer.width)×\(buffer.height) frame (\(buffer.cells.count) cells) for a \(state.width)×\(state.height) terminal")
        }
        // Screen readers follow the cursor: every frame has one, on the screen.
        guard let cursor = buffer.cursor else { throw fail("a frame without a cursor") }
        if !(0..<state.width).contains(cursor.x) || !(0..<state.height).contains(cursor.y) {
            throw fail("the cursor at \(cursor.x),\(cursor.y) outside \(state.width)×\(state.height)")
        }
        try checkSelection()
        if controlCells.count < 5, let n = buffer.cells.firstIndex(where: { KeyFuzzer.hasControl($0.text) }) {
            let text = buffer.cells[n].text
            let scalars = text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
            controlCells.append("seed \(seed) (\(memberID ?? "picker")), event \(index) (\(label.prefix(60))): \(scalars) drawn at \(n % state.width),\(n / state.width)")
        }
    }
}

@Suite("Random keys never break the interface")
struct KeyFuzzTests {
    @Test func randomKeySequencesForEveryMember() {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["BERED_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
        // A fixed start in CI, so a red build replays; a long run outside CI starts anywhere.
        let base: UInt64 = environment["BERED_FUZZ_SEED"].flatMap { UInt64($0) }
            ?? (environment["BERED_FUZZ_SECONDS"] == nil ? 0xBE4E_D000_0000_0001 : UInt64(Date().timeIntervalSince1970 * 1000))
        let seedFile = FileManager.default.temporaryDirectory.appendingPathComponent("bered-fuzz-current-seed")
        let deadline = Date().addingTimeInterval(seconds)
        var events = 0, runs = 0
        var failures: [KeyFuzzer.Failure] = []
        /// Failures by kind (numbers and quoted text left out), so one bug met a hundred times
        /// is reported once and the run goes on looking for others.
        var kinds: [String: Int] = [:]
        var controlCells: [String] = []
        var perMember: [String: Int] = [:]
        var screens: Set<String> = []
        // About `seconds`, and on a loaded machine (every suite at once on two cores) longer,
        // up to five times as long, until the run has delivered enough events to mean something.
        let start = Date()
        let hardStop = start.addingTimeInterval(max(seconds * 5, 10))
        while (Date() < deadline || (events <= 1000 && Date() < hardStop)) && kinds.count < 20 {
            let seed = base &+ UInt64(runs)
            // Written before each run: a crash leaves the seed to replay behind.
            try? Data("\(seed)\n".utf8).write(to: seedFile)
            var fuzzer = KeyFuzzer(seed: seed)
            let length = 20 + fuzzer.rng.below(230)
            switch fuzzer.run(events: length) {
            case .success(let count): events += count
            case .failure(let failure):
                events += failure.index
                failures.append(failure)
                let kind = KeyFuzzer.kind(of: failure.what)
                if kinds[kind] == nil { Issue.record("\(failure)") }
                kinds[kind, default: 0] += 1
            }
            perMember[fuzzer.memberID ?? "(picker)", default: 0] += 1
            if let current = fuzzer.state.current { screens.insert(String(String(describing: current).prefix(while: { $0 != "(" }))) }
            if controlCells.count < 5 { controlCells += fuzzer.controlCells }
            runs += 1
        }
        try? FileManager.default.removeItem(at: seedFile)
        // Control characters drawn are reported by the tests below (KeyFuzzFindingTests); here only counted.
        let elapsed = Date().timeIntervalSince(start)
        print("key fuzz: \(events) events in \(runs) runs over \(String(format: "%.1f", elapsed)) s from seed \(base); runs per member "
              + "\(perMember.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); screens at the end of a run: "
              + "\(screens.sorted().joined(separator: " ")); \(failures.count) failing runs"
              + kinds.sorted { $0.value > $1.value }.map { "\n  \($0.value) × \($0.key)" }.joined()
              + "\ncontrol characters drawn (first runs): \(controlCells.count)"
              + controlCells.prefix(3).map { "\n  " + $0 }.joined())
        #expect(events > 1000)
        #expect(perMember.count == KeyFuzzer.members.count || runs < KeyFuzzer.members.count)
    }

    @Test func theSameSeedGivesTheSameRun() {
        var a = KeyFuzzer(seed: 42), b = KeyFuzzer(seed: 42)
        _ = a.run(events: 150)
        _ = b.run(events: 150)
        #expect(a.recent == b.recent)
        #expect(Frame.render(a.state) == Frame.render(b.state))
    }
}

/// What the key fuzzer found, each as a plain test that replays it.
@Suite("Findings of the key fuzzer")
struct KeyFuzzFindingTests {
    /// The cells of a frame that hold a C0 or C1 control character or DEL.
    static func controlCells(_ buffer: ScreenBuffer) -> [String] {
        buffer.cells.enumerated().filter { KeyFuzzer.hasControl($0.element.text) }.map { n, cell in
            "\(cell.text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")) at \(n % buffer.width),\(n / buffer.width)"
        }
    }

    @Test func aControlCharacterInAHistoryFileIsNotDrawn() throws {
        // history.jsonl lives in the shared folder and is read without the TOML reader's check
        // for control characters; whatever it holds must not reach the terminal as a control.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bered-fuzz-history-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("2026-001/history.jsonl")
        let line = #"{"time":"2026-03-05T16:20:00Z","member":"lars","role":"coordinator","action":"moved","details":"Flyttad \u009b2J\u001b]0;titel\u0007 och \u007f klar"}"#
        let old = (try? Data(contentsOf: file)) ?? Data()
        try (old + Data((line + "\n").utf8)).write(to: file)
        let store = FileStore(root: root, coreCriteria: try BundledResources.coreCriteria())
        let id = ApplicationID("2026-001")!
        let events = store.history(of: id).events
        #expect(events.contains { $0.details.contains("\u{9B}") }, "the reader keeps the control characters, so the view must not draw them")

        var s = state(as: "anna", width: 120, height: 40)
        s.press(.enter, .char("H"))
        _ = s.update(.historyLoaded(id, events))
        #expect(s.screen.contains("Flyttad"))
        let cells = Self.controlCells(Frame.render(s))
        #expect(cells.isEmpty, "drawn: \(cells)")
    }

    @Test func aPasteIntoTheFilterKeepsTheSelectionInTheList() {
        var s = state(as: "anna")
        s.press(.char("G"), .char("/"))
        #expect(s.list.selection == 5)
        _ = s.update(.text("fotosyntes"))
        #expect(s.listRows.count == 1)
        #expect(s.list.selection == 0, "selection \(s.list.selection) in a list of \(s.listRows.count)")
        // Typed, the same filter keeps it in bounds.
        var t = state(as: "anna")
        t.press(.char("G"), .char("/"))
        t.type("fotosyntes")
        #expect(t.list.selection == 0)
    }

    /// The terminal cursor of a frame lies on the screen, or there is none.
    static func cursorOnScreen(_ s: AppState) -> Bool {
        guard let cursor = Frame.render(s).cursor else { return true }
        return (0..<s.width).contains(cursor.x) && (0..<s.height).contains(cursor.y)
    }

    @Test func theCommentCursorStaysOnScreenWhenTheWindowShrinks() {
        // Found by seed 1795474473900 (sara, event 177): a comment of several lines written in a
        // tall window, the window made 13 rows high: the cursor was put on row 13 of 0–12.
        var s = state(as: "sara", width: 83, height: 36)
        s.press(.char("c"))
        for line in 1...7 { s.type("Rad \(line)"); if line < 7 { s.press(.enter) } }
        let before = Self.cursorOnScreen(s)
        #expect(before)
        _ = s.update(.resize(width: 83, height: 13))
        let cursor = Frame.render(s).cursor
        let after = Self.cursorOnScreen(s)
        #expect(after, "cursor at \(String(describing: cursor)) on 83×13")
        // The next key puts it back in view, as the form scrolls to the cursor on keys.
        s.press(.left)
        let afterKey = Self.cursorOnScreen(s)
        #expect(afterKey)
    }

    @Test func theCommentCursorStaysOnScreenAfterTheExternalEditor() {
        // Ctrl-E, and $EDITOR hands back a long comment: the form shows its end, with the cursor.
        var s = state(as: "sara", width: 80, height: 24)
        s.press(.char("c"))
        let commands = s.press(.ctrl("e"))
        #expect(commands == [.openEditor(text: "")])
        let text = (1...30).map { "Rad \($0) av kommentaren." }.joined(separator: "\n")
        _ = s.update(.editorFinished(text))
        guard case .comment(let form) = s.current else { Issue.record("the form closed"); return }
        #expect(form.editor.text == text)
        let cursor = Frame.render(s).cursor
        let onScreen = Self.cursorOnScreen(s), endShown = s.screen.contains("Rad 30 av kommentaren.")
        #expect(onScreen, "cursor at \(String(describing: cursor)) on 80×24")
        #expect(endShown, "the end of the text, where the cursor is, is not shown")
    }

    @Test func theCommentCursorStaysOnScreenAfterAPaste() {
        var s = state(as: "sara", width: 80, height: 24)
        s.press(.char("c"))
        _ = s.update(.text((1...30).map { "Rad \($0)." }.joined(separator: "\n")))
        let cursor = Frame.render(s).cursor
        let onScreen = Self.cursorOnScreen(s)
        #expect(onScreen, "cursor at \(String(describing: cursor)) on 80×24")
    }

    @Test func aTypedControlCharacterIsNotDrawn() {
        // The backend turns any scalar it reads into `.char`: a C1 control (U+009B, the one-byte
        // CSI) or DEL arrives as a key press in a text field.
        for control: Character in ["\u{9B}", "\u{7F}", "\u{85}", "\u{1B}", "\u{1C}"] {
            var s = state(as: "sara")
            s.press(.char("c"))
            s.type("Hej")
            s.press(.char(control))
            s.type("2J då")
            let cells = Self.controlCells(Frame.render(s))
            #expect(cells.isEmpty, "\(control.unicodeScalars.first!.value): drawn: \(cells)")
            // A paste carries them too.
            var t = state(as: "sara")
            t.press(.char("c"))
            _ = t.update(.text("Hej\(control)2J då"))
            #expect(Self.controlCells(Frame.render(t)).isEmpty)
        }
    }
}
