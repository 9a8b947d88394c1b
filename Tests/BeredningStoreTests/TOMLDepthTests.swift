import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// Hostile nesting, read on a 512 KB stack (a dispatch worker thread's on macOS): a plain
/// error with the file and line, never a crash.
@Suite("TOML nesting is bounded as the data nests")
struct TOMLDepthTests {
    static let file = "2026-001/application.toml"

    /// What reading `text` as an application file gave on a thread with a 512 KB stack.
    final class Outcome: @unchecked Sendable {
        var problem: FileProblem?
        var read = false
    }

    func readOnSmallStack(_ text: String) -> Outcome {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let document = try TOMLDocument(file: TOMLDepthTests.file, data: Data(text.utf8))
                _ = ApplicationRecord.read(document, folderID: ApplicationID("2026-001"), settings: CalculationSettings())
                outcome.read = true
            } catch {
                outcome.problem = error as? FileProblem
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return outcome
    }

    static let head = "schema = 1\nid = \"2026-001\"\n"

    static func dotted(_ parts: Int) -> String { Array(repeating: "a", count: parts).joined(separator: ".") }

    enum Hostile: String, CaseIterable, CustomTestStringConvertible {
        /// 50 inline tables, each behind a key of 99 parts: about 5 000 levels of tables in 10 KB,
        /// which the old count (inline tables only) let through.
        case dottedKeysInInlineTables
        /// A header 20 parts deep and a key 20 parts deep below it, each within the limit alone.
        case dottedKeyBelowADeepHeader
        /// 100 arrays, one inside the next.
        case nestedArrays
        var testDescription: String { rawValue }

        var text: String {
            switch self {
            case .dottedKeysInInlineTables:
                return head + "x = " + String(repeating: "{ \(dotted(99)) = ", count: 50) + "1" + String(repeating: " }", count: 50) + "\n"
            case .dottedKeyBelowADeepHeader:
                return head + "[\(dotted(20))]\n\(dotted(20)) = 1\n"
            case .nestedArrays:
                return head + "x = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
            }
        }

        var line: Int { self == .dottedKeyBelowADeepHeader ? 4 : 3 }
    }

    @Test(arguments: Hostile.allCases)
    func aHostileFileIsAPlainErrorWithItsLine(_ hostile: Hostile) {
        let outcome = readOnSmallStack(hostile.text)
        #expect(!outcome.read)
        #expect(outcome.problem == FileProblem(file: TOMLDepthTests.file, line: hostile.line,
                                               message: Message(.fileSyntax, ["detail": .message(Message(.tomlTooDeep))])))
    }

    /// The limit fits the small stack: as many inline tables, one inside the next (the parser's
    /// deepest recursion per level), as it allows are read; one more is refused. The old limit
    /// allowed 99, which overflowed it.
    @Test func theDeepestFileAllowedIsReadOnASmallStackAndOneLevelMoreIsNot() {
        func nested(_ levels: Int) -> String {
            TOMLDepthTests.head + "x = " + String(repeating: "{ a = ", count: levels) + "1" + String(repeating: " }", count: levels) + "\n"
        }
        let deepest = readOnSmallStack(nested(TOMLParser.maximumDepth))
        #expect(deepest.read)
        #expect(deepest.problem == nil)
        let deeper = readOnSmallStack(nested(TOMLParser.maximumDepth + 1))
        #expect(deeper.problem == FileProblem(file: TOMLDepthTests.file, line: 3, message: Message(.fileSyntax, ["detail": .message(Message(.tomlTooDeep))])))
    }
}
