import BeredningCore

/// Declaring a conflict of interest (jäv) on an application: the reason, then Ctrl-S.
public struct ConflictForm: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var editor = TextEditor()

    public var isDirty: Bool { !editor.isBlank }
}

extension AppState {
    /// `J` on an application: declare a conflict, or, when one is declared, ask before withdrawing it.
    mutating func declareOrWithdrawConflict(_ dossier: Dossier) -> [Command] {
        guard let member else { return [] }
        let id = dossier.application.id
        if dossier.hasConflict(member.id) {
            modal = .confirmWithdrawConflict(id)
            return []
        }
        if let refusal = Permissions.check(member.role, .declareConflict) {
            refuse(refusal)
            return []
        }
        stack.append(.conflict(ConflictForm(applicationID: id)))
        return []
    }

    mutating func handleConflict(_ key: Key, _ form: ConflictForm) -> [Command] {
        var form = form
        defer { if case .conflict = current { stack[stack.count - 1] = .conflict(form) } }
        switch key {
        case .escape:
            if form.isDirty { modal = .confirmLeave } else { stack.removeLast() }
            return []
        case .ctrl("s"):
            return saveConflict(form)
        case .ctrl("e"), .function(4):
            return [.openEditor(text: form.editor.text)]
        case .function(1):
            modal = .help(offset: 0)
            return []
        default:
            let width = formTextWidth
            _ = form.editor.handle(key, width: width)
            form.editor.scrollToCursor(width: width, height: commentTextHeight)
            return []
        }
    }

    func saveConflict(_ form: ConflictForm) -> [Command] {
        guard let member else { return [] }
        guard !form.editor.isBlank else { return [] }
        return [.saveConflict(ConflictDeclaration(applicationID: form.applicationID, member: member.id, reason: form.editor.text, declared: now))]
    }
}
