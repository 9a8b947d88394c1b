import BeredningCore
import BeredningStore

/// A sync's outcome in plain words, the same for `bered sync` and the interface.
public enum SyncReport {
    public static func lines(_ outcome: SyncOutcome, catalog: Catalog) -> [String] {
        switch outcome {
        case .notShared(let message):
            return [catalog(message)]
        case .synced(let committed, let received, let sent):
            let summary = received == 0 && sent == 0 ? catalog(.syncUpToDate) : catalog(.syncDone, ["received": .text(String(received)), "sent": .text(String(sent))])
            return committedLine(committed, catalog) + [summary]
        case .offline(let committed, let detail):
            return committedLine(committed, catalog) + [catalog(.syncOffline)] + gitSaid(detail)
        case .conflicts(let conflicts, let committed):
            var lines = committedLine(committed, catalog) + [catalog(.syncConflicts, ["count": .text(String(conflicts.count))])]
            for conflict in conflicts {
                lines += [""] + describe(conflict, catalog: catalog)
            }
            return lines
        case .resolved(let kept, let then):
            return kept.map { catalog(.syncKeptAside, ["path": .text($0.path)]) } + lines(then, catalog: catalog)
        case .failed(let message, let detail):
            return [catalog(message)] + gitSaid(detail)
        case .refused(let findings, let committed):
            return committedLine(committed, catalog) + [catalog(.signedSyncRefused, ["count": .text(String(findings.count))])]
                + findings.map { "  " + catalog($0.message) } + [catalog(.signedSyncRefusedHelp)]
        case .restored(let paths, let then):
            return [catalog(.signedRestored, ["files": .text(paths.joined(separator: ", "))])] + lines(then, catalog: catalog)
        case .ruleFilesChanged(let paths, let then):
            return [catalog(.linkRuleFilesChanged, ["files": .text(paths.joined(separator: ", "))])] + lines(then, catalog: catalog)
        }
    }

    /// git's own words, indented under ours: for whoever helps the member.
    private static func gitSaid(_ detail: String) -> [String] {
        Printable.shown(detail).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { "  git: " + $0 }
    }

    /// One conflict: which file, then each differing field with both values, or both whole texts.
    public static func describe(_ conflict: SyncConflict, catalog: Catalog) -> [String] {
        var lines = [catalog(conflict.file.subject) + ":"]
        let mine = catalog(.syncMine), theirs = catalog(.syncTheirs), missing = catalog(.syncMissing)
        if conflict.mine == nil { lines.append("  " + catalog(.syncDeletedMine)) }
        if conflict.theirs == nil { lines.append("  " + catalog(.syncDeletedTheirs)) }
        if let differences = conflict.differences {
            for difference in differences {
                let shown = { (value: String) in oneLine(word(value, at: difference.path, in: conflict.file, catalog: catalog)) }
                lines.append("  " + fieldName(difference.path, catalog: catalog))
                lines.append("    " + mine + ": " + (difference.mine.map(shown) ?? missing))
                lines.append("    " + theirs + ": " + (difference.theirs.map(shown) ?? missing))
            }
        } else {
            if conflict.mine != nil, conflict.theirs != nil { lines.append("  " + catalog(.syncUnreadable)) }
            for (label, text) in [(mine, conflict.mine), (theirs, conflict.theirs)] {
                guard let text else { continue }
                lines.append("  " + label + ":")
                lines += Printable.shown(text).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            }
        }
        return lines
    }

    /// "Titel (title)": the form's name for an application field where there is one.
    static func fieldName(_ path: String, catalog: Catalog) -> String {
        let label = catalog(Message(rawKey: "application_field." + path))
        return label.hasPrefix("application_field.") || label.isEmpty ? path : "\(label) (\(path))"
    }

    /// A stored code in words: `returned` is "återremitterad", `approve` is "bifall".
    static func word(_ value: String, at path: String, in file: StoreFile, catalog: Catalog) -> String {
        switch (file, path) {
        case (.application, "state"): return ApplicationState(rawValue: value).map { "\(catalog.label($0)) (\(value))" } ?? value
        case (.decision, "outcome"): return Decision.Outcome(rawValue: value).map { "\(catalog.label($0)) (\(value))" } ?? value
        default: return value
        }
    }

    /// Long text on one line, its line breaks shown as ⏎, so both versions stand side by side.
    static func oneLine(_ text: String) -> String {
        Printable.shown(text).replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
    }

    private static func committedLine(_ committed: String?, _ catalog: Catalog) -> [String] {
        committed.map { [catalog(.syncCommitted, ["hash": .text($0)])] } ?? []
    }
}
