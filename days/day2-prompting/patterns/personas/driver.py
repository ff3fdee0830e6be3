"""What the graders call: run the student's `personas` package and hand back plain JSON data only.

Artifacts travel as [kind, name, text] lists; a persona by its name in the package's given PERSONAS. The client
is `agentkit.Client(provider)`, answered by the scenario the test names; what was sent is read on the grader's side.
"""
from __future__ import annotations

import agentkit


def artifacts_of(submission, raw: list[list[str]]) -> list:
    return [submission.Artifact(kind, name, text) for kind, name, text in raw]


def review_data(review) -> dict:
    return {"findings": [[str(f.severity), str(f.path), int(f.line), str(f.message)] for f in review.findings],
            "verdict": None if review.verdict is None else str(review.verdict), "rejected": int(review.rejected)}


def consult(submission, provider: str, persona: str, artifacts: list, request: str) -> str:
    client = agentkit.Client(provider)
    return str(submission.ask(client, submission.PERSONAS[persona], artifacts_of(submission, artifacts), request).text)


def review(submission, provider: str, artifacts: list, request: str) -> dict:
    client = agentkit.Client(provider)
    return review_data(submission.review(client, artifacts_of(submission, artifacts), request))


def parse_all(submission, replies: list[str], artifacts: list) -> list[dict]:
    return [review_data(submission.parse_review(text, artifacts_of(submission, artifacts))) for text in replies]


def inject_kinds(submission, kinds: list[str]) -> list[str]:
    outcomes = []
    for kind in kinds:
        try:
            submission.inject([submission.Artifact(kind, "x", "text")])
            outcomes.append("ok")
        except ValueError:
            outcomes.append("ValueError")
        except Exception as exc:  # noqa: BLE001 - the test reads which error
            outcomes.append(type(exc).__name__)
    return outcomes
