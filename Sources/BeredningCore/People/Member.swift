/// A member's id, such as `anna`. It becomes a file name (`reviews/anna.toml`), so it is
/// restricted to lowercase ASCII letters, digits and inner dashes: no path, no case clashes.
public struct MemberID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        // Bytes a–z, 0–9 and `-` only: the id is a file name, so nothing here can climb out of
        // a folder, hide a control character, or differ from another id only in case.
        let bytes = rawValue.utf8
        guard (1...40).contains(bytes.count),
              bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }),
              bytes.first != UInt8(ascii: "-"), bytes.last != UInt8(ascii: "-") else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
    public static func < (a: MemberID, b: MemberID) -> Bool { a.rawValue < b.rawValue }
}

/// The four roles of the review process (see DOMAIN.md): what each may do is in `Permissions`.
public enum Role: String, CaseIterable, Hashable, Sendable, Labelled {
    /// Beredningsgrupp: scores every criterion and recommends.
    case preparationGroup = "preparation_group"
    /// Ungdomspanel: comments, never scores.
    case youthPanel = "youth_panel"
    /// Styrgrupp: returns applications for completion or forwards them to the board.
    case steeringGroup = "steering_group"
    /// Samordnare: registers applications, records the board's decision, exports.
    case coordinator

    public static var labelPrefix: String { "role" }
}

public struct Member: Hashable, Sendable {
    public let id: MemberID
    public var name: String
    public var role: Role
    /// The public key the member signs shared changes with (issue 14); nil until the
    /// coordinator has added it.
    public var signingKey: SigningKey?

    public init(id: MemberID, name: String, role: Role, signingKey: SigningKey? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.signingKey = signingKey
    }
}
