"""What a validator says about one text, and the labels the data set uses."""
from __future__ import annotations

from dataclasses import dataclass, field

ATTACK_CLASSES = ("direct", "indirect", "jailbreak", "data_extraction")
CLASSES = ("benign", *ATTACK_CLASSES)


@dataclass(frozen=True)
class Verdict:
    """`allowed` is the decision; the rest says why.

    category: the attack class with the most evidence, "benign" when no rule matched (a text can be
    allowed with some evidence below the threshold; the category then says what it resembled).
    score: the summed weight of the matched rules; the text is blocked when it reaches the threshold.
    reasons: one short line per matched rule, for logs and for the refusal message.
    """

    allowed: bool
    category: str = "benign"
    score: float = 0.0
    reasons: tuple[str, ...] = field(default_factory=tuple)
