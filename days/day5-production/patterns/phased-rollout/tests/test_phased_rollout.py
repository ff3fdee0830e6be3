"""Phased rollout graded tests. Each runs your `phased_rollout` package in its own process through ../driver.py
and checks behaviour only: which users are served, the verdicts, stages and history. Some start fresh Python
processes with different PYTHONHASHSEED values, as other server processes or a restarted service would have."""
import pytest

# The rollout makes no model calls, so its jobs run with a scenario that has nothing to answer.
NO_LLM = {"name": "no-llm", "provenance": {"kind": "authored", "note": "the phased rollout calls no model"},
          "exchanges": []}
SEEDS = ["0", "1", "12345", "random"]


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"the rollout failed: {trace['error']}"
    return trace["result"]


@pytest.mark.points(4)
@pytest.mark.hint("Python's hash() of a string changes with PYTHONHASHSEED, i.e. in every process. Hash "
                  "f'{feature}:{user_id}' with hashlib.sha256 and take int.from_bytes(digest[:8]) % 10000.")
def test_buckets_are_the_same_in_every_process(run):
    result = result_of(run(NO_LLM, "buckets_across_processes", feature="smart-replies", users=1000, seeds=SEEDS))
    here = result["here"]
    assert all(isinstance(b, int) and 0 <= b < 10_000 for b in here), "buckets must be integers in 0..9999"
    assert len(set(here)) > 500, f"1,000 users fell into only {len(set(here))} distinct buckets"
    for seed, theirs in result["processes"].items():
        assert isinstance(theirs, list), f"the process with PYTHONHASHSEED={seed} failed: {theirs}"
        moved = sum(1 for a, b in zip(here, theirs) if a != b)
        assert moved == 0, (f"{moved} of 1,000 users are in a different bucket in a process with "
                            f"PYTHONHASHSEED={seed}: they would switch variants after a restart")


@pytest.mark.points(2)
@pytest.mark.hint("Put the feature name into the hash: with hash(user_id) alone, the same 10% of users get "
                  "every feature's early stages.")
def test_each_feature_buckets_users_independently(run):
    result = result_of(run(NO_LLM, "feature_overlap", features=["smart-replies", "auto-triage"], users=20_000,
                           percent=10))
    assert all(1700 <= n <= 2300 for n in result["each"]), f"users in each 10% rollout: {result['each']} of 20,000"
    assert 100 <= result["both"] <= 300, (f"{result['both']} users are in both 10% rollouts; independent "
                                           "rollouts share about 10% of 10% (200)")


@pytest.mark.points(3)
@pytest.mark.hint("A user is in when bucket < percent * 100 (basis points): the bucket never changes, so raising "
                  "the percentage only adds users.")
def test_raising_the_percentage_only_adds_users(run):
    stages = result_of(run(NO_LLM, "promotion_walk", feature="smart-replies", users=20_000, batch=60))["stages"]
    assert [s["percent"] for s in stages] == [1, 5, 25, 50, 100], \
        f"healthy traffic at every stage should walk 1 -> 5 -> 25 -> 50 -> 100; got {[s['percent'] for s in stages]}"
    dropped = [s["dropped"] for s in stages]
    assert dropped == [0] * 5, f"users who had the new variant lost it at a promotion: {dropped} per stage"
    assert stages[-1]["served"] == 20_000 and stages[-1]["status"] == "complete"


@pytest.mark.points(2)
@pytest.mark.hint("Compare the bucket with the percentage in basis points; a well-mixed hash then serves very "
                  "nearly that share of users.")
def test_share_of_users_matches_the_percentage(run):
    stages = result_of(run(NO_LLM, "promotion_walk", feature="auto-triage", users=20_000, batch=60))["stages"]
    shares = {s["percent"]: s["served"] / 20_000 * 100 for s in stages}
    assert set(shares) == {1, 5, 25, 50, 100}, f"stages reached: {sorted(shares)}"
    off = {p: round(share, 2) for p, share in shares.items() if abs(share - p) > (0.5 if p <= 5 else 1.5)}
    assert not off, f"share of users served (percent) far from the stage's percentage: {off}"


@pytest.mark.points(3)
@pytest.mark.hint("promote() runs the health check first and moves on only when it is healthy: at least "
                  "min_samples requests in EACH group, and the new group no worse than control. Clear the windows "
                  "after a promotion so the next stage needs evidence of its own.")
def test_promotion_needs_enough_healthy_evidence(run):
    steps = [["promote"],
             ["traffic", True, 30, 0, 800], ["traffic", False, 30, 0, 800], ["promote"],
             ["traffic", True, 30, 0, 850], ["traffic", False, 30, 0, 800], ["promote"],
             ["promote"],
             ["traffic", True, 98, 2, 900], ["traffic", False, 99, 1, 800], ["promote"]]
    results = result_of(run(NO_LLM, "promotion_script", feature="smart-replies", steps=steps))["results"]
    promotions = [(r["verdict"], r["percent"]) for r, step in zip(results, steps) if step[0] == "promote"]
    assert promotions[0] == ("insufficient_data", 1), f"promote with no traffic: {promotions[0]}"
    assert promotions[1] == ("insufficient_data", 1), f"promote with 30 requests per group (50 needed): {promotions[1]}"
    assert promotions[2] == ("healthy", 5), f"promote with 60 healthy requests per group: {promotions[2]}"
    assert promotions[3] == ("insufficient_data", 5), \
        f"promote again at once, with no traffic at the new stage: {promotions[3]}"
    assert promotions[4] == ("healthy", 25), \
        f"2% errors against 1% in control is within the allowed 2 points: {promotions[4]}"


@pytest.mark.points(4)
@pytest.mark.hint("check() compares new with control; when unhealthy it calls rollback(reason): percent 0 (nobody "
                  "keeps the new variant), status 'rolled_back', and a history entry with the reason.")
def test_unhealthy_new_variant_is_rolled_back_with_the_reason(run):
    errors = [["traffic", True, 92, 8, 800], ["traffic", False, 99, 1, 800], ["check"], ["promote"]]
    result = result_of(run(NO_LLM, "promotion_script", feature="smart-replies", steps=errors))
    check, promote = result["results"][2], result["results"][3]
    assert check["verdict"] == "unhealthy", f"8% errors against 1% in control: {check}"
    assert (check["percent"], check["status"]) == (0, "rolled_back"), \
        f"after a failed check the rollout is at {check['percent']}% ({check['status']}); roll back to 0%"
    assert promote["percent"] == 0, "a rolled-back rollout must not be promoted"
    assert result["served"] == 0, f"{result['served']} of 2,000 users still get the new variant after the rollback"
    last = result["history"][-1]
    assert "error" in last.get("reason", "").lower(), f"the rollback's recorded reason should name the error rate: {last}"

    slow = [["traffic", True, 100, 0, 2400], ["traffic", False, 100, 0, 800], ["check"]]
    result = result_of(run(NO_LLM, "promotion_script", feature="smart-replies", steps=slow))
    assert (result["results"][2]["verdict"], result["results"][2]["percent"]) == ("unhealthy", 0), \
        f"p95 of 2,400 ms against 800 ms in control: {result['results'][2]}"
    reason = result["history"][-1].get("reason", "").lower()
    assert "latency" in reason or "p95" in reason, f"the rollback's reason should name the latency: {reason!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Judge the new variant against control over the same window, not against a fixed bar: when the "
                  "provider fails 9% of everyone's requests, 10% in the new group is healthy; 12% against 5% is not "
                  "(more than max_error_rate_increase above control).")
def test_the_error_rate_is_judged_against_control(run):
    steps = [["traffic", True, 90, 10, 800], ["traffic", False, 91, 9, 800], ["promote"],
             ["traffic", True, 88, 12, 800], ["traffic", False, 95, 5, 800], ["check"]]
    results = result_of(run(NO_LLM, "promotion_script", feature="smart-replies", steps=steps))["results"]
    assert (results[2]["verdict"], results[2]["percent"]) == ("healthy", 5), \
        f"10% errors against 9% in control is the provider's bad day, not the new variant's: {results[2]}"
    assert (results[5]["verdict"], results[5]["percent"]) == ("unhealthy", 0), \
        f"12% errors against 5% in control is 7 points worse: roll back. Got {results[5]}"


@pytest.mark.points(2)
@pytest.mark.hint("Keep only the last window_size outcomes per group (a deque with maxlen): old failures age out "
                  "instead of counting for ever.")
def test_health_is_judged_on_a_sliding_window(run):
    steps = [["traffic", True, 0, 10, 800], ["traffic", False, 100, 0, 800], ["check"],
             ["traffic", True, 100, 0, 800], ["check"], ["promote"]]
    results = result_of(run(NO_LLM, "promotion_script", feature="smart-replies", steps=steps, window_size=100))["results"]
    assert results[2]["verdict"] == "insufficient_data", f"10 requests in the new group are too few: {results[2]}"
    assert results[4]["verdict"] == "healthy", \
        f"the last 100 requests of the new group all succeeded; the 10 early failures have left the window: {results[4]}"
    assert results[5]["percent"] == 5


@pytest.mark.points(3)
@pytest.mark.hint("Save the state (percent, status, history) in the JsonStateStore on every change and load it "
                  "in PhasedRollout's constructor; write a temporary file and os.replace it.")
def test_stage_and_rollback_survive_a_restart(run):
    result = result_of(run(NO_LLM, "restart_run", feature="smart-replies", users=2000, seeds=["0", "4242"]))
    here, promoted, rolled_back = result["here"], result["after_promotion"], result["after_rollback"]
    assert here["percent"] == 25, f"two healthy promotions should reach 25%, got {here['percent']}"
    assert "error" not in promoted, promoted.get("error")
    assert promoted["percent"] == 25, f"a restarted process sees {promoted['percent']}%; the stage was 25%"
    assert promoted["served"] == here["served"], \
        "after a restart (another PYTHONHASHSEED) different users get the new variant"
    assert "error" not in rolled_back, rolled_back.get("error")
    assert (rolled_back["percent"], rolled_back["status"]) == (0, "rolled_back"), \
        f"after a rollback and a restart: {rolled_back['percent']}%, {rolled_back['status']}"
    assert rolled_back["served"] == []
    assert "p95 latency tripled" in rolled_back["history"][-1].get("reason", ""), \
        "the rollback's reason must be kept with the state"
