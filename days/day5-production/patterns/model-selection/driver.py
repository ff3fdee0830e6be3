"""What the graders call: run the student's `model_selection` package and hand back plain JSON data only."""
from __future__ import annotations

import agentkit


def failure(exc: BaseException) -> dict:
    return {"kind": type(exc).__name__, "message": str(exc)[:500]}


def selector_for(submission, provider: str, candidates: list):
    return submission.ModelSelector([submission.Candidate(model, int(rank)) for model, rank in candidates],
                                    provider=provider)


def budget_of(submission, spec: dict):
    return submission.Budget(float(spec["per_request_cap"]), float(spec["remaining_daily"]),
                             float(spec["remaining_monthly"]), float(spec.get("max_share", 0.1)))


def selection_of(selection) -> dict:
    return {"model": str(selection.model), "rank": int(selection.rank),
            "worst_case_cost": float(selection.worst_case_cost), "limit": float(selection.limit),
            "input_tokens": int(selection.input_tokens), "max_tokens": int(selection.max_tokens)}


def build(submission, provider: str, candidates: list) -> dict:
    """`ModelSelector(candidates, provider=provider)`: accepted, or what it raised."""
    try:
        selector_for(submission, provider, candidates)
    except Exception as exc:  # noqa: BLE001 - what it raised is the result
        return {"error": failure(exc)}
    return {"error": None}


def choose(submission, provider: str, candidates: list, cases: list[dict]) -> list[dict]:
    """`choose(complexity, input_tokens=..., max_tokens=..., budget=Budget(...))` for each case."""
    selector = selector_for(submission, provider, candidates)
    results = []
    for case in cases:
        try:
            selection = selector.choose(case["complexity"], input_tokens=int(case["input_tokens"]),
                                        max_tokens=int(case["max_tokens"]), budget=budget_of(submission, case))
            results.append({"selection": selection_of(selection), "error": None})
        except Exception as exc:  # noqa: BLE001
            results.append({"selection": None, "error": failure(exc)})
    return results


def choose_and_chat(submission, provider: str, candidates: list, prompt: str, complexity: str, budget: dict,
                    max_tokens: int, system: str | None = None) -> dict:
    """`ModelSelector(...).chat(Client(provider), prompt, ...)`: the selection and the reply, or the error."""
    selector = selector_for(submission, provider, candidates)
    try:
        chosen = selector.chat(agentkit.Client(provider), prompt, complexity=complexity,
                               budget=budget_of(submission, budget), system=system, max_tokens=max_tokens)
    except Exception as exc:  # noqa: BLE001
        return {"selection": None, "text": None, "error": failure(exc)}
    return {"selection": selection_of(chosen.selection), "text": str(chosen.reply.text), "error": None}
