import ArgumentParser
import BeredningCore
import BeredningExport
import BeredningStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the decisions list as CSV for Swedish Excel, everything as JSON, or an application's decision memo as Markdown or HTML.",
        discussion: "Coordinators only (--as or BERED_USER). Without --out the export goes to standard output.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, md, html }

    @Argument(help: "The store folder.") var store: String
    @Option(help: "csv: the decisions list (semicolons, UTF-8 with BOM, decimal comma, CRLF); json: everything.") var format: Format
    @Option(help: "The application of a decision memo (md, html), e.g. 2026-001.") var id: String?
    @Option(help: "The file to write (atomically); standard output when left out.") var out: String?
    @OptionGroup var options: MemberOptions

    func run() throws {
        let (context, snapshot, who) = try options.open(store, reading: format == .csv ? .decided : .all)
        if let refusal = Permissions.check(who.role, .exportDecisions) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
        let text: String
        switch format {
        case .csv:
            text = DecisionsCSV.render(snapshot, catalog: context.catalog)
        case .json:
            let fileStore = context.store(store)
            var histories: [ApplicationID: [HistoryEvent]] = [:]
            for dossier in snapshot.dossiers { histories[dossier.application.id] = fileStore.history(of: dossier.application.id).events }
            text = try FullJSON(snapshot, histories: histories, catalog: context.catalog).rendered()
        case .md, .html:
            guard let id else { throw ValidationError(context.text(.exportNeedsID)) }
            let dossier = try context.dossier(id, in: snapshot)
            let memo = Memo(dossier, config: snapshot.config, catalog: context.catalog)
            text = format == .md ? memo.markdown : memo.html
        }
        guard let out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        let url = URL(fileURLWithPath: out)
        do { try AtomicFile.write(Data(text.utf8), to: url) } catch {
            context.fail(.writeFailed(error))
        }
        print(context.text(.exportDone, ["path": .text(url.path)]))
    }
}
