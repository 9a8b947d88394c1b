import BeredningCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `<id>/history.jsonl`: one JSON object per line, appended and never rewritten, so that two
/// members' events from two machines merge as a union of lines ordered by time.
extension FileStore {
    public static let historyFile = "history.jsonl"

    struct HistoryLine: Codable {
        let time: String
        let member: String
        let role: String
        let action: String
        let details: String
    }

    /// Appends one event with a single write to a file opened for appending, then fsync.
    public func append(_ event: HistoryEvent, to id: ApplicationID) throws(StoreError) {
        try append([event], to: id)
    }

    /// Appends `events` with a single write, so a change's lines (a decision and the move it
    /// makes) arrive together or not at all.
    func append(_ events: [HistoryEvent], to id: ApplicationID) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for event in events {
            let line = HistoryLine(time: TOMLTime.text(event.time), member: event.member.rawValue, role: event.role.rawValue,
                                   action: event.kind.rawValue, details: event.details)
            guard let json = try? encoder.encode(line) else { continue }
            data += json + Data("\n".utf8)
        }
        guard !data.isEmpty else { return }
        let relative = "\(id)/\(FileStore.historyFile)"
        let path = root.appendingPathComponent(relative).path
        try NoFollow.checkFolders(of: relative, in: root, creating: false)
        // Appending through a link would add the lines to whatever file it points at.
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP { throw .refused(Message(.linkRefused, ["path": .text(relative)])) }
            throw .writeFailed(AtomicFile.WriteError(path: path, step: "open", code: errno))
        }
        defer { close(fd) }
        var before = stat()
        let sized = fstat(fd, &before) == 0
        // A file that does not end in a line end (a colleague's editor, a cut-off write) would
        // join its last line and the first new one into one unreadable line: both were lost.
        if sized, before.st_size > 0, FileStore.lastByte(fd, size: before.st_size) != UInt8(ascii: "\n") {
            data.insert(UInt8(ascii: "\n"), at: 0)
        }
        let written = data.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else {
            let code = errno
            // A full disk may take part of the lines: they are cut off again, unless a colleague
            // appended meanwhile (then the file is larger than this write made it).
            var after = stat()
            if sized, written > 0, fstat(fd, &after) == 0, after.st_size == before.st_size + off_t(written) {
                _ = ftruncate(fd, before.st_size)
            }
            throw .writeFailed(AtomicFile.WriteError(path: path, step: "write", code: written < 0 ? code : ENOSPC))
        }
        // The lines are in the file now; failing here would undo the files they describe.
        fsync(fd)
    }

    /// The file's last byte, or nil when it cannot be read.
    static func lastByte(_ fd: Int32, size: off_t) -> UInt8? {
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, size - 1) == 1 ? byte : nil
    }

    /// A history line longer than this is named as a problem, not decoded or shown: no event
    /// the program writes comes near it, and a 10 MB line held the history screen for minutes.
    public static let historyLineLimit = 1 << 20

    /// The application's history, oldest first, and the lines that could not be read.
    public func history(of id: ApplicationID) -> (events: [HistoryEvent], problems: [FileProblem]) {
        let file = "\(id)/\(FileStore.historyFile)"
        let read: Data?
        do { read = try cappedContents(file) } catch { return ([], [error]) }
        guard let data = read else { return ([], []) }
        var events: [HistoryEvent] = []
        var problems: [FileProblem] = []
        // Split on "\n" scalars: as characters, a CRLF line end is one "\r\n", never "\n".
        for (index, line) in TextLines(String(decoding: data, as: UTF8.self)).lines.map(\.content).enumerated() {
            guard !line.isEmpty else { continue }
            guard line.utf8.count <= FileStore.historyLineLimit else {
                problems.append(FileProblem(file: file, line: index + 1, message: Message(.fileHistoryLineTooLong, [
                    "size": .text(String(line.utf8.count)), "limit": .text(String(FileStore.historyLineLimit)),
                ])))
                continue
            }
            guard let decoded = try? JSONDecoder().decode(HistoryLine.self, from: Data(line.utf8)),
                  let time = TOMLTime.parse(decoded.time), let member = MemberID(decoded.member),
                  let role = Role(rawValue: decoded.role), let kind = HistoryEvent.Kind(rawValue: decoded.action) else {
                problems.append(FileProblem(file: file, line: index + 1, message: Message(.fileBadHistoryLine)))
                continue
            }
            events.append(HistoryEvent(time: time, member: member, role: role, kind: kind, details: decoded.details))
        }
        // Lines merged from two machines may arrive out of order; time orders them.
        return (events.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element), problems)
    }
}

extension TOMLTime {
    /// Reads back `YYYY-MM-DDTHH:MM:SSZ`.
    static func parse(_ text: String) -> Date? {
        guard text.count == 20, text.hasSuffix("Z"), let day = Day(String(text.prefix(10))) else { return nil }
        let clock = text.dropFirst(11).dropLast().split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let m = Int(clock[1]), let s = Int(clock[2]),
              (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s) else { return nil }
        return WallTime.date(day, hour: h, minute: m, second: s)
    }
}
