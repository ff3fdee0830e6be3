"""What the graders call: run the student's `model_router` package and hand back plain JSON data only."""
from __future__ import annotations

import agentkit


def error_of(exc: BaseException) -> dict:
    return {"kind": type(exc).__name__, "message": str(exc)[:500]}


def request_of(submission, spec: dict):
    return submission.Request(spec["prompt"], spec.get("system"), int(spec.get("max_tokens", 1024)))


def assessment_of(assessment) -> dict:
    return {"complexity": str(assessment.complexity), "reasons": [str(r) for r in assessment.reasons],
            "source": str(assessment.source)}


def route_of(route) -> dict:
    return {"model": str(route.model), "tier": str(route.tier), "estimated_cost": float(route.estimated_cost),
            "reasons": [str(r) for r in route.reasons], "input_tokens": int(route.input_tokens),
            "output_tokens": int(route.output_tokens), "source": str(route.source)}


def classify(submission, requests: list[dict]) -> list[dict]:
    """`assess(Request(...))` for each request: the label, the reasons and where the label came from."""
    return [assessment_of(submission.assess(request_of(submission, spec))) for spec in requests]


def build_router(submission, provider: str, tiers: dict) -> dict:
    """`Router(tiers, provider=provider)`: whether the table was accepted, or what was raised."""
    try:
        submission.Router(tiers, provider=provider)
    except Exception as exc:  # noqa: BLE001 - what it raised is the result
        return {"error": error_of(exc)}
    return {"error": None}


def route(submission, provider: str, tiers: dict, requests: list[dict]) -> list[dict]:
    """`Router(tiers, provider=provider).route(request)` for each request, without calling any model."""
    router = submission.Router(tiers, provider=provider)
    return [route_of(router.route(request_of(submission, spec))) for spec in requests]


def routed_chat(submission, provider: str, tiers: dict, requests: list[dict],
                classifier_model: str | None = None) -> list[dict]:
    """`RoutedClient(Client(provider), Router(...)).chat(...)` for each request, optionally with an LLMClassifier
    on `classifier_model`; the route and the reply (or the error) of each."""
    options = {}
    if classifier_model:
        options["classifier"] = submission.LLMClassifier(agentkit.Client(provider, classifier_model))
    routed = submission.RoutedClient(agentkit.Client(provider), submission.Router(tiers, provider=provider, **options))
    results = []
    for spec in requests:
        try:
            answer = routed.chat(spec["prompt"], system=spec.get("system"),
                                 max_tokens=int(spec.get("max_tokens", 1024)))
            results.append({"route": route_of(answer.route), "text": str(answer.reply.text), "error": None})
        except Exception as exc:  # noqa: BLE001
            results.append({"route": None, "text": None, "error": error_of(exc)})
    return results
