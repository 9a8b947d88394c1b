import BeredningCore
import BeredningTUI
import Foundation

/// `bered --plain`: the interface for a screen reader as lines of text and numbered choices
/// read from standard input, one answer a line. For now the member reads: who they are, the
/// list, any application, the help.
struct PlainSession {
    var state: AppState
    let catalog: Catalog

    /// Reads answers until `q` or the end of input; returns the exit status.
    mutating func run() -> Int32 {
        if state.member == nil {
            guard let member = chooseMember() else { return ExitStatus.ok }
            state = AppState(snapshot: state.snapshot, member: member, catalog: catalog, width: state.width, height: state.height)
        }
        while true {
            say(PlainText.list(state))
            say([catalog(.plainListPrompt)])
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces) else { return ExitStatus.ok }
            switch answer.lowercased() {
            case "q": return ExitStatus.ok
            case "h", "?": say([catalog(.plainHelp)])
            default:
                guard let index = Int(answer), let row = state.listRows[safe: index - 1], let id = ApplicationID(row.id) else {
                    say([catalog(.plainNotAChoice, ["answer": .text(answer), "count": .text(String(state.listRows.count))])])
                    continue
                }
                say(PlainText.application(state, id))
            }
        }
    }

    /// The member list until a number on it is given; nil at the end of input.
    private func chooseMember() -> Member? {
        let members = state.snapshot.config.members
        while true {
            say(PlainText.members(state))
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces) else { return nil }
            if let index = Int(answer), members.indices.contains(index - 1) { return members[index - 1] }
            say([catalog(.plainNotAChoice, ["answer": .text(answer), "count": .text(String(members.count))])])
        }
    }

    private func say(_ lines: [String]) {
        for line in lines { print(Printable.shown(line)) }
        print("")
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
