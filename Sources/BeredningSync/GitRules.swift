import BeredningStore
import Foundation

/// bered's git rules for a shared store (issue 14): kept in the repository's own configuration,
/// which a pull cannot change, and put in place before anything reads the store.
extension StoreSync {
    /// What makes a folder a shared store: history files merge as a union of lines (the
    /// reader orders them by time), and locks, temporary files and exports stay local.
    ///
    /// Both live in the repository's own configuration (`.git/info/attributes`, `.git/info/exclude`),
    /// which a pull cannot change, and are written anew by every sync: rule files in the shared
    /// tree could be changed by anyone, and a `.gitattributes` saying `merge=union` for TOML
    /// files or a UTF-16 `working-tree-encoding` broke every member's store. info/attributes
    /// comes before every `.gitattributes` (gitattributes(5)), so its first line puts every
    /// attribute that changes a file's bytes or how it merges back to git's default, whatever
    /// the tree says; a later line wins within the file, so the history rule follows it.
    public static let attributes = """
        # bered: the store's own rules; a pull cannot change this file (issue 14)
        * !text !eol !working-tree-encoding !filter !ident !merge
        *.jsonl merge=union

        """
    /// Only for `git status` and the like: sync adds the store's files by name and never these.
    public static let ignored = """
        # bered: never shared (issue 14)
        .bered/
        .*.lock
        .*.tmp-*
        exports/

        """

    /// Puts bered's rules in place in the store's own repository (nothing when the store is not
    /// one): before anything reads the store, since a member who joined with `git clone` may
    /// hold files that the tree's rules made unreadable (UTF-16), `bered.toml` among them.
    public static func applyOwnRules(store: URL, environment: [String: String]) {
        let git = Git(folder: store.standardizedFileURL, environment: environment)
        guard let top = git.value(["rev-parse", "--show-toplevel"]),
              URL(fileURLWithPath: top).resolvingSymlinksInPath().path == store.standardizedFileURL.resolvingSymlinksInPath().path else { return }
        applyOwnRules(git)
    }

    /// Writes the sharing rules into the repository's own configuration where they are missing,
    /// keeping any lines the member put there; `.gitattributes` and `.gitignore` in the tree are
    /// no longer written (older stores keep theirs, which the rules here override).
    static func applyOwnRules(_ git: Git) {
        for (name, wanted) in [("info/attributes", StoreSync.attributes), ("info/exclude", StoreSync.ignored)] {
            guard let relative = git.value(["rev-parse", "--git-path", name]) else { continue }
            let url = relative.hasPrefix("/") ? URL(fileURLWithPath: relative) : git.folder.appendingPathComponent(relative)
            let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            guard let text = withRules(wanted, in: existing) else { continue }
            // Which files the member changed is judged under the rules they were checked out
            // with, so it is asked before the new rules are in place.
            // A git that failed here (a busy machine) must not leave the rules in place with the
            // files unconverted: the rules' presence is what says this was done.
            guard let unchanged = name == "info/attributes" ? unchangedFiles(git) : [] else { continue }
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard (try? AtomicFile.write(Data(text.utf8), to: url)) != nil else { continue }
            if !checkOutAgain(unchanged, git) { try? AtomicFile.write(Data(existing.utf8), to: url) }
        }
    }

    /// `existing` with bered's `wanted` lines, or nil when they are all there. The lines depend
    /// on their order, so when any is missing the block is appended whole.
    static func withRules(_ wanted: String, in existing: String) -> String? {
        let lines = Set(existing.split(separator: "\n").map(String.init))
        guard wanted.split(separator: "\n").contains(where: { !lines.contains(String($0)) }) else { return nil }
        return existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + wanted
    }

    /// The tracked files the member has not changed.
    private static func unchangedFiles(_ git: Git) -> [String]? {
        // A file written in the second its index entry was may look changed by its times alone;
        // the refresh compares such files by content.
        git.run(["update-index", "-q", "--refresh"])
        let diff = git.run(["diff", "--name-only", "-z", "--no-renames"])
        let tracked = git.run(["ls-files", "-z"])
        guard diff.succeeded, tracked.succeeded else { return nil }
        let changed = Set(diff.output.split(separator: "\0").map(String.init))
        return tracked.output.split(separator: "\0").map(String.init).filter { !changed.contains($0) }
    }

    /// Writes `files` again, now under bered's rules: a member who joined with `git clone` got
    /// them under the tree's `.gitattributes`, which may have made them UTF-16 or CRLF. Files
    /// the member changed are not among them. Once per repository.
    /// False when git failed: the caller then takes the rules away again, so the next sync redoes both.
    private static func checkOutAgain(_ files: [String], _ git: Git) -> Bool {
        guard !files.isEmpty else { return true }
        // checkout-index skips a file whose times and size match the index, even with --force,
        // and the refresh above has just made them match: only a file it sees as touched is
        // written again. Whether a fresh clone's files looked touched depended on the second.
        var times = [timespec(tv_sec: 1, tv_nsec: 0), timespec(tv_sec: 1, tv_nsec: 0)]
        for file in files {
            _ = utimensat(AT_FDCWD, git.folder.appendingPathComponent(file).path, &times, AT_SYMLINK_NOFOLLOW)
        }
        return git.run(["checkout-index", "--force", "-u", "-z", "--stdin"], input: files.joined(separator: "\0")).succeeded
    }
}
