"""Scenarios: ordered exchanges whose tolerant predicates pick which canned reply answers a request.

A scenario file (YAML or JSON) looks like::

    provenance: {kind: authored, note: "..."}
    exchanges:
      - when: {system: researcher}            # every key given must hold; see `matches`
        reply: {text: "Three findings ...", usage: {input_tokens: 120, output_tokens: 40}}
      - when: {tools: web_search}
        reply: {tool_calls: [{id: call_1, name: web_search, arguments: {query: "x"}}], stop_reason: tool_use}
      - error: {status: 429, retry_after: 2}   # or `error: timeout`
      - when: {api: anthropic-messages}
        response: {status: 200, body: {...}}   # raw wire format, for one API only
        repeat: true                           # may answer any number of requests
      - when: {api: anthropic-batches, method: GET, path: {regex: "/batches/[^/]+$"}}
        response: {body: {type: message_batch, ...}}             # batch and file APIs: raw responses only
      - when: {user: "count to ten"}
        reply: {text: "one two three ..."}
        timing: {first_token_ms: 420, total_ms: 1300}   # as recorded: see `delays`
      - when: {api: anthropic-count-tokens}    # or openai-input-tokens: answered with usage.input_tokens
        reply: {usage: {input_tokens: 57}}
      - when: {api: anthropic-batches, path: /results}
        response: {jsonl: [{custom_id: a, result: {...}}, ...]}  # JSON Lines; or body: "text" + content_type

A request is answered by the first exchange not yet used whose `when` holds. The reply is
rendered in the wire format the request asked for (Anthropic Messages, OpenAI Chat
Completions or Responses; JSON or a server-sent-event stream), so one scenario drives both SDKs.
Batch and file requests (wire.JOB_APIS) are answered only by exchanges whose `when` names their api.
A top-level `pace: 0.1` replays every timing at a tenth of its recorded length.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from agentkit.replay import wire
from agentkit.types import Reply

PROVIDER_OF_API = {"anthropic-messages": "anthropic", "openai-chat": "openai", "openai-responses": "openai",
                   "anthropic-count-tokens": "anthropic", "openai-input-tokens": "openai",
                   "anthropic-batches": "anthropic", "openai-batches": "openai", "openai-files": "openai"}
RESPONSE_KEYS = {"status", "headers", "body", "jsonl", "content_type"}


@dataclass
class Exchange:
    when: dict[str, Any] = field(default_factory=dict)
    reply: Reply | None = None
    error: dict[str, Any] | str | None = None
    response: dict[str, Any] | None = None
    repeat: bool = False
    timing: dict[str, float] | None = None  # recorded {first_token_ms, total_ms}: see `delays`
    used: int = 0

    def describe(self) -> str:
        outcome = "reply" if self.reply else "error" if self.error else "raw response"
        return f"when {json.dumps(self.when) if self.when else '(any request)'} -> {outcome}"


@dataclass
class Scenario:
    name: str
    exchanges: list[Exchange]
    provenance: dict[str, Any]
    pace: float = 1.0  # every recorded timing is multiplied by this (tests replay at a fraction of real time)

    def next_for(self, api: str, view: wire.RequestView) -> Exchange | None:
        for exchange in self.exchanges:
            if (exchange.repeat or not exchange.used) and matches(exchange.when, api, view) is None:
                exchange.used += 1
                return exchange
        return None

    def unused(self) -> list[Exchange]:
        return [e for e in self.exchanges if not e.used and not e.repeat]


def read_yaml(path: Path) -> Any:
    """A YAML file's data, parsed with libyaml where PyYAML has it (ten times faster; graders read many)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(), Loader=loader)  # noqa: S506 - a safe loader either way


def load_scenario(source: str | Path | dict) -> Scenario:
    if isinstance(source, dict):
        data, name = source, source.get("name", "inline scenario")
    else:
        path = Path(source)
        data, name = read_yaml(path), str(path)
    if not isinstance(data, dict) or not isinstance(data.get("exchanges"), list):
        raise ValueError(f"{name}: a scenario needs a top-level `exchanges` list")
    provenance = data.get("provenance") or {}
    if provenance.get("kind") not in ("authored", "recorded"):
        raise ValueError(f"{name}: provenance.kind must be 'authored' or 'recorded'")
    exchanges = []
    for number, raw in enumerate(data["exchanges"], start=1):
        unknown = set(raw) - {"when", "reply", "error", "response", "repeat", "note", "timing"}
        if unknown or sum(k in raw for k in ("reply", "error", "response")) != 1:
            raise ValueError(f"{name}: exchange {number} needs exactly one of reply/error/response "
                             f"(unknown keys: {sorted(unknown)})")
        reply = Reply.model_validate(raw["reply"]) if "reply" in raw else None
        when = raw.get("when") or {}
        if "response" in raw and "api" not in when:
            raise ValueError(f"{name}: exchange {number} has a raw response, so its `when` must name the api")
        if "reply" in raw and set(_texts(when.get("api", []))) & set(wire.JOB_APIS):
            raise ValueError(f"{name}: exchange {number}: a batch or file API is answered with a raw `response:`")
        if "response" in raw:
            response = raw["response"]
            if not isinstance(response, dict) or set(response) - RESPONSE_KEYS or {"body", "jsonl"} <= set(response):
                raise ValueError(f"{name}: exchange {number}: a response has status, headers, content_type and one "
                                 "of body or jsonl")
        for pattern in _regexes(when.get("path")):
            re.compile(pattern)
        exchanges.append(Exchange(when=when, reply=reply, error=raw.get("error"), response=raw.get("response"),
                                  repeat=bool(raw.get("repeat")), timing=_timing(raw.get("timing"), name, number)))
    pace = data.get("pace", 1.0)
    if isinstance(pace, bool) or not isinstance(pace, (int, float)) or not 0 <= pace <= 10:
        raise ValueError(f"{name}: pace must be a number from 0 to 10, not {pace!r}")
    return Scenario(name=name, exchanges=exchanges, provenance=provenance, pace=float(pace))


MAX_TIMING_MS = 120_000


def _timing(raw: Any, name: str, number: int) -> dict[str, float] | None:
    if raw is None:
        return None
    problem = f"{name}: exchange {number}: timing is {{first_token_ms, total_ms}}, 0 <= first <= total <= " \
              f"{MAX_TIMING_MS:,} ms"
    if not isinstance(raw, dict) or set(raw) - {"first_token_ms", "total_ms"} or "total_ms" not in raw:
        raise ValueError(problem)
    total, first = raw["total_ms"], raw.get("first_token_ms", raw["total_ms"])
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (first, total)) \
            or not 0 <= first <= total <= MAX_TIMING_MS:
        raise ValueError(problem)
    return {"first_token_ms": float(first), "total_ms": float(total)}


def delays(scenario: Scenario, exchange: Exchange) -> tuple[float, float] | None:
    """(seconds to the first byte or stream event, seconds to the last) for a timed exchange, paced; else None.
    A reply that is not streamed arrives whole after the total time; a stream's first event after the first
    time and the others spread evenly up to the total (in process and from the broker alike)."""
    if exchange.timing is None or scenario.pace == 0:
        return None
    first, total = exchange.timing["first_token_ms"], exchange.timing["total_ms"]
    return first * scenario.pace / 1000, total * scenario.pace / 1000


def _texts(value: Any) -> list[str]:
    return [str(v).lower() for v in (value if isinstance(value, list) else [value])]


def _regexes(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v["regex"] for v in values if isinstance(v, dict) and "regex" in v]


def _path_matches(expected: Any, path: str) -> bool:
    """A substring of the path (case-insensitive), {regex: PATTERN} searched in it, or a list of either."""
    for option in expected if isinstance(expected, list) else [expected]:
        if isinstance(option, dict) and re.search(option["regex"], path):
            return True
        if isinstance(option, str) and option.lower() in path.lower():
            return True
    return False


def matches(when: dict[str, Any], api: str, view: wire.RequestView) -> str | None:
    """None if every predicate holds, else the name of the first that does not.

    Strings compare case-insensitively as substrings; a list means "any of these".
    Keys: api, provider, model, system, user (last user turn), any (anywhere in the prompt),
    tools (all named tools offered), tool_result (text in a tool result; true/false: any/none), stream,
    method (GET, POST, ...), path (a substring, or {regex: PATTERN}).
    A batch or file request (wire.JOB_APIS) matches only an exchange whose `when` names its api.
    """
    if api in wire.JOB_APIS and "api" not in when:
        return "api (a batch or file request is answered only by an exchange that names its api)"
    users = [text for role, text in view.messages if role == "user"]
    everything = "\n".join([view.system or "", *(text for _, text in view.messages), *view.tool_results]).lower()
    checks = {
        "api": lambda v: api in v if isinstance(v, list) else api == v,
        "provider": lambda v: PROVIDER_OF_API[api] in _texts(v),
        "model": lambda v: any(t in (view.model or "").lower() for t in _texts(v)),
        "system": lambda v: any(t in (view.system or "").lower() for t in _texts(v)),
        "user": lambda v: bool(users) and any(t in users[-1].lower() for t in _texts(v)),
        "any": lambda v: any(t in everything for t in _texts(v)),
        "tools": lambda v: all(t in [n.lower() for n in view.tool_names] for t in _texts(v)),
        "tool_result": lambda v: bool(view.tool_results) == v if isinstance(v, bool)
        else any(t in "\n".join(view.tool_results).lower() for t in _texts(v)),
        "stream": lambda v: view.stream == bool(v),
        "method": lambda v: view.method.upper() in [t.upper() for t in _texts(v)],
        "path": lambda v: _path_matches(v, view.path),
    }
    for key, expected in when.items():
        if key not in checks:
            return f"{key} (unknown predicate; known: {', '.join(checks)})"
        if not checks[key](expected):
            return key
    return None


def respond(exchange: Exchange, api: str, view: wire.RequestView) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) for this exchange, in `api`'s wire format. A timeout is raised by the caller."""
    if exchange.reply is not None:
        headers, body = wire.render_reply(api, exchange.reply, stream=view.stream, model=exchange.reply.model or view.model,
                                          stream_usage=view.stream_usage)
        return 200, headers, body
    if exchange.response is not None:
        raw = exchange.response
        if "jsonl" in raw:  # JSON Lines, as batch results and batch output files come
            body = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in raw["jsonl"])
            content_type = "application/x-jsonl"
        else:
            body = raw.get("body", "")
            content_type = "application/json" if isinstance(body, (dict, list)) else \
                "text/event-stream" if api in wire.CHAT_APIS else "application/octet-stream"
        headers = {"content-type": raw.get("content_type", content_type), **raw.get("headers", {})}
        return int(raw.get("status", 200)), headers, body if isinstance(body, str) else json.dumps(body)
    error = exchange.error if isinstance(exchange.error, dict) else {}
    status = int(error.get("status", 500))
    headers, body = wire.render_error(api, status, error.get("message", f"replayed error {status}"),
                                      retry_after=error.get("retry_after"))
    return status, headers, body


def is_timeout(exchange: Exchange) -> bool:
    return exchange.error == "timeout" or (isinstance(exchange.error, dict) and exchange.error.get("timeout"))
