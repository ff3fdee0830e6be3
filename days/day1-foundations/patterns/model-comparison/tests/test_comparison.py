"""Model comparison harness graded tests. Each runs your `comparison` package in its own process through
../driver.py against the scenario comparison.yaml (replies, usage and timings authored per model and prompt) and
checks the rows, totals, table and chart it hands back, and what reached the provider. Expected tokens come from
the scenario file and expected costs from genai-prices, both read here."""
from pathlib import Path

import pytest
import yaml

from agentkit import Usage
from agentkit.pricing import cost_usd

SCENARIO = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios" / "comparison.yaml"
CASES = ["code", "reasoning", "refactor", "ambiguous"]
LOCAL = {"provider": "openai-compatible", "model": "qwen3:4b", "base_url": "http://llm.internal:8000/v1"}
TYPO = {"provider": "anthropic", "model": "claude-haiku-4.5"}   # not a model id: the client refuses it
TARGETS = {"anthropic": [{"provider": "anthropic", "model": "claude-haiku-4-5"},
                         {"provider": "anthropic", "model": "claude-sonnet-4-6"}],
           "openai": [{"provider": "openai", "model": "gpt-5.4-mini"}, {"provider": "openai", "model": "gpt-6-luna"}]}
ALL = TARGETS["anthropic"] + [TYPO] + TARGETS["openai"] + [LOCAL]   # the refused client mid-run: the run goes on
USER_FRAGMENT = {"code": "is_leap_year", "reasoning": "train leaves at 14:50", "refactor": "Refactor this function",
                 "ambiguous": "Make the report faster"}
# Which authored reply passes its prompt's check (comparison.yaml's design); gpt-6-luna's refactor call fails.
PASSES = {"claude-haiku-4-5": [True, True, True, False], "claude-sonnet-4-6": [True, True, True, True],
          "gpt-5.4-mini": [True, True, True, True], "gpt-6-luna": [False, True, None, True],
          "qwen3:4b": [True, False, False, False]}


def scenario(pace: float) -> dict:
    data = yaml.safe_load(SCENARIO.read_text())
    return {"name": f"comparison at pace {pace}", **data, "pace": pace}


def exchange(model: str, case: str) -> dict:
    for found in yaml.safe_load(SCENARIO.read_text())["exchanges"]:
        if found["when"] == {"model": model, "user": USER_FRAGMENT[case]}:
            return found
    raise LookupError((model, case))


def compared(run, targets: list, pace: float = 0.0) -> tuple[dict, list]:
    trace = run(scenario(pace), "compare_all", targets=targets)
    assert trace["ok"], f"the harness failed: {trace['error']}"
    result = trace["result"]
    assert "compare" not in result["errors"], f"compare raised {result['errors']['compare']}"
    return trace, result["rows"]


def key(row: dict) -> tuple:
    return row.get("model"), row.get("case")


@pytest.mark.points(3)
@pytest.mark.hint("compare: a row per (target, case), targets in order, cases in order. Catch agentkit.LLMError around "
                  "building a target's Client (an unknown model id raises UnknownModelError) and around each call "
                  "(a 529 raises ServerError): record a failed row (ok False, error 'TypeName: message') and go on.")
def test_a_row_for_every_call_and_failures_do_not_stop_the_run(run):
    trace, rows = compared(run, ALL)
    expected = [(t["model"], case) for t in ALL for case in CASES]
    assert [key(r) for r in rows] == expected, f"rows {[key(r) for r in rows]}; expected {expected}"
    failed = {key(r): r for r in rows if not r["ok"]}
    assert set(failed) == {("gpt-6-luna", "refactor")} | {("claude-haiku-4.5", c) for c in CASES}, \
        f"failed rows: {sorted(failed)}; expected gpt-6-luna's refactor (a 529) and every claude-haiku-4.5 row"
    assert str(failed[("gpt-6-luna", "refactor")]["error"]).startswith("ServerError"), failed[("gpt-6-luna", "refactor")]
    assert all(str(failed[("claude-haiku-4.5", c)]["error"]).startswith("UnknownModelError") for c in CASES)
    assert all(failed[("claude-haiku-4.5", c)]["latency_ms"] is None for c in CASES), \
        "a target whose client could not be made sent nothing: its latency is None, not a time"
    for row in failed.values():
        assert row["input_tokens"] is None and row["output_tokens"] is None and row["cost_usd"] is None \
            and row["quality"] is None, f"a failed row has no tokens, cost or quality: {row}"
    sent = [(r["model"], r["api"]) for r in trace["sent"]]
    assert len(sent) == 20, f"{len(sent)} requests reached the provider; 5 models x 4 prompts were expected"
    assert {api for _, api in sent} == {"anthropic-messages", "openai-chat"} or \
        {api for _, api in sent} == {"anthropic-messages", "openai-chat", "openai-responses"}, sent
    assert all(r["stream"] for r in trace["sent"]), "stream each call, so the time to the first token can be measured"


@pytest.mark.points(4)
@pytest.mark.hint("Read a monotonic clock (time.perf_counter or time.monotonic) before the request, when the first text "
                  "chunk arrives, and after the last; report milliseconds. time.time() is the wall clock: it can jump "
                  "(here it is stepped back 7 s at every read), and a latency measured on it is wrong.")
def test_latency_follows_the_recorded_timings(run):
    pace = 0.05
    _, rows = compared(run, TARGETS["anthropic"] + TARGETS["openai"][:1] + [LOCAL], pace=pace)
    problems = []
    for row in rows:
        timing = exchange(row["model"], row["case"])["timing"]
        first, total = timing["first_token_ms"] * pace, timing["total_ms"] * pace
        latency, ttft = row.get("latency_ms"), row.get("first_token_ms")
        if not isinstance(latency, (int, float)) or not isinstance(ttft, (int, float)):
            problems.append(f"{key(row)}: latency_ms {latency!r}, first_token_ms {ttft!r}: numbers of milliseconds")
            continue
        if not total - 1 <= latency <= total + 250:
            problems.append(f"{key(row)}: latency {latency:.1f} ms; the reply took {total:.0f} ms to arrive in full")
        if not first - 1 <= ttft <= first + (total - first) * 0.4 + 150:
            problems.append(f"{key(row)}: first token after {ttft:.1f} ms; the stream began after {first:.0f} ms and "
                            f"ended after {total:.0f} ms")
        elif total - first >= 90 and ttft > latency - (total - first) / 2:
            problems.append(f"{key(row)}: first token after {ttft:.1f} ms of {latency:.1f}; the stream's first event came "
                            f"{total - first:.0f} ms before its last: read the clock at the first chunk")
    assert not problems, "measured latency does not follow the replies' timings:\n  " + "\n  ".join(problems)


@pytest.mark.points(3)
@pytest.mark.hint("Tokens come from the reply's usage (stream.reply.usage once the stream is consumed); cost is "
                  "reply.cost_usd, which agentkit prices with genai-prices. A model with no price has cost None: "
                  "unknown, never 0.")
def test_tokens_and_costs_come_from_the_reply(run, provider):
    _, rows = compared(run, TARGETS[provider] + [LOCAL])
    problems = []
    for row in rows:
        if not row["ok"]:
            continue
        usage = exchange(row["model"], row["case"])["reply"]["usage"]
        if (row["input_tokens"], row["output_tokens"]) != (usage["input_tokens"], usage["output_tokens"]):
            problems.append(f"{key(row)}: tokens {row['input_tokens']}/{row['output_tokens']}, the reply's usage says "
                            f"{usage['input_tokens']}/{usage['output_tokens']}")
        if row["model"] == LOCAL["model"]:
            if row["cost_usd"] is not None:
                problems.append(f"{key(row)}: cost {row['cost_usd']!r} for a model with no price; it must be None")
            continue
        expected = cost_usd(row["model"], Usage(**usage), provider=provider)
        if not isinstance(row["cost_usd"], (int, float)) or abs(row["cost_usd"] - expected) > 1e-12:
            problems.append(f"{key(row)}: cost {row['cost_usd']!r}; genai-prices says {expected}")
    assert len([r for r in rows if r["ok"]]) >= 11, f"only {len([r for r in rows if r['ok']])} calls succeeded"
    assert not problems, "\n  ".join(problems)


@pytest.mark.points(2)
@pytest.mark.hint("quality: the case's own check applied to the reply's whole text, True or False (None for a failed "
                  "row). Collect the streamed text, or read stream.reply.text.")
def test_quality_is_checked_per_prompt(run):
    _, rows = compared(run, TARGETS["anthropic"] + TARGETS["openai"] + [LOCAL])
    got = {model: [r["quality"] for r in rows if r["model"] == model] for model in PASSES}
    assert got == PASSES, f"quality per model (code, reasoning, refactor, ambiguous): {got}; expected {PASSES}"


def row(model, case, latency, ttft, tokens, cost, quality, provider="anthropic", ok=True, error=None):
    return {"provider": provider, "model": model, "case": case, "ok": ok, "error": error, "first_token_ms": ttft,
            "latency_ms": latency, "input_tokens": tokens and tokens[0], "output_tokens": tokens and tokens[1],
            "cost_usd": cost, "quality": quality}


ROWS = [row("claude-haiku-4-5", "code", 700.0, 400.0, (88, 41), 0.000293, True),
        row("claude-haiku-4-5", "reasoning", 900.0, 450.0, (112, 38), 0.000302, False),
        row("claude-haiku-4-5", "refactor", 1900.0, 480.0, (301, 118), 0.000891, True),
        row("gpt-6-luna", "code", 500.0, 300.0, (74, 30), 0.0000224, True, provider="openai"),
        row("gpt-6-luna", "refactor", 250.0, None, None, None, None, provider="openai", ok=False,
            error="ServerError: Overloaded"),
        row("qwen3:4b", "code", 2400.0, 180.0, (80, 55), None, True, provider="openai-compatible"),
        row("qwen3:4b", "reasoning", 1800.0, 200.0, (104, 29), None, False, provider="openai-compatible"),
        row("claude-haiku-4.5", "code", None, None, None, None, None, ok=False,
            error="UnknownModelError: unknown model 'claude-haiku-4.5'")]


@pytest.mark.points(3)
@pytest.mark.hint("totals: one summary per (provider, model) in order of first appearance. Add tokens and cost of "
                  "successful rows only; cost is None if any successful row's cost is None. Medians over successful "
                  "rows (None if none succeeded); quality_passed / quality_checked count successful rows.")
def test_totals_add_up(run):
    trace = run({"name": "no-llm", "provenance": {"kind": "authored", "note": "totals call no model"},
                 "exchanges": []}, "totals_of", rows=ROWS)
    assert trace["ok"], f"totals failed: {trace['error']}"
    got = {t["model"]: t for t in trace["result"]}
    assert [t["model"] for t in trace["result"]] == ["claude-haiku-4-5", "gpt-6-luna", "qwen3:4b", "claude-haiku-4.5"]
    haiku, luna, qwen, typo = (got[m] for m in ("claude-haiku-4-5", "gpt-6-luna", "qwen3:4b", "claude-haiku-4.5"))
    assert (haiku["calls"], haiku["failed"], haiku["input_tokens"], haiku["output_tokens"]) == (3, 0, 501, 197), haiku
    assert haiku["cost_usd"] == pytest.approx(0.000293 + 0.000302 + 0.000891, abs=1e-12), haiku
    assert (haiku["median_latency_ms"], haiku["median_first_token_ms"]) == (900.0, 450.0), haiku
    assert (haiku["quality_passed"], haiku["quality_checked"]) == (2, 3), haiku
    assert (luna["calls"], luna["failed"], luna["input_tokens"], luna["output_tokens"]) == (2, 1, 74, 30), \
        f"a failed call adds no tokens: {luna}"
    assert luna["cost_usd"] == pytest.approx(0.0000224, abs=1e-12), f"a failed call does not make the cost unknown: {luna}"
    assert (luna["median_latency_ms"], luna["quality_passed"], luna["quality_checked"]) == (500.0, 1, 1), luna
    assert qwen["cost_usd"] is None, f"a model without a price has an unknown total cost, not {qwen['cost_usd']!r}"
    assert (qwen["input_tokens"], qwen["output_tokens"], qwen["median_latency_ms"]) == (184, 84, 2100.0), qwen
    assert (typo["calls"], typo["failed"], typo["input_tokens"], typo["median_latency_ms"]) == (1, 1, 0, None), typo


@pytest.mark.points(2)
@pytest.mark.hint("table: a line per row, then a line per model. A cost of None prints 'unknown' (agentkit.pricing."
                  "format_usd does this), never $0; a failed row shows its error.")
def test_table_says_unknown_and_shows_failures(run):
    trace = run({"name": "no-llm", "provenance": {"kind": "authored", "note": "the table calls no model"},
                 "exchanges": []}, "table_of", rows=ROWS)
    assert trace["ok"], f"table failed: {trace['error']}"
    lines = trace["result"].splitlines()
    qwen = [line for line in lines if "qwen3:4b" in line]
    assert len(qwen) >= 3, f"a line per row and a total line for qwen3:4b; found {qwen}"
    assert all("unknown" in line.lower() for line in qwen), f"qwen3:4b has no price: {qwen}"
    assert not any("$0" in line or "0.00" in line for line in qwen), f"an unknown cost is not $0: {qwen}"
    assert any("ServerError" in line for line in lines if "gpt-6-luna" in line), "show why gpt-6-luna's call failed"
    assert any("UnknownModelError" in line for line in lines if "claude-haiku-4.5" in line)
    haiku = [line for line in lines if "claude-haiku-4-5" in line]
    assert all("unknown" not in line.lower() for line in haiku), f"claude-haiku-4-5 is priced: {haiku}"


@pytest.mark.points(1)
@pytest.mark.hint("chart(rows, path): matplotlib with the Agg backend, fig.savefig(path) as PNG, return the Figure; "
                  "label each model by its id.")
def test_chart_is_saved(run):
    trace = run({"name": "no-llm", "provenance": {"kind": "authored", "note": "the chart calls no model"},
                 "exchanges": []}, "chart_for", rows=ROWS)
    assert trace["ok"], f"chart failed: {trace['error']}"
    chart = trace["result"]
    assert chart["saved"] and chart["png"] and chart["bytes"] > 5_000, f"no PNG chart at the path given: {chart}"
    texts = " ".join(chart["texts"] or [])
    missing = [m for m in ("claude-haiku-4-5", "gpt-6-luna", "qwen3:4b") if m not in texts]
    assert not missing, f"the chart names no {missing} (its texts: {texts[:300]})"
