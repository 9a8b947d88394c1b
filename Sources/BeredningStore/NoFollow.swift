import BeredningCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Nothing bered writes leaves the store: a symbolic link inside it (one a colleague made, or
/// one `git pull` delivered) is refused, never followed. Folders are checked from the store's
/// root down with lstat before a write, and files are opened with O_NOFOLLOW; the store's root
/// itself may be a link, since the member chose it.
enum NoFollow {
    /// Whether `path` (absolute) is a symbolic link, without following it.
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Checks every folder of `path` (relative to `root`) and, when `creating`, makes the
    /// missing ones, one at a time, so that none is ever reached through a link; the file
    /// itself may not be a link either (a rename would replace the link, but reading the old
    /// content first would read what it points at).
    /// A link placed between this check and the write is not caught; the check is for links
    /// that arrive with a sync or a copy, which are there long before.
    static func checkFolders(of path: String, in root: URL, creating: Bool = true) throws(StoreError) {
        let parts = path.split(separator: "/").map(String.init)
        var current = root.path
        var relative = ""
        for (index, part) in parts.enumerated() {
            current += "/" + part
            relative += (relative.isEmpty ? "" : "/") + part
            let isFile = index == parts.count - 1
            var info = stat()
            if lstat(current, &info) != 0 {
                guard errno == ENOENT, creating, !isFile else { return }
                if mkdir(current, 0o755) != 0 && errno != EEXIST {
                    throw .refused(Message(.storeCannotCreate, ["folder": .text(current), "detail": .text(String(cString: strerror(errno)))]))
                }
                guard lstat(current, &info) == 0 else { continue }
            }
            if (info.st_mode & S_IFMT) == S_IFLNK { throw .refused(Message(.linkRefused, ["path": .text(relative)])) }
        }
    }
}
