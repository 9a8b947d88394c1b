// The one Swift file of the resources target: SwiftPM needs a source file to bundle the
// folder's data (criteria texts, UI strings, templates, the demo store) with the program.
import BeredningCore
import BeredningStore
import Foundation

public enum BundledResources {
    public static var demoStore: URL { url("demo") }
    public static var configTemplate: URL { url("templates/bered.toml") }
    public static var applicationTemplate: URL { url("templates/application.toml") }
    /// The short form of an idea, screened before a full application is invited.
    public static var ideaTemplate: URL { url("templates/idea.toml") }

    /// The six core criteria's names and guidance.
    public static func coreCriteria() throws -> [Criterion] {
        try CriteriaDefinitions.read(data: Data(contentsOf: url("criteria.toml")), file: "criteria.toml")
    }

    public static func catalog(_ language: Language) throws -> Catalog {
        let file = "strings/\(language.rawValue).toml"
        return Catalog(language: language, strings: try StringsFile.read(data: Data(contentsOf: url(file)), file: file))
    }

    /// The new application's skeleton: every section present and explained in Swedish.
    public static func applicationSkeleton(id: ApplicationID, title: String, received: Day, idea: Bool = false) throws -> String {
        let template = try String(contentsOf: idea ? ideaTemplate : applicationTemplate, encoding: .utf8)
        let values = ["id": id.description, "title": TOMLString.quoted(title), "received": received.description]
        return Placeholders.fill(template, open: "{{", close: "}}") { values[$0] }
    }

    private static func url(_ path: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent(path)
    }
}
