### BEGIN STARTER
# """The lexicon is data: dimensions (gender, age, ...) of groups (female, male, ...) of single-word terms.
#
# The default list lives in lexicon.json beside this file.
#
# Contract (step 3), `Lexicon.from_mapping(data)`: keep every dimension of `data` except keys starting with "_"
# (comments), each group's terms as a frozenset. A term must be exactly one token as `tokenize` produces it
# (`tokenize(term) == [term]`); otherwise raise ValueError naming it: "digital native", "Chair-Man" or
# "rock-star" could never match a token, and a lexicon that fails silently is worse than none.
# """
### END STARTER
### BEGIN SOLUTION
"""The lexicon is data: dimensions (gender, age, ...) of groups (female, male, ...) of single-word terms.

The default list lives in lexicon.json beside this file. A term must be one token as `tokenize` produces it
(lower case, no spaces or hyphens), otherwise it could never match and would fail silently.
"""
### END SOLUTION
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from agentkit.given import data_file
### BEGIN STARTER
# from bias_fairness.tokens import tokenize  # noqa: F401 - to check each term
### END STARTER
### BEGIN SOLUTION
from bias_fairness.tokens import tokenize
### END SOLUTION

DEFAULT_FILE = data_file("bias_fairness", "lexicon.json")  # shipped in the unit's given/bias_fairness


@dataclass(frozen=True)
class Lexicon:
    dimensions: dict[str, dict[str, frozenset[str]]]   # dimension -> group -> terms

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, list[str]]]) -> Lexicon:
        ### BEGIN STARTER
        # # TODO step 3
        # raise NotImplementedError("step 3: Lexicon.from_mapping")
        ### END STARTER
        ### BEGIN SOLUTION
        dimensions: dict[str, dict[str, frozenset[str]]] = {}
        for dimension, groups in data.items():
            if dimension.startswith("_"):
                continue  # comments
            dimensions[dimension] = {}
            for group, terms in groups.items():
                for term in terms:
                    if tokenize(term) != [term]:
                        raise ValueError(f"lexicon term {term!r} ({dimension}/{group}) is not one normalised token; "
                                         f"it would be read as {tokenize(term)}")
                dimensions[dimension][group] = frozenset(terms)
        return cls(dimensions)
        ### END SOLUTION

    @classmethod
    def load(cls, path: str | Path = DEFAULT_FILE) -> Lexicon:
        return cls.from_mapping(json.loads(Path(path).read_text(encoding="utf-8")))

    def index(self) -> dict[str, list[tuple[str, str]]]:
        """term -> every (dimension, group) it marks."""
        found: dict[str, list[tuple[str, str]]] = {}
        for dimension, groups in self.dimensions.items():
            for group, terms in groups.items():
                for term in terms:
                    found.setdefault(term, []).append((dimension, group))
        return found
