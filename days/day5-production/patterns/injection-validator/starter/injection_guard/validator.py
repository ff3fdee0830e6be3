"""The validator: normalise, run every rule, add up the evidence, block at the threshold."""
from __future__ import annotations

import re
from collections.abc import Iterable

from injection_guard.normalise import views  # noqa: F401 - the forms your rules run on
from injection_guard.rules import RULES, Rule
from injection_guard.verdict import Verdict  # noqa: F401 - what check returns

BLOB = re.compile(r"[^\W\d_]{16,}")  # a long run of letters: words written together to dodge \b


class InputValidator:
    """`InputValidator().check(text) -> Verdict`. Works the same on user messages and on documents."""

    def __init__(self, rules: Iterable[Rule] | None = None, threshold: float = 1.0):
        self.rules = [(rule, rule.compiled()) for rule in (RULES if rules is None else rules)]
        self.threshold = threshold

    def check(self, text: str) -> Verdict:
        """TODO step 3. Compute `views(text)`; for every rule, try its compiled pattern on each of
        `views(text).texts()` (a rule with `blob=True`: on the BLOB matches of those texts instead). A matching
        rule adds its weight to its category's score, once, and its reason ("category: reason") to the reasons.

        Return Verdict(allowed=score < threshold, category=the category with the highest score (or "benign" when
        nothing matched), score=the sum over all categories, reasons=tuple of reasons).
        """
        raise NotImplementedError("step 3: InputValidator.check")
