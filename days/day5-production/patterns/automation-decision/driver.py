"""What the graders call: run the student's `automation_decision` package and hand back plain JSON data only.

Task profiles arrive as plain dicts. The monotonicity check generates profiles from a seeded random source,
makes each one riskier in one respect at a time, and compares the levels by the driver's own order of the
four answers, so it does not depend on the submission's `rank`.
"""
from __future__ import annotations

import random

LEVELS = ["AUTOMATE", "AUTOMATE_WITH_REVIEW", "HUMAN_APPROVAL_REQUIRED", "DO_NOT_AUTOMATE"]
REVERSIBILITY = ["easy", "costly", "irreversible"]
IMPACT = ["low", "moderate", "high", "critical"]
REGULATED = ["medical", "legal", "credit", "insurance", "employment", "education", "housing", "public_benefits",
             "law_enforcement", "migration"]


def name_of(level) -> str:
    return str(getattr(level, "value", level))


def plain_decision(decision) -> dict:
    score = decision.score
    return {
        "level": name_of(decision.level),
        "decided_by": str(decision.decided_by),
        "reasons": [{"rule": str(r.rule), "level": name_of(r.level), "text": str(r.text)} for r in decision.reasons],
        "score": {"points": int(score.points), "level": name_of(score.level),
                  "breakdown": {str(k): int(v) for k, v in score.breakdown.items()}},
    }


def raised(exc: Exception) -> dict:
    return {"raised": type(exc).__name__, "is_value_error": isinstance(exc, ValueError), "message": str(exc),
            "problems": [str(p) for p in getattr(exc, "problems", [])]}


def decide_cases(submission, cases: dict) -> dict:
    """`evaluate(profile)` for each named profile: the decision, or what was raised."""
    out = {}
    for name, profile in cases.items():
        try:
            out[name] = plain_decision(submission.decide(submission.parse_task(profile)))
        except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
            out[name] = raised(exc)
    return out


def parse_cases(submission, cases: dict) -> dict:
    """`parse_task(profile)` for each named profile: the validated fields, or what was raised."""
    out = {}
    for name, profile in cases.items():
        try:
            task = submission.parse_task(profile)
            out[name] = {"parsed": {k: name_of(v) if hasattr(v, "value") else v for k, v in dict(task).items()}}
        except Exception as exc:  # noqa: BLE001
            out[name] = raised(exc)
    return out


def random_profile(rng: random.Random, number: int) -> dict:
    accuracy = rng.choice([None, 0.82, 0.91, 0.93, 0.96, 0.985, 0.992, 0.999, 1.0])
    cases = rng.choice([0, 30, 99, 100, 400, 20_000]) if accuracy is None else rng.choice([12, 99, 100, 400, 20_000])
    return {
        "name": f"generated task {number}",
        "reversibility": rng.choice(REVERSIBILITY),
        "impact": rng.choice(IMPACT),
        "blast_radius": rng.choice([0, 1, 2, 80, 100, 101, 5_000, 200_000]),
        "error_cost_eur": rng.choice([0, 20, 99.5, 100, 2_500, 9_999, 10_000, 250_000, 2_000_000]),
        "domain": rng.choice(["general", "general", "general", *REGULATED]),
        "decides_about_people": rng.random() < 0.4,
        "measured_accuracy": accuracy,
        "evaluated_cases": cases,
        "volume_per_day": rng.choice([0, 10, 100, 101, 3_000, 10_000, 50_000]),
        "human_review_in_time": rng.random() < 0.6,
    }


def riskier_variants(p: dict) -> list[tuple[str, dict]]:
    """Each variant is `p` made riskier in exactly one respect."""
    out = []

    def step(field: str, value) -> None:
        if value != p[field]:
            out.append((f"{field}: {p[field]!r} -> {value!r}", {**p, field: value}))

    step("reversibility", REVERSIBILITY[min(REVERSIBILITY.index(p["reversibility"]) + 1, 2)])
    step("impact", IMPACT[min(IMPACT.index(p["impact"]) + 1, 3)])
    step("blast_radius", p["blast_radius"] * 10 + 1)
    step("error_cost_eur", p["error_cost_eur"] * 10 + 100)
    if p["domain"] == "general":
        step("domain", REGULATED[len(out) % len(REGULATED)])
    step("decides_about_people", True)
    if p["measured_accuracy"] is not None:
        step("measured_accuracy", round(max(p["measured_accuracy"] - 0.04, 0.0), 4))
        out.append(("measured_accuracy -> None (never measured)", {**p, "measured_accuracy": None}))
        step("evaluated_cases", max(1, p["evaluated_cases"] // 3))
    step("volume_per_day", p["volume_per_day"] * 10 + 50)
    step("human_review_in_time", False)
    return out


def monotonicity(submission, seed: int, count: int) -> dict:
    """For `count` random profiles: every one-step riskier variant must get the same or a less automated level."""
    rng = random.Random(seed)
    checked, violations, errors = 0, [], []
    for number in range(count):
        profile = random_profile(rng, number)
        try:
            base = name_of(submission.decide(submission.parse_task(profile)).level)
            for change, variant in riskier_variants(profile):
                level = name_of(submission.decide(submission.parse_task(variant)).level)
                checked += 1
                if LEVELS.index(level) < LEVELS.index(base):
                    violations.append({"profile": profile, "change": change, "before": base, "after": level})
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
            if len(errors) >= 3:
                break
    return {"checked": checked, "violations": violations[:3], "violation_count": len(violations), "errors": errors}
