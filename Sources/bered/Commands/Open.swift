import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import BeredningTUI
import BeredningTerminal
import Foundation

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the terminal interface on a store (the default command).",
        discussion: "Who you are: --as, else BERED_USER, else a first screen lists the store's members to choose from.")

    @Argument(help: "The store folder (default: the current folder).") var store: String = "."
    @Flag(help: "Plain mode for screen readers: no full-screen drawing, every screen printed as lines of text, every choice a number read from standard input; marks in words (also BERED_PLAIN=1).")
    var plain = false
    @OptionGroup var options: MemberOptions

    func run() throws {
        let variable = ProcessInfo.processInfo.environment["BERED_PLAIN"] ?? ""
        if plain || !(variable.isEmpty || variable == "0") {
            let (context, snapshot, who) = try options.openOptional(store)
            var catalog = context.catalog
            catalog.marks = .words
            let fileStore = context.store(store)
            var session = PlainSession(state: AppState(snapshot: snapshot, member: who, catalog: catalog, width: 80, height: 24), catalog: catalog,
                                       store: fileStore, reload: { try? fileStore.load() })
            let status = session.run()
            if status != ExitStatus.ok { throw ExitCode(status) }
            return
        }
        let (context, snapshot, who) = try options.openOptional(store, reading: .first(Interface.firstScreenRows))
        try Interface.open(snapshot: snapshot, store: context.store(store), member: who, context: context)
    }
}

enum Interface {
    /// Applications read before the first screen is drawn: a screenful. The rest are read
    /// while the member looks at it.
    static var firstScreenRows: Int {
        var size = winsize()
        let rows = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_row) : 0
        return rows > 0 ? min(rows, 300) : 60
    }

    /// A terminal on both ends, which the interface needs.
    static var hasTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Starts the interface, or explains why it cannot: it needs a terminal on both ends.
    static func open(snapshot: StoreSnapshot, store: FileStore, member: Member?, context: CLIContext) throws {
        guard hasTerminal else {
            printError(context.text(.uiNotATerminal))
            throw ExitCode(ExitStatus.broken)
        }
        try run(state(snapshot: snapshot, member: member, context: context), store: store, context: context)
    }

    /// The interface on the application form alone (`bered new`, `bered edit`). What the
    /// form did is said once the screen is restored.
    static func openForm(edit id: ApplicationID?, idea: Bool, title: String, snapshot: StoreSnapshot, store: FileStore, member: Member,
                         context: CLIContext) throws {
        var state = state(snapshot: snapshot, member: member, context: context)
        state.now = Date()
        state.utcOffsetMinutes = TimeZone.current.secondsFromGMT() / 60
        if let refusal = state.startOnForm(edit: id, idea: idea, title: title) {
            printError(refusal)
            throw ExitCode(ExitStatus.broken)
        }
        try run(state, store: store, context: context) { last in
            if let status = last.status, status.kind == .success { output(status.text) } else { output(context.text(.appformNotSaved)) }
        }
    }

    private static func state(snapshot: StoreSnapshot, member: Member?, context: CLIContext) -> AppState {
        let other: Catalog? = try? BundledResources.catalog(context.catalog.language == .sv ? .en : .sv)
        return AppState(snapshot: snapshot, member: member, catalog: context.catalog, otherCatalog: other, width: 80, height: 24)
    }

    private static func run(_ state: AppState, store: FileStore, context: CLIContext, finished: @escaping (AppState) -> Void = { _ in }) throws {
        let environment = ProcessInfo.processInfo.environment
        let status: Int32
        do {
            status = try TerminalApp(store: store, environment: environment).run(state, finished: finished)
        } catch Terminal.StartError.noTerminal(let term) {
            printError(context.text(.uiNotATerminal) + " (TERM=\(term))")
            throw ExitCode(ExitStatus.broken)
        } catch Terminal.StartError.cannotAddress(let term) {
            printError(context.text(.uiTerminalCannotAddress, ["term": .text(term)]))
            throw ExitCode(ExitStatus.broken)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
