"""What the bot says: one model call per question."""
from __future__ import annotations

### BEGIN STARTER
# import re  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import re
### END SOLUTION

ASSISTANT_SYSTEM = ("You are the engineering team's assistant in Slack. Answer in at most five sentences, using "
                    "Slack mrkdwn (*bold*, `code`). If you do not know, say so.")
### BEGIN SOLUTION
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
### END SOLUTION


def strip_mentions(text: str) -> str:
    ### BEGIN STARTER
    # """'hey <@U0BOT> what is up' -> 'hey what is up'.
    #
    # TODO step 2: remove every user mention (<@U123ABC> or <@U123ABC|name>) wherever it is, and tidy the spaces.
    # (The handout's text.split(">", 1)[1] drops whatever came before the mention.)"""
    # raise NotImplementedError("step 2: strip_mentions")
    ### END STARTER
    ### BEGIN SOLUTION
    """'hey <@U0BOT> what is up' -> 'hey what is up' (wherever the mentions are, however many)."""
    return re.sub(r"\s{2,}", " ", MENTION.sub("", text)).strip()
    ### END SOLUTION


def answer_question(llm, question: str, *, max_tokens: int = 500) -> str:
    reply = llm.chat(question, system=ASSISTANT_SYSTEM, max_tokens=max_tokens)
    return reply.text
