"""The order desk with no framework in it: the data, the tool as a plain function, the prompt, the limits.

Every adapter in this package imports these; none of them is imported here. That is the whole "no lock-in"
rule: the framework is an adapter around plain code, so changing framework rewrites an adapter, not the desk."""
from __future__ import annotations

import json
from dataclasses import dataclass

ORDERS = {
    "A1001": {"customer": "c-17", "item": "desk lamp", "status": "delivered", "delivered": "2026-11-20"},
    "A1002": {"customer": "c-17", "item": "monitor arm", "status": "shipped", "delivered": None},
    "A1003": {"customer": "c-42", "item": "keyboard", "status": "delivered", "delivered": "2026-10-02"},
}

INSTRUCTIONS = ("You are the order desk assistant. Use the lookup_order tool to find an order; never guess its "
                "status. Answer in two sentences at most.")
MAX_TOKENS = 600    # the cap on each reply; frameworks pick their own default when you do not say (see the lesson)
MAX_STEPS = 4       # model calls per question, in every adapter


class UnknownOrder(LookupError):
    """No such order. Its message is written for the model: it says what was wrong and what ids look like."""


def lookup_order(order_id: str) -> str:
    """Look up one order by its id (like A1001) and return it as JSON: item, status and delivery date."""
    key = order_id.strip().upper()
    if key not in ORDERS:
        raise UnknownOrder(f"no order {order_id!r}; order ids look like A1001")
    return json.dumps({"order_id": key, **ORDERS[key]})


@dataclass
class Answer:
    text: str               # the model's final answer ("" if there was none)
    stopped: bool = False   # True when MAX_STEPS model calls were made without a final answer
