"""The items of one batched call and the prompt that carries them.

Each item travels with an id, inside its own delimiters, and the model is asked to answer with a JSON array of
{"id", "result"} objects. The ids are what make the reply checkable: without them, a reply with one entry too
few, or in another order, can only be matched to the inputs by position, which silently pairs the wrong things.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel


@dataclass(frozen=True)
class Item:
    """One input: a caller-chosen id, unique within a run, and the text the model should work on."""

    id: str
    text: str


def build_prompt(items: list[Item], instruction: str, schema: type[BaseModel]) -> str:
    """One user message asking for `instruction` on every item, answered as a JSON array of {"id", "result"},
    each result matching `schema`. Item texts sit inside <item> tags so they read as data, not instructions."""
    shape = json.dumps(schema.model_json_schema(), ensure_ascii=False)
    listed = "\n".join(f'<item id="{item.id}">\n{item.text}\n</item>' for item in items)
    return (f"{instruction}\n\n"
            f"There are {len(items)} items below. Answer with only a JSON array of exactly {len(items)} objects, "
            'one per item, each {"id": "<the item\'s id>", "result": <its result>}. Use every id once; add no '
            f"other ids.\nEach result must match this JSON Schema: {shape}\n\n{listed}")
