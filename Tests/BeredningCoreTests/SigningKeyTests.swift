import BeredningCore
import Testing

@Suite("Members' signing keys and the allowed signers git checks against (issue 14)")
struct SigningKeyTests {
    static let ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW anna@bered"

    @Test(arguments: [
        (ed25519, true),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW", true),
        ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY= x", true),
        ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7", true),
        ("", false),
        ("ssh-ed25519", false),
        ("ssh-dss AAAAB3NzaC1kc3MAAACBAP1", false),
        ("AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW", false),
        // A second line would be a second signer in the allowed-signers file.
        (ed25519 + "\nlars namespaces=\"git\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB", false),
        ("ssh-ed25519 AAAA\"C3NzaC1lZDI1NTE5AAAAIJ6m9", false),
    ])
    func aKeyIsOneLineOfAKnownType(line: String, valid: Bool) {
        #expect((SigningKey(line) != nil) == valid)
    }

    @Test func theSignersAreTheMembersWithKeysNamedByIdForGitOnly() {
        let key = SigningKey(Self.ed25519)!
        let members = [Member(id: MemberID("anna")!, name: "Anna", role: .preparationGroup, signingKey: key),
                       Member(id: MemberID("sara")!, name: "Sara", role: .youthPanel)]
        #expect(AllowedSigners.text(members) == "anna namespaces=\"git\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ6m9Xo7Cq0h8y1v0Kc0t1jP6gQm3w3h3G3Y6a0Jc9bW\n")
    }
}
