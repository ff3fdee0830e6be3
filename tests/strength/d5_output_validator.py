"""d5-output-validator: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
PII = "pii.py"
SCAN = "scan.py"
STREAM = "stream.py"
GUARD = "guard.py"
DETECTORS = "detectors.py"

BROKEN = {
    "card numbers pass the Luhn check: the wrong digits doubled": (PII, [(
        "        if position % 2:", "        if not position % 2:")]),
    "overlapping matches: named after the first detector, not the most specific kind": (SCAN, [(
        "            kind = min(last.kind, found.kind, key=KINDS.index)", "            kind = last.kind")]),
    "streaming: nothing held back, a key still arriving is shown in part": (STREAM, [(
        "        cut = len(self._pending) - self.hold\n", "        cut = len(self._pending)\n")]),
    "the user sees the redacted reply: the original text returned": (GUARD, [(
        '    return reply.model_copy(update={"text": redacted.text}), redacted.findings',
        "    return reply, redacted.findings")]),
    "prose is left alone: any bare value after a password label redacted": (DETECTORS, [(
        '            return token_like or not rest_of_line.strip(" \\t.")', "            return True")]),
    "placeholders are not secrets: references and placeholders redacted": (DETECTORS, [(
        "        if len(value) < self.min_length or is_reference(value):",
        "        if len(value) < self.min_length:")]),
}

CORRECT = {
    "Luhn by slices: digits at odd places from the right doubled with divmod": (PII, [(
        '''    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0''', '''    numbers = [int(char) for char in digits]
    kept, doubled = numbers[-1::-2], numbers[-2::-2]
    return (sum(kept) + sum(sum(divmod(2 * digit, 10)) for digit in doubled)) % 10 == 0''')]),
    "IBAN mod 97 computed digit by digit": (PII, [(
        '''    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1''',
        '''    remainder = 0
    for digit in "".join(str(int(c, 36)) for c in moved):
        remainder = (remainder * 10 + int(digit)) % 97
    return remainder == 1''')]),
}
