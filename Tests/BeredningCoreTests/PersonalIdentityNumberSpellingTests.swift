import BeredningCore
import Testing

/// The check digit worked out here, independently of the code under test: Luhn over YYMMDDNNN.
private func checkDigit(_ nineDigits: String) -> Int {
    let digits = nineDigits.compactMap(\.wholeNumberValue)
    let sum = digits.enumerated().reduce(0) { sum, pair in
        let product = pair.element * (pair.offset % 2 == 0 ? 2 : 1)
        return sum + product / 10 + product % 10
    }
    return (10 - sum % 10) % 10
}

/// The last four digits that make `date` (YYMMDD) and `serial` (three digits) a valid number.
private func lastFour(_ date: String, _ serial: String) -> String { serial + String(checkDigit(date + serial)) }

/// 850709-1232, the issue's example; computed, so the table below cannot hold a typo.
private let tail = lastFour("850709", "123")
/// The same number with a wrong check digit.
private let wrongTail = "123" + String((checkDigit("850709123") + 1) % 10)
private let coordinationTail = lastFour("850769", "123")

@Suite("Personal identity numbers in every spelling")
struct PersonalIdentityNumberSpellingTests {
    @Test func theIssuesExampleIsValid() {
        #expect(tail == "1232")
        #expect(PersonalIdentityNumber.hasValidCheckDigit("8507091232".compactMap(\.wholeNumberValue)))
    }

    static let spellings: [(String, String)] = [
        ("space before the last four", "850709 \(tail)"),
        ("century and space", "19850709 \(tail)"),
        ("no-break space", "850709\u{00A0}\(tail)"),
        ("narrow no-break space", "850709\u{202F}\(tail)"),
        ("thin space", "850709\u{2009}\(tail)"),
        ("spaces in the date", "85 07 09-\(tail)"),
        ("spaces in the date, no dash", "85 07 09 \(tail)"),
        ("century with spaces", "19 85 07 09-\(tail)"),
        ("dashes in the date", "1985-07-09-\(tail)"),
        ("year apart", "8507 09-\(tail)"),
        ("spaced dash", "850709 - \(tail)"),
        ("spaced en dash", "850709 – \(tail)"),
        ("split over two lines", "850709-\n\(tail)"),
        ("split over two lines without dash", "850709\n\(tail)"),
        ("split over two Windows lines", "850709\r\n\(tail)"),
        ("split over two lines after a space", "850709 -\n\(tail)"),
        ("split over two indented lines", "850709-\n        \(tail)"),
        ("letters before", "pnr850709-\(tail)"),
        ("letter after", "850709-\(tail)a"),
        ("letters on both sides", "Pnr:850709-\(tail)och"),
        ("em dash", "850709—\(tail)"),
        ("horizontal bar", "850709―\(tail)"),
        ("non-breaking hyphen", "850709‑\(tail)"),
        ("minus sign", "850709−\(tail)"),
        ("soft hyphen in the date", "8507\u{00AD}09-\(tail)"),
        ("soft hyphen as the dash", "850709\u{00AD}\(tail)"),
        ("zero-width space in the last four", "850709-12\u{200B}32"),
        ("zero-width joiner", "850709\u{200D}-\(tail)"),
        ("zero-width non-joiner", "85\u{200C}0709\(tail)"),
        ("word joiner", "850709\u{2060}\(tail)"),
        ("byte order mark inside", "850\u{FEFF}709-\(tail)"),
        ("underscore", "850709_\(tail)"),
        ("full stop", "850709.\(tail)"),
        ("slash", "850709/\(tail)"),
        ("full-width digits and hyphen", "８５０７０９－１２３２"),
        ("full-width digits, ASCII hyphen", "８５０７０９-１２３２"),
        ("Arabic-Indic digits", "٨٥٠٧٠٩-١٢٣٢"),
        ("Devanagari digits", "८५०७०९-१२३२"),
        ("mixed scripts", "85٠7０9-1232"),
        ("in a sentence", "Barnet (pnr 85 07 09 – \(tail)) går i åk 4."),
        ("coordination number with spaces", "85 07 69 \(coordinationTail)"),
    ]

    @Test("Every spelling is found, its mask shows only the birth date", arguments: spellings)
    func spellingIsFound(_ label: String, _ text: String) throws {
        let matches = PersonalIdentityNumber.find(in: text)
        try #require(matches.count == 1, "\(label)")
        let masked = matches[0].masked
        #expect(masked.hasSuffix("****"), "\(label)")
        #expect(["850709", "19850709", "850769"].contains(masked.filter(\.isASCII).filter(\.isNumber)), "\(label): \(masked)")
        #expect(!masked.unicodeScalars.contains { [0x0A, 0x0D, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains($0.value) }, "\(label)")
        #expect(PersonalIdentityNumber.contains(text), "\(label)")
    }

    @Test func theMaskFoldsDigitsAndDropsWhatIsInvisible() throws {
        #expect(try #require(PersonalIdentityNumber.find(in: "８５０７０９－１２３２").first).masked == "850709－****")
        #expect(try #require(PersonalIdentityNumber.find(in: "8507\u{00AD}09-1232").first).masked == "850709-****")
        #expect(try #require(PersonalIdentityNumber.find(in: "85 07 09\n1232").first).masked == "85 07 09 ****")
        #expect(try #require(PersonalIdentityNumber.find(in: "850709\u{00A0}-\n    1232").first).masked == "850709 - ****")
    }

    @Test func aNumberOverTwoLinesIsReportedOnTheFirst() throws {
        let match = try #require(PersonalIdentityNumber.find(in: "Inledning\nBarnet 850709-\n\(tail) bor här").first)
        #expect(match.line == 2)
        #expect(match.text == "850709-\n\(tail)")
    }

    @Test func invisibleCharactersDoNotShiftTheLine() throws {
        let match = try #require(PersonalIdentityNumber.find(in: "\u{FEFF}ett\u{200B}\ntvå\r\ntre 85\u{00AD}0709 \(tail)").first)
        #expect(match.line == 3)
    }

    // MARK: What must stay unfound

    static let lookalikes: [(String, String)] = [
        ("date", "2026-03-05"),
        ("date and time", "2026-03-05 12:00"),
        ("date and time with a full stop", "Möte 2026-03-05 kl. 12.00"),
        ("Swedish date order", "05.03.2026"),
        ("period", "Under 2026-2028"),
        ("amount", "1 850 709 kr"),
        ("large amount", "12 345 678 kr"),
        ("amount with öre", "1 234 567,89 kr"),
        ("case number with slash", "KS 2026/123"),
        ("case number with full stop", "Dnr 2026.0123"),
        ("case number with sequence", "KS 2026/0123-12"),
        ("mobile number", "070-123 45 67"),
        ("Stockholm number", "08-123 456 78"),
        ("international number", "+46 70 123 45 67"),
        ("mobile number in pairs", "070 123 45 67"),
        ("organisation number", "212000-1355"),
        ("company number", "556677-8899"),
        ("organisation number with text", "Org.nr 556036-0793"),
        ("ISBN-13", "ISBN 978-91-27-13493-5"),
        ("ISBN-10", "ISBN 91-27-12345-6"),
        ("16-digit bank number", "5500000000000004"),
        ("bank number whose first twelve are a number", "1985070912320000"),
        ("bank number in groups whose first three are a number", "1985 0709 \(tail) 0000"),
        ("digits before", "1850709-\(tail)"),
        ("digits after", "850709-\(tail)5"),
        ("wrong check digit", "850709-\(wrongTail)"),
        ("wrong check digit, spaced", "85 07 09 - \(wrongTail)"),
        ("wrong check digit, full-width", "８５０７０９－１２３３"),
        ("two line breaks between", "850709\n\n\(tail)"),
        ("columns far apart", "850709" + String(repeating: " ", count: 13) + tail),
        ("two dashes between", "850709--\(tail)"),
        ("space inside the last four", "850709-12 32"),
        ("separator inside the year", "8 50709-\(tail)"),
        ("century with a plus", "19850709+\(tail)"),
        ("plus inside the date", "85+0709-\(tail)"),
        ("colon", "850709:\(tail)"),
    ]

    @Test("Dates, amounts, case, phone, organisation and bank numbers and wrong check digits are not numbers", arguments: lookalikes)
    func lookalikeIsNotFound(_ label: String, _ text: String) {
        #expect(PersonalIdentityNumber.find(in: text).isEmpty, "\(label)")
        #expect(!PersonalIdentityNumber.contains("Se \(text) här."), "\(label)")
    }

    @Test func theLookalikesThatPassLuhnFailOnTheirDate() {
        // Without their month (20, 66) these would be found: the date is what keeps them out.
        #expect(PersonalIdentityNumber.hasValidCheckDigit([2, 1, 2, 0, 0, 0, 1, 3, 5, 5]))
        #expect(PersonalIdentityNumber.hasValidCheckDigit([5, 5, 6, 0, 3, 6, 0, 7, 9, 3]))
    }

    // MARK: Long texts

    /// Each would take minutes on a 10 MB text if a separator, digit or invisible character made the scan look back.
    static let longTexts: [(String, String)] = [
        ("one chain of single digits", "1 "),
        ("one chain of date-sized groups", "85 07 09 "),
        ("dash-joined groups", "850709-"),
        ("full-width digits and spaces", "８ ５ "),
        ("soft hyphens", "\u{00AD}"),
        ("soft hyphens between digits", "8\u{00AD}"),
        ("line breaks and digits", "12\n"),
        ("prose", "Barnen i åk 4–6 (10–12 år) intervjuas 2026-09-15; 1 850 709 kr, 070-123 45 67.\n"),
    ]

    @Test("A 10 MB text of one pattern is scanned in one pass", arguments: longTexts)
    func longTextIsScannedOnce(_ label: String, _ pattern: String) {
        let text = String(repeating: pattern, count: 10_000_000 / pattern.utf8.count) + "\nSlut: 850709-\(tail)"
        let matches = PersonalIdentityNumber.find(in: text)
        #expect(matches.map(\.masked) == ["850709-****"], "\(label)")
    }

    @Test func tenMillionDigitsInOneGroupAreNoNumber() {
        #expect(PersonalIdentityNumber.find(in: String(repeating: "8507091232", count: 1_000_000)).isEmpty)
    }
}
