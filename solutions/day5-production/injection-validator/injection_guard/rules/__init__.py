### SOLUTION FILE
"""Weighted patterns, one family per attack class.

Each rule is one piece of evidence with a weight; a text is blocked when the weights of the rules it
matches add up to the validator's threshold (1.0). A rule that only says "this could be an attack"
(the phrase "developer mode", a fictional framing, a note addressed to an AI) weighs less than 1, so
it blocks only together with other evidence; a rule that is an attack by itself weighs 1.

Patterns are anchored: words are matched whole (`\\b`), and where the handout wrote `.*` a rule
allows at most a few words in between. In a pattern, `~` stands for "then up to three other words"
(GAP) and `~~` for up to eight (LONG_GAP). Rules run on the normalised views of the text (see
normalise.py), so they are written in lower case and ignore spacing, look-alike and leetspeak tricks.
"""
from injection_guard.rules.base import Rule
from injection_guard.rules.direct import DIRECT
from injection_guard.rules.extraction import DATA_EXTRACTION
from injection_guard.rules.indirect import INDIRECT
from injection_guard.rules.jailbreak import JAILBREAK

RULES: list[Rule] = [*DIRECT, *INDIRECT, *JAILBREAK, *DATA_EXTRACTION]

__all__ = ["Rule", "RULES", "DIRECT", "INDIRECT", "JAILBREAK", "DATA_EXTRACTION"]
