import Foundation
import Testing

/// A member who joins with plain `git clone` and whose first command is `bered list` or
/// `bered open`, not `bered sync` (issue 14): a committed `.gitattributes` with a UTF-16
/// working-tree encoding checks the files out unreadable; bered puts its own rules first.
@Suite("A store joined with git clone, read before any sync", .serialized)
struct JoinedByCloneTests {
    @Test func aUTF16WorkingTreeEncodingInTheTreeDoesNotStopTheFirstList() throws {
        let bered = try Bered.installed.get()
        let world = try SharedDemo("clone")
        let root = world.root, store = world.store, share = world.share, environment = world.environment
        let anna = root.appendingPathComponent("anna")
        #expect(try Bered.run(["share", store.path, share.path, "--as", "lars"], environment: environment, executable: bered).status == 0)
        // A colleague commits the rule file by hand and pushes it.
        try Data("*.toml working-tree-encoding=UTF-16\n".utf8).write(to: store.appendingPathComponent(".gitattributes"))
        try runGit(["-c", "user.name=X", "-c", "user.email=x@x", "add", ".gitattributes"], in: store, environment)
        try runGit(["-c", "user.name=X", "-c", "user.email=x@x", "commit", "--quiet", "-m", "regler"], in: store, environment)
        try runGit(["push", "--quiet", "origin", "HEAD:main"], in: store, environment)

        try runGit(["clone", "--quiet", share.path, anna.path], in: root, environment)
        let checkedOut = try Data(contentsOf: anna.appendingPathComponent("bered.toml"))
        #expect(checkedOut.prefix(2) == Data([0xFF, 0xFE]) || checkedOut.prefix(2) == Data([0xFE, 0xFF]) || checkedOut.contains(0), "the clone is not UTF-16: the test no longer shows the danger")

        let listed = try Bered.run(["list", anna.path], environment: environment, executable: bered)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("2026-001"))
        #expect(try String(contentsOf: anna.appendingPathComponent("bered.toml"), encoding: .utf8).hasPrefix("#") )
    }
}
