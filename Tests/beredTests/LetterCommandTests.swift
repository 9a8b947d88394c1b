import Foundation
import Testing

/// `bered brev` and the feedback that sends the letter, on the installed release build (issue 16).
@Suite("bered brev: the decision letter", .serialized)
struct LetterCommandTests {
    /// The demo with 2026-006 approved and its feedback not yet sent.
    func approvedDemo() throws -> DemoCopy {
        let demo = try DemoCopy()
        let application = demo.url("2026-006/application.toml")
        let text = try String(contentsOf: application, encoding: .utf8)
        try text.replacingOccurrences(of: "state = \"running\"", with: "state = \"approved\"").write(to: application, atomically: true, encoding: .utf8)
        for file in ["letter.md", "letter.html", "history.jsonl"] { try? FileManager.default.removeItem(at: demo.url("2026-006/" + file)) }
        return demo
    }

    @Test func previewSendCheckAndTamper() throws {
        let bered = try Bered.installed.get()
        let demo = try approvedDemo()
        let run = { (arguments: [String]) in try Bered.run(arguments, executable: bered) }

        let none = try run(["brev", demo.path, "2026-001"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("Ansökan 2026-001 har inget beslut ännu"))

        let preview = try run(["brev", demo.path, "2026-006", "--as", "lars"])
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stderr.contains("Förhandsvisning – brevet är inte skickat."))
        #expect(preview.stdout.hasPrefix("# Besked om ansökan 2026-006"))
        #expect(preview.stdout.contains("## Uppföljning"))
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-006/letter.md").path))

        let refused = try run(["move", demo.path, "2026-006", "send_feedback", "--as", "anna"])
        #expect(refused.status == 1)
        #expect(!FileManager.default.fileExists(atPath: demo.url("2026-006/letter.md").path))

        let sent = try run(["move", demo.path, "2026-006", "send_feedback", "--as", "lars"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("Beslutsbrevet sparades i 2026-006/letter.md och 2026-006/letter.html (sha256 "))
        let markdown = try String(contentsOf: demo.url("2026-006/letter.md"), encoding: .utf8)
        #expect(markdown == preview.stdout)
        #expect(try run(["history", demo.path, "2026-006"]).stdout.contains("beslutsbrev skickat"))

        let shown = try run(["brev", demo.path, "2026-006"])
        #expect(shown.status == 0)
        #expect(shown.stdout == markdown)
        #expect(shown.stderr.contains("och är oförändrat (sha256"))

        // An independent HTML reader finds the page well formed, in Swedish, with the letter's text.
        let page = try run(["brev", demo.path, "2026-006", "--format", "html"]).stdout
        let checked = try Bered.python("""
            import sys, html.parser
            class P(html.parser.HTMLParser):
                def __init__(s): super().__init__(); s.stack=[]; s.text=[]; s.lang=None
                def handle_starttag(s, t, a):
                    if t == 'html': s.lang = dict(a).get('lang')
                    if t not in ('meta', 'br'): s.stack.append(t)
                def handle_endtag(s, t):
                    assert s.stack.pop() == t, t
                def handle_data(s, d): s.text.append(d)
            p = P(); p.feed(sys.stdin.read()); p.close()
            assert not p.stack, p.stack
            print(p.lang); print('Uppföljning' in ''.join(p.text))
            """, input: page)
        #expect(checked == "sv\nTrue\n")

        try (markdown.replacingOccurrences(of: "kr", with: "euro")).write(to: demo.url("2026-006/letter.md"), atomically: true, encoding: .utf8)
        let tampered = try run(["brev", demo.path, "2026-006"])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("2026-006/letter.md har ändrats sedan brevet skickades"))
    }

    @Test func inEnglishWithLang() throws {
        let bered = try Bered.installed.get()
        let demo = try approvedDemo()
        let sent = try Bered.run(["move", demo.path, "2026-006", "send_feedback", "--as", "lars", "--lang", "en"], executable: bered)
        #expect(sent.status == 0, "\(sent.stderr)")
        let markdown = try String(contentsOf: demo.url("2026-006/letter.md"), encoding: .utf8)
        #expect(markdown.hasPrefix("# Decision on application 2026-006"))
        #expect(try String(contentsOf: demo.url("2026-006/letter.html"), encoding: .utf8).contains("<html lang=\"en\">"))
    }
}
