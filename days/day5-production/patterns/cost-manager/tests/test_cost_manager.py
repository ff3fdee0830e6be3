"""Cost manager graded tests. Each runs your `cost_manager` package in its own process through ../driver.py and
checks behaviour only: what estimate / reserve / settle / record answered, which requests were refused and for
which limit, what the reports add up to, and which requests reached the provider. Time is a fake clock of aware
datetimes that the tests set. Every expected dollar amount is computed here from genai-prices itself."""
from decimal import Decimal
from pathlib import Path

import genai_prices
import pytest
import yaml

from agentkit import Usage
from agentkit.models import DEFAULT_MODELS
from agentkit.pricing import cost_decimal

# The manager calls no model in most tests, so those jobs run with a scenario that has nothing to answer.
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these cost-manager jobs call no model"},
          "exchanges": []}
HAIKU, MINI = "claude-haiku-4-5", "gpt-5.4-mini"
SCENARIOS = Path(__file__).resolve().parent.parent / "fixtures" / "scenarios"


def listed_price(model: str, input_tokens: int, output_tokens: int) -> Decimal:
    """The worst case of a request as genai-prices computes it, at today's prices."""
    usage = genai_prices.Usage(input_tokens=input_tokens, output_tokens=output_tokens)
    return genai_prices.calc_price(usage, model).total_price


UNIT = listed_price(HAIKU, 1000, 1000)  # one "standard request": 1,000 tokens in, at most 1,000 out


def units(n) -> str:
    return str(UNIT * n)


BUY = ["buy", HAIKU, 1000, 1000]  # reserve one standard request and settle it at exactly its worst case


def results(trace: dict) -> list:
    assert trace["ok"], f"the cost manager failed: {trace['error']}"
    return trace["result"]["results"]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the cost manager failed: {trace['error']}"
    return trace["result"]


def said(step: dict) -> str:
    """"ok", or "refused <limit>" for BudgetExceededError, or "raised <Error>"."""
    if "raised" not in step:
        return "ok"
    if step["raised"] == "BudgetExceededError":
        return f"refused {step['limit']}"
    return f"raised {step['raised']}"


def show(steps: list, got: list) -> str:
    return "\n".join(f"  {str(s)[:60]:<60} -> {said(g)}" + (f": {g['message'][:90]}" if "message" in g else "")
                     for s, g in zip(steps, got))


def as_decimals(table: dict) -> dict:
    return {key: Decimal(value) for key, value in table.items()}


@pytest.mark.points(3)
@pytest.mark.hint("Price with genai_prices.calc_price; it raises LookupError for a model it cannot find. Turn "
                  "that into UnknownModelError (agentkit.errors): never return 0 for a model you cannot price.")
def test_unknown_and_misspelled_models_are_refused(run):
    typos = ["claude-haiku-45", "claude-haku-4-5", "gpt-5.4mini", "gpt5.4-mini", "claude-sonet-4-6", "my-finetune"]
    steps = [["estimate", typo, 1000, 1000] for typo in typos]
    steps += [["reserve", typo, 1000, 1000] for typo in typos]
    steps += [["record", "claude-haiku-45", {"input_tokens": 1000, "output_tokens": 1000}]]
    steps += [BUY, BUY, ["report"]]   # the refused requests held nothing: one real request still fits, two do not
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(1)}))
    outcomes = [said(g) for g in got]
    wrong = [f"{s[0]}({s[1]!r}) -> {o}" for s, o in zip(steps[:-3], outcomes[:-3]) if o != "raised UnknownModelError"]
    assert not wrong, ("a model genai-prices cannot price must raise UnknownModelError, never cost $0:\n  "
                       + "\n  ".join(wrong))
    assert outcomes[-3:-1] == ["ok", "refused daily"], \
        "after refusing unknown models, a daily budget of one request admits exactly one\n" + show(steps, got)
    assert as_decimals(got[-1]["value"]["model"]) == {HAIKU: UNIT}, "nothing may be recorded for an unknown model"


@pytest.mark.points(2)
@pytest.mark.hint("genai-prices knows some models with no price per token (whisper-1 is priced by the hour, "
                  "moderation is free, embeddings have no output price) and prices their tokens at $0. Check the "
                  "calculation's model_price: refuse when input_mtok or output_mtok is None.")
def test_a_known_model_without_token_prices_is_refused(run):
    steps = [["estimate", "whisper-1", 500, 500], ["reserve", "whisper-1", 500, 500]]
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(1)}))
    assert [said(g) for g in got] == ["raised UnknownModelError"] * 2, \
        "whisper-1 has no per-token price: its tokens must not be counted as $0\n" + show(steps, got)
    steps = [["estimate", "omni-moderation-latest", 500, 500], ["estimate", "text-embedding-3-small", 500, 200],
             ["estimate", MINI, 500, 200]]
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(1)}, provider="openai"))
    assert [said(g) for g in got] == ["raised UnknownModelError"] * 2 + ["ok"], \
        ("with provider='openai': moderation has no prices and text-embedding-3-small no output price\n"
         + show(steps, got))


@pytest.mark.points(3)
@pytest.mark.hint("estimate = genai_prices.calc_price(Usage(input_tokens=IN, output_tokens=MAX_OUT), model)"
                  ".total_price, returned as that Decimal. No price table of your own: tiered models change "
                  "price with the prompt's length.")
def test_estimate_is_the_genai_prices_worst_case(run):
    cases = [(HAIKU, 1234, 567), (HAIKU, 0, 4096), (MINI, 2000, 800), (MINI, 150_000, 16_000),
             ("claude-haiku-5-5", 150_000, 4000)]  # the last one is past a long-context price tier
    steps = [["estimate", model, i, o] for model, i, o in cases]
    got = results(run(NO_LLM, "script", steps=steps))
    for (model, i, o), step in zip(cases, got):
        assert "raised" not in step, f"estimate({model!r}, {i}, {o}) raised {step['raised']}: {step['message']}"
        expected = listed_price(model, i, o)
        assert step["type"] == "Decimal", f"estimate returned a {step['type']}; money is Decimal (genai-prices' type)"
        assert Decimal(step["value"]) == expected, \
            f"estimate({model!r}, {i} in, {o} max out) = {step['value']}; genai-prices says {expected}"


@pytest.mark.points(2)
@pytest.mark.hint("reserve: a request whose worst case is above budget.per_request raises BudgetExceededError with "
                  "limit 'per_request' (equal to the cap is allowed) and holds nothing.")
def test_per_request_cap(run):
    at_cap = listed_price(HAIKU, 1000, 2200)
    assert at_cap == UNIT * 2, "test set-up: 1,000 in + 2,200 out should cost exactly two standard requests"
    steps = [["reserve", HAIKU, 1000, 1000], ["reserve", HAIKU, 1000, 2200], ["reserve", HAIKU, 1000, 3000],
             ["reserve", MINI, 1000, 3000], ["reserve", HAIKU, 1000, 2201]]
    got = results(run(NO_LLM, "script", steps=steps, budget={"per_request": units(2), "daily": units(100)}))
    expected = ["ok", "ok", "refused per_request", "refused per_request", "refused per_request"]
    assert [said(g) for g in got] == expected, f"per-request cap of {units(2)} dollars\n" + show(steps, got)
    assert Decimal(got[1]["amount"]) == at_cap, "a reservation holds the request's worst case (its `amount`)"


@pytest.mark.points(3)
@pytest.mark.hint("Keep totals per period key (day_key 'YYYY-MM-DD', month_key 'YYYY-MM', from the injected clock "
                  "in UTC). Do not reset counters: a counter reset only when something is recorded stays full "
                  "after the month ends, and the first request of January is refused.")
def test_day_and_month_roll_over_at_the_new_year(run):
    steps = ([["at", "2026-12-30T12:00:00+00:00"]] + [BUY] * 4            # daily limit 3: the 4th is refused
             + [["at", "2026-12-31T00:00:00+00:00"]] + [BUY] * 3          # monthly limit 5: the 3rd is refused
             + [["at", "2026-12-31T23:59:59+00:00"], BUY]                 # still December
             + [["at", "2027-01-01T00:00:00+00:00"]] + [BUY] * 4          # a new day, month and year
             + [["report"]])
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(3), "monthly": units(5)}))
    outcomes = [said(g) for s, g in zip(steps, got) if s[0] == "buy"]
    expected = (["ok"] * 3 + ["refused daily"] + ["ok"] * 2 + ["refused monthly"] + ["refused monthly"]
                + ["ok"] * 3 + ["refused daily"])
    assert outcomes[:8] == expected[:8], "December: 3 a day, 5 in the month\n" + show(steps, got)
    assert outcomes[8:] == expected[8:], \
        "at 2027-01-01T00:00:00Z both the day and the month are new: 3 requests fit\n" + show(steps, got)
    report = got[-1]["value"]
    assert as_decimals(report["day"]) == {"2026-12-30": UNIT * 3, "2026-12-31": UNIT * 2, "2027-01-01": UNIT * 3}
    assert as_decimals(report["month"]) == {"2026-12": UNIT * 5, "2027-01": UNIT * 3}


@pytest.mark.points(3)
@pytest.mark.hint("Convert the clock's time to UTC before taking the day or month: 23:30 at UTC-1 on Feb 29 is "
                  "already March 1 in UTC. A month's total is its own key, so February 29 needs nothing special.")
def test_month_ends_and_leap_day_in_utc(run):
    steps = ([["at", "2028-01-31T23:59:59+00:00"]] + [BUY] * 3           # daily limit 2
             + [["at", "2028-02-01T00:00:00+00:00"]] + [BUY] * 3
             + [["at", "2028-02-29T12:00:00+00:00"]] + [BUY] * 2          # monthly limit 3: 2 + 1
             + [["at", "2028-02-29T23:30:00-01:00"]] + [BUY] * 3          # = 2028-03-01T00:30:00Z
             + [["report"]])
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(2), "monthly": units(3)}))
    outcomes = [said(g) for s, g in zip(steps, got) if s[0] == "buy"]
    assert outcomes[:6] == ["ok", "ok", "refused daily"] * 2, "January 31, then February 1\n" + show(steps, got)
    assert outcomes[6:8] == ["ok", "refused monthly"], "February has had 2 of its 3\n" + show(steps, got)
    assert outcomes[8:] == ["ok", "ok", "refused daily"], \
        "23:30 at UTC-1 on February 29 is March 1 in UTC: a new day and month\n" + show(steps, got)
    report = got[-1]["value"]
    assert as_decimals(report["day"]) == {"2028-01-31": UNIT * 2, "2028-02-01": UNIT * 2, "2028-02-29": UNIT,
                                          "2028-03-01": UNIT * 2}, f"spend by UTC day: {report['day']}"
    assert as_decimals(report["month"]) == {"2028-01": UNIT * 2, "2028-02": UNIT * 3, "2028-03": UNIT * 2}


@pytest.mark.points(1)
@pytest.mark.hint("day_key and month_key are part of the package's API: convert the moment to UTC first, then format "
                  "it. 2026-12-31T20:00-05:00 is day '2027-01-01' and month '2027-01'.")
def test_period_keys_are_utc_whatever_the_offset(run):
    moments = ["2026-12-31T20:00:00-05:00", "2028-02-29T23:30:00-01:00", "2027-01-01T00:30:00+01:00",
               "2026-06-15T12:00:00+00:00"]
    got = result_of(run(NO_LLM, "period_keys", moments=moments))["keys"]
    assert got == [["2027-01-01", "2027-01"], ["2028-03-01", "2028-03"], ["2026-12-31", "2026-12"],
                   ["2026-06-15", "2026-06"]], f"day_key / month_key of {moments}: {got}"


@pytest.mark.points(4)
@pytest.mark.hint("Check and hold in one step under a threading.Lock: reserve() adds the worst case to the period's "
                  "held total, and every check counts spent + held. Checking first and recording after the call lets "
                  "every thread pass the check before any of them has spent anything.")
def test_threads_never_overspend(run):
    exact = result_of(run(NO_LLM, "hammer_threads", threads=32, attempts=3, budget={"daily": units(20)},
                          model=HAIKU, input_tokens=1000, max_output_tokens=1000,
                          used={"input_tokens": 1000, "output_tokens": 1000}))
    assert not exact["errors"], exact["errors"]
    assert Decimal(exact["spent"]) <= UNIT * 20, \
        f"32 threads spent {exact['spent']} of a {units(20)} daily budget ({exact['admitted']} requests admitted)"
    assert exact["admitted"] == 20, \
        f"{exact['admitted']} of 96 requests admitted; the budget pays for exactly 20 when each costs its worst case"
    cheaper = result_of(run(NO_LLM, "hammer_threads", threads=32, attempts=3, budget={"daily": units(20)},
                            model=HAIKU, input_tokens=1000, max_output_tokens=1000,
                            used={"input_tokens": 1000, "output_tokens": 200}))
    assert not cheaper["errors"], cheaper["errors"]
    assert Decimal(cheaper["spent"]) <= UNIT * 20, f"spent {cheaper['spent']} of {units(20)}"
    assert cheaper["admitted"] > 20, ("replies used 200 of their 1,000 output tokens, so settling should free the "
                                      f"difference for later requests; only {cheaper['admitted']} were admitted")


@pytest.mark.points(2)
@pytest.mark.hint("spend() must work with `async with` too (__aenter__/__aexit__). Nothing in reserve or settle "
                  "awaits, so the same lock keeps coroutines from overspending.")
def test_async_tasks_never_overspend(run):
    result = result_of(run(NO_LLM, "async_tasks", tasks=40, budget={"daily": units(12)}, model=HAIKU,
                           input_tokens=1000, max_output_tokens=1000,
                           used={"input_tokens": 1000, "output_tokens": 1000}))
    assert not result["errors"], result["errors"]
    assert Decimal(result["spent"]) <= UNIT * 12, f"40 tasks spent {result['spent']} of {units(12)}"
    assert result["admitted"] == 12, f"{result['admitted']} of 40 tasks admitted; the budget pays for exactly 12"


@pytest.mark.points(2)
@pytest.mark.hint("Open reservations count against the budget until settled or released. release() gives one back; "
                  "`with spend(...)` releases when its block raises, and lets the error out.")
def test_a_failed_call_releases_its_reservation(run):
    steps = [["reserve", HAIKU, 1000, 1000], ["reserve", HAIKU, 1000, 1000],
             ["reserve", HAIKU, 1000, 1000],                     # 2 held of a daily 2: refused
             ["release", 0], ["reserve", HAIKU, 1000, 1000],     # one given back: fits again
             ["release", 1], ["release", 2],
             ["fail_inside_spend", HAIKU, 1000, 2200],           # the whole budget, then the call fails
             ["reserve", HAIKU, 1000, 2200],                     # so the whole budget is still there
             ["report"]]
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": units(2)}))
    assert [said(g) for g in got[:3]] == ["ok", "ok", "refused daily"], \
        "two open reservations use up a daily budget of two\n" + show(steps, got)
    assert said(got[4]) == "ok", "after release(), the reservation's money is available again\n" + show(steps, got)
    assert got[7] == {"value": "propagated"}, "the failure inside `with spend(...)` must not be swallowed"
    assert said(got[8]) == "ok", \
        "a failed call inside `with spend(...)` must release its reservation\n" + show(steps, got)
    assert said(got[9]) == "ok", f"the report failed: {got[9]}"
    assert all(Decimal(v) == 0 for v in got[9]["value"]["day"].values()), \
        f"nothing was settled, so nothing was spent: {got[9]['value']['day']}"


@pytest.mark.points(3)
@pytest.mark.hint("settle(reservation, usage) charges the actual cost of usage (cache tokens included, as "
                  "agentkit.pricing.cost_decimal prices them) to the reservation's day and month, once; a second "
                  "settle raises ValueError. Reports hold settled and recorded spend, not open reservations.")
def test_settle_records_the_actual_cost_and_reports_add_up(run):
    first = {"input_tokens": 1800, "output_tokens": 240}
    cached = {"input_tokens": 1200, "output_tokens": 300, "cache_read_tokens": 800}
    later = {"input_tokens": 100, "output_tokens": 50}
    steps = [["at", "2026-11-30T23:59:00+00:00"], ["reserve", HAIKU, 2000, 1000], ["at", "2026-12-01T00:01:00+00:00"],
             ["settle", 0, first], ["settle", 0, first],         # the call began on November 30
             ["record", MINI, cached],
             ["reserve", HAIKU, 500, 500],                        # still open at the report
             ["record", HAIKU, later], ["report"]]
    got = results(run(NO_LLM, "script", steps=steps, budget={"daily": "1", "monthly": "10"}))
    cost = {name: cost_decimal(model, Usage(**usage)) for name, model, usage in
            (("first", HAIKU, first), ("cached", MINI, cached), ("later", HAIKU, later))}
    assert said(got[3]) == "ok" and Decimal(got[3]["value"]) == cost["first"], \
        f"settle returns the actual cost of the usage: {got[3]}; expected {cost['first']}"
    assert said(got[4]) == "raised ValueError", "settling the same reservation twice must raise ValueError"
    assert said(got[5]) == "ok" and Decimal(got[5]["value"]) == cost["cached"], \
        f"record prices cache reads too: {got[5]}; expected {cost['cached']}"
    report = got[-1]["value"]
    assert as_decimals(report["model"]) == {HAIKU: cost["first"] + cost["later"], MINI: cost["cached"]}, \
        f"spend by model {report['model']}"
    assert as_decimals(report["day"]) == {"2026-11-30": cost["first"], "2026-12-01": cost["cached"] + cost["later"]}, \
        f"spend by day {report['day']}: a settled call counts on the day it was reserved; open reservations not at all"
    assert as_decimals(report["month"]) == {"2026-11": cost["first"], "2026-12": cost["cached"] + cost["later"]}


def fixture_usage(provider: str, phrase: str) -> Usage:
    scenario = yaml.safe_load((SCENARIOS / "support-desk.yaml").read_text())
    for exchange in scenario["exchanges"]:
        if exchange["when"].get("provider") == provider and exchange["when"]["user"] == phrase:
            return Usage(**exchange["reply"]["usage"])
    raise LookupError(phrase)


@pytest.mark.points(3)
@pytest.mark.hint("BudgetedClient.chat: count the prompt's input tokens, reserve (model, input tokens, max_tokens) "
                  "BEFORE calling client.chat with that same max_tokens, then settle from reply.usage. A refused "
                  "reservation raises BudgetExceededError and nothing is sent.")
def test_budgeted_client_refuses_without_sending(run, provider):
    model = DEFAULT_MODELS[provider]
    per_output_token = listed_price(model, 0, 1_000_000) / 1_000_000
    calls = [{"prompt": "Where is my parcel? Order 88213.", "max_tokens": 500},
             {"prompt": "Write a detailed guide to our refund policy.", "max_tokens": 2000},
             {"prompt": "Can I change the delivery address?", "max_tokens": 500}]
    daily = per_output_token * 1000  # a 500-token worst case fits twice over; a 2,000-token one never does
    trace = run("support-desk", "budgeted_chats", provider=provider, budget={"daily": str(daily)}, calls=calls)
    result = result_of(trace)
    outcomes = [said(o) for o in result["outcomes"]]
    assert outcomes == ["ok", "refused daily", "ok"], \
        f"expected ok, refused daily, ok; got {outcomes}: {[o.get('message', '') for o in result['outcomes']]}"
    sent = trace["sent"]
    assert len(sent) == 2, f"{len(sent)} requests reached the provider; the refused one must not be sent"
    assert [r["max_tokens"] for r in sent] == [500, 500], \
        f"max_tokens sent {[r['max_tokens'] for r in sent]}: send the max_tokens you reserved for"
    expected = (cost_decimal(model, fixture_usage(provider, "where is my parcel"), provider=provider)
                + cost_decimal(model, fixture_usage(provider, "delivery address"), provider=provider))
    spent = as_decimals(result["report"]["model"])
    assert spent == {model: expected}, \
        f"spend by model {spent}: settle each call from reply.usage (expected {expected} for {model})"
    assert as_decimals(result["report"]["day"]) == {"2026-11-28": expected}


@pytest.mark.points(2)
@pytest.mark.hint("If client.chat raises, release the reservation (a `with manager.spend(...)` block does) and "
                  "let the error propagate: a failed call must not keep the budget held.")
def test_budgeted_client_releases_when_the_call_fails(run):
    per_output_token = listed_price(HAIKU, 0, 1_000_000) / 1_000_000
    calls = [{"prompt": "Where is my parcel? Order 88213.", "max_tokens": 500}] * 3
    trace = run("provider-down", "budgeted_chats", provider="anthropic", budget={"daily": str(per_output_token * 700)},
                calls=calls)
    result = result_of(trace)
    outcomes = [said(o) for o in result["outcomes"]]
    assert outcomes == ["raised ServerError"] * 3, \
        f"each call should reach the provider and raise its 503 (ServerError); got {outcomes}"
    assert len(trace["sent"]) == 3, "a failed call's reservation was kept, so a later call was refused"
    assert all(Decimal(v) == 0 for v in result["report"]["day"].values()), "failed calls cost nothing"
