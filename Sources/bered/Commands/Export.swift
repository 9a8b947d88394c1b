import ArgumentParser
import BeredningCore
import BeredningExport
import BeredningStore
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the decisions list as CSV for Swedish Excel, the fund as an Excel workbook, everything as JSON, or an application's decision memo, the meeting's minutes or the fund's yearly report as Markdown or HTML.",
        discussion: """
        Formats: csv, json, md and html (a decision memo, with --id), minutes and minutes-html (the meeting's minutes), \
        report and report-html (the fund's yearly report to the board, with --year: the fund's money, the investments and \
        their states, effects against targets, realised against forecast savings, repayments), xlsx (an Excel workbook: \
        applications and decisions, scores by reviewer, grants by year, follow-ups and the costs they report, repayments).
        Coordinators only (--as or BERED_USER). Without --out the export goes to standard output; a workbook only when that is \
        redirected to a file, never to the terminal.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json, md, html
        /// The meeting's minutes, as Markdown or a printable page.
        case minutes, minutesHTML = "minutes-html"
        /// The fund's yearly report to the board, as Markdown or a printable page.
        case report, reportHTML = "report-html"
        /// The whole fund as an Excel workbook: a binary file, never shown in a terminal.
        case xlsx
    }

    @Argument(help: "The store folder.") var store: String
    @Option(help: "csv: the decisions list (semicolons, UTF-8 with BOM, decimal comma, CRLF); json: everything; xlsx: an Excel workbook (--out); report, report-html: the yearly report (--year).") var format: Format
    @Option(help: "The application of a decision memo (md, html), e.g. 2026-001.") var id: String?
    @Option(help: "The file to write (atomically); standard output when left out.") var out: String?
    @Option(help: "minutes: the meeting's date, YYYY-MM-DD (default: today).") var date: String?
    @Option(help: ArgumentHelp("minutes: the applications discussed, comma-separated (default: those ready for the meeting).", valueName: "ids")) var agenda: String?
    @Option(help: "report: the year it covers, e.g. 2026.") var year: Int?
    @Flag(help: "csv: read every decided application anew instead of reusing the rows of unchanged ones.") var fresh = false
    @OptionGroup var options: MemberOptions

    func run() throws {
        switch format {
        case .csv: try exportDecisions()
        case .json, .md, .html: try exportFromWholeStore()
        case .minutes, .minutesHTML: try exportMinutes()
        case .report, .reportHTML: try exportReport()
        case .xlsx: try exportWorkbook()
        }
    }

    /// The decisions list reads only decided applications, and of those only the ones that
    /// changed since the last export on this machine (unless --fresh).
    private func exportDecisions() throws {
        let (context, who, fileStore) = try options.member(in: store)
        try refuseUnlessAllowed(who, context)
        let rows: [DecisionsCSV.Row]
        do throws(StoreError) {
            rows = fresh ? DecisionsCSV.rows(try fileStore.loadDecided())
                : try DecisionsCache(store: fileStore.root, environment: ProcessInfo.processInfo.environment).rows(fileStore).rows
        } catch {
            context.fail(error)
        }
        write(DecisionsCSV.render(rows, catalog: context.catalog), context)
    }

    private func exportMinutes() throws {
        let (context, snapshot, who) = try options.open(store)
        try refuseUnlessAllowed(who, context)
        let day: Day
        if let date {
            guard let given = Day(date) else { throw context.badDate("--date", date) }
            day = given
        } else {
            day = Day(daysSince1970: Int(Date().timeIntervalSince1970 / 86_400))
        }
        let ids = try agenda.map { text in
            try text.split(separator: ",").compactMap { raw in ApplicationID(try context.entry(raw.trimmingCharacters(in: .whitespaces), in: snapshot).folder) }
        }
        // The minutes are the group's record: everything the meeting saw, as the coordinator sees it.
        let meeting = Meeting(dossiers: snapshot.dossiers, config: snapshot.config, viewer: who, agenda: ids)
        let minutes = Minutes.document(meeting, date: day, config: snapshot.config, catalog: context.catalog)
        write(format == .minutes ? minutes.markdown : minutes.html, context)
    }

    private func exportReport() throws {
        let (context, snapshot, who) = try options.open(store)
        try refuseUnlessAllowed(who, context)
        guard let year, (1900...2200).contains(year) else { throw ValidationError(context.text(.reportNeedsYear)) }
        let report = FundReport.document(snapshot.dossiers, config: snapshot.config, year: year, today: WallTime(Date()).day, catalog: context.catalog)
        write(format == .report ? report.markdown : report.html, context)
    }

    /// A workbook to standard output only when that is a file or a pipe: in a terminal it would
    /// be a screenful of zip bytes, so the user is told how to name the file instead.
    /// Only the settings are read before the refusals, so a refusal comes at once at any size.
    private func exportWorkbook() throws {
        let (context, who, _) = try options.member(in: store)
        try refuseUnlessAllowed(who, context)
        if out == nil && isatty(STDOUT_FILENO) == 1 { throw ValidationError(context.text(.workbookNotToTerminal)) }
        let snapshot = try context.snapshot(store, reading: .withoutExtras)
        // The JSON lists what it could not read; a workbook has no place for that, so it is said here.
        let broken = snapshot.entries.filter(\.isBroken).map(\.folder)
        if !broken.isEmpty { printError(context.text(.workbookLeavesOut, ["folders": .text(broken.joined(separator: ", "))])) }
        let data: Data
        do { data = try XLSXWriter.data(FundWorkbook.workbook(snapshot, catalog: context.catalog)) } catch {
            // Zipping in memory fails only when memory does: nothing a user can mend, said as it is.
            printError(String(describing: error))
            throw ExitCode(ExitStatus.fails)
        }
        write(data, context)
    }

    private func exportFromWholeStore() throws {
        let (context, snapshot, who) = try options.open(store)
        try refuseUnlessAllowed(who, context)
        if format == .json {
            let json = FullJSON(snapshot, store: context.store(store), catalog: context.catalog)
            // Written as it is made: a store of thousands is never held twice in memory.
            write(context) { append in json.write { $0.withUnsafeBytes(append) } }
            return
        }
        guard let id else { throw ValidationError(context.text(.exportNeedsID)) }
        let dossier = try context.dossier(id, in: snapshot)
        let history = context.store(store).history(of: dossier.application.id).events
        let memo = Memo(dossier, config: snapshot.config, catalog: context.catalog, history: history)
        write(format == .md ? memo.markdown : memo.html, context)
    }

    private func refuseUnlessAllowed(_ who: Member, _ context: CLIContext) throws {
        if let refusal = Permissions.check(who.role, .exportDecisions) {
            printError(context.catalog(refusal.reason))
            throw ExitCode(ExitStatus.fails)
        }
    }

    private func write(_ text: String, _ context: CLIContext) {
        write(Data(text.utf8), context)
    }

    private func write(_ data: Data, _ context: CLIContext) {
        write(context) { append in data.withUnsafeBytes(append) }
    }

    /// To standard output, or atomically to the `--out` file; `produce` hands the content over in pieces.
    private func write(_ context: CLIContext, _ produce: (_ append: (UnsafeRawBufferPointer) -> Void) -> Void) {
        guard let out else {
            produce { FileHandle.standardOutput.write(Data($0)) }
            return
        }
        let url = URL(fileURLWithPath: out)
        do { try AtomicFile.write(to: url, produce) } catch {
            context.fail(.writeFailed(error))
        }
        output(context.text(.exportDone, ["path": .text(url.path)]))
    }
}
