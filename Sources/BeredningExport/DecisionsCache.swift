import BeredningCore
import BeredningStore
import Foundation

/// The decisions list's rows kept between exports on this machine, each with the stamps of
/// the files it was worked out from. A row is used again only when every one of its files,
/// the fund's settings and the bered that made it are unchanged; anything else is read anew,
/// so a colleague's save or a hand edit in place is never hidden by the cache.
///
/// Why: the list needs each decided application's text and every review of it, which at
/// 10 000 applications took longer than a second to read; most of it is the same from one
/// export to the next.
public struct DecisionsCache: Sendable {
    struct Entry {
        let stamps: [FileStamp]
        let row: DecisionsCSV.Row
    }

    struct Contents {
        var program: String
        var settings: FileStamp
        var entries: [String: Entry]
    }

    /// 2: grants by year, for the CSV's column a year (1 kept them as one text).
    static let version = 2
    /// Files changed this recently are not cached: a change within the same tick of the file
    /// system's clock could leave the stamp as it was (what git calls racily clean).
    static let settleNanoseconds: Int64 = 2_000_000_000

    /// Nil without a cache folder: every export then reads the store.
    let file: URL?
    let program: String

    /// `$XDG_CACHE_HOME/bered/<store>-decisions.tsv`, else under `~/.cache`; never in the store.
    public init(store: URL, environment: [String: String]) {
        file = LocalState.cacheFolder(environment: environment).flatMap { LocalState.isInside($0, store) ? nil : $0 }?
            .appendingPathComponent("\(LocalState.key(of: store))-decisions.tsv")
        // A new build may work a row out differently: its rows are not mixed with the old one's.
        let executable = Bundle.main.executablePath ?? CommandLine.arguments[0]
        program = FileStamp(path: executable, root: URL(fileURLWithPath: "/")).map { "\($0.size)-\($0.modified)" } ?? "unknown"
    }

    /// Every decided application's row in id order, and how many came from the cache.
    public func rows(_ store: FileStore, now: Date = Date()) throws(StoreError) -> (rows: [DecisionsCSV.Row], reused: Int) {
        let (config, ids) = try store.decidedFolders()
        guard let settings = FileStamp(path: FileStore.configFile, root: store.root) else {
            return (try DecisionsCSV.rows(store.loadDecided()), 0)
        }
        var known = read()
        if known?.program != program || known?.settings != settings { known = nil }
        let cached = known?.entries ?? [:]
        let results = FileStore.inParallel(ids) { id -> (row: DecisionsCSV.Row?, entry: Entry?, reused: Bool) in
            // Stamped before reading: a change while reading shows as a new stamp next time.
            let stamps = store.stamps(of: id)
            if let stamps, let entry = cached[id.description], entry.stamps == stamps { return (entry.row, entry, true) }
            let row = store.loadEntry(id, config: config, reading: []).dossier.flatMap { DecisionsCSV.Row($0, config: config) }
            return (row, row.flatMap { row in stamps.map { Entry(stamps: $0, row: row) } }, false)
        }
        let settled = Int64(now.timeIntervalSince1970 * 1_000_000_000) - DecisionsCache.settleNanoseconds
        var entries: [String: Entry] = [:]
        var added = 0
        for (id, result) in zip(ids, results) {
            guard let entry = result.entry else { continue }
            if result.reused {
                entries[id.description] = entry
            } else if entry.stamps.allSatisfy({ $0.latest < settled }) && settings.latest < settled {
                entries[id.description] = entry
                added += 1
            }
        }
        let reused = results.filter(\.reused).count
        if known == nil || added > 0 || reused != cached.count {
            write(Contents(program: program, settings: settings, entries: entries))
        }
        return (results.compactMap(\.row), reused)
    }

    private func read() -> Contents? {
        guard let file, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return DecisionsCache.decode(String(decoding: data, as: UTF8.self))
    }

    /// Best effort: without a cache the export is only slower, never wrong.
    private func write(_ contents: Contents) {
        guard let file else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? AtomicFile.write(Data(DecisionsCache.encode(contents).utf8), to: file)
    }

    // MARK: The file: a line per row, fields between tabs

    // Why not JSON: decoding 3 500 rows with Codable took longer than reading the files anew.
    static let header = "bered-decisions-cache \(version)"

    static func encode(_ contents: Contents) -> String {
        var lines = [header, escape(contents.program), stampFields(contents.settings).map(escape).joined(separator: "\t")]
        for (id, entry) in contents.entries.sorted(by: { $0.key < $1.key }) {
            let fields = [id, String(entry.stamps.count)] + entry.stamps.flatMap(stampFields) + entry.row.fields
            lines.append(fields.map(escape).joined(separator: "\t"))
        }
        let body = lines.joined(separator: "\n") + "\n"
        return body + checksum(body) + "\n"
    }

    /// The body's FNV-1a: a file damaged on disk (or half written by hand) is not trusted.
    static func checksum(_ body: some StringProtocol) -> String {
        "sum " + String(FNV1a.hash(body.utf8), radix: 16)
    }

    /// nil for anything not written by this version, whole and unchanged: then every row is read anew.
    static func decode(_ text: String) -> Contents? {
        guard text.hasSuffix("\n"), let sumStart = text.dropLast().lastIndex(of: "\n").map({ text.index(after: $0) }),
              text[sumStart...].dropLast() == checksum(text[..<sumStart]) else { return nil }
        var lines = rows(of: String(text[..<sumStart]))
        guard lines.last == [""] else { return nil }
        lines.removeLast()
        guard lines.count >= 3, lines[0] == [header], lines[1].count == 1 else { return nil }
        guard let settings = stamp(lines[2][...]) else { return nil }
        var entries: [String: Entry] = [:]
        for fields in lines.dropFirst(3) {
            guard fields.count >= 2, let count = Int(fields[1]), count >= 0, fields.count == 2 + count * 5 + 16 else { return nil }
            var stamps: [FileStamp] = []
            for index in 0..<count {
                guard let stamp = stamp(fields[(2 + index * 5)..<(7 + index * 5)]) else { return nil }
                stamps.append(stamp)
            }
            guard let row = DecisionsCSV.Row(fields: Array(fields.suffix(16))) else { return nil }
            entries[fields[0]] = Entry(stamps: stamps, row: row)
        }
        return Contents(program: lines[1][0], settings: settings, entries: entries)
    }

    /// Lines split into unescaped fields, by bytes: a split by characters was half the time
    /// of a warm export.
    static func rows(of text: String) -> [[String]] {
        var text = text
        return text.withUTF8 { bytes in
            var rows: [[String]] = [], fields: [String] = []
            var start = 0
            for index in 0...bytes.count {
                let byte: UInt8 = index < bytes.count ? bytes[index] : 0x0A
                guard byte == 0x09 || byte == 0x0A else { continue }
                let field = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                fields.append(bytes[start..<index].contains(UInt8(ascii: "\\")) ? unescape(field) : field)
                start = index + 1
                if byte == 0x0A {
                    rows.append(fields)
                    fields = []
                }
            }
            return rows
        }
    }

    static func stampFields(_ stamp: FileStamp) -> [String] {
        [stamp.path, String(stamp.size), String(stamp.modified), String(stamp.changed), String(stamp.inode)]
    }

    static func stamp(_ fields: ArraySlice<String>) -> FileStamp? {
        let f = Array(fields)
        guard f.count == 5, let size = Int64(f[1]), let modified = Int64(f[2]), let changed = Int64(f[3]), let inode = UInt64(f[4]) else { return nil }
        return FileStamp(path: f[0], size: size, modified: modified, changed: changed, inode: inode)
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func unescape(_ text: String) -> String {
        var out = "", escaped = false
        for character in text {
            if escaped {
                switch character {
                case "t": out.append("\t")
                case "n": out.append("\n")
                case "r": out.append("\r")
                default: out.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension DecisionsCSV {
    public static func rows(_ snapshot: StoreSnapshot) -> [Row] {
        snapshot.dossiers.compactMap { Row($0, config: snapshot.config) }
    }
}
