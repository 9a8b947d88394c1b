import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

@Suite("The TOML writer against the parser, on random text")
struct WriterPropertyTests {
    /// Characters that have broken TOML writers, mixed with ordinary Swedish text.
    static let alphabet: [String] = "aåäöÅÄÖ z\"\\'\n\r\t#=[]{}.,:–—≥€😀\u{1}\u{7}\u{1B}\u{7F}\u{85}\u{2028}\u{FEFF}é\u{301}".map(String.init)
        + ["\r\n", "\"\"\"", "'''"]

    static func randomText(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 0...60, using: &rng)
        return (0..<length).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    @Test func anyTextSurvivesAWriteAndARead() throws {
        var rng = SplitMix64(seed: 2026)
        for round in 0..<2_000 {
            let text = Self.randomText(&rng)
            let comment = YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!,
                                       time: Date(timeIntervalSince1970: 1_780_000_000), about: .whole, text: text)
            let written = CommentRecord.write(comment)
            let (read, problems) = decode(written) { CommentRecord.read($0, applicationID: comment.applicationID, fileMember: nil) }
            #expect(problems == [], "round \(round): \(text.debugDescription)")
            // Control characters other than tab and line breaks are left out on writing.
            let expected = String(String.UnicodeScalarView(text.unicodeScalars.filter { !(($0.value < 0x20 && !["\n", "\r", "\t"].contains($0)) || (0x7F...0x9F).contains($0.value)) }))
            #expect(read?.text == expected, "round \(round): \(text.debugDescription)\n\(written)")
            if read?.text != expected { break }
        }
    }

    @Test func lineNumbersStayRightAfterRandomMultiLineText() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var application = Application(id: ApplicationID("2026-001")!, title: "t", state: .received)
            application.problem.description = Self.randomText(&rng) + "\n" + Self.randomText(&rng)
            application.childRights = Self.randomText(&rng)
            // A wrong type placed after the random text must still be found on its own line.
            let text = ApplicationRecord.write(application).replacingOccurrences(of: "[target_group]\n", with: "[target_group]\nsize = \"många\"\n")
            let (_, problems) = decode(text) { ApplicationRecord.read($0, folderID: nil, settings: .init()) }
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "size = \"många\"" }.map { $0 + 1 }
            #expect(problems.map(\.line) == [expected], "\(text)")
            if problems.map(\.line) != [expected] { break }
        }
    }

    @Test func aNulCharacterIsLeftOutRatherThanCuttingTheText() {
        let comment = YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!,
                                   time: Date(timeIntervalSince1970: 0), about: .whole, text: "före\u{0}efter")
        let (read, _) = decode(CommentRecord.write(comment)) { CommentRecord.read($0, applicationID: comment.applicationID, fileMember: nil) }
        #expect(read?.text == "föreefter")
    }

    @Test func controlCharactersPastedIntoTextAreLeftOut() {
        let comment = YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!,
                                   time: Date(timeIntervalSince1970: 0), about: .whole, text: "röd \u{1B}[31mtext\u{7} och\u{85} slut")
        let written = CommentRecord.write(comment)
        #expect(!written.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x85 })
        let (read, problems) = decode(written) { CommentRecord.read($0, applicationID: comment.applicationID, fileMember: nil) }
        #expect(problems.isEmpty)
        #expect(read?.text == "röd [31mtext och slut")
    }
}
