import BeredningCore
import Foundation

/// What tells one version of a file from another without reading it, as git's index does:
/// size, modification and change times to the nanosecond, and the inode. Every save in the
/// store is a rename of a new file, so it changes the inode; a hand edit in place changes
/// the change time, which no tool can set back.
public struct FileStamp: Hashable, Sendable {
    public let path: String
    public let size: Int64
    public let modified: Int64
    public let changed: Int64
    public let inode: UInt64

    public init(path: String, size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.path, self.size, self.modified, self.changed, self.inode) = (path, size, modified, changed, inode)
    }

    /// nil when the file cannot be read (then nothing about it can be trusted).
    public init?(path: String, root: URL) {
        var info = stat()
        guard stat(root.path + "/" + path, &info) == 0 else { return nil }
        self.path = path
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    /// The later of the two times, in nanoseconds since 1970.
    public var latest: Int64 { max(modified, changed) }
}

extension FileStore {
    /// The files `loadEntry(id, reading: [])` reads, each stamped: if none of them changed,
    /// what was worked out from them still holds. nil when one cannot be stamped.
    public func stamps(of id: ApplicationID) -> [FileStamp]? {
        let folder = id.description
        var paths: [String] = []
        for item in Directory.items(root.path + "/" + folder).sorted(by: { $0.name < $1.name }) {
            if item.isFolder, ["reviews", "conflicts"].contains(item.name) {
                paths += Directory.items(root.path + "/" + folder + "/" + item.name)
                    .map(\.name).filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }.sorted()
                    .map { "\(folder)/\(item.name)/\($0)" }
            } else if !item.isFolder, [FileStore.applicationFile, FileStore.decisionFile].contains(item.name) {
                paths.append("\(folder)/\(item.name)")
            }
        }
        var stamps: [FileStamp] = []
        for path in paths {
            guard let stamp = FileStamp(path: path, root: root) else { return nil }
            stamps.append(stamp)
        }
        return stamps
    }

    /// The applications with a recorded decision, in id order, and the fund's settings.
    public func decidedFolders() throws(StoreError) -> (config: FundConfig, ids: [ApplicationID]) {
        let snapshot = try loadFirst(0, only: hasDecision)
        return (snapshot.config, snapshot.entries.compactMap { ApplicationID($0.folder) })
    }
}
