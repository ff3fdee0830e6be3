"""Semantic cache graded tests. Each runs your `semantic_cache` package in its own process through ../driver.py
with real all-MiniLM-L6-v2 embeddings (agentkit.embeddings, offline), and checks only behaviour: what lookups
return on a fake clock, what stats() counts, how many requests reached the model (the scenarios in
../fixtures/scenarios/ answer them), and how much Python one lookup runs as the cache grows."""
import pytest

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "these jobs call no model"}, "exchanges": []}
SUPPORT = ("You are the support assistant for Larkspur Cloud. Answer from the help centre in two sentences "
           "or fewer.")
BRIEF = "You are the support assistant for Larkspur Cloud. Answer in at most eight words."

RESET = "How do I reset my password?"
RESET_AGAIN = "How can I reset my password?"              # MiniLM cosine with RESET: 0.99
FORGOT = "I forgot my password, how can I change it?"      # 0.89 with RESET, 0.90 with RESET_AGAIN
USERNAME = "How do I reset my username?"                   # 0.70 with RESET: similar words, another question
RETURNS = "What is your return policy?"
RETURNS_AGAIN = "What is the return policy?"               # 0.95 with RETURNS
PARCEL = "Where is my parcel?"                             # at most 0.20 with any of the above
TRACK = "How do I track my order?"
SSO = "Which plan includes single sign-on?"

RESET_ANSWER = "Open Settings > Security and choose Reset password. The link we email you works for 30 minutes."
BRIEF_ANSWER = "Settings, then Security, then Reset password."
SONNET_ANSWER = "Go to Settings > Security and pick Reset password; the emailed link stays valid for 30 minutes."
RETURNS_ANSWER = "You can return any item within 30 days of delivery for a full refund; start from Orders > Return."


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the cache failed: {trace['error']}"
    return trace["result"]


def values(trace: dict) -> list:
    return [r["value"] if "value" in r else f"raised {r['raised']}" for r in result_of(trace)["results"]]


def answers(looked_up: list) -> list:
    return [hit["answer"] if isinstance(hit, dict) else hit for hit in looked_up]


@pytest.mark.points(3)
@pytest.mark.hint("lookup(): embed the question (self._embed gives a unit vector), score every stored row with "
                  "one matrix-vector product, take the argmax, and return a Hit only if its score reaches the "
                  "threshold.")
def test_a_paraphrase_hits_and_an_unrelated_question_misses(run):
    steps = [["set", RESET, "A"], ["set", RETURNS, "B"],
             ["lookup", FORGOT], ["lookup", RETURNS_AGAIN], ["lookup", USERNAME], ["lookup", PARCEL]]
    got = values(run(NO_LLM, "cache_script", threshold=0.85, steps=steps))
    forgot, returns_again, username, parcel = got[2:]
    assert isinstance(forgot, dict) and forgot["answer"] == "A" and forgot["question"] == RESET, \
        f"{FORGOT!r} means {RESET!r} (cosine 0.89, threshold 0.85) and should get its answer; got {forgot}"
    assert 0.85 <= forgot["similarity"] <= 1.0 + 1e-6, f"the similarity should be the cosine, 0.89: {forgot}"
    assert isinstance(returns_again, dict) and returns_again["answer"] == "B", \
        f"{RETURNS_AGAIN!r} should hit {RETURNS!r}, not another entry; got {returns_again}"
    assert username is None, f"{USERNAME!r} is another question (cosine 0.70): it must miss, got {username}"
    assert parcel is None, f"{PARCEL!r} is unrelated to every entry: it must miss, got {parcel}"


@pytest.mark.points(2)
@pytest.mark.hint("A hit needs similarity >= threshold, where similarity is the cosine: compare unit vectors "
                  "(self._embed normalises what the encoder returns; some encoders return longer vectors).")
def test_the_threshold_decides_and_similarity_is_the_cosine(run):
    probe = result_of(run(NO_LLM, "threshold_probe", stored=RESET, asked=FORGOT, margin=0.01))
    cosine = probe["cosine"]
    assert probe["below"] is not None, \
        f"threshold {cosine - 0.01:.3f}, MiniLM cosine {cosine:.3f}: the lookup should hit, it missed"
    assert probe["below"]["similarity"] == pytest.approx(cosine, abs=1e-4), \
        f"the hit's similarity {probe['below']['similarity']:.4f} is not the cosine {cosine:.4f}"
    assert probe["above"] is None, \
        f"threshold {cosine + 0.01:.3f} is above the cosine {cosine:.3f}: the lookup should miss; got {probe['above']}"


@pytest.mark.points(2)
@pytest.mark.hint("Keep an expiry time (clock() + ttl) per row; a lookup scores only rows still live (np.where "
                  "with a mask of expires > now), so an expired best match gives way to the best live one.")
def test_entries_expire_and_the_best_live_entry_answers(run):
    steps = [["set", RESET, "A", {"ttl": 60}], ["set", FORGOT, "B", {"ttl": 300}],
             ["advance", 59], ["lookup", RESET_AGAIN], ["advance", 2], ["lookup", RESET_AGAIN],
             ["advance", 240], ["lookup", RESET_AGAIN], ["set", RESET, "C"], ["lookup", RESET_AGAIN]]
    got = answers([v for step, v in zip(steps, values(run(NO_LLM, "cache_script", threshold=0.85, steps=steps)))
                   if step[0] == "lookup"])
    assert got[0] == "A", f"at 59 s, 'A' (ttl 60, cosine 0.99) is live and the best match; got {got[0]}"
    assert got[1] == "B", (f"at 61 s, 'A' has expired: the live entry 'B' (ttl 300, cosine 0.90) should answer; "
                           f"got {got[1]}")
    assert got[2] is None, f"at 301 s both have expired: a miss; got {got[2]}"
    assert got[3] == "C", f"stored again, the question hits again; got {got[3]}"


@pytest.mark.points(3)
@pytest.mark.hint("When a new question would exceed max_entries, drop expired rows; if none, drop the row used "
                  "least recently (np.argmin over last-use counters updated on every set and every hit).")
def test_size_is_bounded_and_the_least_recently_used_goes_first(run):
    steps = [["set", RESET, "A"], ["set", RETURNS, "B"], ["set", TRACK, "C"], ["lookup", RESET_AGAIN],
             ["set", SSO, "D"], ["size"],
             ["lookup", RETURNS], ["lookup", RESET], ["lookup", TRACK], ["lookup", SSO],
             ["flood", "flood question", 60], ["size"], ["lookup", SSO]]
    got = values(run(NO_LLM, "cache_script", threshold=0.85, max_entries=3, steps=steps))
    assert got[5] == 3, f"max_entries=3, after 4 questions the cache holds {got[5]}"
    reads = answers(got[6:10])
    assert reads == [None, "A", "C", "D"], \
        ("'A' was hit after 'B' was stored, so storing 'D' should evict 'B' (the least recently used) and only "
         f"'B'; lookups of B, A, C, D gave {reads}")
    assert got[11] == 3, f"after 60 more questions the cache holds {got[11]} entries, not 3: it must evict"
    assert got[12] is None, f"'D' is older than the 60 newer questions and should be gone; got {got[12]}"


@pytest.mark.points(2)
@pytest.mark.hint("Count every lookup as a hit or a miss, every entry dropped for space as an eviction and every "
                  "entry dropped after its TTL as expired; hit_rate = hits / (hits + misses), 0.0 before any lookup.")
def test_stats_count_hits_misses_evictions_and_expiry(run):
    steps = [["stats"], ["set", RESET, "A"], ["set", RETURNS, "B"], ["lookup", FORGOT], ["lookup", PARCEL],
             ["lookup", USERNAME], ["set", TRACK, "C"], ["stats"], ["advance", 4000], ["lookup", RESET],
             ["purge"], ["stats"]]
    got = values(run(NO_LLM, "cache_script", threshold=0.85, ttl=3600, max_entries=2, steps=steps))
    assert got[0] == {"hits": 0, "misses": 0, "evictions": 0, "expired": 0, "entries": 0, "hit_rate": 0.0}, \
        f"before anything: {got[0]}"
    middle = got[7]
    assert (middle["hits"], middle["misses"], middle["evictions"], middle["entries"]) == (1, 2, 1, 2), \
        f"1 hit, 2 misses, 1 eviction (storing a third entry with max_entries=2), 2 entries expected; got {middle}"
    assert middle["hit_rate"] == pytest.approx(1 / 3)
    assert got[10] == 2, f"after the TTL, purge_expired() should remove both entries; it reported {got[10]}"
    end = got[11]
    assert (end["hits"], end["misses"], end["expired"], end["entries"]) == (1, 3, 2, 0), \
        f"the lookup after the TTL is a miss and the purge drops 2 expired entries; got {end}"
    assert end["hit_rate"] == pytest.approx(0.25)


@pytest.mark.points(2)
@pytest.mark.hint("cached_chat: look the question up in its namespace; on a hit return the stored answer "
                  "without calling the client; on a miss call client.chat and store the reply's text.")
def test_cached_chat_asks_the_model_only_on_a_miss(run, provider):
    questions = [RESET, FORGOT, RESET_AGAIN, RETURNS, RETURNS_AGAIN]
    trace = run("support-desk", "ask_many", provider=provider,
                calls=[{"question": q, "system": SUPPORT, "max_tokens": 200} for q in questions])
    result = result_of(trace)
    assert result["answers"] == [RESET_ANSWER] * 3 + [RETURNS_ANSWER] * 2, result["answers"]
    assert len(trace["sent"]) == 2, \
        f"{len(trace['sent'])} requests reached the model for 2 questions, each asked in 2 or 3 ways"
    assert (result["stats"]["hits"], result["stats"]["misses"]) == (3, 2), result["stats"]


@pytest.mark.points(3)
@pytest.mark.hint("The namespace is a digest of everything but the question: the model (model or client.model), "
                  "the system prompt and the parameters. A paraphrase under another system prompt, model or "
                  "max_tokens is another request.")
def test_another_system_prompt_model_or_parameter_never_shares_answers(run):
    calls = [{"question": RESET, "system": SUPPORT, "max_tokens": 200},
             {"question": RESET, "system": BRIEF, "max_tokens": 200},
             {"question": FORGOT, "system": BRIEF, "max_tokens": 200},
             {"question": RESET_AGAIN, "system": SUPPORT, "model": "claude-sonnet-4-6", "max_tokens": 200},
             {"question": RESET, "system": SUPPORT, "max_tokens": 400},
             {"question": FORGOT, "system": SUPPORT, "max_tokens": 200}]
    trace = run("support-desk", "ask_many", provider="anthropic", calls=calls)
    got = result_of(trace)["answers"]
    assert got[1] == BRIEF_ANSWER, f"the eight-word system prompt got another prompt's cached answer: {got[1]!r}"
    assert got[2] == BRIEF_ANSWER, f"a paraphrase under the same eight-word prompt should hit its entry: {got[2]!r}"
    assert got[3] == SONNET_ANSWER, f"another model got the first model's cached answer: {got[3]!r}"
    assert got[4] == RESET_ANSWER and got[5] == RESET_ANSWER
    assert len(trace["sent"]) == 4, \
        (f"{len(trace['sent'])} requests: expected 4 (one per system prompt, model and max_tokens), with the "
         "two paraphrases served from the cache")


@pytest.mark.points(2)
@pytest.mark.hint("Let the client's exception propagate and store nothing: a cached error would be served to "
                  "everyone who asks something similar.")
def test_failed_calls_are_not_cached(run):
    trace = run("password-flaky", "ask_many", provider="openai",
                calls=[{"question": q, "system": SUPPORT, "max_tokens": 200} for q in (RESET, FORGOT, RESET)])
    got = result_of(trace)["answers"]
    assert got[0].startswith("error: "), f"the first call should fail with the provider's 503, got {got[0]!r}"
    assert got[1:] == [RESET_ANSWER] * 2, f"after the failure the model is asked again, then the cache hits: {got}"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests: expected the failed one, then one answer"


TRUNCATED = {"name": "password-truncated",
             "provenance": {"kind": "authored", "note": "the first answer is cut off by max_tokens"},
             "exchanges": [
                 {"when": {"user": "password"},
                  "reply": {"text": "Open Settings > Security and", "stop_reason": "max_tokens",
                            "usage": {"input_tokens": 58, "output_tokens": 6}}},
                 {"when": {"user": "password"}, "repeat": True,
                  "reply": {"text": RESET_ANSWER, "stop_reason": "end",
                            "usage": {"input_tokens": 58, "output_tokens": 24}}}]}


@pytest.mark.points(2)
@pytest.mark.hint("Store only complete answers: a reply whose stop_reason is not \"end\" (cut off by max_tokens, "
                  "refused) is returned to its caller but not cached, so the next similar question asks again.")
def test_truncated_answers_are_not_cached(run):
    trace = run(TRUNCATED, "ask_many", provider="openai",
                calls=[{"question": q, "system": SUPPORT, "max_tokens": 200} for q in (RESET, FORGOT, RESET)])
    got = result_of(trace)["answers"]
    assert got[0] == "Open Settings > Security and", f"the first (truncated) reply is still returned: {got[0]!r}"
    assert got[1:] == [RESET_ANSWER] * 2, \
        f"a truncated answer must not be served from the cache; after it, the model is asked again: {got}"
    assert len(trace["sent"]) == 2, f"{len(trace['sent'])} requests: expected the truncated one, then one answer"


@pytest.mark.points(4)
@pytest.mark.hint("No Python loop over entries in lookup: not to score them (one matrix-vector product over the "
                  "stored rows), not to skip expired rows or other namespaces (boolean numpy masks). The driver "
                  "counts the Python steps of each lookup with sys.settrace; they must not grow with the size.")
def test_lookup_work_does_not_grow_with_the_number_of_entries(run):
    runs = result_of(run(NO_LLM, "lookup_work", sizes=[1_000, 20_000]))["runs"]
    for each in runs:
        assert each["size"] == each["entries"], f"{each['entries']} entries stored, the cache holds {each['size']}"
        assert each["answers"] == each["expected"], \
            f"with {each['entries']} entries the lookups gave {each['answers']}, expected {each['expected']}"
    small, large = runs
    assert max(large["steps"]) <= max(small["steps"]) + 200, \
        (f"one lookup ran {max(small['steps'])} Python steps with 1,000 entries and {max(large['steps'])} with "
         "20,000: the lookup does Python work per entry (the handout's linear scan)")
    assert max(large["steps"]) < 2_000, f"one lookup over 20,000 entries ran {max(large['steps'])} Python steps"
