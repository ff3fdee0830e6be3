"""Your rules: weighted, anchored patterns, one family per attack class (step 2 in the README).

A `Rule` is one piece of evidence: if its pattern matches one of the normalised views of a text, its
weight is added to the score of its category. The validator blocks a text when the summed weights reach
the threshold (1.0). Give weight 1.0 only to evidence that is an attack by itself; weaker signals ("act
as", "developer mode", a note addressed to an AI) weigh less, so that they block only together.

Write patterns in lower case (they run on normalised text) and keep them anchored: whole words (`\\b`)
and bounded gaps between them, never `.*`. In a pattern, `~` stands for "then up to three other words"
and `~~` for up to eight. Tune on the dev split, and read the rows you miss and the benign rows you flag.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

GAP = r"\W+(?:[\w'’]+\W+){0,3}"        # `~` in a pattern
LONG_GAP = r"\W+(?:[\w'’]+\W+){0,8}"   # `~~`


@dataclass(frozen=True)
class Rule:
    """If `pattern` matches, `weight` is added to the score of `category`."""

    category: str
    weight: float
    pattern: str
    reason: str
    blob: bool = False  # match inside long run-together words ("ignoreallpreviousinstructions") only

    def compiled(self) -> re.Pattern:
        return re.compile(self.pattern.replace("~~", LONG_GAP).replace("~", GAP))


RULES: list[Rule] = [
    # Two examples to start from. TODO step 2: rules for every class: direct, indirect, jailbreak, data_extraction.
    Rule("direct", 1.0, r"\b(?:ignore|disregard|forget)\b~(?:previous|prior|above|earlier)\b~(?:instructions|rules)\b",
         "override of earlier instructions"),
    Rule("jailbreak", 0.5, r"\bdeveloper mode\b", "developer mode (ordinary on a phone, so not enough alone)"),
]
