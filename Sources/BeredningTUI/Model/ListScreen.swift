import Foundation
import BeredningCore
import BeredningStore

/// The list's columns, in the order shown; each can be sorted on.
public enum ListColumn: Int, CaseIterable, Sendable {
    case id, title, applicant, state, checklist, mean, reviews, comments
}

public struct ListState: Equatable, Sendable {
    public var selection = 0
    public var top = 0
    public var sort = ListColumn.id
    public var ascending = true
    public var filter = ""
    /// True while the filter is being typed.
    public var filtering = false
    /// Grouped by state, with the moves the member may make in each: the steering group's and
    /// the coordinators' view of the process.
    public var grouped = false

    mutating func clampSelection(count: Int) {
        selection = max(0, min(selection, count - 1))
    }
}

/// One line of the list, with everything the columns, sorting and filtering need.
public struct ListRow: Sendable {
    public let entry: StoreEntry
    public let checklist: Checklist?
    public var dossier: Dossier? { entry.dossier }
    public var id: String { entry.folder }
}

extension AppState {
    /// The rows shown: filtered by the query, sorted by the chosen column.
    public var listRows: [ListRow] {
        let query = Query(list.filter)
        let catalogs = [catalog] + (otherCatalog.map { [$0] } ?? [])
        var rows: [ListRow] = snapshot.entries.compactMap { entry in
            guard let dossier = entry.dossier else {
                return query.isEmpty ? ListRow(entry: entry, checklist: nil) : nil
            }
            let checklist = self.checklist(for: dossier)
            guard query.matches(dossier, checklist: checklist, member: member, catalogs: catalogs) else { return nil }
            return ListRow(entry: entry, checklist: checklist)
        }
        rows.sort { a, b in
            if list.grouped {
                let byState = compare(a, b, by: .state)
                if byState != .orderedSame { return byState == .orderedAscending }
            }
            let order = compare(a, b, by: list.sort)
            return order == .orderedSame ? a.id < b.id : (order == .orderedAscending) == list.ascending
        }
        return rows
    }

    private func compare(_ a: ListRow, _ b: ListRow, by column: ListColumn) -> ComparisonResult {
        func cmp<T: Comparable>(_ x: T?, _ y: T?) -> ComparisonResult {
            switch (x, y) {
            case let (x?, y?): return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
            case (nil, nil): return .orderedSame
            case (nil, _): return .orderedDescending  // unknowns last
            case (_, nil): return .orderedAscending
            }
        }
        let x = a.dossier?.application, y = b.dossier?.application
        switch column {
        case .id: return cmp(a.id, b.id)
        case .title: return cmp(x?.title.lowercased(), y?.title.lowercased())
        case .applicant: return cmp(x?.applicant.lowercased(), y?.applicant.lowercased())
        case .state: return cmp(x.map { ApplicationState.allCases.firstIndex(of: $0.state)! }, y.map { ApplicationState.allCases.firstIndex(of: $0.state)! })
        case .checklist: return cmp(a.checklist.map(failures), b.checklist.map(failures))
        case .mean: return cmp(a.checklist?.meanScore, b.checklist?.meanScore)
        case .reviews: return cmp(a.checklist?.quorum.complete, b.checklist?.quorum.complete)
        case .comments: return cmp(a.dossier?.comments.count, b.dossier?.comments.count)
        }
    }

    private func failures(_ checklist: Checklist) -> Int {
        checklist.rows.filter { $0.outcome == .fail || $0.outcome == .missing }.count * 10 + checklist.rows.filter { $0.outcome == .warning }.count
    }

    var listPageSize: Int { max(1, height - 5) }

    mutating func handleList(_ key: Key) -> [Command] {
        let rows = listRows
        if list.filtering {
            switch key {
            case .enter: list.filtering = false
            case .escape: list.filtering = false; list.filter = ""
            case .backspace: if !list.filter.isEmpty { list.filter.removeLast() } else { list.filtering = false }
            case .char(let c): list.filter.append(c)
            case .ctrl("u"): list.filter = ""
            case .up, .down, .pageUp, .pageDown: list.filtering = false; return handleList(key)
            default: break
            }
            list.clampSelection(count: listRows.count)
            return []
        }
        switch key {
        case .up, .char("k"): list.selection -= 1
        case .down, .char("j"): list.selection += 1
        case .pageUp, .ctrl("b"): list.selection -= listPageSize
        case .pageDown, .ctrl("f"), .char(" "): list.selection += listPageSize
        case .home, .char("g"): list.selection = 0
        case .end, .char("G"): list.selection = rows.count - 1
        case .char("/"): list.filtering = true
        case .escape: list.filter = ""
        case .char("s"):
            list.sort = ListColumn(rawValue: (list.sort.rawValue + 1) % ListColumn.allCases.count)!
            list.ascending = true
        case .char("S"): list.ascending.toggle()
        case .char("v"): list.grouped.toggle()
        case .char(let digit) where ("1"..."8").contains(digit):
            let column = ListColumn(rawValue: Int(String(digit))! - 1)!
            if list.sort == column { list.ascending.toggle() } else { list.sort = column; list.ascending = true }
        case .enter, .right, .char("l"), .char("o"):
            guard let row = rows[safe: list.selection] else { return [] }
            guard let dossier = row.dossier else {
                show(row.entry.problems.first.map { $0.formatted(catalog) } ?? catalog(.uiBroken), .error)
                return []
            }
            stack.append(.application(ApplicationScreen(applicationID: dossier.application.id)))
        case .char("p"):
            guard let dossier = rows[safe: list.selection]?.dossier else { return [] }
            return openScoring(dossier)
        case .char("c"):
            guard let dossier = rows[safe: list.selection]?.dossier else { return [] }
            return openComment(dossier)
        case .char("n"):
            return openNextReview(after: nil)
        case .char("e"):
            guard let dossier = rows[safe: list.selection]?.dossier else { return [] }
            return openCalculation(dossier)
        case .char("x"):
            return openExport(memoFor: rows[safe: list.selection]?.dossier?.application.id)
        case .char("?"), .function(1): modal = .help(offset: 0)
        case .char("r"), .ctrl("r"): return [.reload]
        case .char("q"): return [.quit]
        default: break
        }
        list.clampSelection(count: rows.count)
        return []
    }

    // MARK: Opening the forms, through the role table

    mutating func openScoring(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.checkReview(by: member, conflicts: dossier.conflicts) {
            refuse(refusal)
            return []
        }
        let existing = dossier.review(by: member.id) ?? Review(applicationID: dossier.application.id, reviewer: member.id)
        stack.append(.scoring(ScoringForm(review: existing, criteria: snapshot.config.criteria)))
        return []
    }

    mutating func openComment(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .commentAsYouthPanel) {
            refuse(refusal)
            return []
        }
        stack.append(.comment(CommentForm(applicationID: dossier.application.id)))
        return []
    }

    /// Opens the scoring form of the application that most needs this member's review.
    mutating func openNextReview(after current: ApplicationID?) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .scoreReview) {
            refuse(refusal)
            return []
        }
        guard let next = ReviewQueue.next(for: member, in: snapshot.dossiers, config: snapshot.config, after: current) else {
            show(catalog(.uiNothingToReview), .success)
            return []
        }
        if let index = listRows.firstIndex(where: { $0.id == next.application.id.description }) { list.selection = index }
        return openScoring(next)
    }

    // MARK: The first screen: who is at the keyboard

    mutating func handleMemberPicker(_ key: Key) -> [Command] {
        let members = snapshot.config.members
        switch key {
        case .up, .char("k"): memberPicker = max(0, memberPicker - 1)
        case .down, .char("j"): memberPicker = min(members.count - 1, memberPicker + 1)
        case .enter: if members.indices.contains(memberPicker) { member = members[memberPicker] }
        case .char("q"), .ctrl("c"), .escape: return [.quit]
        default: break
        }
        return []
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
