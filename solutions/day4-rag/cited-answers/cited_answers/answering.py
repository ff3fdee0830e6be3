"""Answer from retrieved chunks only, every claim cited; check the citations; repair once or reject; and say
"I don't know" without calling the model when retrieval found nothing good enough.

The contract's fixed strings (word everything else as you like):
- The user message holds each kept chunk as a header line in the citation format, `[PATH:START-END]`, directly
  followed by the chunk's text, and the question.
- The system prompt tells the model to cite (the word "cite" and an example citation in the format).
- A repair is one more call: the same system prompt, and the conversation so far (the first user message, the
  model's answer as the assistant turn) plus a user message naming every failed citation as it was written (for
  an uncited claim, the line itself) with its reason.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import agentkit
from cited_answers.citations import Citation, Problem, check_citations, parse_citations
from cited_answers.sources import Chunk


@dataclass
class Answer:
    status: str                  # "answered", "repaired", "rejected" or "no evidence"
    text: str | None             # the checked answer; None when rejected or without evidence
    citations: list[Citation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what failed the last check (rejected), else []
    calls: int = 0               # model calls made


def header(chunk: Chunk) -> str:
    return f"[{chunk.path}:{chunk.start}-{chunk.end}]"


def build_prompt(question: str, chunks: list[Chunk]) -> tuple[str, str]:
    """(system prompt, user message) for the first call."""
    ### BEGIN SOLUTION
    system = ("You answer questions about a codebase from the source excerpts you are given, and from nothing else. "
              "Write one claim per line. End every line with the citation of the lines that support it, in the "
              "excerpts' own header format, for example [click/core.py:120-134], or [click/core.py:120] for one "
              "line; to quote, add the exact code in backticks inside the brackets, for example "
              "[click/core.py:121-122 `return rv`]. Cite only lines inside an excerpt you were given. If the "
              "excerpts do not answer the question, write one line saying so, citing the closest excerpt.")
    excerpts = "\n\n".join(f"{header(chunk)}\n{chunk.text}" for chunk in chunks)
    user = f"<sources>\n{excerpts}\n</sources>\n\nQuestion: {question}"
    return system, user
    ### END SOLUTION


def repair_request(problems: list[Problem]) -> str:
    ### BEGIN SOLUTION
    listed = "\n".join(f"- {problem.where or '(empty answer)'}: {problem.reason}" for problem in problems)
    return ("Some of your citations failed the check against the source files:\n" + listed + "\n\nRewrite the "
            "answer. Fix each of these citations or drop the claim it supports; every line must keep a valid "
            "citation of lines inside the excerpts.")
    ### END SOLUTION


def answer(client: agentkit.Client, question: str, chunks: list[Chunk], corpus: dict[str, str], *,
           min_score: float = 0.35, max_tokens: int = 800) -> Answer:
    """Keep the chunks scoring at least `min_score` (in their order). None left: status "no evidence", no call.
    Else ask, check the answer's citations against the kept chunks and the corpus; all valid: "answered". Otherwise
    one repair call and a second check: valid is "repaired", still invalid is "rejected" (text None)."""
    ### BEGIN SOLUTION
    kept = [chunk for chunk in chunks if chunk.score >= min_score]
    if not kept:
        return Answer("no evidence", None)
    system, user = build_prompt(question, kept)
    first = client.chat(user, system=system, max_tokens=max_tokens).text
    problems = check_citations(first, kept, corpus)
    if not problems:
        return Answer("answered", first, parse_citations(first), [], 1)
    history = [agentkit.Message.user(user), agentkit.Message.assistant(first),
               agentkit.Message.user(repair_request(problems))]
    second = client.chat(history, system=system, max_tokens=max_tokens).text
    problems = check_citations(second, kept, corpus)
    if problems:
        return Answer("rejected", None, [], problems, 2)
    return Answer("repaired", second, parse_citations(second), [], 2)
    ### END SOLUTION
