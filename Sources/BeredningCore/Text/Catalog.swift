import Foundation

/// The product's strings in one language, looked up by `Message` key.
public struct Catalog: Sendable {
    public let language: Language
    public let strings: [String: String]

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    /// An unknown key shows as itself, so a missing string is visible and never a crash;
    /// a test keeps the catalogs complete.
    public func callAsFunction(_ message: Message) -> String {
        guard var text = strings[message.key] else { return message.description }
        for (name, value) in message.arguments {
            let shown: String
            switch value {
            // Ids and values come from files and command lines: their control characters are
            // shown as �, never sent to the terminal as commands.
            case .text(let plain): shown = Catalog.visible(plain)
            case .message(let nested): shown = self(nested)
            case .localized(let localized): shown = localized.text(in: language)
            }
            text = text.replacingOccurrences(of: "{" + name + "}", with: shown)
        }
        return text
    }

    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }) else {
            return text
        }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) ? "\u{FFFD}" : scalar
        }))
    }

    public func callAsFunction(_ key: MessageKey, _ arguments: [String: Message.Argument] = [:]) -> String {
        self(Message(key, arguments))
    }

    public func label(_ value: some Labelled) -> String { self(value.label) }
}
