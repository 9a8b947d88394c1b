import BeredningCore
import BeredningStore
import Foundation

/// The member's own SSH key for signing what they share (issue 14): on their machine only,
/// `$XDG_STATE_HOME/bered/keys/<member>` (else `~/.local/state/…`), made by `ssh-keygen`, never
/// by this program. The coordinator gets the public half and puts it in `bered.toml`.
public enum MemberKey {
    public struct Made: Sendable {
        public let privateKey: URL
        /// The public key's line, as `bered.toml` takes it.
        public let publicLine: String
        /// Whether this call made the key (false: it was there already).
        public let created: Bool
    }

    /// Where `member`'s key is kept, or nil without a state folder (no HOME).
    public static func path(for member: MemberID, environment: [String: String]) -> URL? {
        LocalState.folder("keys", environment: environment)?.appendingPathComponent(member.rawValue)
    }

    /// The key at `path` when it exists and has its public half: what signing needs.
    public static func existing(for member: MemberID, environment: [String: String]) -> URL? {
        guard let url = path(for: member, environment: environment),
              FileManager.default.fileExists(atPath: url.path), FileManager.default.fileExists(atPath: url.path + ".pub") else { return nil }
        return url
    }

    /// The member's key, made first when missing (ed25519, no passphrase: the laptop's own
    /// login is what protects it, see the README). Fails with why in plain words.
    public static func ensure(for member: MemberID, environment: [String: String]) -> Result<Made, Refusal> {
        guard let url = path(for: member, environment: environment) else { return .failure(Refusal(Message(.signedKeyNoFolder))) }
        var created = false
        if !FileManager.default.fileExists(atPath: url.path) {
            do { try LocalState.createPrivateFolder(url.deletingLastPathComponent()) } catch {
                return .failure(Refusal(Message(.signedKeyFailed, ["detail": .text(error.localizedDescription)])))
            }
            let made = run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "\(member.rawValue)@bered", "-f", url.path], environment: environment)
            guard made.status == 0 else { return .failure(Refusal(Message(.signedKeyFailed, ["detail": .text(made.errors)]))) }
            created = true
        }
        // A key copied in by hand may lack its public half: ssh-keygen derives it again.
        let derived = run(["ssh-keygen", "-y", "-f", url.path], environment: environment)
        guard derived.status == 0, let key = SigningKey(derived.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .failure(Refusal(Message(.signedKeyFailed, ["detail": .text(derived.errors)])))
        }
        let line = key.line + " \(member.rawValue)@bered"
        if !FileManager.default.fileExists(atPath: url.path + ".pub") {
            try? Data((line + "\n").utf8).write(to: URL(fileURLWithPath: url.path + ".pub"))
        }
        return .success(Made(privateKey: url, publicLine: line, created: created))
    }

    private static func run(_ arguments: [String], environment: [String: String]) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "", error.localizedDescription) }
        // Both are a line or two: well under a pipe's buffer, so reading one after the other cannot block.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
