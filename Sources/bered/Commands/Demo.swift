import ArgumentParser
import BeredningCore
import BeredningResources
import BeredningStore
import Foundation

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the bundled demo store to a temporary folder and open it.",
        discussion: """
        The demo's figures are invented. The copy is yours to change; the bundled store stays as it is.
        The copy is removed when you leave the interface, unless you give --keep.
        Without a terminal (in a script) it prints the copy's list instead, and keeps the copy.
        """)

    @Flag(name: .long, help: "Keep the copy after the interface closes; its folder is printed.") var keep = false

    @Option(name: .customLong("as"), help: "Start as this demo member (anna, bengt, cecilia, sara, omar, karin, lars).") var member: String?
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        // A mistyped member is refused before anything is copied.
        if let member { _ = try context.optionalMember(member, in: try context.snapshot(BundledResources.demoStore.path).config) }
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("bered-demo-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: BundledResources.demoStore, to: target)
        let snapshot = try context.snapshot(target.path)
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            // Every way out, a signal's exit status included, says what became of the copy.
            defer {
                if keep {
                    output(context.text(.demoKept, ["folder": .text(target.path)]))
                } else {
                    try? FileManager.default.removeItem(at: target)
                    output(context.text(.demoRemoved))
                }
            }
            let who = try context.optionalMember(member, in: snapshot.config)
            try Interface.open(snapshot: snapshot, store: context.store(target.path), member: who, context: context)
            return
        }
        output(context.text(.demoCopied, ["folder": .text(target.path)]))
        output("")
        output(ListTable.render(snapshot.entries.map { ListRow(entry: $0, config: snapshot.config) }, snapshot: snapshot, catalog: context.catalog))
        output("")
        output(context.text(.demoNext, ["folder": .text(target.path)]))
    }
}
