"""The semantic cache in front of a model: ask the model only when no stored question means the same."""
from __future__ import annotations

from typing import Any


def namespace_of(model: str, system: str | None, **params: Any) -> str:
    """A string that is the same for the same model, system prompt and parameters (in any order), in every
    process, and different when any of them differs."""
    # TODO step 6: hashlib.sha256 of json.dumps({...}, sort_keys=True). Not hash(): it is salted per process.
    raise NotImplementedError("step 6: namespace_of")


def cached_chat(cache, client, question: str, *, system: str | None = None, model: str | None = None,
                **params: Any) -> str:
    """`client.chat(question, system=..., model=..., **params).text`, served from `cache` when a question
    that means the same was answered before under the same model, system prompt and parameters.

    Only complete answers are stored (stop reason "end", some text). Whatever the client raises propagates, and
    nothing is stored.
    """
    if not isinstance(question, str):
        raise TypeError("cached_chat takes one question as a string: the meaning of a whole conversation is not "
                        "one embedding, so multi-turn requests should not be served from a semantic cache")
    # TODO step 6: namespace from (model or client.model, system, params); cache.lookup; on a miss call the
    # client and store the reply's text.
    raise NotImplementedError("step 6: cached_chat")
