"""What the graders call, in the submission's process: run the student's `analyzer` on a source, or serve its app on
the unix socket the test names until the test stops it; hand back plain data only.

Nothing returned here is evidence of what the code sent: the tests judge that from what the grader's broker
recorded outside this process (each model request, and what answered it)."""
from __future__ import annotations

import time

import agentkit
from autograder import local_service

LIMITS = ("max_input_tokens", "max_attempts", "max_reply_tokens")


def settings_of(submission, limits: dict):
    given = {name: value for name, value in limits.items() if name in LIMITS and value is not None}
    return submission.Settings(**given)


def analyze_source(submission, provider: str, source: str, **limits) -> dict:
    """One `analyze(client, source, settings)`: the Analysis as JSON data, or the name of what it raised."""
    try:
        analysis = submission.analyze(agentkit.Client(provider), source, settings_of(submission, limits))
    except Exception as exc:  # noqa: BLE001 - what it raised is the result, by name
        return {"raised": type(exc).__name__, "message": str(exc)[:2000], "analysis": None}
    dump = analysis.model_dump(mode="json") if hasattr(analysis, "model_dump") else repr(analysis)
    return {"raised": None, "message": None, "analysis": dump}


def extract(submission, text: str) -> dict:
    """One `extract_json(text)`: the object it returned, or the name of what it raised."""
    try:
        return {"raised": None, "value": submission.extract_json(text)}
    except Exception as exc:  # noqa: BLE001
        return {"raised": type(exc).__name__, "value_error": isinstance(exc, ValueError), "value": None}


def ground(submission, source: str, issues: list[dict]) -> dict:
    """One `ground([Issue(**i) ...], source)`: the kept issues' lines and snippets, in order."""
    kept = submission.ground([submission.Issue(**issue) for issue in issues], source)
    return {"kept": [[issue.line, issue.snippet] for issue in kept]}


def start(submission, socket: str, provider: str, **limits) -> dict:
    """One app on `socket`, with the given limits (the Settings defaults for the others)."""
    app = submission.create_app(settings_of(submission, limits), agentkit.Client(provider))
    local_service.serve(app, socket)
    return {"serving": True}


def settle(submission, timeout: float = 10.0) -> dict:
    return {"idle": True}  # the app does no background work


def stop(submission) -> dict:
    local_service.stop_all()
    return {"stopped": time.time()}
