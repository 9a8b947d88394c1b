import ArgumentParser
import BeredningCore
import BeredningStore
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read every file of the store and list every error as file:line: message.",
        discussion: "Exit status: 0 when every file is sound, 2 when any is not.")

    @Argument(help: "The store folder.") var store: String
    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let snapshot = try context.snapshot(store)
        let problems = snapshot.allProblems
        for problem in problems { output(problem.formatted(context.catalog)) }
        let broken = snapshot.entries.filter(\.isBroken).count
        output(context.text(.validateSummary, [
            "applications": .text(String(snapshot.entries.count)), "problems": .text(String(problems.count)),
            "broken": .text(String(broken)),
        ]))
        if !problems.isEmpty { throw ExitCode(ExitStatus.broken) }
    }
}
