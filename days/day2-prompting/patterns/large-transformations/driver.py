"""What the graders call: run the student's `large_transformations` package and hand back plain JSON data only.

The module is the package's given `LEGACY` unless a test passes its own source; the client is
`agentkit.Client(provider)`, answered by the scenario the test names."""
from __future__ import annotations

import agentkit


def split(submission, sources: list[str]) -> list:
    return [[[chunk.name, chunk.code] for chunk in submission.split_module(source)] for source in sources]


def check(submission, pairs: list[list], codes: list[str]) -> dict:
    return {"problems": [submission.check_piece(original, transformed) for original, transformed in pairs],
            "names": [sorted(submission.public_names(code)) for code in codes]}


def migrate(submission, provider: str) -> dict:
    got = submission.migrate(agentkit.Client(provider), submission.LEGACY, submission.INSTRUCTIONS)
    return {"legacy": submission.LEGACY,
            **{key: got.get(key) for key in ("source", "decisions", "failed", "calls")}}
