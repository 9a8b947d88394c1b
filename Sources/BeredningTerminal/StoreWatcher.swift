import BeredningStore
import Foundation

/// Watches the store for changes made outside this interface: a colleague's sync, a shared
/// folder, a hand edit. It polls `FileStore.watchStamp` on its own thread rather than using
/// inotify, which sees nothing a file server changes on behalf of another machine. Between
/// polls it waits twenty times as long as the last poll took, and at least a second, so even
/// a store of thousands of applications costs a few per cent of one core.
final class StoreWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var baseline: UInt64?
    private var changed = false
    private var running = true

    init(_ store: FileStore) {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                let started = Date()
                let stamp = store.watchStamp()
                let took = Date().timeIntervalSince(started)
                lock.withLock {
                    if let baseline, baseline != stamp { changed = true }
                    baseline = stamp
                }
                Thread.sleep(forTimeInterval: max(1, took * 20))
            }
        }
        thread.start()
    }

    /// Whether the store changed since the last call (or since `rebase`).
    func takeChange() -> Bool {
        lock.withLock {
            defer { changed = false }
            return changed
        }
    }

    /// The interface read the store itself after `stamp` was taken: what it read is the new
    /// baseline, so its own saves are not reported back to it as a colleague's.
    func rebase(to stamp: UInt64) {
        lock.withLock {
            baseline = stamp
            changed = false
        }
    }

    func stop() {
        lock.withLock { running = false }
    }
}
