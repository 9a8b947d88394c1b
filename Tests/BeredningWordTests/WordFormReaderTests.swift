import BeredningCore
import BeredningResources
import BeredningWord
import Foundation
import Testing
import ZIPFoundation

/// The Word form's own reader against what bered writes and against files that are not a form.
@Suite("Reading a Word application form")
struct WordFormReaderTests {
    static let fund = "Ale kommuns sociala investeringsfond"

    static func template(fund: String = fund, language: Language = .sv) throws -> Data {
        let criteria = try CriteriaSet(core: BundledResources.coreCriteria(), extras: [])
        return try WordTemplate.document(fund: fund, criteria: criteria, catalog: BundledResources.catalog(language))
    }

    static func placeholders() throws -> Set<String> {
        let kinds = Set(ApplicationForm.fields.map(\.kind.placeholder))
        return Set(try Language.allCases.flatMap { language in
            let catalog = try BundledResources.catalog(language)
            return kinds.map { catalog($0) }
        })
    }

    /// A zip of the given parts, as any program could write it.
    static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static func part(_ path: String, of docx: Data) throws -> Data {
        let archive = try Archive(data: docx, accessMode: .read)
        var data = Data()
        _ = try archive.extract(try #require(archive[path])) { data.append($0) }
        return data
    }

    @Test(arguments: Language.allCases)
    func theBlankTemplateHasEveryFieldOnceAndReadsAsAnEmptyApplication(language: Language) throws {
        let form = try WordFormReader.read(try Self.template(language: language), fund: Self.fund, placeholders: try Self.placeholders())
        #expect(form.values.count == ApplicationForm.fields.count)
        #expect(Set(form.values.keys) == Set(ApplicationForm.fields.map(\.path)))
        #expect(form.values.values.allSatisfy { $0.isEmpty })
        #expect(form.duplicates.isEmpty && form.version == WordTemplate.version && form.fund == Self.fund)
        // Nothing but the title is needed to register it.
        let base = Application(id: ApplicationID("2026-001")!, title: "")
        let blank = ApplicationForm.application(from: form.values, onto: base) { _ in [] }
        #expect(blank == .failure(FormProblems(messages: [Message(.formRequired, ["section": .message(FormSection.application.label),
                                                                                   "field": .message(ApplicationForm.field("title")!.fullLabel)])])))
        var titled = form.values
        titled["title"] = "Läxhjälp"
        var expected = base
        expected.title = "Läxhjälp"
        #expect(try ApplicationForm.application(from: titled, onto: base) { _ in [] }.get() == expected)
    }

    @Test func theSameFormIsTheSameBytes() throws {
        #expect(try Self.template() == (try Self.template()))
    }

    @Test func aDamagedZipIsNotAWordFile() throws {
        let docx = try Self.template()
        for damaged in [docx.prefix(docx.count / 2), Data("PK\u{3}\u{4} inte en zip".utf8), Data()] {
            #expect(throws: WordFormError.self) { try WordFormReader.read(Data(damaged), fund: Self.fund, placeholders: []) }
            do {
                _ = try WordFormReader.read(Data(damaged), fund: Self.fund, placeholders: [])
            } catch {
                guard case .notAWordFile = error else { Issue.record("\(error)"); return }
            }
        }
    }

    @Test func aZipBombIsRefusedBeforeItIsUnpacked() throws {
        // 30 MB of one byte packs into some 30 kB.
        let huge = Data(repeating: UInt8(ascii: "a"), count: 30 << 20)
        let bomb = try Self.zip([("word/document.xml", huge), ("docProps/custom.xml", try Self.part("docProps/custom.xml", of: try Self.template()))])
        #expect(bomb.count < 1 << 20)
        #expect(throws: WordFormError.partTooLarge(part: "word/document.xml", max: WordFormReader.maxDocumentBytes)) {
            try WordFormReader.read(bomb, fund: Self.fund, placeholders: [])
        }
        #expect(throws: WordFormError.tooLarge(max: WordFormReader.maxFileBytes)) {
            try WordFormReader.read(Data(count: WordFormReader.maxFileBytes + 1), fund: Self.fund, placeholders: [])
        }
    }

    @Test func aDocumentWithoutOurMarksIsNotOurTemplateAndAnotherFundsIsNamed() throws {
        let document = try Self.part("word/document.xml", of: try Self.template())
        #expect(throws: WordFormError.notOurTemplate) { try WordFormReader.read(try Self.zip([("word/document.xml", document)]), fund: Self.fund, placeholders: []) }
        #expect(throws: WordFormError.noDocument) { try WordFormReader.read(try Self.zip([("a.txt", Data("hej".utf8))]), fund: Self.fund, placeholders: []) }
        #expect(throws: WordFormError.otherFund("Grästorps fond")) {
            try WordFormReader.read(try Self.template(fund: "Grästorps fond"), fund: Self.fund, placeholders: [])
        }
    }

    @Test func entityDeclarationsAreRefusedUnread() throws {
        let laughs = #"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
        let custom = try Self.part("docProps/custom.xml", of: try Self.template())
        #expect(throws: WordFormError.unreadableXML("<!DOCTYPE>")) {
            try WordFormReader.read(try Self.zip([("word/document.xml", Data(laughs.utf8)), ("docProps/custom.xml", custom)]), fund: Self.fund, placeholders: [])
        }
    }

    @Test func aFormFromANewerBeredIsNamedAsSuch() throws {
        let docx = try Self.template()
        let custom = String(decoding: try Self.part("docProps/custom.xml", of: docx), as: UTF8.self)
            .replacingOccurrences(of: "<vt:lpwstr>\(WordTemplate.version)</vt:lpwstr>", with: "<vt:lpwstr>\(WordTemplate.version + 1)</vt:lpwstr>")
        let newer = try Self.zip([("word/document.xml", try Self.part("word/document.xml", of: docx)), ("docProps/custom.xml", Data(custom.utf8))])
        #expect(throws: WordFormError.newerTemplate(WordTemplate.version + 1)) { try WordFormReader.read(newer, fund: Self.fund, placeholders: []) }
    }

    /// A control copied in Word keeps its tag: two copies with different answers are named,
    /// an empty copy beside a filled one is not.
    @Test func aFieldFilledTwiceDifferentlyIsNamedAndAnEmptyCopyIsNot() throws {
        let docx = try Self.template()
        let document = String(decoding: try Self.part("word/document.xml", of: docx), as: UTF8.self)
        func control(_ tag: String, _ text: String) -> String {
            #"<w:sdt><w:sdtPr><w:tag w:val="\#(tag)"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>\#(text)</w:t></w:r></w:p></w:sdtContent></w:sdt>"#
        }
        let copies = control("title", "Läxhjälp") + control("title", "Läxhjälp i Älvängen") + control("idea_giver", "") + control("idea_giver", "Föräldrarna")
        let edited = document.replacingOccurrences(of: "<w:sectPr>", with: copies + "<w:sectPr>")
        let form = try WordFormReader.read(try Self.zip([("word/document.xml", Data(edited.utf8)), ("docProps/custom.xml", try Self.part("docProps/custom.xml", of: docx))]),
                                           fund: Self.fund, placeholders: try Self.placeholders())
        #expect(form.duplicates == ["title"])
        #expect(form.values["idea_giver"] == "Föräldrarna")
    }
}
