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

    /// Where the selection goes when the list changes under it: to the same application, or,
    /// when that one is no longer shown, to the nearest row after it that still is (else the
    /// nearest before it), so the highlight stays where the member was reading.
    static func selection(following old: [ListRow], at index: Int, in new: [ListRow]) -> Int {
        guard !new.isEmpty else { return 0 }
        guard let chosen = old[safe: index] else { return max(0, min(index, new.count - 1)) }
        // The same row object while the store is unchanged; after a reload, the same id.
        if let same = new.firstIndex(where: { $0 === chosen }) ?? new.firstIndex(where: { $0.id == chosen.id }) { return same }
        let shown = Dictionary(new.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for neighbour in old[(index + 1)...] { if let row = shown[neighbour.id] { return row } }
        for neighbour in old[..<index].reversed() { if let row = shown[neighbour.id] { return row } }
        return min(index, new.count - 1)
    }
}

/// One line of the list, with everything the columns, sorting and filtering need, worked out
/// once when the store is read. A class, so sorting and filtering 10 000 rows moves references
/// rather than copies of whole dossiers.
public final class ListRow: Sendable {
    public let entry: StoreEntry
    public let checklist: Checklist?
    public var dossier: Dossier? { entry.dossier }
    public var id: String { entry.folder }
    /// Id, title and applicant in lower case, for the free-text filter.
    let searchText: String

    /// Whether the lower-cased `text` occurs in id, title or applicant. Compared as bytes:
    /// `String.contains` compares characters and took 30 ms a key press over 10 000 rows.
    func mentions(_ text: String) -> Bool {
        var haystack = searchText, needle = text
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                for start in 0...(h.count - n.count) where h[start] == first {
                    var k = 1
                    while k < n.count && h[start + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
    }
    let title: CollationKey?
    let applicant: CollationKey?
    let isBroken: Bool
    let stateRank: Int?
    /// Failed and missing criteria weigh ten warnings: the worst applications sort first.
    let failures: Int?
    let isTodo: Bool
    let hasConflict: Bool
    let mean: Double?
    let complete: Int?
    let comments: Int?

    /// Place in the store's id order: ties sort by it, cheaper than comparing the ids.
    let position: Int

    init(entry: StoreEntry, position: Int, checklist: Checklist?, member: Member?) {
        self.entry = entry
        self.position = position
        self.checklist = checklist
        let dossier = entry.dossier
        let application = dossier?.application
        title = application.map { CollationKey($0.title) }
        applicant = application.map { CollationKey($0.applicant) }
        isBroken = dossier == nil
        searchText = application.map { [entry.folder, $0.title, $0.applicant].joined(separator: "\u{1F}").lowercased() } ?? entry.folder
        stateRank = application.map { ApplicationState.allCases.firstIndex(of: $0.state)! }
        failures = checklist.map { checklist in
            checklist.rows.filter { $0.outcome == .fail || $0.outcome == .missing }.count * 10 + checklist.rows.filter { $0.outcome == .warning }.count
        }
        mean = checklist?.meanScore
        complete = checklist?.quorum.complete
        comments = dossier?.comments.count
        isTodo = member.flatMap { member in dossier.map { ReviewQueue.isTodo($0, for: member) } } ?? false
        hasConflict = member.flatMap { member in dossier?.hasConflict(member.id) } ?? false
    }
}

/// Sorts text the Swedish way, case aside: å, ä and ö come after z, in that order, where
/// Unicode order would put ä before å. Compared as bytes, which keeps sorting 10 000 titles
/// within a frame.
struct CollationKey: Comparable, Sendable {
    let bytes: [UInt8]

    init(_ text: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case "å": bytes.append(0x7B)
            case "ä", "æ": bytes.append(0x7C)
            case "ö", "ø": bytes.append(0x7D)
            default: bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        self.bytes = bytes
    }

    static func < (a: CollationKey, b: CollationKey) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}

/// Every row of the store for one member, and the figures the status line shows.
struct StoreRows: Sendable {
    var generation = -1
    var member: MemberID?
    var rows: [ListRow] = []
    var progress: (done: Int, total: Int) = (0, 0)
    var problems = 0
    var isComplete = true
    /// Each row's place in title or applicant order (equal texts share one), worked out the
    /// first time the list is sorted by that column.
    var textRanks: [ListColumn: [Int]] = [:]

    static func ranks(_ keys: [CollationKey?]) -> [Int] {
        let order = keys.indices.sorted { a, b in
            switch (keys[a], keys[b]) {
            case let (x?, y?): return x < y
            case (nil, _): return false
            case (_, nil): return true
            }
        }
        var ranks = [Int](repeating: 0, count: keys.count)
        var rank = 0
        for (n, index) in order.enumerated() {
            if n > 0 && keys[order[n - 1]] != keys[index] { rank += 1 }
            ranks[index] = rank
        }
        return ranks
    }
}

/// What the shown list was last worked out from.
struct ListInputs: Equatable {
    let generation: Int
    let member: MemberID?
    let filter: String
    let sort: ListColumn
    let ascending: Bool
    let grouped: Bool

    /// Whether every row that `next` shows is among the rows these inputs show: the same store,
    /// member and order, and a free-text filter typed further (`evidens<` becoming `evidens<3`
    /// turns text into a score term, so only plain text qualifies).
    func narrows(to next: ListInputs) -> Bool {
        generation == next.generation && member == next.member && sort == next.sort && ascending == next.ascending
            && grouped == next.grouped && !filter.isEmpty && next.filter.hasPrefix(filter)
            && Query(filter).isPlainText && Query(next.filter).isPlainText
    }
}

extension AppState {
    /// Works the list out again when the store, the member, the filter or the order changed.
    mutating func refreshList() {
        if storeRows.generation != generation || storeRows.member != member?.id {
            var fresh = StoreRows(generation: generation, member: member?.id)
            fresh.rows = snapshot.entries.enumerated().map { position, entry in
                ListRow(entry: entry, position: position, checklist: entry.dossier.map(checklist(for:)), member: member)
            }
            if let member { fresh.progress = ReviewQueue.progress(of: member, in: snapshot.dossiers) }
            fresh.problems = snapshot.allProblems.count
            fresh.isComplete = snapshot.isComplete
            // Title and applicant order, worked out with the store rather than on the first
            // sort key (100 ms at 50 000); a first screen still being filled in waits for it.
            if fresh.isComplete {
                fresh.textRanks[.title] = StoreRows.ranks(fresh.rows.map(\.title))
                fresh.textRanks[.applicant] = StoreRows.ranks(fresh.rows.map(\.applicant))
            }
            storeRows = fresh
            listInputsKey = nil
        }
        let inputs = ListInputs(generation: generation, member: member?.id, filter: list.filter, sort: list.sort,
                                ascending: list.ascending, grouped: list.grouped)
        guard listInputsKey != inputs else { return }
        // The selection is an application, not a row number: whatever changed the list (a
        // reload, a save, a sort, the filter), Enter must open the application that was chosen.
        let before = listRows, selected = list.selection
        defer {
            listInputsKey = inputs
            list.selection = ListState.selection(following: before, at: selected, in: listRows)
        }
        // Typing on in the filter only narrows the list: the rows shown, already in order, are
        // filtered again instead of the whole store (at 50 000 that was 20 ms a key).
        if let previous = listInputsKey, previous.narrows(to: inputs) {
            let query = Query(list.filter)
            let today = self.today
            listRows = listRows.filter { query.matches($0, member: member, catalogs: [], today: today) }
            return
        }
        listRows = computeListRows()
    }

    private mutating func computeListRows() -> [ListRow] {
        let query = Query(list.filter)
        let catalogs = [catalog] + (otherCatalog.map { [$0] } ?? [])
        let today = self.today
        let rows: [ListRow] = query.isEmpty ? storeRows.rows : storeRows.rows.filter { query.matches($0, member: member, catalogs: catalogs, today: today) }
        // The store is read in id order, which is the list's first order.
        if list.sort == .id && list.ascending && !list.grouped { return rows }
        if (list.sort == .title || list.sort == .applicant) && storeRows.textRanks[list.sort] == nil {
            storeRows.textRanks[list.sort] = StoreRows.ranks(storeRows.rows.map { list.sort == .title ? $0.title : $0.applicant })
        }
        // Sorting plain numbers, not rows: comparing titles 140 000 times took longer than a frame.
        struct Item { let group: Int; let missing: Bool; let key: Double; let position: Int }
        let column = list.sort, grouped = list.grouped, ascending = list.ascending
        let ranks = storeRows.textRanks[column]
        var items = rows.map { row -> Item in
            let key: Double?
            switch column {
            case .id: key = Double(row.position)
            case .title, .applicant: key = row.isBroken ? nil : ranks.map { Double($0[row.position]) }
            case .state: key = row.stateRank.map(Double.init)
            case .checklist: key = row.failures.map(Double.init)
            case .mean: key = row.mean
            case .reviews: key = row.complete.map(Double.init)
            case .comments: key = row.comments.map(Double.init)
            }
            // Unknowns (broken applications, hidden or missing scores) go last either way.
            return Item(group: grouped ? row.stateRank ?? Int.max : 0, missing: key == nil, key: key ?? 0, position: row.position)
        }
        items.sort { a, b in
            if a.group != b.group { return a.group < b.group }
            if a.missing != b.missing { return !a.missing }
            if a.key != b.key { return ascending ? a.key < b.key : a.key > b.key }
            return a.position < b.position
        }
        return items.map { storeRows.rows[$0.position] }
    }

    var listPageSize: Int { max(1, height - 5) }

    /// What the filter cannot match because nothing is called so, in words (`Query.warnings`).
    var filterWarnings: [String] {
        guard !list.filter.isEmpty else { return [] }
        let catalogs = [catalog] + (otherCatalog.map { [$0] } ?? [])
        return Query(list.filter).warnings(criteria: snapshot.config.criteria, catalogs: catalogs).map { catalog($0) }
    }

    mutating func handleList(_ key: Key) -> [Command] {
        let rows = listRows
        if list.filtering {
            switch key {
            case .enter: list.filtering = false
            case .escape: list.filtering = false; list.filter = ""
            case .backspace: if !list.filter.isEmpty { list.filter.removeLast() } else { list.filtering = false }
            case .char(let c) where !c.isControl: list.filter.append(c)
            case .ctrl("u"): list.filter = ""
            case .up, .down, .pageUp, .pageDown: list.filtering = false; return handleList(key)
            default: break
            }
            refreshList()
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
            if row.entry.isPending {
                show(catalog(.uiStillLoading, ["id": .text(row.id)]))
                return []
            }
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
        case .char("m"):
            guard let dossier = rows[safe: list.selection]?.dossier else { return [] }
            return openMove(dossier)
        case .char("x"):
            return openExport(memoFor: rows[safe: list.selection]?.dossier?.application.id)
        case .char("M"):
            stack.append(.meeting(MeetingScreen()))
            return []
        case .char("B"):
            stack.append(.budget(BudgetScreen()))
        case .char("u"):
            stack.append(.followUpsDue(FollowUpsDueScreen()))
            return []
        case .char("N"):
            return openNewApplication(idea: false)
        case .char("I"):
            return openNewApplication(idea: true)
        case .char("E"):
            guard let dossier = rows[safe: list.selection]?.dossier else { return [] }
            return openApplicationEdit(dossier)
        case .char("?"), .function(1): modal = .help(offset: 0)
        case .char("r"), .ctrl("r"):
            reloadAsked = true
            show(catalog(.tuiReloading))
            return [.reload]
        case .char("y"):
            show(catalog(.syncWorking))
            return [.sync(choices: [:])]
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
