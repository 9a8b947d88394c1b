import Foundation

/// A folder's entries straight from readdir(3): the type comes with the name, so telling
/// application folders from files costs no stat per entry, which counts at 10 000 folders.
enum Directory {
    struct Item: Sendable {
        let name: String
        let isFolder: Bool
        /// A symbolic link, which the store neither reads nor writes through; never a folder.
        var isLink = false
    }

    /// The entries of `path` (without `.` and `..`), or none when it cannot be read.
    static func items(_ path: String) -> [Item] {
        guard let handle = opendir(path) else { return [] }
        defer { closedir(handle) }
        var items: [Item] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            var isLink = Int32(entry.pointee.d_type) == Int32(DT_LNK)
            // Some file systems (network shares among them) do not say; ask them, about the
            // entry itself, not what a link points at.
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var info = stat()
                let known = lstat(path + "/" + name, &info) == 0
                isFolder = known && (info.st_mode & S_IFMT) == S_IFDIR
                isLink = known && (info.st_mode & S_IFMT) == S_IFLNK
            }
            items.append(Item(name: name, isFolder: isFolder, isLink: isLink))
        }
        return items
    }
}
