import BeredningCore
import Foundation
import ZIPFoundation

/// The fund's application form as a Word document (.docx): a heading per section with the
/// criterion's guidance, and one content control per field of `ApplicationForm`, tagged with
/// the field's path. Custom document properties mark it as ours, for which fund and in which
/// version, so `WordForm.read` can refuse any other document plainly.
public enum WordTemplate {
    /// Raised when the form's fields change in a way an older bered could not read.
    public static let version = 1
    static let versionProperty = "BeredningForm"
    static let fundProperty = "BeredningFund"

    /// The .docx file's bytes, in the catalog's language. `values` (field path → text, as
    /// `ApplicationForm.values(of:)` gives them) fills the form in, for an applicant to complete.
    public static func document(fund: String, criteria: CriteriaSet, catalog: Catalog, values: [String: String] = [:]) throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelationships),
            ("word/document.xml", body(fund: fund, criteria: criteria, catalog: catalog, values: values)),
            ("word/styles.xml", styles(catalog.language)), ("word/_rels/document.xml.rels", documentRelationships),
            ("docProps/core.xml", core(title: catalog(.wordTitle, ["fund": .text(fund)]), language: catalog.language)),
            ("docProps/custom.xml", custom([(versionProperty, String(version)), (fundProperty, fund)])),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// Entries dated 1980-01-01, so the same form is the same bytes whenever it is written.
    private static let fixedDate = Date(timeIntervalSince1970: 315_532_800)

    // MARK: The document

    static func body(fund: String, criteria: CriteriaSet, catalog: Catalog, values: [String: String]) -> String {
        var x = ""
        x += paragraph(catalog(.wordTitle, ["fund": .text(fund)]), style: "Title")
        x += paragraph(catalog(.wordIntro))
        for extra in criteria.extras {
            x += paragraph(catalog(.wordFundCriteria, ["name": .localized(extra.name), "guidance": .localized(extra.guidance)]), style: "Guidance")
        }
        var id = 1
        for section in FormSection.allCases where ApplicationForm.fields.contains(where: { $0.section == section }) {
            x += paragraph(catalog(section.label), style: "Heading1")
            if let criterion = section.criterion.flatMap(criteria.criterion) {
                x += paragraph(criterion.guidance.text(in: catalog.language), style: "Guidance")
            }
            x += paragraph(catalog(section.hint), style: "Guidance")
            var heading: String?
            for field in ApplicationForm.fields where field.section == section {
                if let rowHeading = field.rowHeading.map(catalog.callAsFunction), rowHeading != heading {
                    x += paragraph(rowHeading, style: "Heading2")
                    heading = rowHeading
                }
                x += paragraph(catalog(field.label), style: "FieldLabel")
                if case .choices(let options) = field.kind {
                    x += paragraph(catalog(.wordOptions, ["options": .text(options.map { catalog($0.label) }.joined(separator: ", "))]), style: "Guidance")
                }
                x += control(field, id: id, catalog: catalog, value: values[field.path] ?? "")
                id += 1
            }
        }
        // A4 with 2.5 cm margins.
        x += #"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr>"#
        return #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<w:document xmlns:w="\#(wordNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
            + x + "</w:body></w:document>"
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// One paragraph per line of `text` (a guidance text from bered.toml may have several).
    static func paragraph(_ text: String, style: String? = nil) -> String {
        let properties = style.map { #"<w:pPr><w:pStyle w:val="\#($0)"/></w:pPr>"# } ?? ""
        return text.split(whereSeparator: \.isNewline).map { line in
            "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(escaped(String(line)))</w:t></w:r></w:p>"
        }.joined()
    }

    /// A block-level content control holding one paragraph of placeholder text: rich text for
    /// paragraphs (Enter makes a new one), a drop-down list for a choice, a date picker for a
    /// date, plain text otherwise.
    static func control(_ field: FormField, id: Int, catalog: Catalog, value: String = "") -> String {
        let type: String
        switch field.kind {
        case .paragraphs:
            type = ""
        case .choice(let options):
            type = "<w:dropDownList>" + options.map {
                #"<w:listItem w:displayText="\#(escaped(catalog($0.label)))" w:value="\#(escaped($0.value))"/>"#
            }.joined() + "</w:dropDownList>"
        case .date:
            type = #"<w:date><w:dateFormat w:val="yyyy-MM-dd"/><w:lid w:val="sv-SE"/><w:storeMappedDataAs w:val="dateTime"/><w:calendar w:val="gregorian"/></w:date>"#
        default:
            type = "<w:text/>"
        }
        let properties = #"<w:alias w:val="\#(escaped(catalog(field.fullLabel)))"/><w:tag w:val="\#(escaped(field.path))"/><w:id w:val="\#(id)"/>"#
        guard !value.isEmpty else {
            return "<w:sdt><w:sdtPr>" + properties + "<w:showingPlcHdr/>\(type)</w:sdtPr><w:sdtContent>"
                + #"<w:p><w:pPr><w:pStyle w:val="Answer"/></w:pPr><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t xml:space="preserve">\#(escaped(catalog(field.kind.placeholder)))</w:t></w:r></w:p>"#
                + "</w:sdtContent></w:sdt>"
        }
        // A choice is shown by its label, as the drop-down list would show it.
        let options = field.kind.options
        let shown = options.isEmpty ? value
            : value.components(separatedBy: ", ").map { raw in options.first { $0.value == raw }.map { catalog($0.label) } ?? raw }.joined(separator: ", ")
        return "<w:sdt><w:sdtPr>" + properties + "\(type)</w:sdtPr><w:sdtContent>"
            + shown.components(separatedBy: "\n").map {
                #"<w:p><w:pPr><w:pStyle w:val="Answer"/></w:pPr><w:r><w:t xml:space="preserve">\#(escaped($0))</w:t></w:r></w:p>"#
            }.joined()
            + "</w:sdtContent></w:sdt>"
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // XML 1.0 has no place for other control characters.
            case _ where c.value < 0x20 && c != "\t" && c != "\n": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: The package's other parts

    static let contentTypes = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>
    """#

    static let packageRelationships = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>
    """#

    static let documentRelationships = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
    """#

    /// Normal text, the title and two heading levels, the grey guidance, the field labels, and
    /// Word's own name for placeholder text, so typing over it turns it into ordinary text.
    /// The spelling checker gets the form's language.
    static func styles(_ language: Language) -> String {
        stylesXML.replacingOccurrences(of: "sv-SE", with: language == .sv ? "sv-SE" : "en-GB")
    }

    private static let stylesXML = #"""
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:lang w:val="sv-SE"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="Guidance"><w:name w:val="Guidance"/><w:basedOn w:val="Normal"/><w:rPr><w:i/><w:color w:val="595959"/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="FieldLabel"><w:name w:val="Field label"/><w:basedOn w:val="Normal"/><w:next w:val="Answer"/><w:pPr><w:keepNext/><w:spacing w:before="160" w:after="40"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="Answer"><w:name w:val="Answer"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="284"/></w:pPr></w:style><w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/><w:rPr><w:color w:val="808080"/></w:rPr></w:style></w:styles>
    """#

    static func core(title: String, language: Language) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(escaped(title))</dc:title><dc:creator>bered</dc:creator><dc:language>\(language == .sv ? "sv-SE" : "en-GB")</dc:language></cp:coreProperties>"
    }

    static func custom(_ properties: [(String, String)]) -> String {
        #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
            + properties.enumerated().map { index, property in
                #"<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="\#(index + 2)" name="\#(escaped(property.0))"><vt:lpwstr>\#(escaped(property.1))</vt:lpwstr></property>"#
            }.joined()
            + "</Properties>"
    }
}
