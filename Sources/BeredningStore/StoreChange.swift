import BeredningCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files of one change (a decision, the state it moves to), written so that a failure
/// part-way leaves none of them: each file replaced keeps its old content under a second,
/// hidden name until the whole change is in, and is put back by a rename, which needs no free
/// space, on a full disk too. The history line comes last, once every file is in place.
struct StoreChange {
    private struct Step {
        let target: String
        /// The old content's second name; nil when the file is new.
        let backup: String?
    }

    let root: URL
    private var steps: [Step] = []

    init(root: URL) { self.root = root }

    /// Writes `text` to `path` (relative to the store), in the line ends of the file it replaces;
    /// `inPlace`: the text is that file edited line by line and already carries them.
    mutating func write(_ text: String, to path: String, replacing: Bool = true, inPlace: Bool = false) throws(StoreError) {
        let url = root.appendingPathComponent(path)
        try NoFollow.checkFolders(of: path, in: root)
        let old = replacing && !inPlace ? FileManager.default.contents(atPath: url.path) : nil
        let data = Data((old.map { TextLines.keepingEndings(of: String(decoding: $0, as: UTF8.self), in: text) } ?? text).utf8)
        let backup = try StoreChange.keep(url)
        do {
            try AtomicFile.write(data, to: url, replacing: replacing)
        } catch {
            if let backup { unlink(backup) }
            throw .writeFailed(error)
        }
        steps.append(Step(target: url.path, backup: backup))
    }

    /// Removes `path` (relative to the store); undone by putting it back under its own name.
    mutating func delete(_ path: String) throws(StoreError) {
        let url = root.appendingPathComponent(path)
        try NoFollow.checkFolders(of: path, in: root)
        guard let backup = try StoreChange.keep(url) else { return }
        guard unlink(url.path) == 0 else {
            unlink(backup)
            throw .writeFailed(AtomicFile.WriteError(path: url.path, step: "unlink", code: errno))
        }
        steps.append(Step(target: url.path, backup: backup))
    }

    /// A second name for the file at `url` (a hard link, named so the store's reader and git
    /// skip it, see `StoreSync.ignored`), or nil when there is no file yet. Where the file
    /// system has no hard links (some network shares), a copy serves instead.
    private static func keep(_ url: URL) throws(StoreError) -> String? {
        let backup = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-undo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard link(url.path, backup) == 0 else {
            if errno == ENOENT { return nil }
            guard [EPERM, ENOTSUP, EOPNOTSUPP, EMLINK, EXDEV].contains(errno), let old = FileManager.default.contents(atPath: url.path) else {
                throw .writeFailed(AtomicFile.WriteError(path: url.path, step: "link", code: errno))
            }
            // Published by rename, not link (which is what failed); the name is this call's own.
            do { try AtomicFile.write(old, to: URL(fileURLWithPath: backup)) } catch { throw .writeFailed(error) }
            return backup
        }
        return backup
    }

    /// Puts every file back as it was, newest first.
    func undo() {
        for step in steps.reversed() {
            if let backup = step.backup {
                rename(backup, step.target)
            } else {
                unlink(step.target)
            }
        }
    }

    /// The change is in: the old contents' second names go.
    func commit() {
        for step in steps { if let backup = step.backup { unlink(backup) } }
    }
}

extension FileStore {
    /// Makes `body`'s writes and then appends `events` to the application's history, in one
    /// write: all of it, or, when any step fails, none of it.
    func change(_ id: ApplicationID, history events: [HistoryEvent], _ body: (inout StoreChange) throws(StoreError) -> Void) throws(StoreError) {
        var change = StoreChange(root: root)
        do {
            try body(&change)
            try append(events, to: id)
        } catch {
            change.undo()
            throw error
        }
        change.commit()
    }
}
