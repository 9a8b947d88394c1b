import BeredningCore
import BeredningResources
import Foundation
import Testing

@Suite("Personal identity numbers in free text")
struct PersonalIdentityNumberTests {
    func found(_ text: String) -> [String] {
        PersonalIdentityNumber.find(in: text).map(\.text)
    }

    /// The ten digits YYMMDDNNNC the check digit covers, so a test can show its number fails for another reason.
    func checkedDigits(_ number: String) -> [Int] {
        Array(number.compactMap(\.wholeNumberValue).suffix(10))
    }

    // MARK: Valid numbers

    @Test("A valid number is found, alone and in a sentence", arguments: [
        "811218-9876", "19811218-9876", "850709-9805", "8507099805", "198507099805",
        "121212+1212", "850769-9802", "850709–9805", "850709−9805",
    ])
    func validNumberIsFound(_ number: String) {
        #expect(found(number) == [number])
        #expect(found("Eleven (\(number)) går i årskurs 4.") == [number])
        #expect(PersonalIdentityNumber.contains("Se \(number), tack."))
    }

    @Test("A coordination number has the day plus 60", arguments: ["850769-9802", "850761-9800", "850791-9804"])
    func coordinationNumberIsFound(_ number: String) throws {
        let match = try #require(PersonalIdentityNumber.find(in: "samordningsnummer \(number)").first)
        #expect(match.text == number)
        #expect(match.isCoordinationNumber)
    }

    @Test func personalIdentityNumberIsNoCoordinationNumber() throws {
        let match = try #require(PersonalIdentityNumber.find(in: "850709-9805").first)
        #expect(!match.isCoordinationNumber)
    }

    @Test("Day 60, day 92 and 31 June plus 60 are not coordination days", arguments: ["850760-9801", "850792-9803", "850691-9805"])
    func coordinationDayOutOfRangeIsNotFound(_ number: String) {
        #expect(PersonalIdentityNumber.hasValidCheckDigit(checkedDigits(number)))
        #expect(found(number).isEmpty)
    }

    // MARK: Check digit

    @Test("A wrong check digit is not a number", arguments: [
        "811218-9875", "850709-9806", "8507099804", "198507099804", "121212+1213", "850769-9803",
    ])
    func wrongCheckDigitIsNotFound(_ number: String) {
        #expect(found(number).isEmpty)
        #expect(!PersonalIdentityNumber.contains("Se \(number), tack."))
    }

    @Test func checkDigitIsLuhnOverTenDigits() {
        #expect(PersonalIdentityNumber.hasValidCheckDigit([8, 1, 1, 2, 1, 8, 9, 8, 7, 6]))
        #expect(PersonalIdentityNumber.hasValidCheckDigit([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]))
        #expect(!PersonalIdentityNumber.hasValidCheckDigit([8, 1, 1, 2, 1, 8, 9, 8, 7, 5]))
    }

    // Each would pass the Luhn sum if length and digits were not checked first.
    @Test("Anything but ten single digits fails the check", arguments: [
        [Int](), [1, 2, 1, 2, 1, 2, 1, 2, 2], [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 0, 0], [1, 2, 1, 2, 1, 2, 1, 2, 1, 11],
    ])
    func malformedDigitsFailTheCheck(_ digits: [Int]) {
        #expect(!PersonalIdentityNumber.hasValidCheckDigit(digits))
    }

    // MARK: Dates

    @Test("An impossible date is not a number, even with a right check digit", arguments: [
        "850230-9803",   // 30 February
        "851301-9805",   // month 13
        "850001-9800",   // month 0
        "850132-9802",   // 32 January
        "18490101-9804", // before 1850
    ])
    func impossibleDateIsNotFound(_ number: String) {
        #expect(PersonalIdentityNumber.hasValidCheckDigit(checkedDigits(number)))
        #expect(found(number).isEmpty)
    }

    @Test("29 February only in a leap year", arguments: [
        ("840229-9807", true), ("19840229-9807", true), ("850229-9806", false), ("19850229-9806", false),
        ("20000229-9808", true), ("19000229-9808", false),
        // Without the century, 2000 is one of the years it may mean.
        ("000229-9808", true),
    ])
    func leapDay(_ number: String, isFound: Bool) {
        #expect(PersonalIdentityNumber.hasValidCheckDigit(checkedDigits(number)))
        #expect(found(number) == (isFound ? [number] : []))
    }

    @Test func yearsFrom1850To2100WithTheCentury() {
        #expect(found("18500101-9800") == ["18500101-9800"])
        #expect(found("21000101-9801") == ["21000101-9801"])
    }

    // MARK: What is not a number

    @Test("Amounts, dates, ranges, phone and organisation numbers are not numbers", arguments: [
        "3 000 000 kr", "2 189 250 000 kronor", "Start 2026-08-01.", "Under 2026-2028", "Ring 08-123 456 78",
        "Org.nr 212000-1355", "Period 2026–2028, 450 000 kr per år",
    ])
    func lookalikeIsNotFound(_ text: String) {
        #expect(found(text).isEmpty)
    }

    @Test func organisationNumberFailsOnlyOnItsMonth() {
        // 212000-1355 passes Luhn; month 20 is what keeps it out.
        #expect(PersonalIdentityNumber.hasValidCheckDigit([2, 1, 2, 0, 0, 0, 1, 3, 5, 5]))
        #expect(found("212000-1355").isEmpty)
    }

    @Test("A number inside a longer run of digits, of any script, is not found", arguments: [
        "1234567890123", "18507099805", "85070998051", "1198507099805", "1850709-9805", "850709-98051",
        "19850709-98051", "19850709+9805", "٣850709-9805", "850709-9805５",
    ])
    func embeddedNumberIsNotFound(_ text: String) {
        #expect(found(text).isEmpty)
    }

    // A letter next to the number is how "pnr850709-9805" or a typo is written, not a sign of something else.
    @Test("A number glued to letters is found", arguments: [
        "kr8507099805", "8507099805kr", "x850709-9805", "850709-9805x", "ö850709-9805", "850709-9805é",
    ])
    func numberGluedToLettersIsFound(_ text: String) {
        #expect(found(text).count == 1)
    }

    // MARK: Position

    @Test func numberAtTheVeryStartAndEnd() {
        #expect(found("850709-9805 är numret") == ["850709-9805"])
        #expect(found("Numret är 850709-9805") == ["850709-9805"])
        #expect(found("8507099805") == ["8507099805"])
    }

    @Test("The line is counted from 1", arguments: ["ett\ntvå\ntre 811218-9876 fyra\nfem", "ett\r\ntvå\r\n811218-9876"])
    func numberOnLineThree(_ text: String) {
        #expect(PersonalIdentityNumber.find(in: text).map(\.line) == [3])
    }

    @Test func everyNumberInOrderWithItsLine() {
        let matches = PersonalIdentityNumber.find(in: "850709-9805,811218-9876\n\nSe 121212+1212.")
        #expect(matches.map(\.text) == ["850709-9805", "811218-9876", "121212+1212"])
        #expect(matches.map(\.line) == [1, 1, 3])
    }

    @Test func numberAfterAClearingNumberIsFound() {
        // A Nordea personal account is the clearing number followed by the personal identity number.
        #expect(found("Konto 3300-8507099805") == ["8507099805"])
    }

    @Test func numberAtTheEndOfALongText() {
        let paragraph = "Projektet 2026–2028 kostar 2 189 250 000 kr; ring 08-123 456 78, org.nr 212000-1355.\n"
        let text = String(repeating: paragraph, count: 20_000) + "Slut: 850709-9805"
        let matches = PersonalIdentityNumber.find(in: text)
        #expect(matches.map(\.text) == ["850709-9805"])
        #expect(matches.map(\.line) == [20_001])
    }

    @Test func cleanTextContainsNone() {
        #expect(!PersonalIdentityNumber.contains("Barnen i åk 4–6 (10–12 år) intervjuas 2026-09-15."))
        #expect(!PersonalIdentityNumber.contains(""))
    }

    // MARK: Masking

    @Test("The mask keeps the birth date and hides the last four digits", arguments: [
        ("850709-9805", "850709-****"), ("19850709-9805", "19850709-****"), ("121212+1212", "121212+****"),
        ("850709–9805", "850709–****"), ("8507099805", "850709****"), ("850769-9802", "850769-****"),
    ])
    func masked(_ number: String, mask: String) throws {
        let match = try #require(PersonalIdentityNumber.find(in: "Se \(number).").first)
        #expect(match.masked == mask)
    }

    // MARK: Demo store

    @Test func demoStoreHasNoNumbers() throws {
        let files = try #require(FileManager.default.enumerator(at: BundledResources.demoStore, includingPropertiesForKeys: nil))
        var read = 0
        for case let url as URL in files where url.pathExtension == "toml" {
            let text = try String(contentsOf: url, encoding: .utf8)
            read += 1
            #expect(PersonalIdentityNumber.find(in: text).isEmpty, "\(url.lastPathComponent)")
        }
        #expect(read > 0)
    }
}
