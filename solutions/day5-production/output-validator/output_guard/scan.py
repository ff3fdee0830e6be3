"""Find every secret in a text and replace each with [REDACTED:<kind>], keeping the text around it."""
from __future__ import annotations

from output_guard.detectors import ALL
from output_guard.findings import KINDS, Finding, Redaction, placeholder


def scan(text: str) -> list[Finding]:
    """Every secret in `text`, sorted by position. Overlapping matches are merged into one finding that
    covers all of them, named after the most specific kind among them (the order of KINDS)."""
    candidates = sorted((f for detector in ALL for f in detector.find(text)), key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for found in candidates:
        if merged and found.start < merged[-1].end:
            last = merged[-1]
            kind = min(last.kind, found.kind, key=KINDS.index)
            merged[-1] = Finding(kind, last.start, max(last.end, found.end))
        else:
            merged.append(found)
    return merged


def redact(text: str) -> Redaction:
    """`text` with every finding replaced by its placeholder; the findings refer to the original text."""
    findings = scan(text)
    pieces, last = [], 0
    for found in findings:
        pieces += [text[last:found.start], placeholder(found.kind)]
        last = found.end
    pieces.append(text[last:])
    return Redaction("".join(pieces), findings)
