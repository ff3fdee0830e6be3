"""What the bot says: one model call per question."""
from __future__ import annotations

import re

ASSISTANT_SYSTEM = ("You are the engineering team's assistant in Slack. Answer in at most five sentences, using "
                    "Slack mrkdwn (*bold*, `code`). If you do not know, say so.")
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def strip_mentions(text: str) -> str:
    """'hey <@U0BOT> what is up' -> 'hey what is up' (wherever the mentions are, however many)."""
    return re.sub(r"\s{2,}", " ", MENTION.sub("", text)).strip()


def answer_question(llm, question: str, *, max_tokens: int = 500) -> str:
    reply = llm.chat(question, system=ASSISTANT_SYSTEM, max_tokens=max_tokens)
    return reply.text
