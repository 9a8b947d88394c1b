import Foundation
import Testing

/// Member ids and application ids become file and folder names (`2026-001/reviews/anna.toml`),
/// so anything that is not a well-formed id is refused before a file is touched: nothing climbs
/// out of the store, no two ids differ only in case, no control character reaches a name.
@Suite("Hostile ids on the command line and in bered.toml")
struct HostileIdTests {
    static let hostileMembers = [
        "../../etc", "../../../escaped", "Anna", "ANNA", "an\u{1B}na", "anna/../lars", "lars/.", "./lars", "anna.toml",
        "-anna", "anna-", " anna", "anna\n", "..", "/", "lars\u{0301}", "larſ", "ｌａｒｓ",
    ]

    static let unknownMemberSuffix = "finns inte bland fondens medlemmar (anna, bengt, cecilia, sara, omar, karin, lars).\n"

    /// Commands that act as a member, each of which would write something for the right member.
    static func memberCommands(_ box: Sandbox) -> [[String]] {
        let s = box.path
        return [
            ["move", s, "2026-005", "start_preparation"],
            ["move", s, "2026-003", "to_steering_group", "--override", "Ändå."],
            ["decide", s, "2026-006", "--outcome", "approve", "--date", "2026-11-20", "--case-number", "KS 1", "--grant", "2027=1"],
            ["export", s, "--format", "csv", "--out", box.cwd.appendingPathComponent("ut.csv").path],
            ["new", s, "--title", "Ny idé"],
            ["check", s, "2026-001"],
            ["open", s],
        ]
    }

    @Test func aMalformedMemberIdIsRefusedByEveryCommandAndNothingIsWritten() throws {
        let box = try Sandbox()
        let before = box.everything
        var runs = 0
        for raw in Self.hostileMembers {
            for command in Self.memberCommands(box) {
                // BERED_USER goes the same way as --as; tried on the commands that write.
                for viaEnvironment in ["move", "new", "decide"].contains(command[0]) ? [false, true] : [false] {
                    let result = viaEnvironment ? try box.run(command, environment: ["BERED_USER": raw]) : try box.run(command + ["--as=" + raw])
                    runs += 1
                    let label = "\(command[0]) \(viaEnvironment ? "BERED_USER" : "--as") \(raw.debugDescription)"
                    #expect(result.status == 2, "\(label): exit \(result.status) \(result.stderr)")
                    #expect(result.stdout.isEmpty, "\(label): \(result.stdout.prefix(200))")
                    #expect(result.stderr.hasSuffix(Self.unknownMemberSuffix), "\(label): \(result.stderr)")
                }
            }
        }
        #expect(runs == Self.hostileMembers.count * 11)
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    @Test func anUppercaseIdIsNotTheLowercaseMember() throws {
        // On a case-insensitive disk `Anna` and `anna` would share reviews/anna.toml.
        let box = try Sandbox()
        let before = box.everything
        let result = try box.run(["move", box.path, "2026-005", "start_preparation", "--as", "LARS"])
        #expect(result.status == 2)
        #expect(result.stderr == "”LARS” " + Self.unknownMemberSuffix)
        let anna = try box.run(["check", box.path, "2026-003", "--as", "Anna"])
        #expect(anna.status == 2)
        #expect(anna.stderr == "”Anna” " + Self.unknownMemberSuffix)
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    @Test func aRefusedIdIsNotEchoedWithItsControlCharacters() throws {
        // The refusal quotes what was typed; an escape sequence in BERED_USER or --as must not
        // reach the terminal as one (it could recolour, retitle or clear the terminal).
        let box = try Sandbox()
        for raw in ["an\u{1B}na", "an\u{1B}[2Jna", "an\u{1B}]0;titel\u{07}na", "an\u{9B}na", "an\rna", "an\u{7F}na"] {
            let result = try box.run(["move", box.path, "2026-005", "start_preparation", "--as", raw])
            #expect(result.status == 2)
            #expect(!result.stderr.isEmpty)
            let controls = result.stderr.unicodeScalars.filter { $0 != "\n" && ($0.properties.generalCategory == .control) }
            #expect(controls.isEmpty, "\(raw.debugDescription) echoed as \(result.stderr.debugDescription)")
        }
    }

    static let hostileApplications = [
        "../2026-001", "2026-001/../..", "2026-0001x", "2026-001/", "./2026-001", "2026-001/..", "2026-001/../2026-006",
        "../../2026-001", "/etc", "2026-001 ", " 2026-001", "2026–001", "2026-00１", "２026-001", "2026-001\n",
        "..", ".", "", "exports", "2026-000",
    ]

    @Test func aMalformedApplicationIdIsRefusedByEveryCommandAndNothingIsWritten() throws {
        let box = try Sandbox()
        let before = box.everything
        let s = box.path
        for raw in Self.hostileApplications {
            let commands: [[String]] = [
                ["check", s, raw], ["calc", s, raw], ["history", s, raw],
                // As the coordinator, who could make these moves on 2026-001 itself.
                ["move", s, raw, "to_steering_group", "--override", "Ändå.", "--as", "lars"],
                ["decide", s, raw, "--outcome", "reject", "--date", "2026-11-20", "--case-number", "KS 2", "--as", "lars"],
                ["export", s, "--format", "md", "--id", raw, "--out", box.cwd.appendingPathComponent("memo.md").path, "--as", "lars"],
                ["export", s, "--format", "html", "--id", raw, "--as", "lars"],
            ]
            for command in commands {
                let result = try box.run(command)
                let label = "\(command[0]) \(raw.debugDescription)"
                #expect(result.status == 2, "\(label): exit \(result.status) \(result.stderr)")
                #expect(result.stderr == "Det finns ingen ansökan \(raw) i mappen.\n", "\(label): \(result.stderr.debugDescription)")
                #expect(result.stdout.isEmpty, "\(label): \(result.stdout.prefix(200))")
            }
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    // MARK: bered.toml

    /// bered.toml with one member's id replaced, and the line it is on.
    static func replaceMember(_ id: String, with raw: String, in box: Sandbox) throws -> Int {
        let file = box.url("bered.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        let index = try #require(lines.firstIndex(of: "id = \"\(id)\""))
        lines[index] = "id = \"\(raw)\""
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        return index + 1
    }

    @Test(arguments: [("anna", "Anna", 0), ("bengt", "../x", 1), ("lars", "../../etc/lars", 6), ("sara", "sara.toml", 3),
                      ("omar", "OMAR", 4), ("karin", "", 5)])
    func validateNamesTheFileAndLineOfABadMemberId(_ id: String, _ raw: String, _ index: Int) throws {
        let box = try Sandbox()
        let line = try Self.replaceMember(id, with: raw, in: box)
        let before = box.everything
        let validate = try box.run(["validate", box.path])
        #expect(validate.status == 2)
        let output = validate.stdout + validate.stderr
        let expected = raw.isEmpty
            ? "bered.toml:\(line): "
            : "bered.toml:\(line): fältet members[\(index)].id ska vara ett medlems-id med små bokstäver, siffror och bindestreck, inte ”\(raw)”"
        #expect(output.contains(expected), "\(output)")
        // The store is not used half-read: commands refuse it rather than run without a member.
        for command in [["list", box.path], ["move", box.path, "2026-005", "start_preparation", "--as", "lars"],
                        ["check", box.path], ["new", box.path, "--title", "X", "--as", "lars"]] {
            let result = try box.run(command)
            #expect(result.status == 2, "\(command[0]): \(result.status)")
            #expect(result.stderr.contains("bered.toml:\(line):"), "\(command[0]): \(result.stderr)")
        }
        let after = box.everything
        #expect(after == before, "changed:\n\(differences(before, after))")
    }

    @Test func twoMembersWhoDifferOnlyInCaseAreRefused() throws {
        let box = try Sandbox()
        let file = box.url("bered.toml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "\n[[members]]\nid = \"Anna\"\nname = \"Anna Andra\"\nrole = \"preparation_group\"\n"
        try Data(text.utf8).write(to: file)
        let line = text.components(separatedBy: "\n").firstIndex(of: "id = \"Anna\"")! + 1
        let validate = try box.run(["validate", box.path])
        #expect(validate.status == 2)
        #expect((validate.stdout + validate.stderr).contains("bered.toml:\(line): fältet members[7].id"), "\(validate.stdout)\(validate.stderr)")
    }

    // MARK: bered demo

    @Test func demoRefusesAMalformedMemberAndLeavesNoCopyBehind() throws {
        // `bered demo --as` names a member like every other command; a name that is none is
        // refused, and before the demo is copied into the temporary folder.
        let box = try Sandbox()
        for raw in ["../../etc", "Anna"] {
            let before = box.everything
            let result = try box.run(["demo", "--as", raw])
            #expect(result.status == 2, "demo --as \(raw): exit \(result.status)")
            #expect(result.stderr.hasSuffix(Self.unknownMemberSuffix), "\(result.stderr)")
            let after = box.everything
            #expect(after == before, "demo --as \(raw) changed:\n\(differences(before, after).prefix(400))")
        }
    }
}
