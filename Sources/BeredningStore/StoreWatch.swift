import BeredningCore
import Foundation

extension FileStore {
    /// One number that changes when anything the interface shows may have changed: a file
    /// saved, added or removed in any application's folder or its subfolders (every save is a
    /// rename, which changes the folder), or a file edited in place at the top of a folder
    /// (`application.toml` by hand). Reading it costs a `stat` per file and folder, no file
    /// is opened, so it can be asked every second or so; `StoreWatcher` asks less often on a
    /// store where it takes long.
    public func watchStamp() -> UInt64 {
        var hash = FNV1a()
        func stamp(_ path: String) {
            hash.add(path)
            if let s = FileStamp(path: path, root: root) {
                hash.add([String(s.size), String(s.modified), String(s.changed), String(s.inode)])
            } else {
                hash.add("-")
            }
        }
        stamp(".")
        stamp(FileStore.configFile)
        for folder in Directory.items(root.path).filter({ $0.isFolder && ApplicationID($0.name) != nil }).map(\.name).sorted() {
            stamp(folder)
            for item in Directory.items(root.path + "/" + folder).sorted(by: { $0.name < $1.name }) where !item.name.hasPrefix(".") {
                stamp(folder + "/" + item.name)
            }
        }
        return hash.value
    }
}
