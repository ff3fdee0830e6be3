### BEGIN STARTER
# """Checking a batched reply: parse it, then trust nothing about its count, order or shape.
# Read the README's contract first; the tests check exactly that, through these public names only.
# """
### END STARTER
### BEGIN SOLUTION
"""Checking a batched reply: parse it, then trust nothing about its count, order or shape.

A model asked for N results in order can return N-1, N+1, the same id twice, the right ids in another order, a
result of the wrong shape, or JSON cut off at max_tokens. Matching results to inputs by position turns each of
those into a silently wrong answer for some item. So results are matched by id, each id must appear exactly
once, each result must validate against the caller's pydantic model, and every problem is reported per item so
that only those items are asked again.
"""
### END SOLUTION
from __future__ import annotations

### BEGIN SOLUTION
import json
import re
### END SOLUTION
from dataclasses import dataclass, field
from typing import Any

### BEGIN STARTER
# from pydantic import BaseModel
### END STARTER
### BEGIN SOLUTION
from pydantic import BaseModel, ValidationError
### END SOLUTION

from batch_processing.prompt import Item

### BEGIN SOLUTION
FENCE = re.compile(r"```(?:json)?[ \t]*\r?\n?(.*?)```", re.DOTALL | re.IGNORECASE)

### END SOLUTION

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
    ### BEGIN STARTER
    # # TODO step 1: a regular expression for the fence (```json ... ``` or ``` ... ```), json.loads on each
    # # candidate in turn; MalformedReply if none parses.
    # raise NotImplementedError("step 1: extract_json")
    ### END STARTER
    ### BEGIN SOLUTION
    fenced = FENCE.search(text)
    candidates = [fenced.group(1)] if fenced else []
    candidates.append(text)
    start, end = text.find("["), text.rfind("]")
    if 0 <= start < end:
        candidates.append(text[start:end + 1])
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    raise MalformedReply(f"no JSON in the reply: {text[:80]!r}{'...' if len(text) > 80 else ''}")
    ### END SOLUTION


def check_reply(items: list[Item], text: str, schema: type[BaseModel]) -> ReplyCheck:
    """Match a reply to the items it answers, by id, and validate each result with `schema`.

    Problems, per asked-for id: "missing" (no entry), "duplicate id" (more than one entry: which is right?),
    "invalid result: ..." (fails `schema`), "malformed reply: ..." (no JSON array at all). Ids nobody asked
    for go to `unknown_ids`. Accepted results are keyed by id in the order of `items`, whatever the reply's order.
    """
    ### BEGIN STARTER
    # # TODO step 2: the handout's version is `results = json.loads(text)` and then pairing results[i] with
    # # items[i]. That pairs the wrong things as soon as the model drops, adds, repeats or reorders an entry.
    # # Instead: extract_json (a non-list is malformed too), group the entries' results by str(entry["id"]),
    # # then walk `items` in order: no entry -> "missing", several -> "duplicate id", one -> schema.model_validate
    # # (pydantic.ValidationError -> "invalid result: ..."). Set `entries` and `unknown_ids` as well.
    # raise NotImplementedError("step 2: check_reply")
    ### END STARTER
    ### BEGIN SOLUTION
    check = ReplyCheck()
    try:
        payload = extract_json(text)
        if not isinstance(payload, list):
            raise MalformedReply(f"expected a JSON array, got a JSON {type(payload).__name__}")
    except MalformedReply as exc:
        check.problems = {item.id: f"malformed reply: {exc}" for item in items}
        return check
    check.entries = len(payload)
    by_id: dict[str, list[Any]] = {}
    for entry in payload:
        if isinstance(entry, dict) and "id" in entry:
            by_id.setdefault(str(entry["id"]), []).append(entry.get("result"))
    asked = {item.id for item in items}
    check.unknown_ids = [found for found in by_id if found not in asked]
    for item in items:
        found = by_id.get(item.id, [])
        if not found:
            check.problems[item.id] = "missing"
        elif len(found) > 1:
            check.problems[item.id] = f"duplicate id: {len(found)} entries"
        else:
            try:
                check.results[item.id] = schema.model_validate(found[0])
            except ValidationError as exc:
                errors = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'result'}: {e['msg']}" for e in exc.errors())
                check.problems[item.id] = f"invalid result: {errors}"
    return check
    ### END SOLUTION
