import BeredningCore
import Foundation

/// One application folder as read from disk: the dossier when its application file could be
/// read, and every problem met in the folder. Broken applications stay in the list.
public struct StoreEntry: Sendable {
    public let folder: String
    public let dossier: Dossier?
    public let problems: [FileProblem]
    /// Not read yet: the interface shows the first screen before the whole store is read.
    public let isPending: Bool

    public init(folder: String, dossier: Dossier?, problems: [FileProblem], isPending: Bool = false) {
        self.folder = folder
        self.dossier = dossier
        self.problems = problems
        self.isPending = isPending
    }

    public var isBroken: Bool { dossier == nil && !isPending }
}

/// The store as read at one moment.
public struct StoreSnapshot: Sendable {
    public let root: URL
    public let config: FundConfig
    public let entries: [StoreEntry]
    /// Problems outside any application folder (stray folders).
    public let problems: [FileProblem]

    public init(root: URL, config: FundConfig, entries: [StoreEntry], problems: [FileProblem]) {
        self.root = root
        self.config = config
        self.entries = entries
        self.problems = problems
    }

    public var dossiers: [Dossier] { entries.compactMap(\.dossier) }
    /// True when every folder has been read (see `FileStore.loadFirst`).
    public var isComplete: Bool { !entries.contains { $0.isPending } }
    public var allProblems: [FileProblem] { problems + entries.flatMap(\.problems) }

    public func entry(_ id: ApplicationID) -> StoreEntry? { entries.first { $0.folder == id.description } }
}

public enum StoreError: Error, Sendable {
    /// The store cannot be used at all: no folder, or a `bered.toml` that cannot be read.
    case unusable([FileProblem])
    /// A write the domain or the file system refused.
    case refused(Message)
    case writeFailed(AtomicFile.WriteError)
    /// The application cannot leave preparation: what is missing, criterion by criterion and reviewer by reviewer.
    case gaps([Message])
}

/// The store folder: `bered.toml` and one folder per application. One file per writer, so
/// colleagues sharing the folder never overwrite each other; every write is atomic.
public struct FileStore: Sendable {
    public static let configFile = "bered.toml"
    public static let applicationFile = "application.toml"
    /// Where the interface writes exports; not an application folder.
    public static let exportsFolder = "exports"
    /// The texts reviews assessed, by version fingerprint.
    public static let versionsFolder = "versions"

    public let root: URL
    public let coreCriteria: [Criterion]

    public init(root: URL, coreCriteria: [Criterion]) {
        self.root = root.standardizedFileURL
        self.coreCriteria = coreCriteria
    }

    // MARK: Reading

    public func loadConfig() throws(StoreError) -> FundConfig {
        let read: Data?
        do { read = try cappedContents(FileStore.configFile) } catch { throw .unusable([error]) }
        guard let data = read else {
            throw .unusable([FileProblem(file: FileStore.configFile, line: nil, message: Message(.storeNoConfig, ["folder": .text(root.path)]))])
        }
        let document: TOMLDocument
        do { document = try TOMLDocument(file: FileStore.configFile, data: data) } catch { throw .unusable([error]) }
        let config = ConfigRecord.read(document, coreCriteria: coreCriteria)
        guard let config, document.problems.isEmpty else { throw .unusable(document.problems) }
        return config
    }

    /// Reads the whole store, on both cores.
    public func load() throws(StoreError) -> StoreSnapshot {
        try loadFirst(Int.max)
    }

    /// Only the applications with a recorded decision, without youth comments or the earlier
    /// texts of outdated reviews: what the decisions list needs, in a third of the time of
    /// reading everything.
    public func loadDecided() throws(StoreError) -> StoreSnapshot {
        try loadFirst(Int.max, only: hasDecision,
                      reading: [])
    }

    /// Whether an application folder holds a recorded decision (one file system call).
    @Sendable func hasDecision(_ id: ApplicationID) -> Bool {
        FileManager.default.fileExists(atPath: root.path + "/" + id.description + "/" + FileStore.decisionFile)
    }

    /// The parts of a dossier that only some readers need.
    public struct Extras: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let comments = Extras(rawValue: 1)
        /// The texts outdated reviews assessed, for showing what changed since.
        public static let earlierVersions = Extras(rawValue: 2)
        public static let all: Extras = [.comments, .earlierVersions]
    }

    /// Reads the first `count` applications in id order and lists the rest as pending: enough
    /// for the first screen, which then appears in the same time for 60 applications as for
    /// 50 000 while the rest is read in the background.
    public func loadFirst(_ count: Int, only include: @Sendable (ApplicationID) -> Bool = { _ in true }, reading extras: Extras = .all) throws(StoreError) -> StoreSnapshot {
        let config = try loadConfig()
        var folders: [ApplicationID] = []
        var problems: [FileProblem] = []
        let items = Directory.items(root.path)
        // A link in the store may point anywhere, and one can arrive with a pull: it is named, never followed.
        for item in items where item.isLink && !item.name.hasPrefix(".") && item.name != FileStore.configFile {
            problems.append(FileProblem(file: item.name, line: nil, message: Message(.linkNotRead)))
        }
        for item in items where item.isFolder && !item.name.hasPrefix(".") && item.name != FileStore.exportsFolder {
            guard let id = ApplicationID(item.name) else {
                problems.append(FileProblem(file: item.name, line: nil, message: Message(.storeStrayFolder, ["folder": .text(item.name)])))
                continue
            }
            folders.append(id)
        }
        folders.sort()
        // Asking which folders to read costs a file system call each, so both cores ask too.
        let included = FileStore.inParallel(folders) { include($0) }
        folders = zip(folders, included).filter(\.1).map(\.0)
        let ids = Array(folders.prefix(count))
        let loaded = FileStore.inParallel(ids) { loadEntry($0, config: config, reading: extras) }
        let pending = folders.dropFirst(ids.count).map { StoreEntry(folder: $0.description, dossier: nil, problems: [], isPending: true) }
        return StoreSnapshot(root: root, config: config, entries: loaded + pending, problems: problems)
    }

    /// `transform` of every item on both cores; folders are independent, and each result has its own slot.
    public static func inParallel<T>(_ items: [ApplicationID], _ transform: @Sendable (ApplicationID) -> T) -> [T] {
        var results = [T?](repeating: nil, count: items.count)
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                slots[index] = transform(items[index])
            }
        }
        return results.map { $0! }
    }

    public func loadEntry(_ id: ApplicationID, config: FundConfig, reading extras: Extras = .all) -> StoreEntry {
        let folder = id.description
        let items = Directory.items(root.path + "/" + folder)
        // Links are named and left out; the two records read by name say so themselves.
        let contents = Set(items.filter { !$0.isLink }.map(\.name))
        var problems = items.filter { $0.isLink && ![FileStore.applicationFile, FileStore.decisionFile].contains($0.name) }
            .map { FileProblem(file: "\(folder)/\($0.name)", line: nil, message: Message(.linkNotRead)) }
        let applicationPath = "\(folder)/\(FileStore.applicationFile)"
        let application: Application? = read(applicationPath, into: &problems) {
            ApplicationRecord.read($0, folderID: id, settings: config.calculation)
        }
        guard let application else { return StoreEntry(folder: folder, dossier: nil, problems: problems) }

        let readReviews: [(fileName: String, review: Review)] = !contents.contains("reviews") ? [] : records(in: "\(folder)/reviews", into: &problems) { document, name in
            ReviewRecord.read(document, applicationID: id, fileMember: MemberID(name), config: config).map { review in
                FileStore.reportUncounted(Counting.reasonReviewDoesNotCount(fileName: name, reviewer: review.reviewer, config: config),
                                          in: document, at: "reviewer")
                return (fileName: name, review: review)
            }
        }
        let reviews = Counting.sortReviews(readReviews, config: config)
        let readComments: [(fileName: String, comment: YouthComment)] = !extras.contains(.comments) || !contents.contains("comments") ? [] : records(in: "\(folder)/comments", into: &problems) { document, name in
            CommentRecord.read(document, applicationID: id, fileMember: FileStore.commentAuthor(fileName: name)).map { comment in
                FileStore.reportUncounted(Counting.reasonCommentDoesNotCount(author: comment.author, config: config), in: document, at: "author")
                return (fileName: name, comment: comment)
            }
        }
        let comments = Counting.sortComments(readComments, config: config)
        let conflicts = !contents.contains("conflicts") ? [] : readConflicts(in: "\(folder)/conflicts", applicationID: id, into: &problems)
        let decisionPath = "\(folder)/\(FileStore.decisionFile)"
        let decision: Decision? = contents.contains(FileStore.decisionFile) || items.contains(where: { $0.isLink && $0.name == FileStore.decisionFile })
            ? read(decisionPath, into: &problems) { DecisionRecord.read($0, applicationID: id, members: config) } : nil
        var dossier = Dossier(application: application, reviews: reviews.counted, comments: comments.counted, conflicts: conflicts, decision: decision)
        if contents.contains(FileStore.requestFile) {
            dossier.steeringRequest = read("\(folder)/\(FileStore.requestFile)", into: &problems) { RequestRecord.read($0, applicationID: id) }
        }
        if contents.contains(FileStore.repaymentsFile) {
            let gainers = RepaymentPlan.gainers(application.calculation, settings: config.calculation)
            dossier.repayments = read("\(folder)/\(FileStore.repaymentsFile)", into: &problems) {
                RepaymentRecord.read($0, applicationID: id, gainers: gainers, model: decision?.economicModel, members: config)
            }
        }
        if contents.contains(FileStore.proposalFile) {
            dossier.proposal = read("\(folder)/\(FileStore.proposalFile)", into: &problems) { ProposalRecord.read($0, applicationID: id, config: config) }
        }
        if contents.contains(FileStore.followUpsFolder) {
            dossier.followUps = readFollowUps(in: folder, id: id, application: application, config: config, into: &problems)
        }
        dossier.uncounted = reviews.uncounted + comments.uncounted
        guard extras.contains(.earlierVersions), contents.contains(FileStore.versionsFolder) else { return StoreEntry(folder: folder, dossier: dossier, problems: problems) }
        for review in dossier.outdatedReviews where dossier.earlierVersions[review.assessedVersion] == nil {
            let path = "\(folder)/\(FileStore.versionsFolder)/\(review.assessedVersion).toml"
            guard FileManager.default.fileExists(atPath: root.path + "/" + path) else { continue }
            if let earlier: Application = read(path, into: &problems, { ApplicationRecord.read($0, folderID: id, settings: config.calculation) }) {
                dossier.earlierVersions[review.assessedVersion] = earlier
            }
        }
        return StoreEntry(folder: folder, dossier: dossier, problems: problems)
    }

    /// Names a record that does not count at the line of the field that says whose it is; a file
    /// that is broken anyway does not count either, and its own problems already say why.
    private static func reportUncounted(_ reason: Message?, in document: TOMLDocument, at field: String) {
        guard let reason, !document.hasFatalProblems else { return }
        document.report(reason, at: field, fatal: false)
    }

    /// The conflict declarations; one whose file cannot be read still blocks the member its
    /// file is named after (fail closed): a broken file must not let someone review in spite of jäv.
    private func readConflicts(in folder: String, applicationID: ApplicationID, into problems: inout [FileProblem]) -> [ConflictDeclaration] {
        recordFiles(in: folder, into: &problems) { document, name in
            ConflictRecord.read(document, applicationID: applicationID, fileMember: MemberID(name))
        }.compactMap { name, conflict in
            if let conflict { return conflict }
            guard let member = MemberID(name) else { return nil }
            problems.append(FileProblem(file: "\(folder)/\(name).toml", line: nil, message: Message(.countConflictUnreadable, ["member": .text(member.rawValue)])))
            return ConflictDeclaration(applicationID: applicationID, member: member, reason: "", unreadable: true)
        }
    }

    /// Reads one file; its problems are collected and the value is dropped when there are any.
    func read<T>(_ path: String, into problems: inout [FileProblem], _ decode: (TOMLDocument) -> T?) -> T? {
        let data: Data
        do {
            guard let read = try cappedContents(path) else {
                problems.append(FileProblem(file: path, line: nil, message: Message(.storeMissingFile)))
                return nil
            }
            data = read
        } catch {
            problems.append(error)
            return nil
        }
        // Found in a file that does not even parse, too: it is on disk all the same.
        let numbers = FileStore.personalNumberProblems(in: data, file: path)
        do {
            let document = try TOMLDocument(file: path, data: data)
            let value = decode(document)
            problems += document.problems + numbers
            if numbers.isEmpty { problems += FileStore.escapedPersonalNumberProblems(in: data, read: value, file: path) }
            return document.hasFatalProblems ? nil : value
        } catch {
            problems += [error] + numbers
            return nil
        }
    }

    /// Every `*.toml` in a folder of per-member files, decoded with its name (without `.toml`).
    private func records<T>(in folder: String, into problems: inout [FileProblem], _ decode: (TOMLDocument, String) -> T?) -> [T] {
        recordFiles(in: folder, into: &problems, decode).compactMap(\.value)
    }

    /// Every `*.toml` in a folder by name, with nil for a file that could not be read.
    private func recordFiles<T>(in folder: String, into problems: inout [FileProblem], _ decode: (TOMLDocument, String) -> T?) -> [(name: String, value: T?)] {
        Directory.items(root.path + "/" + folder)
            .filter { item in
                if item.isLink { problems.append(FileProblem(file: "\(folder)/\(item.name)", line: nil, message: Message(.linkNotRead))) }
                return !item.isLink
            }
            .map(\.name)
            .filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }
            .sorted()
            .map { name in
                let stem = String(name.dropLast(5))
                return (stem, read("\(folder)/\(name)", into: &problems) { decode($0, stem) })
            }
    }

    /// Comment files are named `<UTC time>-<member>`; the member id may itself hold dashes.
    static func commentAuthor(fileName: String) -> MemberID? {
        guard let dash = fileName.firstIndex(of: "-") else { return nil }
        return MemberID(String(fileName[fileName.index(after: dash)...]))
    }
}
