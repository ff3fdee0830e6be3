"""Totals per model, a text table and a chart from the rows `compare` returns."""
from __future__ import annotations

import statistics

from agentkit.pricing import format_usd


def totals(rows: list[dict]) -> list[dict]:
    """One summary per (provider, model), in order of first appearance:

        {"provider", "model", "calls", "failed", "input_tokens", "output_tokens", "cost_usd",
         "median_latency_ms", "median_first_token_ms", "quality_passed", "quality_checked"}

    Tokens and cost add up the successful calls. `cost_usd` is None when any successful call has no price: a sum
    with an unknown part is unknown. Medians are over successful calls (None if there are none);
    `quality_checked` counts successful calls, `quality_passed` those whose check passed."""
    ### BEGIN SOLUTION
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["provider"], row["model"]), []).append(row)
    summaries = []
    for (provider, model), group in groups.items():
        done = [row for row in group if row["ok"]]
        costs = [row["cost_usd"] for row in done]
        summaries.append({
            "provider": provider, "model": model, "calls": len(group), "failed": len(group) - len(done),
            "input_tokens": sum(row["input_tokens"] for row in done),
            "output_tokens": sum(row["output_tokens"] for row in done),
            "cost_usd": None if None in costs else sum(costs, 0.0),
            "median_latency_ms": statistics.median(r["latency_ms"] for r in done) if done else None,
            "median_first_token_ms": statistics.median(r["first_token_ms"] for r in done) if done else None,
            "quality_passed": sum(bool(row["quality"]) for row in done), "quality_checked": len(done),
        })
    return summaries
    ### END SOLUTION


def table(rows: list[dict]) -> str:
    """A Markdown table: a line per row (model, case, latency, tokens, cost, quality; a failed row shows its
    error), then a line per model from `totals`. An unknown cost prints "unknown", never $0."""
    ### BEGIN SOLUTION
    def ms(value):
        return "-" if value is None else f"{value:,.0f}"

    lines = ["| model | case | first token ms | total ms | in | out | cost | quality |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        if row["ok"]:
            quality = "pass" if row["quality"] else "FAIL"
            lines.append(f"| {row['model']} | {row['case']} | {ms(row['first_token_ms'])} | {ms(row['latency_ms'])} "
                         f"| {row['input_tokens']} | {row['output_tokens']} | {format_usd(row['cost_usd'])} "
                         f"| {quality} |")
        else:
            lines.append(f"| {row['model']} | {row['case']} | - | {ms(row['latency_ms'])} | - | - | - "
                         f"| failed: {row['error'][:60]} |")
    lines += ["", "| model | calls | failed | median ms | in | out | cost | quality |",
              "|---|---:|---:|---:|---:|---:|---:|---|"]
    for total in totals(rows):
        lines.append(f"| {total['model']} | {total['calls']} | {total['failed']} | {ms(total['median_latency_ms'])} "
                     f"| {total['input_tokens']} | {total['output_tokens']} "
                     f"| {format_usd(total['cost_usd']) if total['quality_checked'] else '-'} "
                     f"| {total['quality_passed']}/{total['quality_checked']} |")
    return "\n".join(lines)
    ### END SOLUTION


def chart(rows: list[dict], path: str):
    """Save a chart of median latency and total cost per model to `path` (PNG) and return the Figure. Label each
    model by its id; a model with an unknown cost gets no cost bar (0 would claim it is free) and says so."""
    ### BEGIN SOLUTION
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summary = totals(rows)
    names = [s["model"] for s in summary]
    places = range(len(summary))
    fig, (speed, money) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    speed.barh(places, [s["median_latency_ms"] or 0 for s in summary], color="tab:blue", label="whole reply")
    speed.barh(places, [s["median_first_token_ms"] or 0 for s in summary], color="tab:orange", label="first token")
    speed.set_xlabel("median latency (ms)")
    speed.legend(loc="lower right", fontsize=8)
    for place, s in zip(places, summary):
        if s["cost_usd"] is None:
            money.annotate("unknown (no price)", (0, place), xytext=(4, 0), textcoords="offset points",
                           va="center", fontsize=8)
        else:
            money.barh(place, s["cost_usd"] * 100, color="tab:green")
    money.set_xlabel("total cost (US cents)")
    for axes in (speed, money):
        axes.set_yticks(list(places), names)
        axes.set_ylim(len(summary) - 0.5, -0.5)  # first model on top
    fig.suptitle("One prompt set, per model")
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return fig
    ### END SOLUTION
