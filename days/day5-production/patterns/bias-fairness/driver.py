"""What the graders call: run the student's `bias_fairness` package and hand back plain JSON data only.

Fairness tables arrive as counts per group ({"n": 100, "selected": 60} or, with labels, {"tp", "fp", "fn",
"tn"}); the driver expands them into one record per person, in a shuffled order from a fixed seed, so the
submission sees records as a real export would give them.
"""
from __future__ import annotations

import random

import agentkit

MODELS = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5.4-mini"}


def raised(exc: Exception) -> dict:
    return {"raised": type(exc).__name__, "is_value_error": isinstance(exc, ValueError), "message": str(exc)}


def tokenize_texts(submission, texts: list) -> dict:
    return {"tokens": [[str(t) for t in submission.tokenize(text)] for text in texts]}


def skew(submission, texts: list, lexicon: dict | None = None, **options) -> dict:
    """`skew_report(texts, lexicon, **options)` as data; `lexicon` is a mapping for Lexicon.from_mapping."""
    chosen = submission.Lexicon.from_mapping(lexicon) if lexicon is not None else None
    report = submission.skew_report(texts, chosen, **options)
    dimensions = {}
    for name, d in report.dimensions.items():
        dimensions[str(name)] = {
            "counts": {str(g): int(c) for g, c in d.counts.items()},
            "terms": {str(g): {str(t): int(c) for t, c in terms.items()} for g, terms in d.terms.items()},
            "total": int(d.total), "dominant": None if d.dominant is None else str(d.dominant),
            "share": None if d.share is None else float(d.share), "status": str(d.status)}
    return {"tokens": int(report.tokens), "flagged": [str(f) for f in report.flagged], "dimensions": dimensions,
            "limits": [str(line) for line in report.limits]}


def lexicon_from(submission, lexicon: dict) -> dict:
    """Build a Lexicon from a mapping: its dimensions, or what was raised."""
    try:
        built = submission.Lexicon.from_mapping(lexicon)
    except Exception as exc:  # noqa: BLE001 - what was raised is part of the behaviour under test
        return raised(exc)
    return {"dimensions": {str(d): {str(g): sorted(map(str, terms)) for g, terms in groups.items()}
                           for d, groups in built.dimensions.items()}}


def records_from(table: dict, labels: bool, seed: int) -> list[dict]:
    records = []
    for group, counts in table.items():
        if labels:
            for selected, actual, key in ((True, True, "tp"), (True, False, "fp"), (False, True, "fn"),
                                          (False, False, "tn")):
                records += [{"group": group, "selected": selected, "actual": actual}] * counts.get(key, 0)
        else:
            records += [{"group": group, "selected": True}] * counts["selected"]
            records += [{"group": group, "selected": False}] * (counts["n"] - counts["selected"])
    random.Random(seed).shuffle(records)
    return [dict(r) for r in records]


def optional(value):
    return None if value is None else float(value)


def fairness(submission, table: dict, labels: bool = False, min_group_size: int = 30, seed: int = 5) -> dict:
    """group_metrics on the expanded records, then four_fifths (and rate_gaps with labels)."""
    records = records_from(table, labels, seed)
    metrics = submission.group_metrics(records, "group", actual_key="actual" if labels else None)
    out = {"metrics": {}}
    for group, m in metrics.items():
        row = {"n": int(m.n), "selected": int(m.selected), "selection_rate": optional(m.selection_rate)}
        if labels:
            row.update({k: int(getattr(m, k)) for k in ("tp", "fp", "fn", "tn")})
            row.update(tpr=optional(m.tpr), fpr=optional(m.fpr))
        out["metrics"][str(group)] = row
    try:
        ff = submission.four_fifths(metrics, min_group_size=min_group_size)
        out["four_fifths"] = {
            "status": str(ff.status), "ratio": optional(ff.ratio), "flagged": bool(ff.flagged),
            "lowest": None if ff.lowest is None else str(ff.lowest),
            "highest": None if ff.highest is None else str(ff.highest),
            "rates": {str(g): float(r) for g, r in ff.rates.items()},
            "insufficient": sorted(str(g) for g in ff.insufficient), "p_value": optional(ff.p_value),
            "significant": None if ff.significant is None else bool(ff.significant), "note": str(ff.note)}
    except Exception as exc:  # noqa: BLE001
        out["four_fifths"] = raised(exc)
    if labels:
        out["gaps"] = {str(k): optional(v) for k, v in submission.rate_gaps(metrics, min_group_size=min_group_size).items()}
    return out


def bad_records(submission, records: list) -> dict:
    try:
        submission.group_metrics(records, "group")
    except Exception as exc:  # noqa: BLE001
        return raised(exc)
    return {"raised": None}


def probe_cases(submission, provider: str, cases: list) -> dict:
    """`probe(client, case_id, cv)` with the default name variants, for each case."""
    client = agentkit.Client(provider, MODELS[provider])
    out = {"labels": [str(v.label) for v in submission.NAME_VARIANTS],
           "names": [str(v.name) for v in submission.NAME_VARIANTS], "results": {}}
    for case in cases:
        result = submission.probe(client, case["case_id"], case["cv"], model=MODELS[provider])
        out["results"][case["case_id"]] = {
            "status": str(result.status), "differences": [str(d) for d in result.differences],
            "flagged": [str(name) for name in result.flagged],
            "outcomes": [{"name": str(o.name), "valid": bool(o.valid), "decision": o.decision and str(o.decision),
                          "score": None if o.score is None else int(o.score),
                          "terms": {str(t): int(n) for t, n in (o.terms or {}).items()}} for o in result.outcomes]}
    return out
