import ArgumentParser
import BeredningCore
import Foundation

struct Man: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print bered's manual page (roff) in the chosen language, from the same texts as --help.",
        discussion: "Read it with bered man | man -l -, or install it: bered man > bered.1 (bered man --lang en for English).")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let context = try options.context()
        let help = HelpText(catalog: context.catalog, root: CommandShape.tree())
        print(ManPage(help: help, version: BeredningVersion.current).render(), terminator: "")
    }
}
