"""The validator: normalise, run every rule, add up the evidence, block at the threshold."""
from __future__ import annotations

import re
### BEGIN SOLUTION
from collections import defaultdict
### END SOLUTION
from collections.abc import Iterable

### BEGIN STARTER
# from injection_guard.normalise import views  # noqa: F401 - the forms your rules run on
### END STARTER
### BEGIN SOLUTION
from injection_guard.normalise import views
### END SOLUTION
from injection_guard.rules import RULES, Rule
### BEGIN STARTER
# from injection_guard.verdict import Verdict  # noqa: F401 - what check returns
### END STARTER
### BEGIN SOLUTION
from injection_guard.verdict import Verdict
### END SOLUTION

BLOB = re.compile(r"[^\W\d_]{16,}")  # a long run of letters: words written together to dodge \b


class InputValidator:
    """`InputValidator().check(text) -> Verdict`. Works the same on user messages and on documents."""

    def __init__(self, rules: Iterable[Rule] | None = None, threshold: float = 1.0):
        self.rules = [(rule, rule.compiled()) for rule in (RULES if rules is None else rules)]
        self.threshold = threshold

    def check(self, text: str) -> Verdict:
        ### BEGIN STARTER
        # """TODO step 3. Compute `views(text)`; for every rule, try its compiled pattern on each of
        # `views(text).texts()` (a rule with `blob=True`: on the BLOB matches of those texts instead). A matching
        # rule adds its weight to its category's score, once, and its reason ("category: reason") to the reasons.
        #
        # Return Verdict(allowed=score < threshold, category=the category with the highest score (or "benign" when
        # nothing matched), score=the sum over all categories, reasons=tuple of reasons).
        # """
        # raise NotImplementedError("step 3: InputValidator.check")
        ### END STARTER
        ### BEGIN SOLUTION
        seen = views(text)
        texts = seen.texts()
        blobs = [b for t in texts for b in BLOB.findall(t)]
        scores: dict[str, float] = defaultdict(float)
        reasons = []
        for rule, pattern in self.rules:
            targets = blobs if rule.blob else texts
            if any(pattern.search(t) for t in targets):
                scores[rule.category] += rule.weight
                reasons.append(f"{rule.category}: {rule.reason}")
        if seen.payloads:
            reasons.append("decoded a hidden (base64 or ROT13) payload")
        if not scores:
            return Verdict(True, "benign", 0.0, tuple(reasons))
        score = round(sum(scores.values()), 3)
        category = max(scores, key=scores.get)
        return Verdict(score < self.threshold, category, score, tuple(reasons))
        ### END SOLUTION
