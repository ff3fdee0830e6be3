"""Conversation: ask() sends the newest turns that fit the budget, with the pinned facts and a running summary of
everything older in the system prompt."""
from __future__ import annotations

from agentkit import Client, Message

from context_window.counting import prompt_tokens

SUMMARY_SYSTEM = ("Summarise the earlier part of a conversation for the assistant that continues it. Keep names, "
                  "numbers, decisions and open questions; drop pleasantries. Plain prose, at most 100 words.")


def summary_prompt(previous: str | None, dropped: list[dict]) -> str:
    """The one user message of a summary call: the summary so far (if any) and the turns that fell out."""
    lines = [f"Summary so far:\n{previous}\n"] if previous else []
    lines.append("Turns to fold into the summary:")
    lines += [f"{turn['role']}: {turn['content']}" for turn in dropped]
    return "\n".join(lines)


class Conversation:
    """`Conversation(client, system=..., budget_tokens=...)`; `pin(fact)`; `ask(text)` -> the reply's text.

    Every chat request fits `budget_tokens` (counting.prompt_tokens of the system prompt and the turns sent). Room
    is kept for a summary of up to `summary_max_tokens`, so the summary never pushes a request over the budget.
    """

    def __init__(self, client: Client, *, system: str, budget_tokens: int, max_tokens: int = 400,
                 summary_max_tokens: int = 150):
        self.client, self.system, self.budget_tokens = client, system, budget_tokens
        self.max_tokens, self.summary_max_tokens = max_tokens, summary_max_tokens
        self.pinned: list[str] = []
        self.summary: str | None = None
        self.turns: list[dict] = []   # the window: the newest turns, oldest first, starting with a user turn

    def pin(self, fact: str) -> None:
        """A fact every later request carries, however long the conversation gets."""
        ### BEGIN SOLUTION
        self.pinned.append(fact)
        ### END SOLUTION

    def system_prompt(self, *, with_summary: bool = True) -> str:
        """The base system prompt, then the pinned facts, then the summary of the earlier conversation (if any)."""
        parts = [self.system]
        ### BEGIN SOLUTION
        if self.pinned:
            parts.append("Pinned facts (always true here):\n" + "\n".join(f"- {fact}" for fact in self.pinned))
        ### END SOLUTION
        if with_summary and self.summary:
            parts.append(f"Summary of the earlier conversation:\n{self.summary}")
        return "\n\n".join(parts)

    def turn_budget(self) -> int:
        """Tokens the turns may use: the budget, less the system prompt with the pinned facts and without the
        summary, less the room kept for the summary."""
        return self.budget_tokens - prompt_tokens(self.system_prompt(with_summary=False), []) \
            - self.summary_max_tokens

    def fit(self) -> None:
        """Make the turns fit turn_budget(): keep the longest run of newest turns that starts with a user turn and
        fits (prompt_tokens(None, kept) <= turn_budget()). If turns were dropped, fold them into the summary with
        ONE model call: system SUMMARY_SYSTEM, one user message summary_prompt(self.summary, dropped),
        max_tokens summary_max_tokens; the reply's text becomes self.summary. If not even the newest user turn
        fits, ValueError (nothing is sent)."""
        ### BEGIN SOLUTION
        room = self.turn_budget()
        if prompt_tokens(None, self.turns) <= room:
            return
        start = next((i for i in range(1, len(self.turns))
                      if self.turns[i]["role"] == "user" and prompt_tokens(None, self.turns[i:]) <= room), None)
        if start is None:
            raise ValueError(f"the newest turn alone needs {prompt_tokens(None, self.turns[-1:])} tokens; "
                             f"the budget leaves {room} for turns")
        dropped, self.turns = self.turns[:start], self.turns[start:]
        reply = self.client.chat([Message.user(summary_prompt(self.summary, dropped))], system=SUMMARY_SYSTEM,
                                 max_tokens=self.summary_max_tokens)
        self.summary = reply.text
        ### END SOLUTION

    def ask(self, text: str) -> str:
        """Add the user's turn, fit the window, send it, keep the reply as the assistant's turn."""
        self.turns.append({"role": "user", "content": text})
        try:
            self.fit()
        except ValueError:
            self.turns.pop()
            raise
        reply = self.client.chat(self.turns, system=self.system_prompt(), max_tokens=self.max_tokens)
        self.turns.append({"role": "assistant", "content": reply.text})
        return reply.text
