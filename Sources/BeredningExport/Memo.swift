import BeredningCore
import BeredningStore
import Foundation

/// The decision memo (beslutsunderlag) for one application: a document of headings,
/// paragraphs and tables, rendered as Markdown or as a self-contained printable HTML page.
public struct Memo {
    enum Block {
        case heading(String)
        case paragraph(String)
        case table(header: [String], rows: [[String]])
    }

    let title: String
    let blocks: [Block]

    init(title: String, blocks: [Block]) {
        self.title = title
        self.blocks = blocks
    }

    /// The group's proposal: what it recommends, the amounts, why, and who agreed.
    static func proposalBlocks(_ proposal: Proposal, config: FundConfig, catalog c: Catalog) -> [Block] {
        var blocks: [Block] = [.paragraph(c.label(proposal.recommendation).capitalizedFirst + ". " + proposal.rationale)]
        if !proposal.amounts.isEmpty {
            let amounts = proposal.amounts.map { "\($0.year): \(c.kronor(Money($0.amount))) kr" }.joined(separator: ", ")
            blocks.append(.paragraph(c(.proposalAmounts, ["amounts": .text(amounts)])))
        }
        if !proposal.conditions.isBlank { blocks.append(.paragraph(c(.exportConditions) + ": " + proposal.conditions)) }
        for id in proposal.notes.keys.sorted() {
            let name = config.criteria.criterion(id)?.name.text(in: c.language) ?? id.rawValue
            blocks.append(.paragraph(c(.proposalNote, ["criterion": .text(name), "text": .text(proposal.notes[id]!)])))
        }
        if !proposal.agreedBy.isEmpty {
            let names = proposal.agreedBy.map { config.member($0)?.name ?? $0.rawValue }.joined(separator: ", ")
            blocks.append(.paragraph(c(.proposalAgreedBy, ["members": .text(names)])))
        }
        return blocks
    }

    public init(_ dossier: Dossier, config: FundConfig, catalog c: Catalog) {
        let a = dossier.application
        title = c(.memoTitle) + ": " + a.id.description + " " + a.title
        var blocks: [Block] = []
        blocks.append(.paragraph([
            c(.exportApplicant) + ": " + a.applicant, c(.exportState) + ": " + c.label(a.state), config.fund,
        ].joined(separator: " · ")))

        if let request = dossier.steeringRequest { blocks.append(.paragraph(c(request.message(config: config)))) }
        blocks.append(.heading(c(.memoSummary)))
        blocks.append(.paragraph(a.problem.description.isBlank ? c(.uiNotAnswered) : a.problem.description))
        blocks.append(.paragraph(a.intervention.description))

        let checklist = Checklist(dossier: dossier, config: config)
        blocks.append(.heading(c(.uiChecklist)))
        blocks.append(.table(header: [c(.memoCriterion), c(.memoAutomatic), c(.memoScores), c(.memoOutcome)], rows: checklist.rows.map { row in
            let s = row.aggregate
            let scores = s.count == 0 ? "–" : c(.checkScores, ["mean": .text(c.decimal(s.mean)), "median": .text(c.decimal(s.median)),
                                                              "min": .text(String(s.min!)), "max": .text(String(s.max!)), "count": .text(String(s.count))])
                + (s.disagreement ? " – " + c(.uiDisagreement) : "")
            let automatic = row.automatic.map { c.label($0.verdict) + ": " + $0.reasons.map { c($0) }.joined(separator: " ") } ?? c(.checkNotAutomatic)
            return [row.criterion.name.text(in: c.language), automatic, scores, row.outcome.symbol + " " + c.label(row.outcome)]
        }))
        blocks.append(.paragraph(c(.checkQuorum, ["complete": .text(String(checklist.quorum.complete)), "needed": .text(String(checklist.quorum.needed)),
                                                  "comments": .text(String(dossier.comments.count))])))

        if let proposal = dossier.proposal {
            blocks.append(.heading(c(.proposalTitle)))
            blocks += Memo.proposalBlocks(proposal, config: config, catalog: c)
        }
        if !dossier.reviews.isEmpty {
            blocks.append(.heading(c(.memoRecommendations)))
            blocks.append(.table(header: [c(.memoReviewer), c(.memoRecommendation)], rows: dossier.reviews.filter { $0.status == .complete }.map { review in
                [config.member(review.reviewer)?.name ?? review.reviewer.rawValue, review.recommendation.map { c.label($0) } ?? "–"]
            }))
        }

        blocks.append(.heading(c(.uiYouthComments)))
        if dossier.comments.isEmpty { blocks.append(.paragraph(c(.uiNoComments))) }
        for comment in dossier.comments {
            let author = config.member(comment.author)?.name ?? comment.author.rawValue
            blocks.append(.paragraph(author + " (" + c.label(comment.about) + "): " + comment.text))
        }

        blocks.append(.heading(c(.calcTitle).capitalizedFirst))
        if let input = a.calculation {
            let report = SocioEconomicCalculation.project(input, settings: config.calculation)
            blocks.append(.table(header: [c(.calcYear), c(.calcCost), c(.calcGain), c(.calcNet), c(.calcCumulativePresent)], rows: report.years.map {
                [String($0.year), c.kronor($0.cost), c.kronor($0.gain), c.kronor($0.net), c.kronor($0.cumulativePresentNet)]
            }))
            blocks.append(.table(header: [c(.calcScenario), c(.calcNPVAt, ["rate": .text(c.percent(config.calculation.discountRate))]), c(.calcBreakEven)],
                                 rows: Scenario.allCases.map { scenario in
                let p = SocioEconomicCalculation.project(input, settings: config.calculation, scenario: scenario)
                return [c.label(scenario), c.kronor(p.netPresentValue), CalculationSummary.breakEven(p, c)]
            }))
            blocks.append(.paragraph(CalculationSummary.peopleNeeded(SocioEconomicCalculation.peopleNeeded(input, settings: config.calculation),
                                                                     settings: config.calculation, c)))
            let assumptions = CalculationAssumptions(input, settings: config.calculation, catalog: c)
            blocks.append(.paragraph(assumptions.mandateParagraph))
            blocks.append(.paragraph(c(.calcEffects)))
            blocks.append(.table(header: [c(.calcColumnEffect), c(.calcActor), c(.calcColumnPeople), c(.calcColumnValue), c(.calcColumnPriceYear),
                                          c(.calcColumnYears), c(.calcColumnSource)],
                                 rows: assumptions.lines.map { line in
                [line.title, line.effect.actor, String(line.effect.people), line.price.map { c.kronor($0.used) } ?? "–",
                 ([line.basis] + [line.converted].compactMap { $0 }).joined(separator: "\n"),
                 line.span.period, line.effect.source]
            }))
            for note in assumptions.horizonNotes + assumptions.priceNotes { blocks.append(.paragraph(note)) }
        } else {
            blocks.append(.paragraph(c(.calcSummaryNone)))
        }

        blocks.append(.heading(c(.exportOutcome)))
        if let d = dossier.decision {
            var rows: [[String]] = [
                [c(.exportBody), d.body], [c(.exportDate), d.date.description], [c(.exportCaseNumber), d.caseNumber],
                [c(.exportOutcome), c.label(d.outcome)], [c(.exportGranted), c.kronor(Money(d.totalGranted)) + " kr"],
                [c(.exportGrants), d.grants.map { "\($0.year): " + c.kronor(Money($0.amount)) + " kr" }.joined(separator: ", ")],
                [c(.exportConditions), d.conditions], [c(.exportRationale), d.rationale],
                [c(.exportFollowUps), d.followUps.map(\.description).joined(separator: ", ")],
            ]
            if let model = d.economicModel { rows.append([c(.memoEconomicModel), c.label(model)]) }
            if !d.budgetOverride.isEmpty { rows.append([c(.memoBudgetOverride), d.budgetOverride]) }
            blocks.append(.table(header: [c(.memoField), c(.memoValue)], rows: rows))
        } else {
            blocks.append(.paragraph(c(.memoNoDecision)))
        }
        self.blocks = blocks
    }

    /// Every text is escaped, as the HTML page does: the blocks hold plain text (much of it
    /// typed by applicants and members), and only this renderer makes Markdown of them.
    public var markdown: String {
        var out = "# " + Memo.markdownLine(title) + "\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "\n## " + Memo.markdownLine(text) + "\n"
            case .paragraph(let text): out += "\n" + Memo.markdown(text).joined(separator: "\n") + "\n"
            case .table(let header, let rows):
                // A cell is one line: its text's line breaks become <br>, the one HTML bered writes.
                func row(_ cells: [String]) -> String { "| " + cells.map { Memo.markdown($0).joined(separator: "<br>") }.joined(separator: " | ") + " |" }
                out += "\n" + row(header) + "\n" + "|" + String(repeating: "---|", count: header.count) + "\n" + rows.map(row).joined(separator: "\n") + "\n"
            }
        }
        return out
    }

    /// A heading's text on its one line.
    static func markdownLine(_ text: String) -> String {
        markdown(text).joined(separator: " ")
    }

    /// Plain text as lines of Markdown that show exactly that text, in a paragraph or a table
    /// cell, to CommonMark and to pandoc (whose extensions add ~, ^, $, @ and lettered lists).
    /// HTML is written as entities, so no tag or comment from a file is live after conversion;
    /// inline markup and pipes are backslash-escaped; and what makes a block at the start of
    /// a line (headings, quotes, lists, setext underlines, rules, indented code) is escaped
    /// there.
    static func markdown(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            var out = ""
            var atStart = true
            for character in line {
                switch character {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                // Indentation would make code: kept as spaces a renderer shows, not as layout.
                case " " where atStart: out += "&#32;"
                case "\t" where atStart: out += "&#9;"
                case "\\", "`", "*", "_", "[", "]", "|", "~", "^", "$", "@", "#": out += "\\" + String(character)
                case let sign where atStart && "-+=:(".contains(sign): out += "\\" + String(sign)
                default: out.append(character)
                }
                if character != " " && character != "\t" { atStart = false }
            }
            return escapingListNumber(out)
        }
    }

    /// "1. " "2) " "a. " "iv) " starting a line is an ordered list to pandoc: the mark is escaped.
    static func escapingListNumber(_ line: String) -> String {
        let marker = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
        guard (1...9).contains(marker.count), let mark = line.dropFirst(marker.count).first, mark == "." || mark == ")" else { return line }
        let rest = line.dropFirst(marker.count + 1)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return line }
        return marker + "\\" + String(mark) + rest
    }

    /// A page with its own styles and nothing fetched from elsewhere, fit to print.
    public var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "\n", with: "<br>")
        }
        var body = "<h1>" + escape(title) + "</h1>\n"
        for block in blocks {
            switch block {
            case .heading(let text): body += "<h2>" + escape(text) + "</h2>\n"
            case .paragraph(let text): body += "<p>" + escape(text) + "</p>\n"
            case .table(let header, let rows):
                body += "<table>\n<tr>" + header.map { "<th>" + escape($0) + "</th>" }.joined() + "</tr>\n"
                body += rows.map { "<tr>" + $0.map { "<td>" + escape($0) + "</td>" }.joined() + "</tr>" }.joined(separator: "\n") + "\n</table>\n"
            }
        }
        return """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; line-height: 1.45; color: #111; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
        th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eee; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
