import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// Issue 14: a history line is never lost to its neighbour, and an over-long one is named rather
/// than shown.
@Suite("No lost lines, no escape codes")
struct NoLostLinesTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)
    let id = ApplicationID("2026-005")!
    let path = "2026-005/history.jsonl"

    func line(_ details: String, minute: Int) -> String {
        "{\"action\":\"edited\",\"details\":\"\(details)\",\"member\":\"lars\",\"role\":\"coordinator\",\"time\":\"2026-03-01T10:\(String(format: "%02d", minute)):00Z\"}"
    }

    @Test func anAppendAfterALastLineWithoutALineEndStartsANewLine() throws {
        let store = try TestStore()
        try store.write(path, line("från en kollega", minute: 0))
        try store.store.append(HistoryEvent(time: now, member: MemberID("lars")!, role: .coordinator, kind: .edited, details: "titel"), to: id)
        let (events, problems) = store.store.history(of: id)
        #expect(problems == [])
        #expect(events.map(\.details) == ["från en kollega", "titel"])
    }

    @Test func aPartialLineLeftByAFullDiskCostsOnlyItself() throws {
        let store = try TestStore()
        try store.write(path, line("hel", minute: 0) + "\n" + "{\"action\":\"edited\",\"deta")
        try store.store.append(HistoryEvent(time: now, member: MemberID("lars")!, role: .coordinator, kind: .edited, details: "ny"), to: id)
        let (events, problems) = store.store.history(of: id)
        #expect(events.map(\.details) == ["hel", "ny"])
        #expect(problems.map(\.line) == [2])
    }

    @Test func aTenMegabyteLineIsNamedNotDecodedAndTheOthersRead() throws {
        let store = try TestStore()
        let huge = line(String(repeating: "ab ", count: 3_500_000), minute: 1)
        try store.write(path, line("före", minute: 0) + "\n" + huge + "\n" + line("efter", minute: 2) + "\n")
        let (events, problems) = store.store.history(of: id)
        #expect(events.map(\.details) == ["före", "efter"])
        #expect(problems.count == 1)
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.key == MessageKey.fileHistoryLineTooLong.rawValue)
    }
}
