"""What the graders call: run the student's `prompt_anatomy` package and hand back plain JSON data only.

A spec is a dict of PromptSpec's fields, its `context` a list of [tag, text] pairs. The client is
`agentkit.Client(provider)`, answered by the scenario the test names; what was sent is read on the grader's side.
"""
from __future__ import annotations

import agentkit


def outcome(call) -> dict:
    try:
        return {"value": call()}
    except Exception as exc:  # noqa: BLE001 - the test reads which error, as data
        return {"raised": type(exc).__name__, "is_value_error": isinstance(exc, ValueError)}


def delimit_all(submission, cases: list[list[str]]) -> list[dict]:
    return [outcome(lambda tag=tag, text=text: str(submission.delimit(tag, text))) for tag, text in cases]


def make_spec(submission, spec: dict):
    fields = dict(spec)
    fields["context"] = tuple(submission.Source(tag, text) for tag, text in spec.get("context", []))
    fields["rules"] = tuple(spec.get("rules", []))
    return submission.PromptSpec(**fields)


def ask_all(submission, provider: str, specs: list[dict]) -> list[dict]:
    client = agentkit.Client(provider)
    return [outcome(lambda spec=spec: str(submission.ask(client, make_spec(submission, spec)).text)) for spec in specs]
