/// A member's public SSH key, as `ssh-keygen` prints it (`ssh-ed25519 AAAA… anna@bered`):
/// what git checks their signed commits against (issue 14). Only the key type and the key
/// are kept; the comment is the member's own label and is never written into the signers file.
public struct SigningKey: Hashable, Sendable {
    public let type: String
    public let key: String

    /// The key types `ssh-keygen -Y verify` accepts for git.
    public static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// nil unless `line` is one line: a known type, base64, and an optional comment. Anything
    /// more (a second line, options) could add a signer the coordinator did not mean to.
    public init?(_ line: String) {
        guard !line.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 32 || $0 == 127 } ?? false) }) else { return nil }
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count >= 2, SigningKey.types.contains(String(parts[0])) else { return nil }
        let base64 = parts[1]
        guard base64.count >= 16,
              base64.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }) else { return nil }
        type = String(parts[0])
        key = String(base64)
    }

    public var line: String { type + " " + key }
}

/// The allowed-signers file `git verify-commit` reads (`gpg.ssh.allowedSignersFile`), made
/// from the members of one `bered.toml`: the principal is the member id, so a verified
/// commit names its member, and a key is trusted for git commits only.
public enum AllowedSigners {
    public static func text(_ members: [Member]) -> String {
        members.compactMap { member in
            member.signingKey.map { "\(member.id.rawValue) namespaces=\"git\" \($0.line)\n" }
        }.joined()
    }
}
