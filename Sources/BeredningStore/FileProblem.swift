import BeredningCore

/// Something wrong with one file of the store, said so that a person can open the file and fix it.
public struct FileProblem: Error, Hashable, Sendable {
    /// The path relative to the store folder, as the user would type it.
    public let file: String
    /// 1-based; nil when the problem is the file as a whole.
    public let line: Int?
    public let message: Message

    public init(file: String, line: Int?, message: Message) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, the shape editors and terminals link to.
    public func formatted(_ catalog: Catalog) -> String {
        let place = line.map { "\(file):\($0)" } ?? file
        return "\(place): \(catalog(message))"
    }
}
