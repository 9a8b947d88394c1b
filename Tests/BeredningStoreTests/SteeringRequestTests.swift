import BeredningCore
import BeredningExport
import BeredningResources
@testable import BeredningStore
import Foundation
import Testing

/// The steering group's request stands from its return until it next decides (issue 17).
@Suite("The steering group's request for completion")
struct SteeringRequestTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func aReturnWritesItTheMemoShowsItAndAForwardTakesItAway() throws {
        let box = try TestStore()
        var snapshot = try box.load()
        let karin = try #require(snapshot.config.member(MemberID("karin")!)), lars = try #require(snapshot.config.member(MemberID("lars")!))
        let id = ApplicationID("2026-002")!
        _ = try box.store.move(try #require(snapshot.entry(id)?.dossier), .returnForCompletion, by: karin, config: snapshot.config,
                               reason: "Komplettera med en plan för utvärdering i Sverige.", now: now)
        snapshot = try box.load()
        let request = try #require(snapshot.entry(id)?.dossier?.steeringRequest)
        #expect(request.text == "Komplettera med en plan för utvärdering i Sverige." && request.requestedBy == karin.id)
        let line = catalog(request.message(config: snapshot.config))
        #expect(line == "Styrgruppen begär komplettering (Karin Sjöberg, 2026-05-28): Komplettera med en plan för utvärdering i Sverige.")
        #expect(Memo(try #require(snapshot.entry(id)?.dossier), config: snapshot.config, catalog: catalog).markdown.contains("Styrgruppen begär komplettering"))

        // Back in preparation the request still stands; the steering group's forward ends it.
        _ = try box.store.move(try #require(snapshot.entry(id)?.dossier), .resumePreparation, by: lars, config: snapshot.config, now: now)
        snapshot = try box.load()
        #expect(snapshot.entry(id)?.dossier?.steeringRequest != nil)
        _ = try box.store.move(try #require(snapshot.entry(id)?.dossier), .toSteeringGroup, by: lars, config: snapshot.config, now: now)
        snapshot = try box.load()
        _ = try box.store.move(try #require(snapshot.entry(id)?.dossier), .forward, by: karin, config: snapshot.config, now: now)
        snapshot = try box.load()
        #expect(snapshot.entry(id)?.dossier?.steeringRequest == nil)
        #expect(!box.files(in: "2026-002").contains("request.toml"))
    }
}
