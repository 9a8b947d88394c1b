import BeredningCore
import Foundation

extension AppState {
    /// The form for a new application, or a new idea; the coordinator's only.
    mutating func openNewApplication(idea: Bool) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .registerApplication) {
            refuse(refusal)
            return []
        }
        let today = WallTime(now, offsetMinutes: utcOffsetMinutes).day
        // The number is the store's to give when it registers the application.
        let base = Application(id: ApplicationID(year: today.year, number: 0), title: "", state: idea ? .idea : .received, received: today)
        stack.append(.applicationForm(.new(base, config: snapshot.config)))
        return []
    }

    /// The form on an application in the store, with everything it holds filled in.
    mutating func openApplicationEdit(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        if let refusal = Permissions.check(member.role, .editApplication) {
            refuse(refusal)
            return []
        }
        stack.append(.applicationForm(.edit(dossier.application, config: snapshot.config)))
        return []
    }

    mutating func handleApplicationForm(_ key: Key, _ form: ApplicationFormScreen) -> [Command] {
        var form = form
        defer { if case .applicationForm = current { stack[stack.count - 1] = .applicationForm(form) } }
        switch key {
        case .tab: form.move(by: 1); return []
        case .backTab: form.move(by: -1); return []
        case .pageDown: form.moveSection(forward: true); return []
        case .pageUp: form.moveSection(forward: false); return []
        case .escape:
            if form.isDirty { modal = .confirmLeave } else { stack.removeLast() }
            return []
        case .ctrl("s"):
            return saveApplication(&form)
        case .function(1):
            modal = .help(offset: 0)
            return []
        case .function(5):
            if !form.addRow() { show(catalog(.appformNoRowHere), .error) }
            return []
        case .function(6):
            switch form.removeRow() {
            case .removed: show(catalog(.appformRowRemoved))
            case .needsSecondPress:
                let heading = form.focusedField.flatMap { $0.rowHeading ?? $0.label }.map { catalog($0) } ?? ""
                show(catalog(.appformRemoveAgain, ["row": .text(heading)]), .error)
            case .nothing: show(catalog(.appformNoRowHere), .error)
            }
            return []
        case .function(7), .function(8):
            if form.focusedRow == nil { show(catalog(.appformNoRowHere), .error); return [] }
            if !form.moveRow(by: key == .function(7) ? -1 : 1) { show(catalog(.appformRowAtEdge), .error) }
            return []
        default: break
        }
        switch form.focus {
        case .add:
            switch key {
            case .enter, .char(" "): _ = form.addRow()
            case .down, .right: form.move(by: 1)
            case .up, .left: form.move(by: -1)
            default: break
            }
            return []
        case .field(let path):
            guard let field = ApplicationForm.field(path) else { return [] }
            return handleFormField(key, field, &form)
        }
    }

    private mutating func handleFormField(_ key: Key, _ field: FormField, _ form: inout ApplicationFormScreen) -> [Command] {
        let path = field.path
        switch field.kind {
        case .choice(let options):
            switch key {
            case .right, .char(" "), .char("l"): form.cycle(path, options: options, forward: true)
            case .left, .char("h"): form.cycle(path, options: options, forward: false)
            case .backspace, .delete: form.edit(path) { $0.replaceAll(with: "") }
            case .enter, .down, .char("j"): form.move(by: 1)
            case .up, .char("k"): form.move(by: -1)
            case .ctrl("e"), .function(4): show(catalog(.tuiEditorLongTextsOnly), .error)
            default: break
            }
            return []
        case .choices(let options):
            switch key {
            case .right, .char("l"): form.option = min(options.count - 1, form.option + 1)
            case .left, .char("h"): form.option = max(0, form.option - 1)
            case .char(" "), .char("x"): form.toggle(path, options: options)
            case .enter, .down, .char("j"): form.move(by: 1)
            case .up, .char("k"): form.move(by: -1)
            case .ctrl("e"), .function(4): show(catalog(.tuiEditorLongTextsOnly), .error)
            default: break
            }
            return []
        case .paragraphs:
            if key == .ctrl("e") || key == .function(4) { return [.openEditor(text: form.text(path))] }
            let width = applicationFormTextWidth
            let editor = form.editor(path)
            let layout = editor.layout(width: width)
            let row = editor.cursorPosition(in: layout).row
            // ↑ on the first line and ↓ on the last leave the box, as in the fields around it.
            if key == .up && row == 0 { form.move(by: -1); return [] }
            if key == .down && row >= layout.count - 1 { form.move(by: 1); return [] }
            form.edit(path) { editor in
                _ = editor.handle(key, width: width)
                editor.scrollToCursor(width: width, height: ApplicationFormView.boxRows(height: height))
            }
            return []
        case .text, .integer, .decimal, .amount, .date:
            switch key {
            case .enter, .down: form.move(by: 1); return []
            case .up: form.move(by: -1); return []
            case .ctrl("e"), .function(4): show(catalog(.tuiEditorLongTextsOnly), .error); return []
            default: break
            }
            form.edit(path) { editor in
                _ = editor.handle(key, width: Int.max / 4)
            }
            return []
        }
    }

    /// Saves the application when the form reads; otherwise names the first problem, how
    /// many there are, and puts the cursor on it.
    mutating func saveApplication(_ form: inout ApplicationFormScreen) -> [Command] {
        form.triedSaving = true
        switch form.application() {
        case .failure(let problems):
            _ = form.focusFirstProblem()
            let first = problems.messages.first.map { catalog($0) } ?? ""
            show(problems.messages.count == 1 ? first
                 : catalog(.appformProblems, ["count": .text(String(problems.messages.count)), "first": .text(first)]), .error)
            return []
        case .success(let application):
            if let basis = form.basis, basis == application {
                show(catalog(.appformNothingChanged))
                return []
            }
            return [.saveApplication(application, basis: form.basis)]
        }
    }

    /// The width a text of the form is written in: the form's column less its indent and frame.
    var applicationFormTextWidth: Int { max(10, ApplicationFormView.columns(width: width).form - 5) }
}

extension AppState {
    /// Starts the interface on the form alone (`bered new`, `bered edit`): closing the form ends
    /// the program. `edit`: the application to edit, else a new one (an idea with `idea`)
    /// with `title` typed in. Returns why the member may not, or nil when the form is open.
    public mutating func startOnForm(edit id: ApplicationID?, idea: Bool, title: String) -> String? {
        if let id {
            guard let dossier = dossier(id) else { return catalog(.storeMissingFile) }
            _ = openApplicationEdit(dossier)
        } else {
            _ = openNewApplication(idea: idea)
            if case .applicationForm(var form) = current, !title.isEmpty {
                form.edit("title") { $0.replaceAll(with: title) }
                form.move(by: 1)
                stack[stack.count - 1] = .applicationForm(form)
            }
        }
        guard case .applicationForm = current else { return status?.text ?? "" }
        status = nil
        quitsWithForm = true
        return nil
    }
}
