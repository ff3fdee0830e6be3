"""What the graders call: run the student's `prompt_isolation` package and hand back plain JSON data only.

Boundaries are made deterministic where a test needs them: either passed explicitly (`boundary=`), or drawn
from a list of `tokens` that stands in for the random source."""
from __future__ import annotations

import agentkit


def prompt_of(isolated) -> dict:
    system, user = isolated
    return {"system": str(system), "user": str(user)}


def token_source(tokens: list[str]):
    remaining = iter(tokens)

    def new_boundary() -> str:
        try:
            return next(remaining)
        except StopIteration:
            raise RuntimeError(f"new_boundary() was called more than {len(tokens)} times") from None

    return new_boundary


def build(submission, system: str, user_input: str, documents: list[str] | None = None, boundary: str | None = None,
          tokens: list[str] | None = None) -> dict:
    """One `isolate(...)` call: {"system", "user"}, or {"raised": "ValueError: ..."} if it raised a ValueError."""
    options = {"new_boundary": token_source(tokens)} if tokens is not None else {}
    try:
        return prompt_of(submission.isolate(system, user_input, list(documents or []), boundary, **options))
    except ValueError as exc:
        return {"raised": f"{type(exc).__name__}: {exc}"}


def build_each(submission, system: str, inputs: list[str], documents: list[str] | None = None,
               boundary: str | None = None) -> dict:
    """`isolate` once per user input, with the same documents and boundary: a list of {"system", "user"}."""
    return {"prompts": [prompt_of(submission.isolate(system, text, list(documents or []), boundary))
                        for text in inputs]}


def ask(submission, provider: str, system: str, questions: list[dict]) -> dict:
    """Each {"user_input", "documents"} through one `IsolatedChat(client, system)`; the text of each reply."""
    chat = submission.IsolatedChat(agentkit.Client(provider), system)
    answers = []
    for question in questions:
        reply = chat.ask(question["user_input"], list(question.get("documents", [])))
        answers.append(str(reply.text))
    return {"answers": answers}
