import BeredningCore
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

@Suite("Malformed files: a plain error with file and line, and the rest of the store still loads")
struct MalformedFileTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let line: Int?
        let key: MessageKey
        var testDescription: String { name }
    }

    static let application = """
    schema = 1
    id = "2026-001"
    title = "Fotosyntes"
    state = "in_preparation"

    [problem]
    description = "Frånvaro"

    [target_group]
    age_min = 10
    age_max = 12
    size = 40

    [[actors]]
    name = "Sektor utbildning"
    kind = "municipal"

    [[actors]]
    name = "Sektor socialtjänst"
    kind = "municipal"

    [[measurability.indicators]]
    name = "Frånvaro"
    baseline = 22.0
    when = ["1_year"]

    [intervention]
    start = 2026-08-01
    """

    static func replacing(_ old: String, _ new: String) -> String {
        precondition(application.contains(old), old)
        return application.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(name: "cut in the middle of a string", text: String(application.prefix(upTo: application.range(of: "Frånv")!.upperBound)), line: 7, key: .fileSyntax),
        Case(name: "a key without a value", text: replacing("size = 40", "size ="), line: 12, key: .fileSyntax),
        Case(name: "a duplicate key", text: replacing("age_max = 12", "age_max = 12\nage_max = 13"), line: 12, key: .fileSyntax),
        Case(name: "the title missing", text: replacing("title = \"Fotosyntes\"\n", ""), line: 1, key: .fileMissingField),
        Case(name: "the state missing", text: replacing("state = \"in_preparation\"\n", ""), line: 1, key: .fileMissingField),
        Case(name: "a number where text belongs", text: replacing("description = \"Frånvaro\"", "description = 17"), line: 7, key: .fileWrongType),
        Case(name: "text where a number belongs", text: replacing("size = 40", "size = \"fyrtio\""), line: 12, key: .fileWrongType),
        Case(name: "a decimal where a whole number belongs", text: replacing("age_min = 10", "age_min = 10.5"), line: 10, key: .fileWrongType),
        Case(name: "an unknown state", text: replacing("\"in_preparation\"", "\"beredning\""), line: 4, key: .fileInvalidValue),
        Case(name: "an unknown actor kind", text: replacing("kind = \"municipal\"\n\n[[actors]]\nname = \"Sektor socialtjänst\"", "kind = \"kommunal\"\n\n[[actors]]\nname = \"Sektor socialtjänst\""), line: 16, key: .fileInvalidValue),
        Case(name: "an actor without a name, the second one", text: replacing("name = \"Sektor socialtjänst\"\n", ""), line: 18, key: .fileMissingField),
        Case(name: "an unknown time of measurement", text: replacing("when = [\"1_year\"]", "when = [\"1 år\"]"), line: 25, key: .fileInvalidValue),
        Case(name: "a date that does not exist", text: replacing("start = 2026-08-01", "start = \"2026-02-30\""), line: 28, key: .fileBadDate),
        Case(name: "a date written as words", text: replacing("start = 2026-08-01", "start = \"1 augusti\""), line: 28, key: .fileBadDate),
        Case(name: "a malformed id", text: replacing("id = \"2026-001\"", "id = \"26-1\""), line: 2, key: .fileBadApplicationID),
        Case(name: "the id of another folder", text: replacing("id = \"2026-001\"", "id = \"2026-002\""), line: 2, key: .fileIDMismatch),
        Case(name: "a newer schema", text: replacing("schema = 1", "schema = 2"), line: 1, key: .fileNewerSchema),
        Case(name: "actors as a table instead of a list", text: replacing("[[actors]]\nname = \"Sektor utbildning\"\nkind = \"municipal\"\n\n[[actors]]\nname = \"Sektor socialtjänst\"\nkind = \"municipal\"", "[actors]\nname = \"x\""), line: 14, key: .fileWrongType),
        Case(name: "invalid UTF-8 on line 3", text: "", line: 3, key: .fileNotUTF8),  // bytes below
    ]

    @Test(arguments: cases)
    func applicationFile(_ c: Case) throws {
        var data = Data(c.text.utf8)
        if c.key == .fileNotUTF8 { data = Data("schema = 1\nid = \"2026-001\"\ntitle = \"Fotosynt".utf8) + Data([0xE5, 0x22, 0x0A]) }
        var problems: [FileProblem] = []
        do {
            let document = try TOMLDocument(file: "2026-001/application.toml", data: data)
            _ = ApplicationRecord.read(document, folderID: ApplicationID("2026-001"), settings: .init())
            problems = document.problems
        } catch {
            problems = [error]
        }
        #expect(problems.first?.message.key == c.key.rawValue, "\(problems.map { $0.formatted(catalog) })")
        #expect(problems.first?.line == c.line, "\(problems.map { $0.formatted(catalog) })")
        #expect(problems.first?.file == "2026-001/application.toml")
        // Every problem reads as plain Swedish, with the file and line first.
        for problem in problems {
            let text = problem.formatted(catalog)
            #expect(text.hasPrefix("2026-001/application.toml:"))
            #expect(!text.contains("{"), "\(text)")
        }
    }

    @Test func theSoundVersionHasNoProblems() {
        let (application, problems) = decode(Self.application) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: .init()) }
        #expect(problems == [])
        #expect(application?.actors.count == 2)
    }

    @Test func everyProblemInAFileIsReportedInOnePass() {
        let text = Self.replacing("size = 40", "size = \"fyrtio\"").replacingOccurrences(of: "\"in_preparation\"", with: "\"klar\"")
        let (_, problems) = decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: .init()) }
        #expect(problems.map(\.line) == [4, 12])
        #expect(problems.map { $0.formatted(catalog) } == [
            "2026-001/application.toml:4: fältet state har värdet ”klar”; tillåtna värden är idea, idea_declined, received, in_preparation, with_steering_group, returned, forwarded, approved, rejected, feedback_sent, running, closed",
            "2026-001/application.toml:12: fältet target_group.size ska vara ett heltal men är text",
        ])
    }

    @Test func aMisspeltFieldIsPointedOutWithAGuessAndTheRestIsUsed() {
        let text = Self.replacing("age_min = 10", "age_mn = 10").replacingOccurrences(of: "title = \"Fotosyntes\"", with: "title = \"Fotosyntes\"\ncolour = \"grön\"")
        let (application, problems) = decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: .init()) }
        #expect(problems.map { $0.formatted(catalog) } == [
            "2026-001/application.toml:4: fältet colour känns inte igen och används inte",
            "2026-001/application.toml:11: fältet target_group.age_mn känns inte igen och används inte; menade du age_min?",
        ])
        #expect(application?.title == "Fotosyntes")  // a typo does not hide the application
        #expect(application?.targetGroup.ageMin == nil)
    }

    @Test func unknownKeysInsideArraysOfTables() {
        let text = Self.replacing("name = \"Sektor socialtjänst\"", "name = \"Sektor socialtjänst\"\nrolle = \"Familjestöd\"")
        let (_, problems) = decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: .init()) }
        #expect(problems.map(\.line) == [20])
        #expect(problems.first?.message.arguments["guess"] == "role")
    }

    @Test func editDistanceForGuesses() {
        #expect(TOMLDocument.editDistance("age_mn", "age_min") == 1)
        #expect(TOMLDocument.editDistance("", "abc") == 3)
        #expect(TOMLDocument.editDistance("kitten", "sitting") == 3)
        #expect(TOMLDocument.closest(to: "titel", among: ["title", "state", "id"]) == "title")
        #expect(TOMLDocument.closest(to: "färg", among: ["title", "state"]) == nil)
    }

    @Test func aBOMAndWindowsLineEndingsAreFine() {
        let text = "\u{FEFF}" + Self.application.replacingOccurrences(of: "\n", with: "\r\n")
        let (application, problems) = decode(text) { ApplicationRecord.read($0, folderID: ApplicationID("2026-001"), settings: .init()) }
        #expect(problems == [])
        #expect(application?.problem.description == "Frånvaro")
    }

    // MARK: Reviews, comments, conflicts, configuration

    func reviewProblems(_ text: String, fileMember: String = "anna") throws -> [FileProblem] {
        let config = try demoSnapshot().config
        return decode(text, file: "2026-001/reviews/\(fileMember).toml") {
            ReviewRecord.read($0, applicationID: ApplicationID("2026-001")!, fileMember: MemberID(fileMember), config: config)
        }.1
    }

    static let review = """
    schema = 1
    application = "2026-001"
    reviewer = "anna"
    status = "draft"

    [scores.problem]
    score = 3
    comment = "Bra."

    [scores.evidence]
    score = "cannot_judge"
    """

    @Test func aScoreOffTheScaleNamesItsLine() throws {
        let problems = try reviewProblems(Self.review.replacingOccurrences(of: "score = 3", with: "score = 7"))
        #expect(problems.map(\.line) == [7])
        #expect(problems.first?.formatted(catalog) == "2026-001/reviews/anna.toml:7: fältet scores.problem.score ska vara en poäng 1–4 eller \"cannot_judge\", inte 7")
    }

    @Test func aScoreInWordsIsRefused() throws {
        let problems = try reviewProblems(Self.review.replacingOccurrences(of: "\"cannot_judge\"", with: "\"bra\""))
        #expect(problems.map(\.line) == [11])
        #expect(problems.first?.message.key == MessageKey.fileScoreOffScale.rawValue)
    }

    @Test func anUnknownCriterionNamesItsTable() throws {
        let problems = try reviewProblems(Self.review + "\n[scores.hittepa]\nscore = 2\n")
        #expect(problems.map(\.line) == [12])
        #expect(problems.first?.message.key == MessageKey.reviewFileUnknownCriterion.rawValue)
    }

    @Test func aReviewInSomeoneElsesFile() throws {
        let problems = try reviewProblems(Self.review, fileMember: "bengt")
        #expect(problems.map(\.line) == [3])
        #expect(problems.first?.message.key == MessageKey.fileMemberMismatch.rawValue)
    }

    @Test func aReviewMarkedCompleteThatIsNot() throws {
        let problems = try reviewProblems(Self.review.replacingOccurrences(of: "\"draft\"", with: "\"complete\""))
        #expect(problems.allSatisfy { $0.line == 4 && $0.message.key == MessageKey.fileReviewIncomplete.rawValue })
        // 7 criteria: evidence lacks a comment; the other five lack both; and the recommendation.
        #expect(problems.count == 1 + 5 * 2 + 1)
    }

    @Test func aReviewForAnotherApplication() throws {
        let problems = try reviewProblems(Self.review.replacingOccurrences(of: "application = \"2026-001\"", with: "application = \"2026-009\""))
        #expect(problems.map(\.line) == [2])
        #expect(problems.first?.message.key == MessageKey.fileIDMismatch.rawValue)
    }

    @Test func aPathInTheMemberField() throws {
        let problems = try reviewProblems(Self.review.replacingOccurrences(of: "reviewer = \"anna\"", with: "reviewer = \"../anna\""))
        #expect(problems.first?.message.key == MessageKey.fileBadMemberID.rawValue)
        #expect(problems.first?.line == 3)
    }

    @Test func aCommentWithoutTime() {
        let text = "schema = 1\napplication = \"2026-001\"\nauthor = \"sara\"\nabout = \"whole\"\ntext = \"Hej\"\n"
        let (comment, problems) = decode(text) { CommentRecord.read($0, applicationID: ApplicationID("2026-001")!, fileMember: nil) }
        #expect(comment == nil)
        #expect(problems.map(\.message.key) == [MessageKey.fileMissingField.rawValue])
    }

    @Test func aConfigWithBrokenScaleAndMembers() throws {
        let text = """
        fund = "Fonden"
        [scale]
        min = 1
        max = 5
        pass_mark = 3
        labels_sv = ["a", "b"]
        [[members]]
        id = "Anna Svensson"
        role = "preparation_group"
        [[members]]
        id = "bo"
        role = "ordförande"
        """
        let (config, problems) = decode(text, file: "bered.toml") { ConfigRecord.read($0, coreCriteria: try! BundledResources.coreCriteria()) }
        #expect(config == nil)
        #expect(problems.map(\.message.key) == [MessageKey.fileScaleLabels.rawValue, MessageKey.fileBadMemberID.rawValue, MessageKey.fileInvalidValue.rawValue])
        #expect(problems.map(\.line) == [6, 8, 12])
    }

    // MARK: In a whole store

    @Test func aBrokenApplicationIsListedAsBrokenAndTheRestLoad() throws {
        let store = try TestStore()
        let path = "2026-002/application.toml"
        let text = try store.read(path)
        try store.write(path, String(text.prefix(text.count / 2)))
        let snapshot = try store.load()
        #expect(snapshot.entries.count == 6)
        #expect(snapshot.entries.filter(\.isBroken).map(\.folder) == ["2026-002"])
        #expect(snapshot.dossiers.count == 5)
        let problem = try #require(snapshot.allProblems.first)
        #expect(problem.file == path)
        #expect(problem.line != nil)
    }

    @Test func aBrokenReviewDropsOnlyThatReview() throws {
        let store = try TestStore()
        try store.write("2026-001/reviews/bengt.toml", "schema = 1\napplication = \"2026-001\"\nreviewer = \"bengt\"\nstatus = \"klar\"\n")
        let snapshot = try store.load()
        let entry = try #require(snapshot.entry(ApplicationID("2026-001")!))
        #expect(!entry.isBroken)
        #expect(entry.dossier?.reviews.map(\.reviewer.rawValue) == ["anna", "cecilia"])
        #expect(entry.problems.map { $0.formatted(catalog) } == [
            "2026-001/reviews/bengt.toml:4: fältet status har värdet ”klar”; tillåtna värden är draft, complete",
        ])
    }

    @Test func aReviewByAYouthPanelMemberIsReported() throws {
        let store = try TestStore()
        let text = try store.read("2026-001/reviews/anna.toml").replacingOccurrences(of: "reviewer = \"anna\"", with: "reviewer = \"sara\"")
        try store.write("2026-001/reviews/sara.toml", text)
        let entry = try #require(try store.load().entry(ApplicationID("2026-001")!))
        #expect(entry.problems.map(\.message.key) == [MessageKey.countReviewNotPreparationGroup.rawValue])
        #expect(entry.dossier?.review(by: MemberID("sara")!) == nil)
    }

    @Test func aStrayFolderIsReportedAndSkipped() throws {
        let store = try TestStore()
        try store.write("gamla ansökningar/readme.txt", "x")
        try store.write(".git/HEAD", "x")
        let snapshot = try store.load()
        #expect(snapshot.problems.map(\.file) == ["gamla ansökningar"])
        #expect(snapshot.entries.count == 6)
    }

    @Test func aFolderWithoutApplicationFile() throws {
        let store = try TestStore()
        try store.write("2026-009/reviews/anna.toml", "schema = 1")
        let entry = try #require(try store.load().entry(ApplicationID("2026-009")!))
        #expect(entry.isBroken)
        #expect(entry.problems.map(\.message.key) == [MessageKey.storeMissingFile.rawValue])
    }

    @Test func aBrokenConfigMakesTheStoreUnusableWithItsLine() throws {
        let store = try TestStore()
        try store.write("bered.toml", "fund = \"Fonden\"\n[rules]\nreviews_needed = \"tre\"\n")
        #expect {
            _ = try store.load()
        } throws: { error in
            guard case StoreError.unusable(let problems) = error else { return false }
            return problems.map(\.line) == [3] && problems[0].file == "bered.toml"
        }
    }

    @Test func noConfigAtAll() throws {
        let store = try TestStore(copyingDemo: false)
        #expect {
            _ = try store.load()
        } throws: { error in
            guard case StoreError.unusable(let problems) = error else { return false }
            return problems.map(\.message.key) == [MessageKey.storeNoConfig.rawValue]
        }
    }
}
