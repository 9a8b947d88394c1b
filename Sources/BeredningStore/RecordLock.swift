import BeredningCore
import Foundation

/// A lock for the records one person writes at a time but anyone may (application.toml,
/// decision.toml): read, compare, write, with no colleague in between.
///
/// Held with flock(2) on a hidden file beside the record, so the kernel releases it when the
/// holder exits in any way, SIGKILL and power loss included: a crashed writer never leaves a
/// lock that someone has to clear by hand. The file keeps the holder's name for the message
/// a colleague sees while it is held.
struct RecordLock {
    /// How long to wait for a colleague's save, which takes milliseconds, before saying so.
    static let patience: TimeInterval = 3

    static func path(for record: String) -> String {
        let url = URL(fileURLWithPath: record)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".lock").path
    }

    /// Runs `body` holding the lock of `record` (a path relative to the store, for messages).
    static func holding<T>(_ record: String, in root: URL, by member: MemberID,
                           _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let lockPath = path(for: root.appendingPathComponent(record).path)
        try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: lockPath).deletingLastPathComponent().path,
                                                 withIntermediateDirectories: true)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .refused(Message(.storeCannotCreate, ["folder": .text(lockPath), "detail": .text(String(cString: strerror(errno)))]))
        }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(patience)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
                throw .refused(Message(.storeLocked, ["member": .text(holder), "file": .text(record)]))
            }
            usleep(5_000)
        }
        defer { flock(fd, LOCK_UN) }
        let holder = "\(member) \(getpid()) \(ProcessInfo.processInfo.hostName)\n"
        _ = ftruncate(fd, 0)
        _ = holder.withCString { pwrite(fd, $0, strlen($0), 0) }
        return try body()
    }
}
