"""Checking a batched reply: parse it, then trust nothing about its count, order or shape.
Read the README's contract first; the tests check exactly that, through these public names only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from batch_processing.prompt import Item


class MalformedReply(ValueError):
    """The reply holds no JSON that can be read."""


@dataclass
class ReplyCheck:
    """What one batched reply gave for the items it was asked about."""

    results: dict[str, BaseModel] = field(default_factory=dict)  # accepted, keyed by id, in the input order
    problems: dict[str, str] = field(default_factory=dict)       # asked-for id -> why it has no accepted result
    unknown_ids: list[str] = field(default_factory=list)         # ids in the reply that nobody asked for
    entries: int = 0                                             # entries the reply's array held

    @property
    def ok(self) -> bool:
        """Exactly one valid result per item, nothing else."""
        return not self.problems and not self.unknown_ids and self.entries == len(self.results)


def extract_json(text: str) -> Any:
    """The JSON in a model's reply: the contents of a ```json fence if there is one, else the whole text, else
    the span from the first `[` to the last `]`. Raises MalformedReply when none of them parses."""
    # TODO step 1: a regular expression for the fence (```json ... ``` or ``` ... ```), json.loads on each
    # candidate in turn; MalformedReply if none parses.
    raise NotImplementedError("step 1: extract_json")


def check_reply(items: list[Item], text: str, schema: type[BaseModel]) -> ReplyCheck:
    """Match a reply to the items it answers, by id, and validate each result with `schema`.

    Problems, per asked-for id: "missing" (no entry), "duplicate id" (more than one entry: which is right?),
    "invalid result: ..." (fails `schema`), "malformed reply: ..." (no JSON array at all). Ids nobody asked
    for go to `unknown_ids`. Accepted results are keyed by id in the order of `items`, whatever the reply's order.
    """
    # TODO step 2: the handout's version is `results = json.loads(text)` and then pairing results[i] with
    # items[i]. That pairs the wrong things as soon as the model drops, adds, repeats or reorders an entry.
    # Instead: extract_json (a non-list is malformed too), group the entries' results by str(entry["id"]),
    # then walk `items` in order: no entry -> "missing", several -> "duplicate id", one -> schema.model_validate
    # (pydantic.ValidationError -> "invalid result: ..."). Set `entries` and `unknown_ids` as well.
    raise NotImplementedError("step 2: check_reply")
