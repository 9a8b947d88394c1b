import BeredningCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileStore {
    /// The largest store file read, in bytes. A generated application with 32 000 actors is
    /// 3.5 MB; a file far above that is a mistake (a log or a scan saved under a .toml name),
    /// and reading it whole would hold up the store for everyone.
    public static let maximumFileSize = 16 << 20

    /// The bytes of `path` (relative to the store), or nil when there is no file; a file above
    /// `maximumFileSize` is a problem naming it, and is not read past the limit. A symbolic
    /// link is a problem too, and what it points at is not read: it may be outside the store.
    func cappedContents(_ path: String) throws(FileProblem) -> Data? {
        let fd = open(root.path + "/" + path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else {
            if errno == ELOOP { throw FileProblem(file: path, line: nil, message: Message(.linkNotRead)) }
            return nil
        }
        defer { close(fd) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > FileStore.maximumFileSize {
                var status = stat()
                let size = fstat(fd, &status) == 0 ? Int(status.st_size) : data.count
                throw FileProblem(file: path, line: nil, message: Message(.storeFileTooLarge, [
                    "size": .text(String((size + (1 << 20) - 1) >> 20)), "limit": .text(String(FileStore.maximumFileSize >> 20)),
                ]))
            }
        }
        // A folder opens but does not read: no file there.
        return data.isEmpty && isFolder(fd) ? nil : data
    }

    private func isFolder(_ fd: Int32) -> Bool {
        var status = stat()
        return fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
