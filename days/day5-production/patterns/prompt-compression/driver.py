"""What the graders call: run the student's `prompt_compression` package and hand back plain JSON data only.

Each compression comes back as its text and token counts, or as the name of the exception it raised, so a
test can tell "compressed badly" from "refused to compress". The tests count tokens again themselves.
"""
from __future__ import annotations

import agentkit

REVIEWER = "You review Python code for the payments team. Point out bugs first, then style."
SUPPORT = "You are the platform team's deployment assistant. Answer with the cause first, then the fix."


def _outcome(call) -> dict:
    try:
        result = call()
    except Exception as exc:  # noqa: BLE001 - the raised type is part of the contract (PromptTooLong)
        return {"raised": type(exc).__name__, "value_error": isinstance(exc, ValueError), "message": str(exc)[:300]}
    return {"text": str(result.text), "original_tokens": int(result.original_tokens),
            "compressed_tokens": int(result.compressed_tokens), "ratio": float(result.ratio)}


def compress_many(submission, prompts: list[str], options: dict | None = None) -> dict:
    """`compress(prompt, **options)` for each prompt."""
    return {"results": [_outcome(lambda p=prompt: submission.compress(p, **(options or {}))) for prompt in prompts]}


def compress_twice(submission, prompts: list[str], options: dict | None = None) -> dict:
    """Each prompt compressed, then its result compressed again with the same options."""
    pairs = []
    for prompt in prompts:
        once = _outcome(lambda p=prompt: submission.compress(p, **(options or {})))
        twice = _outcome(lambda: submission.compress(once["text"], **(options or {}))) if "text" in once else once
        pairs.append([once, twice])
    return {"pairs": pairs}


def ask(submission, provider: str, question: str, options: dict | None = None) -> dict:
    """One question through CompressedClient(agentkit.Client(provider)); the answer, what `compress` alone
    makes of the question, and the client's saved_tokens."""
    client = submission.CompressedClient(agentkit.Client(provider), **(options or {}))
    reply = client.chat(question, system=REVIEWER, max_tokens=300)
    return {"answer": str(reply.text), "compressed_alone": str(submission.compress(question).text),
            "saved_tokens": int(client.saved_tokens)}


def converse(submission, provider: str, messages: list[dict], max_prompt_tokens: int) -> dict:
    """A whole conversation through CompressedClient with a prompt budget; the answer."""
    client = submission.CompressedClient(agentkit.Client(provider), max_prompt_tokens=max_prompt_tokens)
    return {"answer": str(client.chat(messages, system=SUPPORT, max_tokens=400).text)}
