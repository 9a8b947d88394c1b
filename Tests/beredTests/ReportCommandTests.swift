import Foundation
import Testing

/// `bered export --format report|report-html --year`: the fund's yearly report to the board,
/// on the installed release build (issue 16).
@Suite("bered export: the fund's yearly report", .serialized)
struct ReportCommandTests {
    @Test func theReportAsMarkdownAndAsAPrintablePageAnIndependentParserReads() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }

        let markdown = try run(["export", demo.path, "--format", "report", "--year", "2027", "--as", "lars"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.hasPrefix("# Ale kommuns sociala investeringsfond: årsrapport 2027\n"))
        for heading in ["## Fondens pengar 2027", "## Investeringarna och hur det går för dem", "## Effekter mot målen", "## Utfall mot kalkyl"] {
            #expect(markdown.stdout.contains("\n" + heading + "\n"), "\(heading)")
        }

        // The page goes to --out, atomically; an independent HTML reader finds every tag closed.
        let out = demo.root.deletingLastPathComponent().appendingPathComponent("arsrapport-\(UUID().uuidString.prefix(8)).html")
        defer { try? FileManager.default.removeItem(at: out) }
        let written = try run(["export", demo.path, "--format", "report-html", "--year", "2028", "--out", out.path, "--as", "lars"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("Exporten är skriven till " + out.path))
        let page = try String(contentsOf: out, encoding: .utf8)
        let checked = try Bered.python("""
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def __init__(s): super().__init__(); s.stack=[]; s.text=[]; s.lang=None; s.tables=0; s.h2=[]; s.inh2=False
                def handle_starttag(s, t, a):
                    if t == 'html': s.lang = dict(a).get('lang')
                    if t == 'table': s.tables += 1
                    if t == 'h2': s.inh2 = True; s.h2.append('')
                    if t not in ('meta', 'br'): s.stack.append(t)
                def handle_endtag(s, t):
                    assert s.stack.pop() == t, t
                    if t == 'h2': s.inh2 = False
                def handle_data(s, d):
                    s.text.append(d)
                    if s.inh2: s.h2[-1] += d
            p = P(); p.feed(sys.stdin.read()); p.close()
            assert not p.stack, p.stack
            print(p.lang); print(p.tables); print('|'.join(p.h2)); print('244 800 kr' in ''.join(p.text))
            """, input: page)
        #expect(checked == "sv\n5\nFondens pengar 2028|Investeringarna och hur det går för dem|Effekter mot målen|Utfall mot kalkyl|Återbetalningar 2028\nTrue\n")

        let english = try run(["export", demo.path, "--format", "report-html", "--year", "2028", "--as", "lars", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.contains("<html lang=\"en\">") && english.stdout.contains("<h2>Repayments in 2028</h2>"))
    }

    @Test func onlyTheCoordinatorExportsItAndItNeedsAYear() throws {
        let bered = try Bered.installed.get()
        let demo = try DemoCopy()
        for who in ["anna", "karin", "sara"] {
            let refused = try Bered.run(["export", demo.path, "--format", "report-html", "--year", "2027", "--as", who], executable: bered)
            #expect(refused.status == 1, "\(who)")
            #expect(refused.stderr.hasPrefix("Bara samordnaren exporterar beslut (din roll: "), "\(who): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
        for year in [[], ["--year", "12026"]] {
            let missing = try Bered.run(["export", demo.path, "--format", "report", "--as", "lars"] + year, executable: bered)
            #expect(missing.status != 0 && missing.status != 1, "\(year)")
            #expect(missing.stderr.contains("Årsrapporten gäller ett år: ange det med --year"), "\(year): \(missing.stderr)")
            #expect(missing.stdout.isEmpty)
        }
    }
}
