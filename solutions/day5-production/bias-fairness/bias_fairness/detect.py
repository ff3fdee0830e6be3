### BEGIN STARTER
# """Count lexicon terms per group and report how lopsided each dimension is.
#
# This describes a text (or a corpus, such as 200 job ads a model wrote); it does not detect bias. See LIMITS.
#
# Contract (step 3):
#
# - `count_terms(texts, lexicon=None) -> (tokens, found)`: `texts` is one string or an iterable of strings;
#   `lexicon` defaults to `Lexicon.load()`. `tokens` is how many tokens were read; `found` maps every
#   dimension -> every group -> a Counter of the terms that occurred. Count a token only when it IS a term
#   (look it up in `lexicon.index()`), never by substring: "manager" does not contain the word "man".
# - `skew_report(texts, lexicon=None, *, min_mentions=10, max_share=0.75) -> SkewReport`: per dimension,
#   `counts` (every group, 0 included), `terms` (group -> {term: count}, only groups with terms found),
#   `total`, `dominant` (most mentions; ties: the first group listed; None when total is 0), `share`
#   (dominant / total, None when 0), and `status`: COUNTED for a dimension with one group (nothing to
#   compare), else TOO_FEW below `min_mentions`, else SKEWED when share > max_share, else BALANCED.
# """
### END STARTER
### BEGIN SOLUTION
"""Count lexicon terms per group and report how lopsided each dimension is.

This describes a text (or a corpus, such as 200 job ads a model wrote); it does not detect bias. See LIMITS.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN STARTER
# from collections import Counter  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from collections import Counter
### END SOLUTION
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from bias_fairness.lexicon import Lexicon
### BEGIN STARTER
# from bias_fairness.tokens import tokenize  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from bias_fairness.tokens import tokenize
### END SOLUTION

BALANCED, SKEWED, TOO_FEW, COUNTED = "balanced", "skewed", "too_few_mentions", "counted"

LIMITS = [
    "Counting words is not detecting bias: a text about one woman uses 'she' without being biased.",
    "Context is invisible: 'women are not suited to engineering' and 'women are suited to engineering' count alike; "
    "negation, quotation and irony are not seen.",
    "Ambiguous words are counted anyway: 'aged 25', 'senior engineer' (not in the list for that reason), 'her'.",
    "Proxies are missed: names, hobbies, clubs, postcodes and graduation years can stand for a group without any "
    "listed word.",
    "One language, single words: the list is English and cannot hold phrases such as 'digital native'.",
]


@dataclass(frozen=True)
class DimensionCounts:
    dimension: str
    counts: dict[str, int]                 # group -> mentions, every group of the dimension (0 included)
    terms: dict[str, dict[str, int]]       # group -> term -> mentions, only terms that occurred
    total: int
    dominant: str | None                   # the group with most mentions; None when there are none
    share: float | None                    # dominant / total
    status: str                            # balanced | skewed | too_few_mentions | counted (a one-group list)


@dataclass(frozen=True)
class SkewReport:
    tokens: int
    dimensions: dict[str, DimensionCounts]
    limits: list[str] = field(default_factory=lambda: list(LIMITS))

    @property
    def flagged(self) -> list[str]:
        return [name for name, d in self.dimensions.items() if d.status == SKEWED]

    def to_dict(self) -> dict[str, Any]:
        return {"tokens": self.tokens, "flagged": self.flagged, "limits": list(self.limits),
                "dimensions": {name: vars(d) for name, d in self.dimensions.items()}}


def count_terms(texts: str | Iterable[str],
                lexicon: Lexicon | None = None) -> tuple[int, dict[str, dict[str, Counter]]]:
    ### BEGIN STARTER
    # # TODO step 3. The handout compared each word of text.lower().split() with a set; substring tests
    # # ("man" in text) are worse still.
    # raise NotImplementedError("step 3: count_terms")
    ### END STARTER
    ### BEGIN SOLUTION
    """(tokens read, dimension -> group -> Counter of terms)."""
    lexicon = lexicon or Lexicon.load()
    index = lexicon.index()
    found = {dim: {group: Counter() for group in groups} for dim, groups in lexicon.dimensions.items()}
    tokens = 0
    for text in [texts] if isinstance(texts, str) else texts:
        for token in tokenize(text):
            tokens += 1
            for dimension, group in index.get(token, ()):
                found[dimension][group][token] += 1
    return tokens, found
    ### END SOLUTION


def skew_report(texts: str | Iterable[str], lexicon: Lexicon | None = None, *, min_mentions: int = 10,
                max_share: float = 0.75) -> SkewReport:
    ### BEGIN STARTER
    # # TODO step 3
    # raise NotImplementedError("step 3: skew_report")
    ### END STARTER
    ### BEGIN SOLUTION
    """A dimension is `skewed` when it has at least `min_mentions` mentions and one group has more than
    `max_share` of them; with fewer mentions it is `too_few_mentions`, whatever the split."""
    tokens, found = count_terms(texts, lexicon)
    dimensions = {}
    for dimension, groups in found.items():
        counts = {group: sum(terms.values()) for group, terms in groups.items()}
        total = sum(counts.values())
        dominant = max(counts, key=lambda g: counts[g]) if total else None   # ties: the first group listed
        share = counts[dominant] / total if total else None
        if len(counts) < 2:
            status = COUNTED
        elif total < min_mentions:
            status = TOO_FEW
        else:
            status = SKEWED if share > max_share else BALANCED
        dimensions[dimension] = DimensionCounts(
            dimension, counts, {g: dict(sorted(t.items())) for g, t in groups.items() if t}, total, dominant, share,
            status)
    return SkewReport(tokens, dimensions)
    ### END SOLUTION
