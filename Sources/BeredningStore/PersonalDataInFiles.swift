import BeredningCore
import Foundation

/// A hand-edited store file is checked for personal identity numbers as the tool's own writes are.
/// The file is scanned as it lies on disk, so the line reported is the file's own, and a number
/// written in a comment is found as well as one in a value.
extension FileStore {
    /// Every number in a store file, each a `file:line` problem showing the number masked.
    static func personalNumberProblems(in data: Data, file: String) -> [FileProblem] {
        PersonalIdentityNumber.find(in: String(decoding: data, as: UTF8.self)).map { match in
            FileProblem(file: file, line: match.line, message: Message(.privacyPersonalNumberInFile, ["number": .text(match.masked)]))
        }
    }

    /// A number only the values read from the file show, because a TOML escape (`\u0038`, `\n`)
    /// spelt part of it: reported for the file as a whole, since the escape hides where the number is.
    /// Only a file with a backslash can hide one, so most files are not scanned twice.
    static func escapedPersonalNumberProblems(in data: Data, read value: Any?, file: String) -> [FileProblem] {
        // memchr, not Data's iterator: this runs over every file the store reads.
        let hasEscape = data.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\\")), bytes.count) != nil } ?? false
        }
        guard hasEscape, let texts = (value as? any FreeTextRecord)?.freeTexts,
              let match = texts.lazy.compactMap({ PersonalIdentityNumber.find(in: $0).first }).first else { return [] }
        return [FileProblem(file: file, line: nil, message: Message(.privacyPersonalNumberInFile, ["number": .text(match.masked)]))]
    }

    /// Refuses to pass on a file that holds a number: as the file has it, with its line, or in
    /// `texts`, the values read from it, where a TOML escape (`\u0038`) may have hidden one.
    func refusePersonalNumbers(in data: Data, file: String, texts: [String]) throws(StoreError) {
        if let match = PersonalIdentityNumber.find(in: String(decoding: data, as: UTF8.self)).first {
            throw .refused(Message(.privacyPersonalNumberInFileRefused, [
                "file": .text(file), "line": .text(String(match.line)), "number": .text(match.masked),
            ]))
        }
        if let refusal = PersonalData.refusal(in: texts) { throw .refused(refusal) }
    }

    /// The same for `application`'s file, before a write that would pass its text on: a decision,
    /// whose move would refuse it only after decision.toml was written, and the copy of the text
    /// a review keeps. The refusal names the application file, so a reviewer sees it is not in their review.
    func refusePersonalNumbers(inFileOf application: Application) throws(StoreError) {
        let path = "\(application.id)/\(FileStore.applicationFile)"
        let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data()
        try refusePersonalNumbers(in: data, file: path, texts: application.freeTexts)
    }
}
