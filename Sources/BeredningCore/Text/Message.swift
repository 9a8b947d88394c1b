/// Text the user will read, kept as a key and named arguments until it is shown,
/// so the domain never decides the language. The keys and their Swedish and English
/// wording live in Resources/strings.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    public let key: String
    public let arguments: [String: Argument]

    /// An argument is plain text (a name, a number) or another message shown in the same language.
    public indirect enum Argument: Hashable, Sendable, ExpressibleByStringInterpolation {
        case text(String)
        case message(Message)
        /// A name the store gives in both languages, such as a criterion's.
        case localized(LocalizedText)

        public init(stringLiteral value: String) { self = .text(value) }
    }

    public init(_ key: MessageKey, _ arguments: [String: Argument] = [:]) {
        self.key = key.rawValue
        self.arguments = arguments
    }

    /// For keys built from an enum's raw value (`state.received`): see `Labelled`.
    public init(rawKey: String, _ arguments: [String: Argument] = [:]) {
        self.key = rawKey
        self.arguments = arguments
    }

    public var description: String {
        guard !arguments.isEmpty else { return key }
        let args = arguments.sorted { $0.key < $1.key }.map { name, value -> String in
            switch value {
            case .text(let text): return "\(name)=\(text)"
            case .message(let message): return "\(name)=(\(message))"
            case .localized(let text): return "\(name)=\(text.sv)"
            }
        }
        return key + " " + args.joined(separator: " ")
    }
}

/// An enum whose cases the user sees by name: each case has the key `<prefix>.<rawValue>`.
public protocol Labelled: CaseIterable, RawRepresentable where RawValue == String {
    static var labelPrefix: String { get }
}

extension Labelled {
    public var label: Message { Message(rawKey: Self.labelPrefix + "." + rawValue) }
    public static var allLabelKeys: [String] { allCases.map { labelPrefix + "." + $0.rawValue } }
}

extension ApplicationState: Labelled { public static var labelPrefix: String { "state" } }
extension ActorKind: Labelled { public static var labelPrefix: String { "actor_kind" } }
extension EvidenceLevel: Labelled { public static var labelPrefix: String { "evidence_level" } }
extension MeasurePoint: Labelled { public static var labelPrefix: String { "measure_point" } }
extension EconomicModel: Labelled { public static var labelPrefix: String { "economic_model" } }
