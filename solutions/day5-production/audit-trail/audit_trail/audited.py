### BEGIN STARTER
# """Record every model call an agent makes through `agentkit.Client`: which model, a hash of the prompt (the
# prompt itself only when asked), the decision the reply carried, and the tokens used.
#
#     client = audited(trail, agentkit.Client("anthropic"), actor="refund-agent")
#     client.chat(prompt, system=SYSTEM, audit={"subject": "T-1042"})
#
# or as a decorator for a function whose first argument is the client:
#
#     @audited(trail, actor="refund-agent")
#     def triage(client, ticket): ...
#
# Contract for `AuditedClient.chat(messages, *, audit=None, **options)`: call the wrapped client's
# `chat(messages, **options)` and append ONE entry with actor = self.actor:
#
# - on success, action "model_call", payload: the caller's `audit` fields, then (overriding them)
#   "model" (options["model"] or client.model), "provider" (client.provider), "prompt_sha256"
#   (prompt_digest(messages, options.get("system"))), "prompt" (prompt_turns(...), ONLY if record_prompt),
#   "decision" (self.decision(reply)), "reply_sha256", "stop_reason", "usage" ({"input_tokens",
#   "output_tokens"}) and "cost_usd" (reply.cost_usd);
# - on an `agentkit.LLMError`, action "model_call_failed" with the same facts plus "error" (the exception's
#   class name) and "status", then re-raise it.
# """
### END STARTER
### BEGIN SOLUTION
"""Record every model call an agent makes through `agentkit.Client`: which model, a hash of the prompt (the
prompt itself only when asked), the decision the reply carried, and the tokens used.

    client = audited(trail, agentkit.Client("anthropic"), actor="refund-agent")
    client.chat(prompt, system=SYSTEM, audit={"subject": "T-1042"})

or as a decorator for a function whose first argument is the client:

    @audited(trail, actor="refund-agent")
    def triage(client, ticket): ...
"""
### END SOLUTION
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

### BEGIN STARTER
# from agentkit import LLMError, Reply  # noqa: F401 - LLMError is what a failed call raises
### END STARTER
### BEGIN SOLUTION
from agentkit import LLMError, Reply
### END SOLUTION
from agentkit.client import as_messages

from audit_trail.canonical import canonical_json
from audit_trail.trail import AuditTrail


def prompt_turns(messages: str | list, system: str | None = None) -> dict[str, Any]:
    return {"system": system or "", "messages": [[m.role, m.content] for m in as_messages(messages)]}


def prompt_digest(messages: str | list, system: str | None = None) -> str:
    """SHA-256 of canonical_json({"system": system or "", "messages": [[role, content], ...]})."""
    return hashlib.sha256(canonical_json(prompt_turns(messages, system)).encode("utf-8")).hexdigest()


def decision_of(reply: Reply) -> str | None:
    """The `decision` field of a JSON object reply (a ```json fence is allowed), else None."""
    text = reply.text.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        data = json.loads(text)
    except ValueError:
        return None
    decision = data.get("decision") if isinstance(data, dict) else None
    return decision if isinstance(decision, str) else None


class AuditedClient:
    """Has the wrapped client's interface; `chat` also appends one entry per call, successful or not."""

    def __init__(self, client, trail: AuditTrail, *, actor: str, record_prompt: bool = False,
                 decision: Callable[[Reply], str | None] = decision_of):
        self.client, self.trail, self.actor = client, trail, actor
        self.record_prompt, self.decision = record_prompt, decision

    def chat(self, messages: str | list, *, audit: dict[str, Any] | None = None, **options: Any) -> Reply:
        ### BEGIN STARTER
        # # TODO step 6: see the module docstring. Never store the raw prompt unless record_prompt is set.
        # raise NotImplementedError("step 6: AuditedClient.chat")
        ### END STARTER
        ### BEGIN SOLUTION
        system = options.get("system")
        # The caller's fields first, so they cannot overwrite what the trail itself observed.
        facts = {**(audit or {}), "model": options.get("model") or self.client.model,
                 "provider": self.client.provider, "prompt_sha256": prompt_digest(messages, system)}
        if self.record_prompt:
            facts["prompt"] = prompt_turns(messages, system)
        try:
            reply = self.client.chat(messages, **options)
        except LLMError as exc:
            self.trail.append(self.actor, "model_call_failed",
                              {**facts, "error": type(exc).__name__, "status": exc.status})
            raise
        self.trail.append(self.actor, "model_call", {
            **facts,
            "decision": self.decision(reply),
            "reply_sha256": hashlib.sha256(reply.text.encode("utf-8")).hexdigest(),
            "stop_reason": reply.stop_reason,
            "usage": {"input_tokens": reply.usage.input_tokens, "output_tokens": reply.usage.output_tokens},
            "cost_usd": reply.cost_usd,
        })
        return reply
        ### END SOLUTION

    def __getattr__(self, name: str):
        return getattr(self.client, name)


def audited(trail: AuditTrail, client=None, *, actor: str = "agent", record_prompt: bool = False,
            decision: Callable[[Reply], str | None] = decision_of):
    """An audited client, or (without `client`) a decorator that audits the client passed to a function."""
    options = dict(actor=actor, record_prompt=record_prompt, decision=decision)
    if client is not None:
        return AuditedClient(client, trail, **options)

    def decorate(function):
        @functools.wraps(function)
        def wrapper(client, *args, **kwargs):
            return function(AuditedClient(client, trail, **options), *args, **kwargs)
        return wrapper

    return decorate
