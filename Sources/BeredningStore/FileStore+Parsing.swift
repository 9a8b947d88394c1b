import BeredningCore
import Foundation

extension FileStore {
    /// `bered.toml` as some commit of the shared history holds it, or nil when it cannot be
    /// used: what `bered verify` takes the members, their roles and keys from.
    public func config(from data: Data) -> FundConfig? {
        guard let document = try? TOMLDocument(file: FileStore.configFile, data: data),
              let config = ConfigRecord.read(document, coreCriteria: coreCriteria), document.problems.isEmpty else { return nil }
        return config
    }

    /// An `application.toml` as some commit holds it, or nil when it cannot be read.
    public func application(from data: Data, path: String, settings: CalculationSettings) -> Application? {
        let folder = path.split(separator: "/").first.flatMap { ApplicationID(String($0)) }
        guard let folder, let document = try? TOMLDocument(file: path, data: data),
              let application = ApplicationRecord.read(document, folderID: folder, settings: settings),
              !document.hasFatalProblems else { return nil }
        return application
    }
}
