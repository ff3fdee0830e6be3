### BEGIN STARTER
# """Personal data in model output: e-mail addresses, phone numbers, payment card numbers and IBANs.
#
# Contract (README "Personal data" has the table and the examples). Each detector reports the whole value:
#
#     email        local@domain.tld: the local part of [A-Za-z0-9._%+-], not right after a letter, digit, one of
#                  ._%+- or ":" or "/" (so the password in postgres://user:pw@host is no e-mail); a domain of
#                  labels joined by dots, ending in 2+ letters
#     phone        "+", a country code and more digits (8 to 15 digits in all), in groups separated by a space,
#                  "-" or "." or in brackets: "+44 20 7946 0958", "+1 (202) 555-0199"; or the same without "+"
#                  (7 to 15 digits) when a phone word (phone, telephone, tel, mobile, cell, fax, whatsapp) ends at
#                  most 20 characters before it on the same line, and the number is not a date: "phone: 020 7946
#                  0958"
#     card_number  13 to 19 digits, optionally in groups separated by single spaces or hyphens, not next to
#                  another digit, that pass the Luhn check (`luhn_valid`)
#     iban         two capital letters, two check digits, then 11 to 30 capital letters or digits, optionally in
#                  groups of four separated by single spaces, that pass the mod-97 check (`iban_valid`)
#
# Not personal data, and never redacted: order numbers and other long numbers that fail the checks, dates
# (2026-11-28, 28/11/2026), times, prices ($1,299.00) and version numbers.
# """
### END STARTER
### BEGIN SOLUTION
"""Personal data in model output: e-mail addresses, phone numbers, payment card numbers and IBANs.

Secrets are the service's to lose; personal data is somebody else's. A model that was given a customer
record, or retrieved another customer's ticket, can repeat it. Shapes alone over-match (every 16-digit order
number looks like a card), so the numbers carry the checks that the issuers put in them: a card number
passes the Luhn check, an IBAN the ISO 7064 mod-97 check, and a phone number without a "+" counts only next
to a word that says it is one.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# import re  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import re
### END SOLUTION
from collections.abc import Iterator

from output_guard.findings import Finding


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


class Pii:
    """One kind of personal data: `spans(text)` yields the (start, end) of each value that passed its check."""

    def __init__(self, kind: str, spans):
        self.kind, self._spans = kind, spans

    def find(self, text: str) -> Iterator[Finding]:
        for start, end in self._spans(text):
            yield Finding(self.kind, start, end)


def luhn_valid(digits: str) -> bool:
    ### BEGIN STARTER
    # """The Luhn check on a string of digits: from the right, double every second digit (subtract 9 when the
    # double is over 9), add everything up; valid when the sum is a multiple of 10."""
    # # TODO step 5
    # raise NotImplementedError("step 5: luhn_valid")
    ### END STARTER
    ### BEGIN SOLUTION
    """The Luhn check: from the right, double every second digit (minus 9 above 9); the sum ends in 0."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0
    ### END SOLUTION


def iban_valid(iban: str) -> bool:
    ### BEGIN STARTER
    # """The mod-97 check on an IBAN without spaces: move the first four characters to the end, replace each letter
    # by two digits (A=10 ... Z=35), and read the result as one number: valid when it leaves 1 when divided by 97."""
    # # TODO step 5
    # raise NotImplementedError("step 5: iban_valid")
    ### END STARTER
    ### BEGIN SOLUTION
    """ISO 13616: the first four characters moved to the end, letters as 10-35, the number mod 97 is 1."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1
    ### END SOLUTION


### BEGIN STARTER
# # TODO step 5: one Pii(kind, spans) per kind, where spans(text) yields the (start, end) of every value of that
# # kind (a regex for the shape, then the check). Kinds: "email", "card_number", "iban", "phone".
# PII: list = []
### END STARTER
### BEGIN SOLUTION
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+:/-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
                   r"(?![A-Za-z0-9-])")
# Digit groups with one separator (space, hyphen, dot) between them, or brackets around a group.
GROUP = r"(?:\(\d{1,6}\)|\d{1,15})"
NUMBER = rf"{GROUP}(?:(?:[ .-]|(?<=\))|(?=\()){GROUP}){{0,7}}"
INTERNATIONAL = re.compile(rf"(?<![\w+])\+{NUMBER}(?!\w)")
LOCAL = re.compile(rf"(?<![\w+(.-]){NUMBER}(?![\w-])")
PHONE_WORD = re.compile(r"(?i)(?<![a-z])(?:phone|telephone|tel|mobile|cell|fax|whatsapp)(?![a-z])[^\n\d]{0,20}$")
DATE = re.compile(r"\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}")
CARD = re.compile(r"(?<![\d.,-])(?<!\d )\d(?:[ -]?\d){12,18}(?![\d-])(?![.,]\d)(?! \d)")
IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)"
                  r"(?![A-Za-z0-9])")


def _emails(text: str):
    return (match.span() for match in EMAIL.finditer(text))


def _phones(text: str):
    for match in INTERNATIONAL.finditer(text):
        if 8 <= len(digits_of(match.group())) <= 15:
            yield match.span()
    for match in LOCAL.finditer(text):
        number, before = match.group(), text[max(0, match.start() - 40):match.start()]
        line_before = before.rsplit("\n", 1)[-1]
        if 7 <= len(digits_of(number)) <= 15 and not DATE.fullmatch(number) and PHONE_WORD.search(line_before):
            yield match.span()


def _cards(text: str):
    return (match.span() for match in CARD.finditer(text) if luhn_valid(digits_of(match.group())))


def _ibans(text: str):
    for match in IBAN.finditer(text):
        compact = match.group().replace(" ", "")
        if 15 <= len(compact) <= 34 and iban_valid(compact):
            yield match.span()


PII = [Pii("email", _emails), Pii("card_number", _cards), Pii("iban", _ibans), Pii("phone", _phones)]
### END SOLUTION
