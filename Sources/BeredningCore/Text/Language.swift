/// The interface speaks Swedish unless the user asks for English.
public enum Language: String, CaseIterable, Sendable {
    case sv, en

    /// `--lang` wins; then an English `LC_ALL`, `LC_MESSAGES` or `LANG` (the first one set);
    /// anything else, including `C.UTF-8`, stays Swedish.
    public static func resolve(flag: String?, environment: [String: String]) -> Language? {
        if let flag {
            return Language(rawValue: flag.lowercased())
        }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .en : .sv
        }
        return .sv
    }
}

/// A text written in both of the product's languages, such as a criterion's name.
public struct LocalizedText: Hashable, Sendable {
    public var sv: String
    public var en: String

    public init(sv: String, en: String) {
        self.sv = sv
        self.en = en
    }

    public func text(in language: Language) -> String {
        switch language {
        case .sv: return sv
        case .en: return en.isEmpty ? sv : en
        }
    }
}
