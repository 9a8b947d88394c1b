import BeredningCore
import Foundation

/// The decision letter kept in an application's folder once the feedback is sent, and the
/// check that it is still the letter the history says was sent.
extension FileStore {
    public static let letterFile = "letter.md"
    /// The same letter as a printable page.
    public static let letterPageFile = "letter.html"

    public enum LetterCheck: Hashable, Sendable {
        /// No letter has been sent for the application.
        case notSent
        /// Every file matches every fingerprint the history records for it.
        /// With both files' texts, read as checked (never through a link).
        case intact(HistoryEvent, markdown: String, html: String)
        /// A file differs from a fingerprint the history records (or the history names two
        /// letters, which only a hand edit makes): the kept letter is not the one sent.
        case changed(file: String, HistoryEvent)
        case missing(file: String, HistoryEvent)
    }

    /// Reads the kept letter and compares it with every `letter_sent` entry of the history.
    public func checkLetter(of id: ApplicationID) -> LetterCheck {
        let sent = history(of: id).events.filter { $0.kind == .letterSent }
        guard let first = sent.first else { return .notSent }
        var texts: [String] = []
        for name in [FileStore.letterFile, FileStore.letterPageFile] {
            let path = "\(id)/\(name)"
            guard let data = try? cappedContents(path) else { return .missing(file: path, first) }
            let actual = SHA256.hex(Array(data))
            for event in sent where SentLetter.fingerprints(in: event.details)[name] != actual { return .changed(file: path, event) }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        return .intact(first, markdown: texts[0], html: texts[1])
    }
}
