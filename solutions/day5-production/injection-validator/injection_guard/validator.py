"""The validator: normalise, run every rule, add up the evidence, block at the threshold."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from injection_guard.normalise import views
from injection_guard.rules import RULES, Rule
from injection_guard.verdict import Verdict

BLOB = re.compile(r"[^\W\d_]{16,}")  # a long run of letters: words written together to dodge \b


class InputValidator:
    """`InputValidator().check(text) -> Verdict`. Works the same on user messages and on documents."""

    def __init__(self, rules: Iterable[Rule] | None = None, threshold: float = 1.0):
        self.rules = [(rule, rule.compiled()) for rule in (RULES if rules is None else rules)]
        self.threshold = threshold

    def check(self, text: str) -> Verdict:
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
