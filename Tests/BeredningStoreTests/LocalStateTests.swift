import BeredningCore
@testable import BeredningStore
import Foundation
import Testing

/// What is kept for one member on their own machine never lands in the shared store.
@Suite("The member's own folders")
struct LocalStateTests {
    /// Drafts and kept-aside versions are found again by this name: it must not change
    /// between versions of bered (FNV-1a of the path, as written by the first one).
    @Test func aStoresKeyIsStable() {
        #expect(LocalState.key(of: URL(fileURLWithPath: "/srv/fond")) == "2f7809d38411e089")
    }

    @Test func stateAndCacheFollowXDGElseHome() {
        #expect(LocalState.folder("drafts", environment: ["XDG_STATE_HOME": "/x/state"])?.path == "/x/state/bered/drafts")
        #expect(LocalState.folder("drafts", environment: ["HOME": "/home/a"])?.path == "/home/a/.local/state/bered/drafts")
        #expect(LocalState.cacheFolder(environment: ["XDG_CACHE_HOME": "/x/cache"])?.path == "/x/cache/bered")
        #expect(LocalState.cacheFolder(environment: ["HOME": "/home/a"])?.path == "/home/a/.cache/bered")
    }

    /// The XDG spec: unset, empty or relative means "use the default"; an empty value read as a
    /// path was the current folder, which is often the store.
    @Test(arguments: ["", "relative/state", "./state", "."])
    func anEmptyOrRelativeStateHomeIsIgnored(value: String) {
        let folder = LocalState.folder("drafts", environment: ["XDG_STATE_HOME": value, "HOME": "/home/a"])
        #expect(folder?.path == "/home/a/.local/state/bered/drafts")
        #expect(LocalState.cacheFolder(environment: ["XDG_CACHE_HOME": value, "HOME": "/home/a"])?.path == "/home/a/.cache/bered")
    }

    @Test func withoutAnAbsoluteHomeThereIsNoFolder() {
        #expect(LocalState.folder("drafts", environment: [:]) == nil)
        #expect(LocalState.folder("drafts", environment: ["HOME": ""]) == nil)
        #expect(LocalState.folder("drafts", environment: ["XDG_STATE_HOME": "", "HOME": "home"]) == nil)
        #expect(LocalState.cacheFolder(environment: ["HOME": ""]) == nil)
    }

    func comment(_ store: TestStore) -> RecoveryDraft {
        .comment(YouthComment(applicationID: ApplicationID("2026-001")!, author: MemberID("sara")!, time: Date(timeIntervalSince1970: 1_800_000_000),
                              about: .whole, text: "Ett ärligt utkast"))
    }

    @Test func aStateFolderInsideTheStoreIsNotUsed() throws {
        let store = try TestStore()
        for inside in [store.root.path, store.root.path + "/2026-001", store.root.path + "/./x/.."] {
            let drafts = DraftFile(store: store.root, environment: ["XDG_STATE_HOME": inside])
            #expect(drafts.folder == nil, "\(inside)")
            #expect(throws: DraftFile.NoFolder.self) { try drafts.write(comment(store), criteria: try store.load().config.criteria) }
        }
        let before = try FileManager.default.subpathsOfDirectory(atPath: store.root.path).sorted()
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("bered-link-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: store.root)
        defer { try? FileManager.default.removeItem(at: link) }
        // A state folder that reaches the store through a symbolic link is inside it too.
        #expect(DraftFile(store: store.root, environment: ["XDG_STATE_HOME": link.path]).folder == nil)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: store.root.path).sorted() == before)
    }

    @Test func draftsAreReadableByTheMemberAlone() throws {
        let store = try TestStore()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bered-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        let drafts = DraftFile(store: store.root, environment: ["XDG_STATE_HOME": state.path])
        try drafts.write(comment(store), criteria: try store.load().config.criteria)
        let folder = try #require(drafts.folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.count == 1)
        for name in files {
            let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(name)")
        }
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(drafts.read(MemberID("sara")!, config: try store.load().config) == comment(store))
    }

    @Test func theApplicationFormsDraftReadsBackExactly() throws {
        let store = try TestStore()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bered-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        let drafts = DraftFile(store: store.root, environment: ["XDG_STATE_HOME": state.path])
        let config = try store.load().config
        try drafts.write(comment(store), criteria: config.criteria)
        let draft = ApplicationFormDraft(member: MemberID("lars")!, applicationID: ApplicationID("2026-002"), idea: false,
                                         rows: ["actors": 3, "calculation.costs": 0],
                                         changes: ["title": "Star for Life \"2\"", "actors[2].name": "Fritidsgården i Älvängen",
                                                   "problem.description": "Första stycket.\n\nAndra stycket med \"\"\" i.", "idea.months": "18"])
        try drafts.write(.applicationForm(draft), criteria: config.criteria)
        let folder = try #require(drafts.folder)
        // Sara's comment and Lars's form: one draft per member.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 2)
        #expect(drafts.read(MemberID("lars")!, config: config) == .applicationForm(draft))
        // Another member's name in the file is not theirs to be offered.
        #expect(drafts.read(MemberID("anna")!, config: config) == nil)
        var new = draft
        new.applicationID = nil
        new.idea = true
        try drafts.write(.applicationForm(new), criteria: config.criteria)
        // A draft per application: the newest is offered first, the other waits its turn.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 3)
        #expect(drafts.read(MemberID("lars")!, config: config) == .applicationForm(new))
        drafts.remove(.applicationForm(new))
        #expect(drafts.read(MemberID("lars")!, config: config) == .applicationForm(draft))
        drafts.remove(MemberID("lars")!)
        #expect(drafts.read(MemberID("lars")!, config: config) == nil)
        #expect(drafts.read(MemberID("sara")!, config: config) == comment(store))
    }

    /// A draft put off for later is not replaced by the next thing its member types, and an
    /// earlier release's draft file is still offered, and removed with its draft.
    @Test func aDraftPutOffStaysWhileAnotherIsTyped() throws {
        let store = try TestStore()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("bered-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        let drafts = DraftFile(store: store.root, environment: ["XDG_STATE_HOME": state.path])
        let config = try store.load().config
        let first = comment(store)
        try drafts.write(first, criteria: config.criteria)
        guard case .comment(var other) = first else { return }
        other.applicationID = ApplicationID("2026-004")!
        other.text = "En annan kommentar"
        try drafts.write(.comment(other), criteria: config.criteria)
        drafts.remove(.comment(other))
        #expect(drafts.read(MemberID("sara")!, config: config) == first)
        // As an earlier release named it.
        let folder = try #require(drafts.folder)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(names.count == 1)
        let legacy = folder.appendingPathComponent(names[0].replacingOccurrences(of: "-comment-\(first.applicationID!)", with: "-comment"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent(names[0]), to: legacy)
        #expect(drafts.read(MemberID("sara")!, config: config) == first)
        drafts.remove(first)
        #expect(drafts.read(MemberID("sara")!, config: config) == nil)
    }
}
