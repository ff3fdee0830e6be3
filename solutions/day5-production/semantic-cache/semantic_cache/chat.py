"""The semantic cache in front of a model: ask the model only when no stored question means the same."""
from __future__ import annotations

### BEGIN SOLUTION
import hashlib
import json
### END SOLUTION
from typing import Any


def namespace_of(model: str, system: str | None, **params: Any) -> str:
    ### BEGIN STARTER
    # """A string that is the same for the same model, system prompt and parameters (in any order), in every
    # process, and different when any of them differs."""
    # # TODO step 6: hashlib.sha256 of json.dumps({...}, sort_keys=True). Not hash(): it is salted per process.
    # raise NotImplementedError("step 6: namespace_of")
    ### END STARTER
    ### BEGIN SOLUTION
    """A digest of everything but the question that can change the answer: the model, the system prompt and
    the parameters. Questions in different namespaces never share an answer, however similar they are."""
    payload = {"model": model, "system": system or "", "params": params}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
    ### END SOLUTION


def cached_chat(cache, client, question: str, *, system: str | None = None, model: str | None = None,
                **params: Any) -> str:
    ### BEGIN STARTER
    # """`client.chat(question, system=..., model=..., **params).text`, served from `cache` when a question
    # that means the same was answered before under the same model, system prompt and parameters.
    #
    # Only complete answers are stored (stop reason "end", some text). Whatever the client raises propagates, and
    # nothing is stored.
    # """
    ### END STARTER
    ### BEGIN SOLUTION
    """`client.chat(question, system=..., model=..., **params).text`, served from `cache` when a question
    that means the same was answered before under the same model, system prompt and parameters.

    Only complete answers are stored (stop reason "end", some text): a truncated or refused answer is not
    worth serving again. Whatever the client raises propagates, and nothing is stored.
    """
    ### END SOLUTION
    if not isinstance(question, str):
        raise TypeError("cached_chat takes one question as a string: the meaning of a whole conversation is not "
                        "one embedding, so multi-turn requests should not be served from a semantic cache")
    ### BEGIN STARTER
    # # TODO step 6: namespace from (model or client.model, system, params); cache.lookup; on a miss call the
    # # client and store the reply's text.
    # raise NotImplementedError("step 6: cached_chat")
    ### END STARTER
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
