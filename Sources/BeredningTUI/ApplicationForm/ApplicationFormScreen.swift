import BeredningCore
import Foundation

/// The coordinator's form for an application: a new one, a new idea, or an edit of one in the
/// store. It holds every field of `ApplicationForm`, its lists growing, shrinking and changing
/// order, and reads itself after every change with the reader the Word form uses, so the
/// automatic checks beside it and each field's problem are always those of what is on screen.
public struct ApplicationFormScreen: Equatable, Sendable {
    public enum Item: Hashable, Sendable {
        case field(String)
        /// The line after a repeating part that adds a row to it.
        case add(String)
    }

    /// The application as it was opened (or last read in again); nil for a new one. A save is
    /// refused when the file no longer holds it.
    public private(set) var basis: Application?
    /// What the form is read onto: the id, state and dates the form does not show.
    public private(set) var base: Application
    /// The short idea form: only what an idea is screened on.
    public let idea: Bool
    /// How many rows each repeating part has now.
    public private(set) var rows: [String: Int]
    private(set) var editors: [String: TextEditor]
    /// The values as opened: what "changed" is measured against.
    private var original: [String: String]
    public internal(set) var focus: Item
    /// The highlighted option of a field with several choices.
    var option = 0
    /// A row with text in it that a second F6 removes.
    var removing: String?
    /// Ctrl-S was pressed once: from then on every field's problem is shown, not only those of
    /// fields the member has changed.
    var triedSaving = false
    public private(set) var reading: FormReading
    public private(set) var checks: [CheckResult]
    let settings: CalculationSettings
    let rules: FundRules

    /// A new application (or idea, when `base.state` is `idea`) on `base`, whose id the store
    /// replaces when it registers it.
    public static func new(_ base: Application, config: FundConfig) -> ApplicationFormScreen {
        ApplicationFormScreen(basis: nil, base: base, config: config)
    }

    public static func edit(_ application: Application, config: FundConfig) -> ApplicationFormScreen {
        ApplicationFormScreen(basis: application, base: application, config: config)
    }

    private init(basis: Application?, base: Application, config: FundConfig) {
        self.basis = basis
        self.base = base
        idea = base.state == .idea
        rows = ApplicationForm.rowCounts(of: base)
        let values = ApplicationForm.values(of: base, rows: rows, idea: idea)
        editors = values.mapValues { TextEditor($0) }
        self.values = values
        original = values
        settings = config.calculation
        rules = config.rules
        focus = .field("title")
        reading = ApplicationForm.read(values, onto: base, rows: rows, settings: config.calculation, spellings: { _ in [] })
        checks = AutomaticChecks.run(reading.application, rules: config.rules)
    }

    public var isNew: Bool { basis == nil }

    /// Every field's text, by its path: made once per change (in `recheck`), since the runtime
    /// asks whether the form is dirty, and for its draft, on every pass of its loop.
    public private(set) var values: [String: String]

    public func text(_ path: String) -> String { editors[path]?.text ?? "" }

    func editor(_ path: String) -> TextEditor { editors[path] ?? TextEditor() }

    public var isDirty: Bool { values != original }

    /// The paths whose text differs from what was opened.
    public var changedPaths: [String] { values.filter { original[$0.key] != $0.value }.map(\.key).sorted() }

    // MARK: What the form shows

    /// The repeating part a field belongs to (`actors`, `intervention.activities`), if any.
    static func group(of field: FormField) -> String? {
        field.group ?? (field.row != nil ? field.name : nil)
    }

    /// What the cursor can stop on, in order: the fields, and after each repeating part its
    /// line that adds a row.
    public var items: [Item] {
        var result: [Item] = []
        var open: String?
        // Every part with at least one row, so an empty part still has its place in the order.
        let layout = ApplicationForm.fields(rows: Dictionary(uniqueKeysWithValues: ApplicationForm.groups.map { ($0, max(1, rows[$0] ?? 0)) }), idea: idea)
        for field in layout where !idea || ApplicationForm.isIdeaField(field) {
            let group = Self.group(of: field)
            if let open, open != group { result.append(.add(open)) }
            open = group
            if let group, let row = field.row, row > rows[group] ?? 0 { continue }
            result.append(.field(field.path))
        }
        if let open { result.append(.add(open)) }
        return result
    }

    public var focusedField: FormField? {
        guard case .field(let path) = focus else { return nil }
        return ApplicationForm.field(path)
    }

    /// The section the cursor is in.
    public var section: FormSection { section(of: focus) }

    /// The section an item is in; an add line is in its list's.
    func section(of item: Item) -> FormSection {
        switch item {
        case .field(let path): return ApplicationForm.field(path)?.section ?? .application
        case .add(let group): return ApplicationForm.field("\(group)[0]" + (Self.suffixes(group).first ?? ""))?.section ?? .application
        }
    }

    /// The problem to show under a field: one the member has typed, or any after a save was tried.
    public func problem(_ path: String) -> Message? {
        guard let problem = reading.fieldProblems[path] else { return nil }
        return triedSaving || text(path) != (original[path] ?? "") ? problem : nil
    }

    // MARK: Moving about

    mutating func move(by delta: Int) {
        let all = items
        guard let index = all.firstIndex(of: focus) else { focus = all.first ?? .field("title"); return }
        focus = all[max(0, min(all.count - 1, index + delta))]
        option = 0
        removing = nil
    }

    /// To the first item of the next (or previous) section.
    mutating func moveSection(forward: Bool) {
        let all = items
        let sections = all.map(section(of:))
        guard let index = all.firstIndex(of: focus) else { return }
        let here = sections[index]
        if forward {
            if let next = sections[index...].firstIndex(where: { $0 != here }) { focus = all[next] }
        } else {
            // To the start of this section, or of the one before when already there.
            var start = index
            while start > 0 && sections[start - 1] == here { start -= 1 }
            if start == index, start > 0 {
                let before = sections[start - 1]
                start -= 1
                while start > 0 && sections[start - 1] == before { start -= 1 }
            }
            focus = all[start]
        }
        option = 0
        removing = nil
    }

    /// Puts the cursor on the first field with a problem; false when there is none.
    mutating func focusFirstProblem() -> Bool {
        guard let item = items.first(where: { if case .field(let path) = $0 { reading.fieldProblems[path] != nil } else { false } }) else { return false }
        focus = item
        return true
    }

    // MARK: Typing

    mutating func edit(_ path: String, _ change: (inout TextEditor) -> Void) {
        var editor = editors[path] ?? TextEditor()
        change(&editor)
        editors[path] = editor
        removing = nil
        recheck()
    }

    /// A single choice: the next (or previous) option, through "none" and round.
    mutating func cycle(_ path: String, options: [FormOption], forward: Bool) {
        let values = [""] + options.map(\.value)
        let index = values.firstIndex(of: text(path)) ?? 0
        let next = (index + (forward ? 1 : values.count - 1)) % values.count
        edit(path) { $0.replaceAll(with: values[next]) }
    }

    /// Several choices: the highlighted option in or out, kept in the options' order.
    mutating func toggle(_ path: String, options: [FormOption]) {
        guard options.indices.contains(option) else { return }
        var chosen = Set(text(path).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let value = options[option].value
        if chosen.contains(value) { chosen.remove(value) } else { chosen.insert(value) }
        edit(path) { $0.replaceAll(with: options.map(\.value).filter(chosen.contains).joined(separator: ", ")) }
    }

    mutating func recheck() {
        values = editors.mapValues(\.text)
        reading = ApplicationForm.read(values, onto: base, rows: rows, settings: settings, spellings: { _ in [] })
        checks = AutomaticChecks.run(reading.application, rules: rules)
    }

    /// The application to save, or every problem in its way.
    func application() -> Result<Application, FormProblems> {
        reading.problems.isEmpty ? .success(reading.application) : .failure(FormProblems(messages: reading.problems))
    }

    // MARK: Rows

    /// The repeating part and row (from 0) the cursor is in, if any.
    var focusedRow: (group: String, index: Int)? {
        switch focus {
        case .field(let path):
            guard let field = ApplicationForm.field(path), let group = Self.group(of: field), let row = field.row else { return nil }
            return (group, row - 1)
        case .add:
            return nil
        }
    }

    /// The part of a row's path after `group[i]`: `.name`, or "" for a one-line list.
    private static func suffixes(_ group: String) -> [String] { ApplicationForm.rowSuffixes[group] ?? [] }

    func rowIsEmpty(_ group: String, _ index: Int) -> Bool {
        Self.suffixes(group).allSatisfy { text("\(group)[\(index)]" + $0).allSatisfy(\.isWhitespace) }
    }

    /// Gives the part new rows: row j takes what row `order[j]` held, or nothing when nil.
    private mutating func rearrange(_ group: String, _ order: [Int?]) {
        let suffixes = Self.suffixes(group)
        let old = (0..<(rows[group] ?? 0)).map { i in suffixes.map { editors["\(group)[\(i)]" + $0] ?? TextEditor() } }
        for i in 0..<(rows[group] ?? 0) { for suffix in suffixes { editors["\(group)[\(i)]" + suffix] = nil } }
        for (j, source) in order.enumerated() {
            for (k, suffix) in suffixes.enumerated() { editors["\(group)[\(j)]" + suffix] = source.map { old[$0][k] } ?? TextEditor() }
        }
        rows[group] = order.count
        removing = nil
        recheck()
    }

    /// Adds an empty row after the focused one, or at the end from the part's add line; the
    /// cursor goes to its first field.
    mutating func addRow() -> Bool {
        let group: String, at: Int
        if let row = focusedRow {
            (group, at) = (row.group, row.index + 1)
        } else if case .add(let part) = focus {
            (group, at) = (part, rows[part] ?? 0)
        } else {
            return false
        }
        let count = rows[group] ?? 0
        rearrange(group, Array(0..<at) + [nil] + Array(at..<count))
        focus = .field("\(group)[\(at)]" + Self.suffixes(group)[0])
        return true
    }

    enum Removal: Equatable { case removed, needsSecondPress, nothing }

    /// Removes the focused row; one with text in it only on the second press in a row.
    mutating func removeRow() -> Removal {
        guard let (group, index) = focusedRow else { return .nothing }
        let key = "\(group)[\(index)]"
        if !rowIsEmpty(group, index) && removing != key {
            removing = key
            return .needsSecondPress
        }
        let count = rows[group] ?? 0
        let suffix = focusSuffix(group)
        rearrange(group, (0..<count).filter { $0 != index })
        focus = count - 1 > 0 ? .field("\(group)[\(min(index, count - 2))]" + suffix) : .add(group)
        return .removed
    }

    /// Swaps the focused row with its neighbour; the cursor goes with it.
    mutating func moveRow(by delta: Int) -> Bool {
        guard let (group, index) = focusedRow else { return false }
        let target = index + delta
        guard target >= 0, target < rows[group] ?? 0 else { return false }
        var order = Array(0..<(rows[group] ?? 0))
        order.swapAt(index, target)
        let suffix = focusSuffix(group)
        rearrange(group, order)
        focus = .field("\(group)[\(target)]" + suffix)
        return true
    }

    private func focusSuffix(_ group: String) -> String {
        guard case .field(let path) = focus, let close = path.firstIndex(of: "]") else { return "" }
        return String(path[path.index(after: close)...])
    }

    // MARK: Typing kept aside

    /// What a recovery draft keeps: the rows and every field whose text differs from what was opened.
    public var changes: [String: String] { values.filter { (original[$0.key] ?? "") != $0.value } }

    /// Puts a recovery draft's typing back: its rows, and its text in the fields it changed.
    mutating func restore(rows draftRows: [String: Int], changes: [String: String]) {
        for group in ApplicationForm.groups {
            guard let count = draftRows[group] else { continue }
            let suffixes = Self.suffixes(group)
            for row in count..<max(count, rows[group] ?? 0) { for suffix in suffixes { editors["\(group)[\(row)]" + suffix] = nil } }
            for row in 0..<count { for suffix in suffixes where editors["\(group)[\(row)]" + suffix] == nil { editors["\(group)[\(row)]" + suffix] = TextEditor() } }
            rows[group] = count
        }
        for (path, text) in changes where editors[path] != nil || (ApplicationForm.field(path) != nil && !path.contains("[")) {
            editors[path] = TextEditor(text)
        }
        recheck()
    }

    // MARK: After a colleague's change

    /// Reads in `current`, the application as the store now has it: a field the member has not
    /// touched takes the colleague's text, a field they changed keeps theirs.
    mutating func rebase(onto current: Application) {
        let theirs = ApplicationForm.rowCounts(of: current)
        let merged = Dictionary(uniqueKeysWithValues: ApplicationForm.groups.map { ($0, max(rows[$0] ?? 0, theirs[$0] ?? 0)) })
        let mine = values
        let their = ApplicationForm.values(of: current, rows: merged, idea: idea)
        for (path, text) in their where (mine[path] ?? "") == (original[path] ?? "") { editors[path] = TextEditor(text) }
        for (path, text) in their where editors[path] == nil { editors[path] = TextEditor(text) }
        rows = merged
        original = their
        basis = current
        base = current
        recheck()
    }
}
