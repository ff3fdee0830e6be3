"""The lexicon is data: dimensions (gender, age, ...) of groups (female, male, ...) of single-word terms.

The default list lives in lexicon.json beside this file. A term must be one token as `tokenize` produces it
(lower case, no spaces or hyphens), otherwise it could never match and would fail silently.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bias_fairness.tokens import tokenize

DEFAULT_FILE = Path(__file__).with_name("lexicon.json")


@dataclass(frozen=True)
class Lexicon:
    dimensions: dict[str, dict[str, frozenset[str]]]   # dimension -> group -> terms

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, list[str]]]) -> Lexicon:
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
