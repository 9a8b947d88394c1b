import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// `[memo] name_youth_panel`: off unless the fund turns it on, since the memo is public.
@Suite("The memo's setting in bered.toml")
struct MemoSettingTests {
    func config(_ text: String) throws -> (FundConfig?, [String]) {
        let document = try TOMLDocument(file: "bered.toml", data: Data(text.utf8))
        let config = ConfigRecord.read(document, coreCriteria: try BundledResources.coreCriteria())
        return (config, document.problems.map { $0.formatted(catalog) })
    }

    @Test func offByDefaultOnWhenTheFundSaysSoAndWrittenBack() throws {
        let (plain, none) = try config("schema = 1\nfund = \"X\"\n")
        #expect(none == [] && plain?.nameYouthPanelInMemo == false)
        let (named, problems) = try config("schema = 1\nfund = \"X\"\n[memo]\nname_youth_panel = true\n")
        #expect(problems == [])
        let read = try #require(named)
        #expect(read.nameYouthPanelInMemo)
        #expect(try config(ConfigRecord.write(read)).0?.nameYouthPanelInMemo == true)
        #expect(!ConfigRecord.write(try #require(plain)).contains("[memo]"))
        // bered init's template names the setting, turned off.
        let template = try String(contentsOf: BundledResources.configTemplate, encoding: .utf8)
        #expect(template.contains("[memo]\nname_youth_panel = false\n"))
        #expect(try config(template).0?.nameYouthPanelInMemo == false)
    }
}
