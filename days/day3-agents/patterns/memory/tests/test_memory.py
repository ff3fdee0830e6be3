"""Memory graded tests. Each runs a script against your `agent_memory.MemoryStore` in its own process
(../driver.py) on a fake clock. Expected similarities are computed here with the same offline MiniLM encoder, so
the tests judge the rule (score = cosine * 0.5 ** (age / half_life)), not one implementation."""
import functools

import pytest

from agentkit.embeddings import MiniLM

NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "memory calls no model"}, "exchanges": []}
HOUR = 3600.0
FACTS = ["The staging database is reset every Sunday night.",
         "Deploys to production need two approvals in the release channel.",
         "The payments service retries a failed charge three times.",
         "Our on-call rotation changes every Monday at 10:00 UTC."]


@functools.cache
def encoder():
    return MiniLM.load()


def cosine(a: str, b: str) -> float:
    vectors = encoder().encode([a, b])
    return float(vectors[0] @ vectors[1])


def episode_text(task, action, outcome, succeeded) -> str:
    return f"{task}: tried {action} -> {'succeeded' if succeeded else 'failed'}: {outcome}"


def values(trace: dict) -> list:
    assert trace["ok"], f"the memory store failed: {trace['error']}"
    got = trace["result"]["results"]
    raised = [r for r in got if "raised" in r]
    assert not raised, f"a step raised {raised[0]['raised']}: {raised[0]['message']}"
    return [r["value"] for r in got]


@pytest.mark.points(1)
@pytest.mark.hint("recency_score = similarity * 0.5 ** (age_seconds / half_life_seconds).")
def test_recency_score_halves_every_half_life(run):
    cases = [(0.8, 0, 10), (0.8, 10, 10), (0.8, 30, 10), (0.5, 5, 20), (1.0, 86400, 3600)]
    got = values(run(NO_LLM, "script", steps=[["score", *case] for case in cases]))
    for (similarity, age, half_life), score in zip(cases, got):
        assert score == pytest.approx(similarity * 0.5 ** (age / half_life), rel=1e-9), \
            f"recency_score({similarity}, {age}, {half_life}) = {score}"


@pytest.mark.points(3)
@pytest.mark.hint("record() stamps each episode with self.clock() (never the wall clock); history(task) lists that "
                  "task's episodes newest first (all tasks with None), ties in reverse order of recording.")
def test_episodes_are_listed_newest_first_with_the_clock_time(run):
    steps = [["at", "2026-12-01T09:00:00+00:00"], ["record", "migrate-db", "pg_dump and restore", "timed out", False],
             ["at", "2026-12-01T11:30:00+00:00"], ["record", "fix-ci", "pin pytest to 8.3", "green build", True],
             ["at", "2026-12-02T08:00:00+00:00"], ["record", "migrate-db", "logical replication", "caught up", True],
             ["record", "migrate-db", "switch traffic", "done", True],
             ["history", "migrate-db"], ["history", None], ["history", "unknown-task"]]
    got = values(run(NO_LLM, "script", steps=steps))
    migrate, everything, none = got[-3:]
    assert [row[1] for row in migrate] == ["switch traffic", "logical replication", "pg_dump and restore"], \
        f"history('migrate-db') newest first (ties: the later recorded first): {[row[1] for row in migrate]}"
    assert migrate[2][3] is False and migrate[0][3] is True, "each episode keeps whether it succeeded"
    assert migrate[2][4].startswith("2026-12-01T09:00:00"), \
        f"the episode's time comes from the injected clock: {migrate[2][4]}"
    assert len(everything) == 4 and everything[-1][1] == "pg_dump and restore" and everything[2][1] == "pin pytest to 8.3"
    assert none == [], "a task never seen has no history"


@pytest.mark.points(3)
@pytest.mark.hint("Write to SQLite at the path given and commit each write: a new MemoryStore on the same file, "
                  "as after a restart, must find every episode and fact.")
def test_memory_survives_a_restart(run):
    steps = [["record", "fix-ci", "pin pytest to 8.3", "green build", True], ["remember", FACTS[0]],
             ["at", "2026-12-01T10:00:00+00:00"], ["remember", FACTS[1]], ["reopen"],
             ["history", None], ["recall", "When is staging wiped?", 2]]
    history, recalled = values(run(NO_LLM, "script", steps=steps))[-2:]
    assert [row[1] for row in history] == ["pin pytest to 8.3"], f"after a restart the history is {history}"
    assert recalled and recalled[0][0] == FACTS[0], f"after a restart the facts are still recalled: {recalled}"


@pytest.mark.points(3)
@pytest.mark.hint("Embed with the encoder given; vectors are unit length, so cosine = dot product. With every "
                  "memory the same age, recall ranks purely by similarity.")
def test_recall_ranks_by_similarity_when_ages_are_equal(run):
    query = "How many times is a card charge retried?"
    steps = [["remember", fact] for fact in FACTS] + [["recall", query, 3]]
    recalled = values(run(NO_LLM, "script", steps=steps))[-1]
    expected = sorted(FACTS, key=lambda fact: -cosine(query, fact))[:3]
    assert [r[0] for r in recalled] == expected, f"recall order {[r[0] for r in recalled]}, expected {expected}"
    for text, kind, score in recalled:
        assert kind == "fact" and score == pytest.approx(cosine(query, text), abs=1e-4), \
            f"at age 0 a fact's score is its cosine similarity: {text!r} scored {score}"


@pytest.mark.points(3)
@pytest.mark.hint("Age = the clock's time at recall minus the memory's time. score = similarity * 0.5 ** (age / "
                  "half_life): a newer, slightly less similar memory can beat an old one.")
def test_recall_discounts_old_memories(run):
    query = "Who approves a production deploy?"
    old, new = FACTS[1], "Release approvals now come from the team lead alone."
    steps = [["at", "2026-11-01T09:00:00+00:00"], ["remember", old], ["remember", FACTS[0]],
             ["at", "2026-12-01T07:00:00+00:00"], ["remember", new],
             ["at", "2026-12-01T09:00:00+00:00"], ["recall", query, 3]]
    recalled = values(run(NO_LLM, "script", steps=steps, half_life_hours=24.0))[-1]
    ages = {old: 30 * 24 * HOUR, FACTS[0]: 30 * 24 * HOUR, new: 2 * HOUR}
    expected = sorted(((fact, cosine(query, fact) * 0.5 ** (age / (24 * HOUR))) for fact, age in ages.items()),
                      key=lambda pair: -pair[1])
    assert [r[0] for r in recalled] == [fact for fact, _ in expected], \
        f"recall order {[r[0] for r in recalled]}; expected {[f for f, _ in expected]}"
    for (text, _, score), (_, want) in zip(recalled, expected):
        assert score == pytest.approx(want, abs=1e-4), f"{text!r}: score {score}, expected {want}"


@pytest.mark.points(2)
@pytest.mark.hint("recall searches episodes too (embedded as Episode.text()), ranked with the facts by one score; "
                  "kind says which each one is. Return at most k.")
def test_recall_combines_episodes_and_facts(run):
    query = "database migration attempts"
    episodes = [("migrate-db", "pg_dump and restore", "timed out after 6 hours", False),
                ("fix-ci", "pin pytest to 8.3", "green build", True)]
    steps = [["record", *e] for e in episodes] + [["remember", fact] for fact in FACTS] + [["recall", query, 2]]
    recalled = values(run(NO_LLM, "script", steps=steps))[-1]
    candidates = [(episode_text(*e), "episode") for e in episodes] + [(fact, "fact") for fact in FACTS]
    expected = sorted(candidates, key=lambda pair: -cosine(query, pair[0]))[:2]
    assert len(recalled) == 2, f"k=2 gives two memories, not {len(recalled)}"
    assert [(r[0], r[1]) for r in recalled] == expected, f"recall gave {recalled}; expected {expected}"
