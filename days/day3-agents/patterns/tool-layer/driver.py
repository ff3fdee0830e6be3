"""What the graders call: run the student's `tool_layer` package and hand back plain JSON data only.

The tools are the grader's own (a parcel shop's order desk); each counts its runs here. The model is the official
SDK (`anthropic.Anthropic` or `openai.OpenAI`), answered by the scenario the test names; what the submission sent
is read on the grader's side.
"""
from __future__ import annotations

from typing import Literal

import anthropic
import openai

from agentkit.models import DEFAULT_MODELS

KEY = "replay-key"
SYSTEM = "You are the order desk of a parcel shop. Use the tools; never guess an order's state."
ORDERS = {"A1": {"status": "shipped", "carrier": "DHL", "eta": "2026-12-09"},
          "B2": {"status": "packing", "carrier": None, "eta": "2026-12-11"}}


def make_tools(ran: list):
    def get_order(order_id: str, include_items: bool = False) -> dict:
        """Look up one order by its id: status, carrier and expected delivery date.

        Orders have ids such as A1."""
        ran.append(["get_order", {"order_id": order_id, "include_items": include_items}])
        if order_id not in ORDERS:
            raise KeyError(f"no order {order_id}")
        return {"order_id": order_id, **ORDERS[order_id]}

    def refund(order_id: str, amount_cents: int, reason: Literal["damaged", "late", "other"]) -> str:
        """Refund part or all of an order."""
        ran.append(["refund", {"order_id": order_id, "amount_cents": amount_cents, "reason": reason}])
        return f"refunded {amount_cents} cents on {order_id}"

    def warehouse_status() -> str:
        """Ask the warehouse whether it is shipping today."""
        ran.append(["warehouse_status", {}])
        raise TimeoutError("the warehouse API timed out")

    return [get_order, refund, warehouse_status]


def sdk_client(provider: str):
    return anthropic.Anthropic(api_key=KEY, max_retries=0) if provider == "anthropic" else \
        openai.OpenAI(api_key=KEY, max_retries=0)


def conversation(submission, provider: str, prompt: str, max_failures: int = 2, max_turns: int = 8) -> dict:
    ran: list = []
    toolbox = submission.Toolbox(make_tools(ran), max_failures=max_failures)
    try:
        outcome = submission.run_agent(provider, sdk_client(provider), DEFAULT_MODELS[provider], prompt, toolbox,
                                       system=SYSTEM, max_turns=max_turns)
        return {"text": str(outcome.text), "ran": ran}
    except Exception as exc:  # noqa: BLE001 - the test reports what was raised
        return {"raised": f"{type(exc).__name__}: {str(exc)[:300]}", "ran": ran}
