import Foundation
import Testing

/// `bered export --format xlsx`: the workbook goes to a file, with --out or by redirecting
/// standard output, and is refused in a terminal with a word on how to name the file.
@Suite("bered export --format xlsx")
struct WorkbookCommandTests {
    /// The sheet names and the first data row's id, as openpyxl reads the file.
    static let sheets = """
        import sys, openpyxl
        book = openpyxl.load_workbook(sys.stdin.readline().strip())
        print('|'.join(book.sheetnames))
        print(book.worksheets[0]['A2'].value, book.worksheets[2]['D2'].value, book.worksheets[2]['D2'].number_format)
        """

    @Test func theCoordinatorWritesTheWorkbookToTheFileNamedInSwedishOrEnglish() throws {
        let demo = try DemoCopy()
        let out = demo.root.appendingPathComponent("exports/beslut.xlsx")
        try FileManager.default.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
        let swedish = try Bered.run(["export", demo.path, "--format", "xlsx", "--out", out.path, "--as", "lars"])
        #expect(swedish.status == 0, "\(swedish.stderr)")
        #expect(swedish.stdout == "Exporten är skriven till \(out.path).\n")
        #expect(try Bered.python(Self.sheets, input: out.path + "\n")
            == "Beslut|Poäng per granskare|Beviljat per år|Uppföljningar|Utfall per aktör och år|Återbetalningar\n2026-001 400000 #,##0\n")

        let english = try Bered.run(["export", demo.path, "--format", "xlsx", "--out", out.path, "--as", "lars", "--lang", "en"])
        #expect(english.status == 0, "\(english.stderr)")
        #expect(try Bered.python(Self.sheets, input: out.path + "\n").hasPrefix("Decisions|Scores by reviewer|Grants by year|Follow-ups|Realised by actor and year|Repayments\n"))
    }

    @Test func standardOutputRedirectedToAFileGetsTheSameWorkbook() throws {
        let demo = try DemoCopy()
        let redirected = demo.root.appendingPathComponent("omdirigerad.xlsx"), named = demo.root.appendingPathComponent("namngiven.xlsx")
        FileManager.default.createFile(atPath: redirected.path, contents: nil)
        let process = Process()
        process.executableURL = Bered.binary
        process.arguments = ["export", demo.path, "--format", "xlsx", "--as", "lars"]
        process.environment = ["LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
        let file = try FileHandle(forWritingTo: redirected)
        process.standardOutput = file
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try file.close()
        #expect(process.terminationStatus == 0)
        #expect(try Bered.run(["export", demo.path, "--format", "xlsx", "--out", named.path, "--as", "lars"]).status == 0)
        // Zip archives begin "PK"; the writer's fixed dates make the two byte for byte the same.
        let bytes = try Data(contentsOf: redirected)
        #expect(bytes.prefix(2) == Data("PK".utf8))
        #expect(bytes == (try Data(contentsOf: named)))
    }

    @Test func aFolderThatCannotBeReadIsNamedAsLeftOut() throws {
        let demo = try DemoCopy()
        try Data("title = \"ingen avslutning\n".utf8).write(to: demo.url("2026-005/application.toml"))
        let out = demo.root.appendingPathComponent("beslut.xlsx")
        let result = try Bered.run(["export", demo.path, "--format", "xlsx", "--out", out.path, "--as", "lars"])
        #expect(result.status == 0)
        #expect(result.stderr == "Arbetsboken saknar 2026-005: mappen går inte att läsa. Kör bered validate för att se varför.\n")
        let ids = try Bered.python("""
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.stdin.readline().strip()).worksheets[0]
            print(' '.join(row[0].value for row in sheet.iter_rows(min_row=2)))
            """, input: out.path + "\n")
        #expect(ids == "2026-001 2026-002 2026-003 2026-004 2026-006\n")
    }

    @Test func inATerminalTheWorkbookIsRefusedWithHowToNameTheFile() throws {
        let demo = try DemoCopy()
        let tmux = try Tmux(["export", demo.path, "--format", "xlsx", "--as", "lars"], width: 200, height: 20)
        let screen = try tmux.waitFor("EXIT=")
        #expect(screen.contains("En Excel-arbetsbok är en binär fil som inte går att visa i terminalen. Ange filen med --out"))
        #expect(screen.contains("EXIT=64"))
        #expect(!screen.contains("PK"))
    }
}
