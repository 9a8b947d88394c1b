import BeredningCore
import BeredningResources
import Testing

/// Idéprövning: an idea is screened before a full application is invited; the fund says who
/// screens, and a declined idea gets its reasons in a letter (issue 18).
@Suite("Idea screening")
struct IdeaScreeningTests {
    func idea() -> Dossier {
        var application = Application(id: ApplicationID("2026-007")!, title: "Läxhjälp i Nödinge", state: .idea, ideaGiver: "Fritidsgården i Nödinge")
        application.problem.description = "Många i årskurs 7 saknar stöd hemma med läxorna."
        application.idea = IdeaSketch(roughCost: 450_000, months: 18)
        application.actors = [Actor(name: "Fritidsgården", kind: .municipal, role: "", contribution: "")]
        return Dossier(application: application)
    }

    @Test func theCoordinatorScreensByDefaultAndTheSteeringGroupIsToldWho() throws {
        let config = try testConfig()
        #expect(config.rules.ideaScreener == .coordinator)
        #expect(Workflow.available(for: lars, dossier: idea(), config: config) == [.inviteApplication, .declineIdea])
        #expect(Workflow.available(for: karin, dossier: idea(), config: config).isEmpty)
        #expect(throws: Workflow.Refused.notAllowed(Refusal(Message(.workflowIdeasScreenedBy, ["screener": .message(Role.coordinator.label),
                                                                                                  "role": .message(Role.steeringGroup.label)])))) {
            try Workflow.apply(.inviteApplication, to: idea(), by: karin, config: config)
        }
        let sv = try BundledResources.catalog(.sv)
        #expect(sv(Workflow.noMoves(for: karin, dossier: idea(), config: config)) == "Du kan inte flytta en ansökan med status idé (din roll: styrgruppen); det gör samordnare.")
        // Nobody else the role table does not allow: the preparation group never screens.
        #expect(throws: Workflow.Refused.self) { try Workflow.apply(.inviteApplication, to: idea(), by: anna, config: config) }
    }

    @Test func aFundMayLetTheSteeringGroupScreenInstead() throws {
        var config = try testConfig()
        config.rules.ideaScreener = .steeringGroup
        #expect(Workflow.available(for: karin, dossier: idea(), config: config) == [.inviteApplication, .declineIdea])
        #expect(Workflow.available(for: lars, dossier: idea(), config: config).isEmpty)
        let invited = try Workflow.apply(.inviteApplication, to: idea(), by: karin, config: config)
        #expect(invited.state == .received)
        // The idea's text carries over: the same application, only its state moved.
        #expect(invited.problem.description == idea().application.problem.description && invited.idea == idea().application.idea)
    }

    @Test func decliningNeedsReasonsAndTheLetterThatSaysThem() throws {
        let config = try testConfig()
        #expect(throws: Workflow.Refused.reasonNeeded(Message(.workflowReasonNeeded, ["transition": .message(Transition.declineIdea.label)]))) {
            try Workflow.apply(.declineIdea, to: idea(), by: lars, config: config)
        }
        #expect(throws: Workflow.Refused.reasonNeeded(Message(.letterNeeded))) {
            try Workflow.apply(.declineIdea, to: idea(), by: lars, config: config, reason: "Fonden satsar på yngre barn.")
        }
        let sv = try BundledResources.catalog(.sv)
        let letter = try #require(MoveLetter.document(.declineIdea, idea(), reason: "Fonden satsar i år på barn under tio år.", config: config,
                                                       sender: lars, date: Day("2026-12-02")!, catalog: sv))
        let declined = try Workflow.apply(.declineIdea, to: idea(), by: lars, config: config, reason: "Fonden satsar i år på barn under tio år.",
                                          letter: SentLetter(letter))
        #expect(declined.state == .ideaDeclined)
        let text = letter.markdown
        #expect(text.hasPrefix("# Besked om idén 2026-007: Läxhjälp i Nödinge"))
        #expect(text.contains("Till: Fritidsgården i Nödinge"))
        #expect(text.contains("och bjuder inte in till en full ansökan den här gången."))
        #expect(text.contains("## Skäl\n\nFonden satsar i år på barn under tio år."))
        #expect(text.contains("Ungefärlig kostnad: 450 000 kr"))
        #expect(text.contains("Längd i månader: 18"))
        #expect(text.contains("Frågor om beskedet besvaras av Lars"))
        // Nothing leads on from a declined idea: the idea giver submits a new one.
        #expect(Workflow.available(for: lars, dossier: Dossier(application: declined), config: config).isEmpty)
    }
}
