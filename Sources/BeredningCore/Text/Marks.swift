/// How marks are written: as symbols (✓ ! ✗ · ?), or as words for a screen reader or braille
/// display, which reads "✓" as "check mark" or not at all (`--ascii`, or BERED_ASCII=1).
public enum MarkStyle: Sendable, Equatable {
    case symbols, words

    /// Words when asked for by the flag or by BERED_ASCII set to anything but empty or 0.
    public static func resolve(flag: Bool, environment: [String: String]) -> MarkStyle {
        let variable = environment["BERED_ASCII"] ?? ""
        return flag || !(variable.isEmpty || variable == "0") ? .words : .symbols
    }
}

/// Every mark the checklist, the list and the status line show, in the catalog's style: the one
/// place a symbol becomes a word.
extension Catalog {
    public func mark(_ outcome: Outcome) -> String {
        guard marks == .words else { return outcome.symbol }
        switch outcome {
        case .pass: return self(.markPass)
        case .warning: return self(.markWarning)
        case .fail: return self(.markFail)
        case .missing: return self(.markMissing)
        case .pending: return self(.markPending)
        case .notJudged: return self(.markNotJudged)
        }
    }

    /// An automatic verdict's mark is the outcome it stands for.
    public func mark(_ verdict: Verdict) -> String {
        switch verdict {
        case .ok: return mark(Outcome.pass)
        case .warning: return mark(Outcome.warning)
        case .missing: return mark(Outcome.missing)
        }
    }

    /// A checklist in one cell: a mark per criterion, or in words what is not ok and how often
    /// ("1 varning, 2 saknas"), since seven words would not fit a list's row.
    public func strip(_ outcomes: [Outcome]) -> String {
        guard marks == .words else { return outcomes.map(\.symbol).joined() }
        let counted = Outcome.allCases.filter { $0 != .pass }.compactMap { outcome -> String? in
            let count = outcomes.filter { $0 == outcome }.count
            return count == 0 ? nil : self(.markCount, ["count": .text(String(count)), "mark": .text(mark(outcome))])
        }
        return counted.isEmpty ? mark(Outcome.pass) : counted.joined(separator: ", ")
    }

    /// Before a status line's text: whether what was asked for was done or refused.
    public func statusMark(success: Bool) -> String {
        switch marks {
        case .symbols: return success ? "✓ " : "✗ "
        case .words: return self(success ? .markDone : .markError) + " "
        }
    }
}
