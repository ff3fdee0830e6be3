"""Evaluate a retriever over a labelled question set, and chart two or more retrievers side by side."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from retrieval_metrics.metrics import METRICS


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    relevant: dict[str, int] = field(default_factory=dict)  # document id -> grade (1, 2, ...)


Retriever = Callable[[str, int], Sequence[str]]  # (question text, k) -> document ids, best first


def evaluate(retriever: Retriever, questions: Sequence[Question], k: int) -> dict:
    """Call `retriever(question.text, k)` once per question and score the ranking it returns.

    Returns {"k", "questions" (how many were asked), "evaluated" (how many had relevant documents), "skipped" (ids of
    those that had none, in order), one mean per metric name in METRICS (None if nothing was evaluated), and
    "per_question": {id: {metric: value}} (values None for a skipped question)}."""
    ### BEGIN SOLUTION
    per_question = {}
    for question in questions:
        ranked = list(retriever(question.text, k))
        per_question[question.id] = {name: metric(ranked, question.relevant, k) for name, metric in METRICS.items()}
    scored = [scores for scores in per_question.values() if scores["recall"] is not None]
    report = {"k": k, "questions": len(questions), "evaluated": len(scored),
              "skipped": [q.id for q in questions if per_question[q.id]["recall"] is None]}
    for name in METRICS:
        report[name] = sum(s[name] for s in scored) / len(scored) if scored else None
    report["per_question"] = per_question
    return report
    ### END SOLUTION


def bar_chart(reports: Mapping[str, dict], title: str = "Retrieval metrics"):
    """A matplotlib Figure (Agg, no window): one group of bars per metric in METRICS, one bar per retriever in each
    group (its height the report's mean for that metric, 0 where it is None), a legend with the retrievers' names,
    and the y axis from 0 to 1."""
    ### BEGIN SOLUTION
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 3.5))
    axes = figure.subplots()
    names = list(METRICS)
    width = 0.8 / max(1, len(reports))
    for index, (label, report) in enumerate(reports.items()):
        positions = [m + index * width for m in range(len(names))]
        axes.bar(positions, [report.get(name) or 0.0 for name in names], width, label=label)
    axes.set_xticks([m + width * (len(reports) - 1) / 2 for m in range(len(names))],
                    [f"{name}@{next(iter(reports.values()))['k']}" if reports else name for name in names])
    axes.set_ylim(0, 1)
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    return figure
    ### END SOLUTION
