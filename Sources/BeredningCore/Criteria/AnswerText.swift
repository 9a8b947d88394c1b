/// Reads a free text the way a reviewer skims it: is there an answer here, or only something
/// standing in for one? Applications are written by busy people, and "Se bilaga", "TBD",
/// "Kommer senare" or the form's own question typed back are not answers. A wrong ✓ costs the
/// preparation group more than no check, so what is not clearly an answer does not count.
public enum AnswerText {
    public enum Reading: Equatable, Sendable {
        case empty
        /// Filler: "TBD", "xxx", "Ej klart", "Lorem ipsum", the form's question repeated.
        case placeholder
        /// A pointer elsewhere: "Se bilaga 2", "Enligt projektplanen".
        case pointer
        case answer
    }

    public static func read(_ text: String) -> Reading {
        let words = normalisedWords(text)
        if words.isEmpty { return text.allSatisfy(\.isWhitespace) ? .empty : .placeholder }
        let joined = words.joined(separator: " ")
        if words.count <= 12, pointerStarts.contains(where: { joined == $0 || joined.hasPrefix($0 + " ") }) { return .pointer }
        if joined.contains("lorem ipsum") { return .placeholder }
        if words.count <= 10 && words.allSatisfy({ fillerWords.contains($0) || isNumber($0) || isRepeatedCharacter($0) }) { return .placeholder }
        if questions.contains(joined) { return .placeholder }
        return .answer
    }

    public static func answers(_ text: String) -> Bool { read(text) == .answer }

    /// The quantities a text gives: numbers that are not years, dates, or the number of an
    /// attachment, section or page ("bilaga 2"), in a text that is itself an answer.
    public static func figures(in text: String) -> [String] {
        guard answers(text) else { return [] }
        var found: [String] = []
        var previous = ""
        for token in tokens(text) {
            defer { previous = token.lowercased() }
            guard token.first?.isNumber == true, token.contains(where: \.isNumber) else { continue }
            // A date (2026-01-01) or a year alone says nothing about how big the problem is.
            if token.contains("-") && token.filter({ $0 == "-" }).count >= 2 { continue }
            let digits = token.filter(\.isNumber)
            if digits.count == 4, let value = Int(digits), (1900...2099).contains(value), !token.contains(",") && !token.contains("%") { continue }
            if referenceWords.contains(previous) { continue }
            found.append(token)
        }
        return found
    }

    /// Whether `text` contains any of `stems` at the start of a word (lower-cased): how the
    /// checks look for what a text talks about ("tidig" finds "tidiga", "tidigt").
    public static func mentions(_ text: String, anyOf stems: [String]) -> String? {
        let lower = " " + normalisedWords(text).joined(separator: " ")
        return stems.first { lower.contains(" " + $0) }
    }

    // MARK: Words

    /// Lower-cased words of letters and digits; punctuation and symbols separate them.
    static func normalisedWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whitespace-separated tokens with surrounding punctuation trimmed, keeping "12,5", "40%" and "2026-01-01" whole.
    private static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map { token in
            String(token).trimmingCharacters(in: ["(", ")", "[", "]", ".", ":", ";", "\"", "”", "“", "'", "!", "?", "…"])
        }.filter { !$0.isEmpty }
    }

    private static func isNumber(_ word: String) -> Bool { word.allSatisfy(\.isNumber) }

    private static func isRepeatedCharacter(_ word: String) -> Bool {
        word.count >= 2 && Set(word).count == 1
    }

    /// Words that, alone or together, only hold a place: "ej klart", "fylls i senare", "TBD".
    static let fillerWords: Set<String> = [
        "tbd", "tba", "todo", "xxx", "xx", "x", "nn", "n", "a", "na", "nil", "null", "none", "test", "testar", "asdf", "qwerty",
        "bla", "blabla", "osv", "etc", "ok", "ja", "nej", "saknas", "ingen", "inget", "inga", "ej", "inte", "klart", "klar",
        "ifyllt", "ifylld", "fylls", "fyll", "i", "in", "senare", "kommer", "återkommer", "återkommer", "vet", "uppgift",
        "uppgifter", "se", "ovan", "nedan", "bilaga", "bilagan", "bilagor", "text", "här", "skriv", "beskrivning", "beskriv",
        "preliminärt", "preliminär", "pågår", "under", "arbete", "utreds", "utredning", "oklart", "ska", "tas", "fram",
        "kompletteras", "komplettering", "senast", "snart", "mer", "info", "information", "följer", "detaljer", "och",
        "eller", "om", "är", "att", "det", "den", "på", "med", "till", "för", "av", "samma", "som", "punkt", "avsnitt",
        "tidigare", "sedan", "lämnas", "skickas", "separat", "dokument", "projektplan", "projektplanen", "ansökan",
        "ansökningen", "enligt", "hänvisning", "hänvisar", "to", "be", "added", "later", "see", "above", "below", "attachment",
        "appendix", "tk", "todo", "fixme", "dummy", "exempel", "example", "placeholder", "platshållare", "lorem", "ipsum",
    ]

    /// How a pointer elsewhere begins, normalised.
    static let pointerStarts: [String] = [
        "se", "se bilaga", "se bifogad", "se bifogat", "se bifogade", "se separat", "se projektplan", "se projektplanen",
        "se ovan", "se nedan", "enligt bilaga", "enligt projektplan", "enligt projektplanen", "enligt ovan", "bifogas",
        "bifogad", "bifogat", "hänvisar till", "hänvisning till", "finns i bilaga", "finns i projektplanen", "se punkt",
        "se avsnitt", "samma som ovan", "som ovan", "see attachment", "see above", "see appendix",
    ]

    /// Words after which a number names a part of a document, not a quantity.
    static let referenceWords: Set<String> = [
        "bilaga", "bilagan", "punkt", "avsnitt", "sidan", "sida", "sid", "s", "kapitel", "kap", "paragraf", "§", "nr",
        "nummer", "version", "fråga", "rad", "appendix", "page", "section",
    ]

    /// The skeleton's and the form's own questions and headings, normalised: typed back, they answer nothing.
    static let questions: Set<String> = Set([
        "definierat problem", "problem", "problemet", "beskriv problemet", "vad är problemet", "problembeskrivning",
        "hur stort är det här", "lokal omfattning", "omfattning", "konsekvenser", "vad händer om ingenting görs",
        "vad kostar det om ingenting görs", "kostnad om inget görs", "målgrupp", "målgruppen", "beskriv målgruppen",
        "vilka i vilka åldrar hur många", "behovsanalys", "behovsanalysen", "insatsen", "beskriv insatsen", "evidens",
        "kunskapsbaserad", "kunskapsunderlag", "vilken kunskap bygger metoden på", "tidigt i ålder eller process",
        "när kommer insatsen och varför är det tidigt", "varför är det tidigt", "går att mäta", "uppföljning",
        "plan för uppföljning", "samverkan", "roll", "insats", "bidrag", "defined problem", "target group", "evidence",
        "early timing", "measurability", "cooperation",
    ].map { normalisedWords($0).joined(separator: " ") })
}
