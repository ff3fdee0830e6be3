"""What the graders call: one question through one of the student's adapters, in the worker process, with the
graders' own orders in the desk. Only plain data comes back; what was sent to the model is recorded by the
graders' broker, outside this process.

The frameworks are imported here, before the worker says it is ready, so their import time (seconds) never
counts against a test's time limit."""
from __future__ import annotations

import importlib

import agents  # noqa: F401
import pydantic_ai.models.anthropic  # noqa: F401
import pydantic_ai.models.openai  # noqa: F401

ADAPTERS = {"own_loop": "own_loop", "pydantic_ai": "with_pydantic_ai", "openai_agents": "with_openai_agents"}


def answer(submission, framework: str, provider: str, question: str, orders: dict | None = None,
           max_steps: int = 4) -> dict:
    """`framework`'s ask() on `question`. `orders`, when given, replaces the desk's orders (in place), so an
    adapter that does not really run the desk's tool cannot pass."""
    desk = importlib.import_module(f"{submission.__name__}.desk")
    if orders is not None:
        desk.ORDERS.clear()
        desk.ORDERS.update(orders)
    module = importlib.import_module(f"{submission.__name__}.{ADAPTERS[framework]}")
    if framework == "openai_agents":
        found = module.ask(question, max_steps=max_steps)
    else:
        found = module.ask(question, provider, max_steps=max_steps)
    return {"text": str(found.text), "stopped": bool(found.stopped)}
