import BeredningCore

/// A youth-panel member's comment: what it is about, and the text.
public struct CommentForm: Equatable, Sendable {
    public let applicationID: ApplicationID
    public var topic = CommentTopic.whole
    public var editor = TextEditor()
    /// Focus on the topic chooser (false: on the text).
    public var onTopic = false

    public var isDirty: Bool { !editor.isBlank }
}

extension AppState {
    var commentTextHeight: Int { max(3, height - 10) }

    mutating func handleComment(_ key: Key, _ form: CommentForm) -> [Command] {
        var form = form
        defer { if case .comment = current { stack[stack.count - 1] = .comment(form) } }
        switch key {
        case .tab, .backTab: form.onTopic.toggle(); return []
        case .escape:
            if form.isDirty { modal = .confirmLeave } else { stack.removeLast() }
            return []
        case .ctrl("s"):
            guard let member else { return [] }
            guard !form.editor.text.isBlank else { show(catalog(.storeEmptyComment), .error); return [] }
            return [.saveComment(YouthComment(applicationID: form.applicationID, author: member.id, time: now, about: form.topic, text: form.editor.text))]
        case .ctrl("e"), .function(4):
            return [.openEditor(text: form.editor.text)]
        case .function(1):
            modal = .help(offset: 0)
            return []
        default: break
        }
        if form.onTopic {
            let topics = CommentTopic.allCases
            let index = topics.firstIndex(of: form.topic)!
            switch key {
            case .left, .char("h"), .up: form.topic = topics[max(0, index - 1)]
            case .right, .char("l"), .down, .char(" "): form.topic = topics[min(topics.count - 1, index + 1)]
            case .enter: form.onTopic = false
            case .char("?"): modal = .help(offset: 0)
            default: break
            }
        } else {
            let width = formTextWidth
            _ = form.editor.handle(key, width: width)
            form.editor.scrollToCursor(width: width, height: commentTextHeight)
        }
        return []
    }
}
