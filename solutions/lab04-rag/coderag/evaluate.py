"""The evaluation suite: retrieval metrics and refusal accuracy over a labelled question set, a report and a chart."""
from __future__ import annotations

import json
from pathlib import Path

from coderag.answer import is_weak
from coderag.index import Index
from coderag.metrics import hit_at_k, ndcg_at_k, reciprocal_rank, recall_at_k, refusal_accuracy

METRICS = ("hit_rate@5", "recall@5", "mrr", "ndcg@5", "refusal_accuracy")


def evaluate(index: Index, questions: list[dict], k: int = 5) -> dict:
    """{"metrics": {name: mean}, "questions": [{id, ranked, refused, ...}]}: the retrieval metrics averaged over
    the answerable questions (relevant = their labelled (path, symbol) pairs), refusal accuracy over all. A
    question counts as refused when retrieval is weak (no model is called here)."""
    ### BEGIN SOLUTION
    rows, scores = [], {name: [] for name in METRICS[:4]}
    for question in questions:
        ranked = [(hit.chunk.path, hit.chunk.symbol) for hit in index.search(question["question"], k)]
        relevant = {(r["path"], r["symbol"]) for r in question.get("relevant", [])}
        row = {"id": question["id"], "ranked": [f"{p}:{s}" for p, s in ranked],
               "answerable": question["answerable"], "refused": is_weak(index, question["question"], index.settings)}
        if question["answerable"]:
            row.update({"hit_rate@5": hit_at_k(ranked, relevant, k), "recall@5": recall_at_k(ranked, relevant, k),
                        "mrr": reciprocal_rank(ranked, relevant), "ndcg@5": ndcg_at_k(ranked, relevant, k)})
            for name in scores:
                scores[name].append(row[name])
        rows.append(row)
    metrics = {name: sum(values) / len(values) if values else 0.0 for name, values in scores.items()}
    metrics["refusal_accuracy"] = refusal_accuracy([r["refused"] for r in rows], [r["answerable"] for r in rows])
    return {"metrics": metrics, "questions": rows}
    ### END SOLUTION


def write_report(result: dict, folder) -> list[Path]:
    """report.json (the result), report.md (a table of the metrics, then the questions that missed) and
    chart.png (a bar chart of the metrics, 0 to 1) in `folder`; returns the three paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ### BEGIN SOLUTION
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = result["metrics"]
    (folder / "report.json").write_text(json.dumps(result, indent=2))
    lines = ["# Retrieval evaluation", "", "| metric | value |", "|---|---|"]
    lines += [f"| {name} | {metrics[name]:.3f} |" for name in METRICS]
    missed = [r for r in result["questions"] if r["answerable"] and not r.get("hit_rate@5")]
    wrong = [r for r in result["questions"] if r["refused"] == r["answerable"]]
    lines += ["", f"Missed in the top 5: {', '.join(r['id'] for r in missed) or 'none'}",
              f"Refused wrongly or answered an unanswerable question: {', '.join(r['id'] for r in wrong) or 'none'}"]
    (folder / "report.md").write_text("\n".join(lines) + "\n")
    figure, axes = plt.subplots(figsize=(6, 3.5))
    axes.bar(list(METRICS), [metrics[name] for name in METRICS], color="#4063d8")
    axes.set_ylim(0, 1)
    axes.set_title("Retrieval over click's source")
    for position, name in enumerate(METRICS):
        axes.text(position, metrics[name] + 0.02, f"{metrics[name]:.2f}", ha="center")
    figure.tight_layout()
    figure.savefig(folder / "chart.png", dpi=100)
    plt.close(figure)
    ### END SOLUTION
    return [folder / "report.json", folder / "report.md", folder / "chart.png"]
