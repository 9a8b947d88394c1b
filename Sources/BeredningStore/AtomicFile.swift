import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see either the old or the new content, never a mix:
/// a temporary file in the same folder, fsync, rename over the target, fsync of the folder.
public enum AtomicFile {
    public struct WriteError: Error, Equatable, CustomStringConvertible, Sendable {
        public let path: String
        public let step: String
        public let code: Int32
        public var description: String { "\(path): \(step): \(String(cString: strerror(code)))" }
    }

    /// Writes `data` to `url`. With `replacing: false` an existing file is never touched: the
    /// new file is published with link(2), which fails if the name is taken, and `step` is
    /// then "exists" so the caller can pick another name.
    /// `permissions` are the new file's mode (0600 for what is the member's alone).
    public static func write(_ data: Data, to url: URL, replacing: Bool = true, permissions: mode_t = 0o644) throws(WriteError) {
        try write(to: url, replacing: replacing, permissions: permissions) { append in data.withUnsafeBytes(append) }
    }

    /// The same for content made in pieces: `produce` hands each piece to `append` as it is made,
    /// so a large file (the JSON export of a whole store) is never whole in memory. After a
    /// failed piece the rest are ignored and the target is left as it was.
    public static func write(to url: URL, replacing: Bool = true, permissions: mode_t = 0o644,
                             _ produce: (_ append: (UnsafeRawBufferPointer) -> Void) -> Void) throws(WriteError) {
        let folder = url.deletingLastPathComponent().path
        let target = url.path
        // A dot-name that the store's reader skips, unique per process and call.
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw WriteError(path: target, step: "create", code: errno) }
        var failure: WriteError?
        produce { buffer in
            var offset = 0
            while failure == nil && offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = WriteError(path: target, step: "write", code: errno)
                    return
                }
                offset += written
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = WriteError(path: target, step: "fsync", code: errno) }
        if close(fd) != 0 && failure == nil { failure = WriteError(path: target, step: "close", code: errno) }
        if failure == nil {
            if replacing {
                if rename(temporary, target) != 0 { failure = WriteError(path: target, step: "rename", code: errno) }
            } else {
                if link(temporary, target) != 0 { failure = WriteError(path: target, step: errno == EEXIST ? "exists" : "link", code: errno) }
                unlink(temporary)
            }
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        // The rename is durable only once the folder's entry is on disk too.
        let dirfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}
