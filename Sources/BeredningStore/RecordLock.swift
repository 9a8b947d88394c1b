import BeredningCore
import Foundation

/// A lock for the records one person writes at a time but anyone may (application.toml,
/// decision.toml): read, compare, write, with no colleague in between.
///
/// Held with flock(2) on a file of its own, so the kernel releases it when the holder exits in
/// any way, SIGKILL and power loss included: a crashed writer never leaves a lock that someone
/// has to clear by hand. The file keeps the holder's name for the message a colleague sees
/// while it is held.
///
/// The lock files live in `.bered/locks/` in the store: in the store, because members sharing
/// it on a network folder must lock the same file (a folder per machine would lock nothing);
/// in a hidden folder of their own, which the loader skips and sync never adds, so they are
/// not in the shared tree and no pull can put a link in their place unnoticed. The folder and
/// the file are opened without following links, so a lock never truncates a file elsewhere.
struct RecordLock {
    /// How long to wait for a colleague's save, which takes milliseconds, before saying so.
    static let patience: TimeInterval = 3
    /// The lock files' folder, relative to the store.
    static let folder = ".bered/locks"

    /// The lock file of `record` (relative to the store), relative to the store: one flat
    /// name per record, `2026-001.application.toml.lock`.
    static func path(for record: String) -> String {
        folder + "/" + record.replacingOccurrences(of: "/", with: ".") + ".lock"
    }

    /// Runs `body` holding the lock of `record` (a path relative to the store, for messages).
    static func holding<T>(_ record: String, in root: URL, by member: MemberID,
                           _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        // The record is read under the lock: its folders must be the store's own too.
        try NoFollow.checkFolders(of: record, in: root, creating: false)
        let relative = path(for: record)
        try NoFollow.checkFolders(of: relative, in: root)
        let lockPath = root.path + "/" + relative
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP { throw .refused(Message(.linkRefused, ["path": .text(relative)])) }
            throw .refused(Message(.storeCannotCreate, ["folder": .text(lockPath), "detail": .text(String(cString: strerror(errno)))]))
        }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(patience)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, Date() < deadline else {
                let holder = holderName(fd) ?? "?"
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

    /// The name a colleague's lock file holds, read from the file already open (not by name again).
    private static func holderName(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}
