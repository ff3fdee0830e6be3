"""Reading a model API request and saying what answered it: shared by the cassettes and the scenario broker
(which must not import vcrpy: it runs in every grading session)."""
from __future__ import annotations

import json
from typing import Any

from agentkit.replay import HOW_TO_GO_LIVE, wire
from agentkit.replay.scenarios import Scenario, is_timeout


def summarise(api: str | None, view: wire.RequestView | None, path: str, method: str = "POST") -> str:
    if view is None:
        return f"{method} {path}"
    if api in wire.JOB_APIS:
        return f"{method} {path}  ({api})"
    last = view.messages[-1] if view.messages else ("-", "")
    lines = [f"{method} {path}  ({api}, model={view.model}, stream={view.stream})"]
    if view.system:
        lines.append(f"    system: {view.system[:160]!r}")
    lines.append(f"    last {last[0]} message: {last[1][:160]!r}  ({len(view.messages)} messages)")
    if view.tool_names:
        lines.append(f"    tools: {', '.join(view.tool_names)}")
    return "\n".join(lines)


def inspect_request(method: str, path: str, content_type: str | None, raw: bytes | None
                    ) -> tuple[str | None, wire.RequestView | None, dict]:
    """(api, provider-neutral view, body) of one HTTP request; view is None for what is not a model API."""
    api = wire.api_for_path(path)
    raw = raw or b""
    content_type = str(content_type or "")
    if content_type.startswith("multipart/form-data") and isinstance(raw, bytes):
        body = wire.read_form(content_type, raw)  # a file upload: its fields, and each file's text
    else:
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
    view = wire.read_request(api, body, method=method, path=path) if api and isinstance(body, dict) else None
    return api, view, body


def scenario_miss(scenario: Scenario, api, view, method: str, path: str) -> str:
    """Why no exchange of `scenario` answers this request: what was asked, the closest exchange, how to go live."""
    lines = [f"No recording for this request (scenario {scenario.name}).",
             "  asked: " + summarise(api, view, path, method)]
    waiting = scenario.unused()
    repeating = [e for e in scenario.exchanges if e.repeat]
    if view is not None and (waiting or repeating):
        from agentkit.replay.scenarios import matches
        closest = (waiting or repeating)[0]
        kind = "the next unused exchange" if waiting else "a repeating exchange"
        lines.append(f"  closest recorded: {kind}, " + closest.describe())
        lines.append(f"    it did not match on: {matches(closest.when, api, view)}")
    elif not waiting and not repeating:
        lines.append(f"  every one of the scenario's {len(scenario.exchanges)} exchanges is used up: "
                     "the code made more calls than the scenario expects")
    lines.append(HOW_TO_GO_LIVE)
    return "\n".join(lines)


def served_record(exchange, view: wire.RequestView) -> dict[str, Any]:
    """Plain data on what answered one request: status, the reply's text, usage, model and price (None when
    the reply was an error, a timeout, a raw response, or no recording at all)."""
    record = {"status": None, "outcome": "no recording", "text": None, "usage": None, "model": view.model,
              "cost_usd": None}
    if exchange is None:
        return record
    if is_timeout(exchange):
        return {**record, "outcome": "timeout"}
    if exchange.reply is None:
        status = int((exchange.error or {}).get("status", 500)) if exchange.error is not None \
            else int((exchange.response or {}).get("status", 200))
        return {**record, "status": status, "outcome": "error" if exchange.error is not None else "response"}
    from agentkit.errors import UnknownModelError
    from agentkit.pricing import cost_usd
    model = exchange.reply.model or view.model
    try:
        cost = cost_usd(model, exchange.reply.usage)
    except UnknownModelError:
        cost = None
    return {**record, "status": 200, "outcome": "reply", "text": exchange.reply.text, "model": model,
            "usage": exchange.reply.usage.model_dump(), "cost_usd": cost}
