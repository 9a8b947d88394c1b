#!/usr/bin/env python3
"""Reads a CSV the way a Swedish spreadsheet (LibreOffice or Excel, sv-SE) does, and reports
every cell that would not come out as the exporter meant it.

Written apart from the exporter, from what the spreadsheets do, so that it checks bered's
CSV rather than repeating its rules:

- a text cell that starts a formula (= + - @ tab CR, or full-width ＝ ＋ － ＠), also after
  leading blanks, which some imports trim;
- a text cell the spreadsheet converts: a number (decimal comma or point, thousands grouped
  by space, no-break space or point, sign, exponent, per cent, parentheses, kr), a date
  (3/3, 3/3/26, 2026-03-01, 2026-03, 1-2, 3.3, 3.3.2026, 3 mars, mars 2026), a time
  (10:30, 10:30:15), a fraction (1 1/2) or a truth value (SANT, FALSKT, TRUE, FALSE);
- a cell of a numeric column that is not a plain number (digits, optional minus and
  decimal comma), and a cell of a date column that is not an ISO date;
- a row whose number of cells differs from the header's.

Usage: sv_spreadsheet_check.py FILE.csv [--numeric HEADER]... [--date HEADER]...
Prints one line per problem; exit status 1 when there is any, 0 when there is none.
"""
import csv
import io
import re
import sys

FORMULA_STARTS = set("=+-@\t\r\uff1d\uff0b\uff0d\uff20\u2212")
BLANKS = " \u00a0\u202f\u2007\n"

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december",
          "january", "february", "march", "may", "june", "july", "august", "october"]
MONTH = "(?:" + "|".join(sorted(set(MONTHS + [m[:3] for m in MONTHS] + ["sept"]), key=len, reverse=True)) + r")\.?"

SPACE = "[ \u00a0\u202f]"
CURRENCY = r"(?:kr|sek|\$|€|£)"
# A number as sv-SE reads it, and as it reads it when the text uses the English point.
DIGITS = r"(?:\d+|\d{1,3}(?:" + SPACE + r"\d{3})+|\d{1,3}(?:\.\d{3})+)"
NUMBER = (r"^[+\-\u2212]?\(?" + f"(?:{CURRENCY}{SPACE}?)?" + DIGITS + r"(?:[,.]\d*)?(?:e[+\-]?\d+)?" + r"\)?" + f"(?:{SPACE}?(?:%|{CURRENCY}))?$")
FRACTION = r"^[+\-]?(?:\d+" + SPACE + r")?\d+/\d+$"
TIME = r"^\d{1,2}:\d{1,2}(?::\d{1,2}(?:[,.]\d+)?)?(?:" + SPACE + r"?(?:am|pm|fm|em))?$"
TRUTH = {"sant", "falskt", "true", "false"}


def plausible_date(parts):
    """Whether some reading of the numbers as year, month and day is a date (any order the
    sv-SE and en-US acceptance patterns allow, two- or four-digit years)."""
    numbers = [int(p) for p in parts]

    def day(d):
        return 1 <= d <= 31

    def month(m):
        return 1 <= m <= 12

    def year(y):
        return 0 <= y <= 9999

    if len(numbers) == 2:
        a, b = numbers
        return (month(a) and day(b)) or (day(a) and month(b)) or (year(a) and month(b)) or (month(a) and year(b))
    if len(numbers) == 3:
        a, b, c = numbers
        return (year(a) and month(b) and day(c)) or (day(a) and month(b) and year(c)) or (month(a) and day(b) and year(c))
    return False


def reads_as_date(text):
    for separator in "/-.":
        parts = text.split(separator)
        if 2 <= len(parts) <= 3 and all(re.fullmatch(r"\d{1,4}", p) for p in parts) and plausible_date(parts):
            return True
        # "3.3." as Swedes write a date
        if separator == "." and text.endswith(".") and reads_as_date(text[:-1]):
            return True
    named = [
        rf"^\d{{1,2}}{SPACE}*[ ./-]?{SPACE}*{MONTH}(?:{SPACE}*[ ./,-]?{SPACE}*\d{{2,4}})?$",
        rf"^{MONTH}{SPACE}*[ ./-]?{SPACE}*\d{{1,4}}(?:{SPACE}*[ ./,-]?{SPACE}*\d{{2,4}})?$",
    ]
    return any(re.fullmatch(p, text, re.IGNORECASE) for p in named)


def what_a_text_becomes(cell):
    """What a spreadsheet makes of a text cell other than text, or None when it stays text."""
    stripped = cell.lstrip(BLANKS)
    if stripped[:1] in FORMULA_STARTS:
        return "a formula"
    text = cell.strip(BLANKS + "\t\r").lower()
    if not text:
        return None
    if text in TRUTH:
        return "a truth value"
    if re.fullmatch(NUMBER, text, re.IGNORECASE):
        return "a number"
    if re.fullmatch(FRACTION, text):
        return "a fraction"
    if re.fullmatch(TIME, text, re.IGNORECASE):
        return "a time"
    if reads_as_date(text):
        return "a date"
    return None


def check(path, numeric, dates):
    problems = []
    with open(path, encoding="utf-8", newline="") as handle:
        content = handle.read()
    if not content.startswith("\ufeff"):
        problems.append("no UTF-8 byte-order mark: Excel would read the file in the wrong encoding")
    # Only CR and LF end a line, as in a spreadsheet's import (not str.splitlines's U+2028 and others).
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"), newline=""), delimiter=";"))
    if not rows:
        return ["the file has no header"]
    header = rows[0]
    for missing in sorted((set(numeric) | set(dates)) - set(header)):
        problems.append(f"no column {missing!r}")
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            problems.append(f"row {number}: {len(row)} cells, the header has {len(header)}")
            continue
        for name, cell in zip(header, row):
            where = f"row {number}, {name!r}: {cell!r}"
            if number > 1 and name in numeric:
                if cell and not re.fullmatch(r"-?\d+(?:,\d+)?", cell):
                    problems.append(f"{where} is not a number")
            elif number > 1 and name in dates:
                if cell and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell):
                    problems.append(f"{where} is not an ISO date")
            else:
                becomes = what_a_text_becomes(cell)
                if becomes:
                    problems.append(f"{where} would become {becomes}")
    return problems


def main(arguments):
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    path, numeric, dates = arguments[0], [], []
    rest = arguments[1:]
    while rest:
        option, value, rest = rest[0], rest[1], rest[2:]
        {"--numeric": numeric, "--date": dates}[option].append(value)
    problems = check(path, numeric, dates)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
