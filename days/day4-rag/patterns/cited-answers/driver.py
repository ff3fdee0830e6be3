"""What the graders call: run the student's `cited_answers` package and hand back plain JSON data only.

The corpus is read here from the installed click (every module), not from the submission; chunks arrive from
the test as data ({path, start, end, text, score}); the client is `agentkit.Client(provider)`, answered by the
scenario the test gives.
"""
from __future__ import annotations

import functools
from pathlib import Path

import agentkit


@functools.lru_cache(maxsize=1)
def corpus() -> dict[str, str]:
    import click

    root = Path(click.__file__).parent
    return {f"click/{file.name}": file.read_text(encoding="utf-8") for file in sorted(root.glob("*.py"))}


def citation(c) -> list:
    return [str(c.path), int(c.start), int(c.end), None if c.quote is None else str(c.quote), str(c.text)]


def problems(found) -> list:
    return [[str(p.reason), str(p.where)] for p in found]


def parse(submission, texts: list[str]) -> list:
    return [[citation(c) for c in submission.parse_citations(text)] for text in texts]


def chunks_of(submission, chunks: list[dict]) -> list:
    return [submission.Chunk(c["path"], int(c["start"]), int(c["end"]), c["text"], float(c["score"])) for c in chunks]


def check(submission, answers: list[str], chunks: list[dict]) -> list:
    files, sent = dict(corpus()), chunks_of(submission, chunks)
    return [problems(submission.check_citations(text, sent, files)) for text in answers]


def ask(submission, provider: str, question: str, chunks: list[dict], min_score: float) -> dict:
    client = agentkit.Client(provider)
    got = submission.answer(client, question, chunks_of(submission, chunks), dict(corpus()), min_score=min_score)
    return {"status": str(got.status), "text": None if got.text is None else str(got.text),
            "citations": [citation(c) for c in got.citations], "problems": problems(got.problems),
            "calls": int(got.calls), "client_calls": len(client.calls)}
