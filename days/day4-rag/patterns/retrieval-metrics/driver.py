"""What the graders call: run the student's `retrieval_metrics` package and hand back plain JSON data only.

A label set travels as a dict (document id -> grade) or as a list (a set of ids, grade 1 each). Retrievers are
data too: the test gives each question's ranking, and the driver wraps it in a function that records its calls.
"""
from __future__ import annotations

import io
import math

METRIC_FUNCTIONS = {"hit_rate": "hit_rate_at_k", "precision": "precision_at_k", "recall": "recall_at_k",
                    "mrr": "reciprocal_rank_at_k", "ndcg": "ndcg_at_k"}


def labels(relevant):
    return set(relevant) if isinstance(relevant, list) else dict(relevant)


def number(value):
    """A metric's value as JSON: a float, None, or what was wrong with it."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
        return {"not a number": repr(value)[:80]}
    return float(value)


def metrics(submission, cases: list[dict]) -> list[dict]:
    """Every metric on every case {ranked, relevant, k}: {metric: value, or {"raised": ExceptionName}}."""
    out = []
    for case in cases:
        values = {}
        for name, function in METRIC_FUNCTIONS.items():
            try:
                values[name] = number(getattr(submission, function)(list(case["ranked"]), labels(case["relevant"]),
                                                                    int(case["k"])))
            except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
                values[name] = {"raised": type(exc).__name__}
        out.append(values)
    return out


def plain_report(report: dict) -> dict:
    kept = {key: report.get(key) for key in ("k", "questions", "evaluated")}
    kept["skipped"] = [str(q) for q in report.get("skipped") or []]
    kept.update({name: number(report.get(name)) for name in METRIC_FUNCTIONS})
    kept["per_question"] = {str(qid): {name: number(scores.get(name)) for name in METRIC_FUNCTIONS}
                            for qid, scores in (report.get("per_question") or {}).items()}
    return kept


def evaluate(submission, questions: list[dict], rankings: dict, k: int) -> dict:
    """`evaluate(retriever, questions, k)` with a retriever that answers from `rankings` (question text -> ids)."""
    calls = []

    def retriever(text, asked_k):
        calls.append([text, asked_k])
        return list(rankings.get(text, []))

    chosen = [submission.Question(q["id"], q["text"], labels(q["relevant"])) for q in questions]
    return {"report": plain_report(submission.evaluate(retriever, chosen, k)), "calls": calls}


def chart(submission, reports: dict) -> dict:
    """bar_chart(reports): the bars the figure holds (by x position), its legend, its y limits and a PNG's size."""
    import matplotlib
    matplotlib.use("Agg")
    figure = submission.bar_chart(reports)
    axes = figure.axes[0]
    bars = sorted(((float(p.get_x() + p.get_width() / 2), float(p.get_height()), p.get_label())
                   for container in axes.containers for p in container), key=lambda bar: bar[0])
    series = [[float(p.get_height()) for p in container] for container in axes.containers]
    legend = axes.get_legend()
    png = io.BytesIO()
    figure.savefig(png, format="png")
    return {"series": series, "labels": [container.get_label() for container in axes.containers],
            "bars": len(bars), "legend": [t.get_text() for t in legend.get_texts()] if legend else [],
            "ylim": [float(v) for v in axes.get_ylim()], "png_bytes": len(png.getvalue()),
            "png_magic": png.getvalue()[:8].hex()}
