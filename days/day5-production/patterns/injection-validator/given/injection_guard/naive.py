"""The handout-style validator, kept for comparison: loose patterns, any match blocks.

`.*` lets a pattern's words sit anywhere on a line, in any order of unrelated words, and inside other
words ("you" in "your", "are" in "care", "now" in "know"), so ordinary sentences match. Nothing is
normalised, so a zero-width space or a fullwidth letter walks straight past it.
"""
from __future__ import annotations

import re

from injection_guard.verdict import Verdict

NAIVE_PATTERNS = [
    r"ignore.*(?:previous|above|prior).*instructions",
    r"disregard.*(?:previous|above|prior)",
    r"forget.*(?:everything|all|instructions)",
    r"system.*prompt",
    r"you.*are.*now",
    r"pretend.*(?:to|you)",
    r"repeat.*(?:above|everything|back)",
]


class NaiveValidator:
    """`NaiveValidator().check(text)`: blocked if any of NAIVE_PATTERNS matches, case-insensitively."""

    def __init__(self, patterns: list[str] | None = None):
        self.patterns = [re.compile(p, re.IGNORECASE) for p in (patterns or NAIVE_PATTERNS)]

    def check(self, text: str) -> Verdict:
        matched = tuple(p.pattern for p in self.patterns if p.search(text))
        if not matched:
            return Verdict(True, "benign", 0.0, ())
        return Verdict(False, "unclassified", float(len(matched)), matched)
