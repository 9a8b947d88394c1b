import BeredningCore
import BeredningResources
import BeredningStore
import Foundation
import Testing

/// The application form on the installed release build in tmux (issue 18): a complete
/// application registered through the form alone, a long text written in vim, and an edit that
/// the reviewer is then shown.
@Suite("The application form in a real terminal", .serialized)
struct ApplicationFormEndToEndTests {
    func store(_ demo: DemoCopy) throws -> FileStore { FileStore(root: demo.root, coreCriteria: try BundledResources.coreCriteria()) }

    /// Keys for tmux, named keys sent together in one call (a call per key made the test
    /// wait on tmux more than on the program).
    final class Keys {
        let tmux: Tmux
        var pending: [String] = []
        init(_ tmux: Tmux) { self.tmux = tmux }

        func key(_ name: String) { pending.append(name) }

        func flush() throws {
            guard !pending.isEmpty else { return }
            try tmux.tmux(["send-keys", "-t", tmux.session] + pending)
            pending = []
        }

        /// A text field's value: a long text's paragraphs with Enter between them.
        func text(_ value: String) throws {
            for (index, line) in value.components(separatedBy: "\n").enumerated() {
                if index > 0 { key("Enter") }
                if !line.isEmpty {
                    try flush()
                    try tmux.type(line)
                }
            }
        }
    }

    /// Fills in the whole form from `values`, in the order the form shows its fields: a list's
    /// rows are added on its "+ Lägg till" line with Enter, a choice is picked with →, several
    /// with Space. `viaVim`: the field written in vim through Ctrl-E instead.
    func fill(_ values: [String: String], rows: [String: Int], viaVim: String, into tmux: Tmux) throws {
        let layout = ApplicationForm.fields(rows: Dictionary(uniqueKeysWithValues: ApplicationForm.groups.map { ($0, max(1, rows[$0] ?? 0)) }))
        let keys = Keys(tmux)
        var open: String?
        var row: String?
        for field in layout {
            let group = field.group ?? (field.row != nil ? field.name : nil)
            // Past a part's add line once its rows are done.
            if open != nil, open != group { keys.key("Tab") }
            open = group
            if let group, let index = field.row {
                if index > rows[group] ?? 0 { continue }
                // A new row: the add line is in focus, and Enter adds the row.
                if row != "\(group)[\(index)]" { keys.key("Enter") }
                row = "\(group)[\(index)]"
            }
            let value = values[field.path] ?? ""
            switch field.kind {
            case .choice(let options):
                if let index = options.firstIndex(where: { $0.value == value }) { for _ in 0...index { keys.key("Right") } }
            case .choices(let options):
                let chosen = Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                for option in options {
                    if chosen.contains(option.value) { keys.key("Space") }
                    keys.key("Right")
                }
            default:
                if field.path == viaVim {
                    keys.key("C-e")
                    try keys.flush()
                    try tmux.waitFor("text.txt", timeout: 60)  // vim's status line: the editor has the terminal
                    try tmux.keys("i")
                    try keys.text(value)
                    try keys.flush()
                    try tmux.keys("Escape")
                    try tmux.type(":wq")
                    try tmux.keys("Enter")
                    try tmux.waitFor("Ny ansökan", timeout: 60)
                } else {
                    try keys.text(value)
                }
            }
            keys.key("Tab")
        }
        if open != nil { keys.key("Tab") }
        try keys.flush()
    }

    @Test func aCompleteApplicationIsRegisteredThroughTheFormAlone() throws {
        let demo = try DemoCopy()
        // The first demo application without its calculation (optional, and the longest part to
        // type): every criterion's check still passes.
        var model = try #require(try store(demo).load().entry(ApplicationID("2026-001")!)?.dossier).application
        model.calculation = nil
        model.measurability.economicFollowUp = "Ekonomiavdelningen följer kostnaderna för placeringar och skolfrånvaro per år."
        #expect(AutomaticChecks.run(model, rules: try store(demo).loadConfig().rules).allSatisfy { $0.verdict == .ok })
        let rows = ApplicationForm.rowCounts(of: model)
        let values = ApplicationForm.values(of: model, rows: rows)
        let tmux = try Tmux(["new", demo.path, "--as", "lars"], environment: ["EDITOR": "vim -u NONE -i NONE -n"], binary: try Bered.installed.get())
        try tmux.waitFor("Ny ansökan")
        try fill(values, rows: rows, viaVim: "problem.description", into: tmux)
        try tmux.waitFor("│ ✓ Går att mäta", timeout: 120)
        try tmux.keys("C-s")
        let after = try tmux.waitFor("EXIT=0", timeout: 180)
        #expect(after.contains("Ansökan är registrerad som 2026-007."))

        // The store holds exactly what was typed, in a file Python's own TOML reader reads.
        let registered = try #require(try store(demo).load().entry(ApplicationID("2026-007")!)?.dossier).application
        #expect(ApplicationForm.values(of: registered, rows: rows) == values)
        #expect(registered.state == .received)
        let text = try String(contentsOf: demo.url("2026-007/application.toml"), encoding: .utf8)
        let read = try Bered.python("""
            import sys, tomllib, json
            d = tomllib.loads(sys.stdin.read())
            print(json.dumps([d["title"], d["problem"]["description"], [a["name"] for a in d["actors"]], len(d["measurability"]["indicators"])]))
            """, input: text)
        let expected = try JSONSerialization.data(withJSONObject: [model.title, model.problem.description, model.actors.map(\.name),
                                                                   model.measurability.indicators.count] as [Any])
        #expect(try JSONSerialization.jsonObject(with: Data(read.utf8)) as? NSArray == JSONSerialization.jsonObject(with: expected) as? NSArray)
        // The history says who registered it.
        let history = try String(contentsOf: demo.url("2026-007/history.jsonl"), encoding: .utf8)
        #expect(history.contains("\"action\":\"registered\"") && history.contains("\"member\":\"lars\""))
        // And, read from the store, it meets every criterion's automatic check.
        #expect(AutomaticChecks.run(registered, rules: try store(demo).loadConfig().rules).allSatisfy { $0.verdict == .ok })
    }

    @Test func anEditThroughTheFormIsShownToTheReviewer() throws {
        let demo = try DemoCopy()
        let binary = try Bered.installed.get()
        let edit = try Tmux(["edit", demo.path, "2026-002", "--as", "lars"], binary: binary)
        try edit.waitFor("Ändra 2026-002")
        // To the problem's section, then its second field: the local extent.
        try edit.keys("PageDown", "Tab")
        try edit.waitFor("▸ Lokal omfattning")
        try edit.type(" Uppdaterat med 2026 års elevhälsodata.")
        try edit.waitFor("Ändrade fält: 1")
        try edit.keys("C-s")
        let saved = try edit.waitFor("EXIT=0")
        #expect(saved.contains("Ändringarna i 2026-002 är sparade (1 fält)"))
        let history = try String(contentsOf: demo.url("2026-002/history.jsonl"), encoding: .utf8)
        #expect(history.contains("\"action\":\"edited\"") && history.contains("problem.local_extent"))

        // Anna reviewed the earlier version: she is told so, and shown what changed.
        let anna = try Tmux(["open", demo.path, "--as", "anna"], binary: binary)
        try anna.waitFor("Anna")
        try anna.keys("/")
        try anna.type("2026-002")
        try anna.keys("Enter", "Enter")
        let screen = try anna.waitFor("Ändrat sedan din granskning")
        #expect(screen.contains("anna granskade en tidigare version av ansökan."))
        #expect(screen.contains("Lokal omfattning"))
        try anna.waitFor("Uppdaterat med 2026 års")
        try anna.keys("Escape", "q")
        try anna.waitFor("EXIT=0")
    }

    @Test func withoutATerminalNewAndEditKeepTodaysWays() throws {
        let demo = try DemoCopy()
        let binary = try Bered.installed.get()
        let new = try Bered.run(["new", demo.path, "--as", "lars", "--title", "Läxhjälp"], executable: binary)
        #expect(new.status == 0)
        #expect(new.stdout.hasPrefix("Ansökan 2026-007 är registrerad: "))
        let untitled = try Bered.run(["new", demo.path, "--as", "lars"], executable: binary)
        #expect(untitled.status == 2)
        #expect(untitled.stderr.contains("lägg till --title"))
        let edit = try Bered.run(["edit", demo.path, "2026-002", "--as", "lars"], executable: binary)
        #expect(edit.status == 2)
        #expect(edit.stderr.contains("Formuläret behöver en terminal. Ändra filen \(demo.path)/2026-002/application.toml för hand"))
        let refused = try Bered.run(["edit", demo.path, "2026-002", "--as", "anna"], executable: binary)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("samordnare"))
    }
}

extension ApplicationFormEndToEndTests {
    @Test func newInATerminalOpensTheFormAndSkeletonDoesNot() throws {
        let demo = try DemoCopy()
        let binary = try Bered.installed.get()
        // --title types the title in; closing the form unsaved says so, and nothing is written.
        let form = try Tmux(["new", demo.path, "--as", "lars", "--title", "Läxhjälp i Nödinge"], binary: binary)
        try form.waitFor("Ny ansökan")
        try form.waitFor("Läxhjälp i Nödinge")
        try form.keys("Escape")
        try form.waitFor("Vill du spara ansökan innan du lämnar formuläret?")
        try form.keys("l")
        let closed = try form.waitFor("EXIT=0")
        #expect(closed.contains("Formuläret stängdes utan att något sparades."))
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-007").path))
        // --idea: the short form.
        let idea = try Tmux(["new", demo.path, "--as", "lars", "--idea"], binary: binary)
        let screen = try idea.waitFor("Ny idé")
        #expect(screen.contains("Idégivare") && !screen.contains("Ekonomisk modell"))
        try idea.keys("Escape")
        try idea.waitFor("EXIT=0")
        // --skeleton: the file to fill in by hand, in a terminal too.
        let skeleton = try Tmux(["new", demo.path, "--as", "lars", "--title", "Läxhjälp", "--skeleton"], binary: binary)
        let written = try skeleton.waitFor("EXIT=0")
        #expect(written.contains("Ansökan 2026-007 är registrerad: "))
        #expect(try String(contentsOf: demo.url("2026-007/application.toml"), encoding: .utf8).contains("# "))
    }
}

extension ApplicationFormEndToEndTests {
    /// A closed terminal in the middle of an edit loses nothing: the next start offers the
    /// typing back over the application as it is then.
    @Test func aClosedTerminalKeepsTheFormsTypingAsADraft() throws {
        let demo = try DemoCopy()
        let binary = try Bered.installed.get()
        let state = RealTerminalTests.StateFolder()
        let edit = try Tmux(["edit", demo.path, "2026-002", "--as", "lars"], environment: ["XDG_STATE_HOME": state.url.path], binary: binary)
        try edit.waitFor("Ändra 2026-002")
        try edit.type(" – reviderad")
        try edit.waitFor("Ändrade fält: 1")
        let pid = try edit.programPID()
        try edit.tmux(["kill-session", "-t", edit.session], capture: false)
        #expect(RealTerminalTests().ends(pid, within: 1), "still running a second after its terminal closed")
        #expect(state.drafts().contains("Star for Life – reviderad"))
        #expect(!(try String(contentsOf: demo.url("2026-002/application.toml"), encoding: .utf8)).contains("reviderad"))

        let again = try Tmux(["open", demo.path, "--as", "lars"], environment: ["XDG_STATE_HOME": state.url.path], binary: binary)
        try again.waitFor("Dina ändringar i ansökan 2026-002 i formuläret sparades inte")
        try again.keys("Enter")
        try again.waitFor("Star for Life – reviderad")
        try again.keys("C-s")
        try again.waitFor("Ändringarna i 2026-002 är sparade (1 fält)")
        #expect(try String(contentsOf: demo.url("2026-002/application.toml"), encoding: .utf8).contains("title = \"Star for Life – reviderad\""))
        #expect(state.drafts().isEmpty)
        try again.keys("q")
        try again.waitFor("EXIT=0")
    }
}

extension ApplicationFormEndToEndTests {
    /// The form's save is the store's: a personal identity number is refused in words, the form
    /// stays open with the typing in it, and nothing is written.
    @Test func aPersonalIdentityNumberIsRefusedAndTheTypingStays() throws {
        let demo = try DemoCopy()
        let before = try String(contentsOf: demo.url("2026-002/application.toml"), encoding: .utf8)
        let edit = try Tmux(["edit", demo.path, "2026-002", "--as", "lars"], binary: try Bered.installed.get())
        try edit.waitFor("Ändra 2026-002")
        try edit.keys("PageDown")
        try edit.waitFor("▸ Problemet")
        try edit.type(" Ett av barnen, 850709-1232, har")
        try edit.keys("C-s")
        let refused = try edit.waitFor("ser ut som ett personnummer")
        #expect(refused.contains("850709-1232"))
        #expect(refused.contains("▸ Problemet"))
        #expect(try String(contentsOf: demo.url("2026-002/application.toml"), encoding: .utf8) == before)
        try edit.keys("Escape")
        try edit.waitFor("Vill du spara ansökan innan du lämnar formuläret?")
        try edit.keys("l")
        try edit.waitFor("EXIT=0")
    }
}

extension ApplicationFormEndToEndTests {
    /// A store checked out on Windows (CRLF) and a bracketed paste: the pasted tabs and line
    /// breaks are text (spaces in a one-line field), and the saved file keeps its line ends
    /// and reads in Python's TOML reader.
    @Test func aPasteIntoTheFormOfACRLFFileIsTextAndTheFileStaysCRLF() throws {
        let demo = try DemoCopy()
        let file = demo.url("2026-002/application.toml")
        let original = try String(contentsOf: file, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: file)
        let edit = try Tmux(["edit", demo.path, "2026-002", "--as", "lars"], binary: try Bered.installed.get())
        try edit.waitFor("Ändra 2026-002")
        // In the one-line title, at its end: line breaks and tabs become spaces.
        try edit.tmux(["set-buffer", "-b", "klipp", "--", "\tdel två\nrad tre"], capture: false)
        try edit.tmux(["paste-buffer", "-p", "-b", "klipp", "-t", edit.session], capture: false)
        try edit.waitFor("del två rad tre")
        // In the problem's long text: they stay, and the Tab does not move the focus.
        try edit.keys("PageDown")
        try edit.waitFor("▸ Problemet")
        try edit.tmux(["set-buffer", "-b", "klipp2", "--", "Inklistrat\tmed tabb\nandra raden\n"], capture: false)
        try edit.tmux(["paste-buffer", "-p", "-b", "klipp2", "-t", edit.session], capture: false)
        try edit.waitFor("Ändrade fält: 2")
        #expect(try edit.screen().contains("▸ Problemet"))
        try edit.keys("C-s")
        try edit.waitFor("EXIT=0", timeout: 30)

        let saved = try Data(contentsOf: file)
        let bytes = [UInt8](saved)
        let lineFeeds = bytes.indices.filter { bytes[$0] == 10 }
        #expect(!lineFeeds.isEmpty && lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 13 }, "a bare LF in the CRLF file")
        let application = try #require(try store(demo).load().entry(ApplicationID("2026-002")!)?.dossier).application
        #expect(application.title == "Star for Life del två rad tre")
        #expect(application.problem.description.hasSuffix("Inklistrat\tmed tabb\nandra raden"), "\(application.problem.description.suffix(40).debugDescription)")
        let read = try Bered.python("""
            import sys, tomllib
            d = tomllib.loads(sys.stdin.read())
            print(d["title"])
            print("\\t" in d["problem"]["description"])
            """, input: String(decoding: saved, as: UTF8.self))
        #expect(read == "Star for Life del två rad tre\nTrue\n")
    }
}
