"""What the graders call: hold a conversation through the student's `Conversation` and hand back plain data only
(what was sent to the model, chat and summary calls alike, is recorded by the grader).

`chat(submission, provider, turns, budget_tokens, pins, ...)` -> {"replies": [text or {"raised", "message"}]}.
"""
from __future__ import annotations

import agentkit

SYSTEM = "You are the incident review assistant. Answer concisely and keep every number exact."


def chat(submission, provider: str, turns: list[str], budget_tokens: int, pins: list[str] = (),
         summary_max_tokens: int = 150, max_tokens: int = 400) -> dict:
    client = agentkit.Client(provider)
    conversation = submission.Conversation(client, system=SYSTEM, budget_tokens=budget_tokens,
                                           max_tokens=max_tokens, summary_max_tokens=summary_max_tokens)
    for fact in pins:
        conversation.pin(fact)
    replies = []
    for text in turns:
        try:
            replies.append(str(conversation.ask(text)))
        except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
            replies.append({"raised": type(exc).__name__, "message": str(exc)[:300]})
    return {"replies": replies}
