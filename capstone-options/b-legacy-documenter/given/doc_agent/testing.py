"""A harness for the project's own tests (given): a small codebase on disk and a fake model client, so they run
offline and fast. Import what a test uses: `from doc_agent.testing import FakeClient, doc, shop`."""
import json

import pytest

from agentkit.types import Reply, Usage

SHOP = {
    "store.py": "import pricing\n\nITEMS = {}\n\n\ndef add(sku, price):\n    ITEMS[sku] = pricing.round_price(price)\n",
    "pricing.py": "def round_price(price, cents=2):\n    import store\n    return round(price, cents)\n",
    "app.py": "import store\n\n\nclass App:\n    def run(self, sku):\n        self.last = sku\n        store.add(sku, 1)\n",
}


@pytest.fixture
def shop(tmp_path):
    """A three-module codebase (app -> store <-> pricing; pricing's import is inside a function)."""
    for name, text in SHOP.items():
        (tmp_path / name).write_text(text)
    return tmp_path


class FakeClient:
    """Answers chat() with the replies it was given, in order, and records what it was sent."""

    def __init__(self, *replies: str | dict | Exception, tokens: int = 100):
        self.replies, self.tokens, self.sent = list(replies), tokens, []

    def chat(self, messages, **options):
        self.sent.append({"messages": messages, **options})
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        text = reply if isinstance(reply, str) else json.dumps(reply)
        return Reply(text=text, usage=Usage(input_tokens=self.tokens // 2, output_tokens=self.tokens - self.tokens // 2))


def doc(layer="domain", summary="Does things.", names=()):
    return {"layer": layer, "summary": summary, "symbols": [{"name": n, "doc": f"About {n}."} for n in names]}
