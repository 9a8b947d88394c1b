import Foundation

/// The product's strings in one language, looked up by `Message` key.
public struct Catalog: Sendable {
    public let language: Language
    public let strings: [String: String]
    /// Symbols or words for the marks (`mark(_:)`), chosen by the user.
    public var marks: MarkStyle = .symbols
    /// How numbers, amounts and ranges are set (`NumberStyle`): plain unless a printed document asks.
    public var numbers: NumberStyle = .plain

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    /// An unknown key shows as itself, so a missing string is visible and never a crash;
    /// a test keeps the catalogs complete.
    public func callAsFunction(_ message: Message) -> String {
        guard let text = strings[message.key] else { return message.description }
        return Placeholders.fill(text) { name in
            switch message.arguments[name] {
            // Ids and values come from files and command lines: their control characters are
            // shown as �, never sent to the terminal as commands.
            case .text(let plain)?: return Printable.shown(plain)
            case .message(let nested)?: return self(nested)
            case .localized(let localized)?: return localized.text(in: language)
            case nil: return nil
            }
        }
    }

    public func callAsFunction(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:]) -> String {
        self(Message(key, arguments))
    }

    public func label(_ value: some Labelled) -> String { self(value.label) }
}
