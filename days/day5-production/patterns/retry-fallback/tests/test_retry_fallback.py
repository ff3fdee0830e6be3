"""Retry and fallback, graded. Each test runs your `resilience` package in its own process against a scenario
in ../fixtures/scenarios/ and checks what it did: the requests it sent, the waits it asked `sleep` for (no
test ever sleeps), and what it returned or raised."""
import pytest

REFUND = "How long do refunds take to reach my card?"
ADDRESS = "Can I change the delivery address after ordering?"
SHIPPING = "When will my order ship?"
SYSTEM = "You are the help desk assistant. Answer in one sentence."
TOLERANCE = 1e-6


def outcome(trace: dict) -> dict:
    assert trace["ok"], f"the driver could not run your code: {trace['error']}"
    return trace["result"]


def requests_to(trace: dict, provider: str) -> list[dict]:
    api = {"anthropic": "anthropic-messages", "openai": "openai-chat"}[provider]
    return [r for r in trace["sent"] if r["api"] == api]


def ceilings(base: float, cap: float, n: int) -> list[float]:
    """The full-jitter ceiling before each retry: min(cap, base * 2**k)."""
    return [min(cap, base * 2 ** k) for k in range(n)]


def raised(result: dict) -> str:
    error = result["error"]
    return "nothing (it returned a reply)" if error is None else f"{error['kind']}: {error['message'][:120]}"


@pytest.mark.points(2)
@pytest.mark.hint("Catch agentkit.LLMError around call(); when error.retryable is True and attempts remain, "
                  "sleep (with the sleep you were given) and call again.")
def test_transient_errors_are_retried_until_one_succeeds(run, provider):
    trace = run("flaky", "retry_chat", provider=provider, prompt=REFUND, max_attempts=4)
    result = outcome(trace)
    assert result["reply"] is not None, f"retry raised {raised(result)} although the 4th attempt succeeds"
    assert result["reply"]["text"] == "Refunds reach your card within 5 working days of approval."
    assert result["attempts"] == len(trace["sent"]) == 4, "a 500, a timeout and a 529, then the answer: 4 calls"
    assert len(result["sleeps"]) == 3, f"one wait before each retry, got {result['sleeps']}"


@pytest.mark.points(2)
@pytest.mark.hint("A RateLimitError carries retry_after (seconds): wait at least that long, i.e. "
                  "max(retry_after, backoff), before the next attempt.")
def test_rate_limit_waits_at_least_retry_after(run, provider):
    trace = run("rate-limited", "retry_chat", provider=provider, prompt=ADDRESS, base_delay=0.1, max_delay=20.0)
    result = outcome(trace)
    assert result["reply"] is not None, f"retry raised {raised(result)}"
    assert len(result["sleeps"]) == 1, f"one wait before the retry, got {result['sleeps']}"
    assert result["sleeps"][0] >= 2.0, f"the 429 said retry-after 2 s; the wait was {result['sleeps'][0]:.3f} s"
    assert result["sleeps"][0] <= 20.0, "no wait may exceed max_delay"
    longer = outcome(run("rate-limited", "retry_chat", provider=provider, prompt=ADDRESS, base_delay=8.0,
                         max_delay=20.0, rand=0.75))
    assert longer["reply"] is not None, f"retry raised {raised(longer)}"
    assert longer["sleeps"] == pytest.approx([6.0], abs=TOLERANCE), \
        f"retry-after 2 s is a floor, not the wait: the backoff (0.75 * 8 s = 6 s) is longer, so wait 6 s; " \
        f"got {longer['sleeps']}"


@pytest.mark.points(3)
@pytest.mark.hint("backoff_delay(policy, k, rand) = rand() * min(max_delay, base_delay * 2**k), with k = 0 "
                  "before the second attempt; retry sleeps exactly that for a server error.")
def test_backoff_doubles_with_full_jitter_and_is_capped(run):
    base, cap, attempts = 0.5, 4.0, 6
    for rand in (0.5, 0.999):
        result = outcome(run("server-faults", "retry_chat", provider="anthropic", prompt=REFUND,
                             max_attempts=attempts, base_delay=base, max_delay=cap, rand=rand))
        expected = [rand * c for c in ceilings(base, cap, attempts - 1)]  # 0.25, 0.5, 1, 2, 2 for rand=0.5
        assert len(result["sleeps"]) == attempts - 1, f"expected {attempts - 1} waits, got {result['sleeps']}"
        assert all(abs(got - want) <= TOLERANCE for got, want in zip(result["sleeps"], expected)), (
            f"with rand() = {rand}, base 0.5 s and max_delay 4 s the waits should be {expected}, "
            f"got {result['sleeps']}")


@pytest.mark.points(2)
@pytest.mark.hint("Draw a new rand() for every wait, and keep each wait within [0, min(max_delay, base * 2**k)].")
def test_jitter_is_drawn_for_every_wait_and_stays_in_bounds(run):
    base, cap, attempts = 1.0, 8.0, 6
    draws = [0.83, 0.07, 0.61, 0.35, 0.92, 0.18, 0.49]
    result = outcome(run("server-faults", "retry_chat", provider="openai", prompt=REFUND, max_attempts=attempts,
                         base_delay=base, max_delay=cap, rand=draws))
    sleeps = result["sleeps"]
    assert len(sleeps) == attempts - 1, f"expected {attempts - 1} waits, got {sleeps}"
    limits = ceilings(base, cap, attempts - 1)
    assert all(0.0 <= s <= limit + TOLERANCE for s, limit in zip(sleeps, limits)), \
        f"each wait must lie in [0, {limits}], got {sleeps}"
    fractions = {round(s / limit, 6) for s, limit in zip(sleeps, limits)}
    assert len(fractions) > 1, f"every wait is the same fraction of its ceiling ({sleeps}): rand() is not used per wait"


@pytest.mark.points(1)
@pytest.mark.hint("After max_attempts failed calls, raise the last error as it is: no extra call, no sleep after "
                  "the last attempt, no new exception type.")
def test_gives_up_after_max_attempts_with_the_last_error(run, provider):
    trace = run("server-faults", "retry_chat", provider=provider, prompt=REFUND, max_attempts=3)
    result = outcome(trace)
    assert result["error"] is not None, "a provider that stays down must end in an error"
    assert result["attempts"] == len(trace["sent"]) == 3, f"max_attempts=3 but {result['attempts']} calls were made"
    assert len(result["sleeps"]) == 2, f"two waits between three attempts, got {result['sleeps']}"
    error = result["error"]
    assert (error["kind"], error["status"]) == ("ServerError", 529), \
        f"expected the last error (ServerError 529, overloaded), got {error['kind']} {error['status']}"
    assert "overloaded" in error["message"]


@pytest.mark.points(3)
@pytest.mark.hint("Only retry when error.retryable is True. A 400 or 401 fails the same way every time, and an "
                  "exception from your own code (not an LLMError) is a bug: raise at once, without sleeping.")
def test_errors_that_cannot_succeed_are_not_retried(run):
    for provider, kind in (("anthropic", "BadRequestError"), ("openai", "AuthError")):
        trace = run("client-faults", "retry_chat", provider=provider, prompt=REFUND)
        result = outcome(trace)
        assert result["error"] is not None and result["error"]["kind"] == kind, \
            f"{provider}: expected {kind} to be raised, got {raised(result)}"
        assert len(trace["sent"]) == 1 and result["sleeps"] == [], \
            f"{provider}: a {kind} was retried ({len(trace['sent'])} calls, waits {result['sleeps']})"
    plain = outcome(run("client-faults", "retry_plain"))
    assert plain["error"] is not None and plain["error"]["kind"] == "ValueError", \
        f"a ValueError from the call should propagate, got {plain['error']}"
    assert plain["attempts"] == 1 and plain["sleeps"] == [], "a ValueError was retried"


@pytest.mark.points(2)
@pytest.mark.hint("If retry_after is longer than policy.max_delay, neither wait that long nor retry early (that "
                  "only earns another 429): raise the RateLimitError at once, so a fallback can answer.")
def test_rate_limit_longer_than_max_delay_fails_fast(run):
    trace = run("long-rate-limit-faults", "retry_chat", provider="anthropic", prompt=ADDRESS, max_delay=10.0)
    result = outcome(trace)
    assert result["error"] is not None and result["error"]["kind"] == "RateLimitError", \
        f"expected the RateLimitError to be raised, got {raised(result)}"
    assert all(s <= 10.0 for s in result["sleeps"]), f"a wait exceeded max_delay: {result['sleeps']}"
    assert len(trace["sent"]) == 1, (f"{len(trace['sent'])} calls: retrying before the 120 s the server asked for "
                                     "only gets another 429")


@pytest.mark.points(3)
@pytest.mark.hint("FallbackChain.chat: retry the first client; if it still fails with a retryable error, send the "
                  "same messages and options to the next client and return its reply.")
def test_secondary_answers_when_the_primary_stays_down(run):
    trace = run("anthropic-outage", "fallback_chat", prompt=SHIPPING, max_attempts=3)
    result = outcome(trace)
    assert result["reply"] is not None, f"the chain raised {raised(result)} although OpenAI answers"
    assert result["reply"]["provider"] == "openai"
    assert result["reply"]["text"].startswith("Your order ships within 2 working days")
    assert len(requests_to(trace, "anthropic")) == 3, "the primary gets its max_attempts=3 before the fallback"
    fallback = requests_to(trace, "openai")
    assert len(fallback) == 1, f"{len(fallback)} requests to OpenAI"
    assert fallback[0]["messages"][-1][1] == SHIPPING and fallback[0]["system"] == SYSTEM, \
        "the fallback must send the same question and system prompt"
    assert fallback[0]["max_tokens"] == 200, "the fallback must keep the caller's options (max_tokens=200)"


@pytest.mark.points(2)
@pytest.mark.hint("Give the primary its full retries before falling back: one 500 followed by an answer is the "
                  "primary's answer, and the secondary is never called.")
def test_primary_answers_when_it_recovers_within_its_retries(run):
    trace = run("anthropic-blip", "fallback_chat", prompt=SHIPPING, max_attempts=3)
    result = outcome(trace)
    assert result["reply"] is not None, f"the chain raised {raised(result)}"
    assert (result["reply"]["provider"], result["reply"]["text"]) == (
        "anthropic", "Orders placed before 14:00 ship the same day.")
    assert requests_to(trace, "openai") == [], "the secondary was called although the primary recovered"
    assert len(result["sleeps"]) == 1


@pytest.mark.points(3)
@pytest.mark.hint("A non-retryable error (BadRequestError) means the request itself is wrong: raise it from "
                  "FallbackChain.chat at once instead of hiding it behind the next provider.")
def test_bad_request_is_not_masked_by_the_fallback(run):
    trace = run("anthropic-bad-request", "fallback_chat", prompt=SHIPPING)
    result = outcome(trace)
    assert result["reply"] is None, f"the bad request was masked: the chain returned {result['reply']}"
    assert result["error"]["kind"] == "BadRequestError", f"expected BadRequestError, got {raised(result)}"
    assert len(requests_to(trace, "anthropic")) == 1, "a bad request was retried"
    assert requests_to(trace, "openai") == [], "the secondary was asked to answer a bad request"


@pytest.mark.points(2)
@pytest.mark.hint("When every client has failed with retryable errors, raise the last client's error; each client "
                  "gets the policy's max_attempts.")
def test_when_every_provider_fails_the_last_error_is_raised(run):
    trace = run("all-down-faults", "fallback_chat", prompt=SHIPPING, max_attempts=3)
    result = outcome(trace)
    assert result["error"] is not None, "every provider is down: the chain must raise"
    assert result["error"]["kind"] == "RateLimitError", \
        f"expected OpenAI's RateLimitError (the last provider's error), got {raised(result)}"
    assert len(requests_to(trace, "anthropic")) == 3 and len(requests_to(trace, "openai")) == 3, \
        "each provider should get max_attempts=3"
    assert len(result["sleeps"]) == 4 and all(s >= 1.0 for s in result["sleeps"][2:]), \
        f"two waits per provider, OpenAI's at least its retry-after of 1 s; got {result['sleeps']}"


@pytest.mark.points(2)
@pytest.mark.hint("retry(..., policy=None) uses RetryPolicy(), whose defaults are max_attempts=4, base_delay=0.5 "
                  "and max_delay=20.0.")
def test_the_default_policy_is_four_attempts_from_half_a_second_to_twenty(run):
    default = outcome(run("server-faults", "retry_chat", provider="anthropic", prompt=REFUND, default_policy=True))
    assert default["attempts"] == 4, f"policy=None: RetryPolicy() makes 4 attempts, got {default['attempts']}"
    assert default["sleeps"] == pytest.approx([0.25, 0.5, 1.0], abs=TOLERANCE), \
        f"policy=None, rand() = 0.5: the waits should be 0.5 x [0.5, 1, 2], got {default['sleeps']}"
    eight = outcome(run("server-faults", "retry_chat", provider="openai", prompt=REFUND,
                        policy_fields={"max_attempts": 8}))
    expected = [0.5 * c for c in ceilings(0.5, 20.0, 7)]
    assert eight["sleeps"] == pytest.approx(expected, abs=TOLERANCE), \
        f"RetryPolicy(max_attempts=8) keeps base_delay 0.5 and max_delay 20: waits {expected}, got {eight['sleeps']}"


@pytest.mark.points(1)
@pytest.mark.hint("RetryPolicy checks its fields (in __post_init__): max_attempts below 1 or a negative delay "
                  "raises ValueError.")
def test_the_policy_refuses_impossible_settings(run):
    settings = [{"max_attempts": 0}, {"max_attempts": -3}, {"base_delay": -0.5}, {"max_delay": -1.0},
                {"max_attempts": 2, "base_delay": 0.1, "max_delay": 1.0}]
    trace = run("server-faults", "policy_settings", settings=settings)
    got = dict(zip(map(str, settings), outcome(trace)["outcomes"]))
    assert got == {str(s): want for s, want in zip(settings, ["ValueError"] * 4 + ["accepted"])}, got


@pytest.mark.points(1)
@pytest.mark.hint("max_attempts=1 is one try and no retry; base_delay=0 and max_delay=0 are allowed and make every "
                  "wait 0.")
def test_one_attempt_and_zero_delays_are_allowed(run):
    once = outcome(run("server-faults", "retry_chat", provider="anthropic", prompt=REFUND, max_attempts=1))
    assert (once["attempts"], once["sleeps"]) == (1, []), \
        f"max_attempts=1: one call and no wait, got {once['attempts']} calls and waits {once['sleeps']}"
    assert once["error"] is not None and (once["error"]["kind"], once["error"]["status"]) == ("ServerError", 500), \
        f"expected the first 500 to be raised, got {raised(once)}"
    zero = outcome(run("flaky", "retry_chat", provider="openai", prompt=REFUND, base_delay=0.0, max_delay=0.0))
    assert zero["reply"] is not None, f"with zero delays retry raised {raised(zero)}"
    assert zero["sleeps"] == [0.0, 0.0, 0.0], f"zero delays: three waits of 0 s, got {zero['sleeps']}"


@pytest.mark.points(1)
@pytest.mark.hint("Give up early only when retry_after is MORE than max_delay; a retry_after equal to max_delay is "
                  "waited for.")
def test_rate_limit_equal_to_max_delay_is_waited_for(run):
    trace = run("rate-limited", "retry_chat", provider="anthropic", prompt=ADDRESS, base_delay=0.1, max_delay=2.0)
    result = outcome(trace)
    assert result["reply"] is not None, f"retry-after 2 s and max_delay 2 s: wait and retry; it raised {raised(result)}"
    assert result["sleeps"] == pytest.approx([2.0], abs=TOLERANCE), f"one wait of 2 s, got {result['sleeps']}"


@pytest.mark.points(1)
@pytest.mark.hint("A model id belongs to one provider: FallbackChain.chat raises ValueError when given model=, "
                  "before sending anything.")
def test_the_chain_refuses_a_model_argument(run):
    trace = run("anthropic-outage", "fallback_chat", prompt=SHIPPING, options={"model": "gpt-5.4-mini"})
    result = outcome(trace)
    assert result["error"] is not None and result["error"]["kind"] == "ValueError", \
        f"chat(..., model=...) should raise ValueError, got {raised(result)}"
    assert trace["sent"] == [], f"{len(trace['sent'])} requests were sent before refusing model="


@pytest.mark.points(2)
@pytest.mark.hint("FallbackChain passes its own policy, sleep and rand to retry for every client: the waits are "
                  "rand() * min(max_delay, base_delay * 2**k), drawn from the chain's rand.")
def test_the_chain_waits_with_its_own_sleep_and_rand(run):
    trace = run("anthropic-outage", "fallback_chat", prompt=SHIPPING, max_attempts=3, base_delay=0.5, rand=[0.2, 0.6])
    result = outcome(trace)
    assert result["reply"] is not None and result["reply"]["provider"] == "openai", f"the chain raised {raised(result)}"
    assert result["sleeps"] == pytest.approx([0.1, 0.6], abs=TOLERANCE), \
        f"with rand() giving 0.2 then 0.6 and base 0.5 s the primary's waits are [0.1, 0.6], got {result['sleeps']}"
