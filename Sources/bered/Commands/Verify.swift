import ArgumentParser
import BeredningCore
import BeredningSync
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the shared history: was every file last changed, signed, by a member allowed to change it?",
        discussion: """
        Walks the store's git history from --from, else from the commit bered trust recorded in bered.toml, \
        else from the store's first commit; that commit is trusted as it is. Each commit must be signed (git's SSH signing) with \
        the key a member has in bered.toml as it was before the commit, and every file it changes must be one that \
        member's role may change: a review by its reviewer, a comment by its author in the youth panel, a move of an \
        application by the role the workflow gives it, decisions and bered.toml by a coordinator. Prints every file \
        whose last change was not.
        Exit status: 0 every file checked out, 1 some file was last changed by someone not allowed to, 2 the history \
        could not be read.
        """)

    @Argument(help: "The store folder.") var store: String
    @Option(help: ArgumentHelp("The commit trusted as it is (default: the first).", valueName: "commit")) var from: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = try common.context()
        let verifier = HistoryVerifier(store: URL(fileURLWithPath: store), coreCriteria: context.coreCriteria,
                                       environment: ProcessInfo.processInfo.environment)
        switch verifier.verify(from: from) {
        case .failed(let message, let detail):
            printError(context.catalog(message))
            if !detail.isEmpty { printError(detail) }
            throw ExitCode(ExitStatus.broken)
        case .checked(let anchor, let commits, let findings) where findings.isEmpty:
            print(context.text(.signedClean, ["anchor": .text(anchor), "count": .text(String(commits))]))
        case .checked(let anchor, _, let findings):
            print(context.text(.signedFound, ["anchor": .text(anchor), "count": .text(String(findings.count))]))
            for finding in findings { print(context.catalog(finding.message)) }
            throw ExitCode(ExitStatus.fails)
        }
    }
}
