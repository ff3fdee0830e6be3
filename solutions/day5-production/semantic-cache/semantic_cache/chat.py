"""The semantic cache in front of a model: ask the model only when no stored question means the same."""
from __future__ import annotations

import hashlib
import json
from typing import Any


def namespace_of(model: str, system: str | None, **params: Any) -> str:
    """A digest of everything but the question that can change the answer: the model, the system prompt and
    the parameters. Questions in different namespaces never share an answer, however similar they are."""
    ### BEGIN SOLUTION
    payload = {"model": model, "system": system or "", "params": params}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
    ### END SOLUTION


def cached_chat(cache, client, question: str, *, system: str | None = None, model: str | None = None,
                **params: Any) -> str:
    """`client.chat(question, system=..., model=..., **params).text`, served from `cache` when a question
    that means the same was answered before under the same model, system prompt and parameters.

    Only complete answers are stored (stop reason "end", some text): a truncated or refused answer is not
    worth serving again. Whatever the client raises propagates, and nothing is stored.
    """
    if not isinstance(question, str):
        raise TypeError("cached_chat takes one question as a string: the meaning of a whole conversation is not "
                        "one embedding, so multi-turn requests should not be served from a semantic cache")
    ### BEGIN SOLUTION
    namespace = namespace_of(model or client.model, system, **params)
    hit = cache.lookup(question, namespace)
    if hit is not None:
        return hit.answer
    reply = client.chat(question, system=system, model=model, **params)
    if reply.stop_reason == "end" and reply.text:
        cache.set(question, reply.text, namespace)
    return reply.text
    ### END SOLUTION
