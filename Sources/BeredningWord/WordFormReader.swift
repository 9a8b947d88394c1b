import BeredningCore
import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A filled-in form as the document holds it: the text of every tagged content control, and
/// the marks `WordTemplate` left in its properties.
public struct FilledForm: Sendable {
    /// Field path → its text, paragraphs joined by "\n"; a control still showing its placeholder is "".
    public var values: [String: String]
    /// Tags that occur more than once with different texts.
    public var duplicates: [String]
    /// `BeredningFund` and `BeredningForm`, when the document has them.
    public var fund: String?
    public var version: Int?
}

public enum WordFormError: Error, Equatable, Sendable {
    case tooLarge(max: Int)
    case notAWordFile(String)
    case partTooLarge(part: String, max: Int)
    case noDocument
    case unreadableXML(String)
    case notOurTemplate
    case otherFund(String)
    case newerTemplate(Int)

    /// The error for people, naming `file`.
    public func message(file: String, fund: String) -> Message {
        let f: Message.Argument = .text(file)
        switch self {
        case .tooLarge(let max): return Message(.wordTooLarge, ["file": f, "max": .text(String(max >> 20))])
        case .notAWordFile(let detail): return Message(.wordNotAWordFile, ["file": f, "detail": .text(detail)])
        case .partTooLarge(let part, let max): return Message(.wordPartTooLarge, ["file": f, "part": .text(part), "max": .text(String(max >> 20))])
        case .noDocument: return Message(.wordNoDocument, ["file": f])
        case .unreadableXML(let detail): return Message(.wordUnreadableXML, ["file": f, "detail": .text(detail)])
        case .notOurTemplate: return Message(.wordNotOurTemplate, ["file": f])
        case .otherFund(let other): return Message(.wordOtherFund, ["file": f, "other": .text(other), "fund": .text(fund)])
        case .newerTemplate(let version):
            return Message(.wordNewerTemplate, ["file": f, "version": .text(String(version)), "supported": .text(String(WordTemplate.version))])
        }
    }
}

public enum WordFormReader {
    /// A filled-in form is a few hundred kilobytes; these leave room for pasted pictures and
    /// keep a zip bomb (a small file that unpacks to gigabytes) from filling the memory.
    public static let maxFileBytes = 50 << 20
    public static let maxDocumentBytes = 20 << 20
    public static let maxPropertiesBytes = 1 << 20

    /// Reads the document and checks that it is this fund's form in a version this bered reads.
    /// `placeholders`: the placeholder texts in every language; a control flagged as showing
    /// its placeholder counts as empty only while it still shows one of them.
    public static func read(_ data: Data, fund: String, placeholders: Set<String>) throws(WordFormError) -> FilledForm {
        guard data.count <= maxFileBytes else { throw .tooLarge(max: maxFileBytes) }
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .notAWordFile(String(describing: error)) }
        // Only these two parts are ever read, by name: nothing is unpacked to disk, so entry
        // names (../../etc) cannot point anywhere.
        let properties = try part("docProps/custom.xml", of: archive, max: maxPropertiesBytes)
        guard let documentXML = try part("word/document.xml", of: archive, max: maxDocumentBytes) else { throw .noDocument }
        let marks = properties.map(PropertiesParser.properties) ?? [:]
        guard let versionText = marks[WordTemplate.versionProperty], let version = Int(versionText) else { throw .notOurTemplate }
        guard version <= WordTemplate.version else { throw .newerTemplate(version) }
        let formFund = marks[WordTemplate.fundProperty] ?? ""
        guard formFund == fund else { throw .otherFund(formFund) }
        var form = try ControlParser.controls(documentXML, placeholders: placeholders)
        form.fund = formFund
        form.version = version
        return form
    }

    /// An entry's bytes, or nil when the archive has none of that name; refused when it
    /// unpacks to more than `max`, whatever its header claims.
    static func part(_ path: String, of archive: Archive, max: Int) throws(WordFormError) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(max) else { throw .partTooLarge(part: path, max: max) }
        var data = Data()
        struct Overflow: Error {}
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > max { throw Overflow() }
            }
        } catch is Overflow {
            throw .partTooLarge(part: path, max: max)
        } catch {
            throw .notAWordFile(String(describing: error))
        }
        return data
    }

    /// Word never writes a document type declaration; one in a part could only be there to
    /// declare entities that expand (the "billion laughs"), so it is refused before parsing.
    static func refuseDeclarations(_ data: Data) throws(WordFormError) {
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw .unreadableXML("<!DOCTYPE>")
        }
    }
}

/// `docProps/custom.xml`: property name → its text.
final class PropertiesParser: NSObject, XMLParserDelegate {
    private var properties: [String: String] = [:]
    private var current: String?

    static func properties(_ data: Data) -> [String: String] {
        guard (try? WordFormReader.refuseDeclarations(data)) != nil else { return [:] }
        let delegate = PropertiesParser()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = delegate
        return parser.parse() ? delegate.properties : [:]
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "property", let propertyName = attributes["name"] {
            current = propertyName
            properties[propertyName] = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current { properties[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "property" { current = nil }
    }
}

/// `word/document.xml`: the text of every content control with a tag.
final class ControlParser: NSObject, XMLParserDelegate {
    /// A content control being read: nested ones are on a stack, and text counts for each.
    private struct Open {
        var tag: String?
        var showingPlaceholder = false
        /// A drop-down list's display texts and values.
        var items: [String: String] = [:]
        var inProperties = true
        var paragraphs: [String] = []
        var line = ""
        var sawParagraph = false
    }

    private var stack: [Open] = []
    private var inText = false
    private var found: [(tag: String, text: String)] = []
    private let placeholders: Set<String>

    private init(placeholders: Set<String>) { self.placeholders = placeholders }

    static func controls(_ data: Data, placeholders: Set<String>) throws(WordFormError) -> FilledForm {
        try WordFormReader.refuseDeclarations(data)
        let delegate = ControlParser(placeholders: placeholders)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        guard parser.parse() else {
            throw .unreadableXML(parser.parserError.map { String(describing: $0) } ?? "?")
        }
        var values: [String: String] = [:]
        var duplicates: [String] = []
        for (tag, text) in delegate.found {
            if let earlier = values[tag] {
                if earlier.isEmpty { values[tag] = text } else if !text.isEmpty && text != earlier && !duplicates.contains(tag) { duplicates.append(tag) }
            } else {
                values[tag] = text
            }
        }
        return FilledForm(values: values, duplicates: duplicates, fund: nil, version: nil)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        guard namespaceURI == WordTemplate.wordNamespace else { return }
        let value = attributes["w:val"] ?? attributes["val"]
        switch name {
        case "sdt": stack.append(Open())
        case "sdtContent": if !stack.isEmpty { stack[stack.count - 1].inProperties = false }
        case "tag": if let top = stack.last, top.inProperties { stack[stack.count - 1].tag = value }
        case "showingPlcHdr": if let top = stack.last, top.inProperties { stack[stack.count - 1].showingPlaceholder = true }
        case "listItem":
            if let top = stack.last, top.inProperties, let shown = attributes["w:displayText"] ?? attributes["displayText"] {
                stack[stack.count - 1].items[shown] = attributes["w:value"] ?? attributes["value"] ?? shown
            }
        case "t": inText = true
        case "br", "cr": append("\n")
        case "tab": append(" ")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Deleted text (w:delText) and field codes (w:instrText) are not what the reader sees.
        if inText { append(string.map { $0.isNewline ? " " : String($0) }.joined()) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard namespaceURI == WordTemplate.wordNamespace else { return }
        switch name {
        case "t": inText = false
        case "p":
            for index in stack.indices where !stack[index].inProperties {
                stack[index].paragraphs.append(stack[index].line)
                stack[index].line = ""
                stack[index].sawParagraph = true
            }
        case "sdt":
            guard let done = stack.popLast() else { return }
            var paragraphs = done.paragraphs
            if !done.line.isEmpty || !done.sawParagraph { paragraphs.append(done.line) }
            var text = paragraphs.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if done.showingPlaceholder && placeholders.contains(text) { text = "" }
            if let value = done.items[text] { text = value }
            if let tag = done.tag { found.append((tag, text)) }
        default: break
        }
    }

    private func append(_ text: String) {
        for index in stack.indices where !stack[index].inProperties { stack[index].line += text }
    }
}
