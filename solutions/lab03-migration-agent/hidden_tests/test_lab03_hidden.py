"""Lab 03 hidden tests: more kill points, the budget across a resume, symlinks, a test run that hangs, the plan's
order, a workspace with nothing to do, and a failed run that is not run again."""
from pathlib import Path

import pytest

from autograder.units import unit_module

checks = unit_module("lab03", "checks")
TESTS, CODEBASE, MIGRATED = checks.TESTS, checks.CODEBASE, checks.MIGRATED
outcome_of, calls_by_step, end_state = checks.outcome_of, checks.calls_by_step, checks.end_state


def migrate(run, scenario, layout, provider="anthropic", **options) -> dict:
    return run(scenario, "migrate", provider=provider, workspace=layout["workspace"],
               checkpoint=layout["checkpoint"], **options)


def kill_then_resume(run, scenario, layout, at: int, provider="anthropic", **options) -> tuple[dict, dict]:
    killed = migrate(run, scenario, layout, provider, crash_before_call=at, **options)
    assert checks.was_killed(killed), f"the run was to be killed at model call {at}; it gave {killed['result'] or killed['error']}"
    return killed, migrate(run, scenario, layout, provider, **options)


def assert_done(trace: dict, layout: dict, migrated=TESTS, calls: int | None = None) -> None:
    outcome = outcome_of(trace)
    assert outcome["status"] == "done" and outcome["migrated"] == list(migrated), \
        f"the run ended {outcome['status']!r} with {outcome['migrated']}: {outcome['error']}"
    if calls is not None:
        assert outcome["calls"] == calls, f"the outcome says {outcome['calls']} calls; {calls} were made in all"
    wrong = end_state(layout["workspace"], list(migrated))
    assert not wrong, "the workspace after the run: " + "; ".join(wrong)


@pytest.mark.points(6)
@pytest.mark.hint("A run killed right after its plan resumes at the first file: the plan is in the checkpoint.")
def test_killed_after_the_plan(run, services):
    provider = "anthropic"
    layout = checks.lay_out(services.folder)
    killed, resumed = kill_then_resume(run, "migration", layout, 2, provider)
    assert calls_by_step(killed) == ["plan"], f"calls before the kill: {calls_by_step(killed)}"
    assert calls_by_step(resumed) == TESTS, f"the resumed run called for {calls_by_step(resumed)}; expected {TESTS}"
    assert_done(resumed, layout, calls=3)


@pytest.mark.points(6)
@pytest.mark.hint("A run killed while it retries a step resumes that retry: the attempt, the failed reply and the "
                  "error are part of the checkpointed state, so the resumed call carries the same feedback.")
def test_killed_during_a_retry(run, services):
    provider = "openai"  # the other test that kills a run uses anthropic
    layout = checks.lay_out(services.folder)
    killed, resumed = kill_then_resume(run, "retry-after-syntax-error", layout, 3, provider)
    assert calls_by_step(killed) == ["plan", "test_inventory.py"], f"calls before the kill: {calls_by_step(killed)}"
    assert calls_by_step(resumed) == TESTS, f"the resumed run called for {calls_by_step(resumed)}"
    message, _ = checks.syntax_error_of(killed["served"][1]["text"])
    retry = checks.all_text(resumed["sent"][0])
    assert killed["served"][1]["text"].strip()[:200] in retry and message in retry, \
        "the resumed retry should carry the failed reply and its SyntaxError, as the retry before the kill would have"
    assert_done(resumed, layout, calls=4)


@pytest.mark.points(5)
@pytest.mark.hint("The budget counts every model call of the run, across resumes: keep the count in the checkpoint.")
def test_the_budget_holds_across_a_resume(run, services):
    layout = checks.lay_out(services.folder)
    killed, resumed = kill_then_resume(run, "never-passes", layout, 3, max_attempts=10, max_steps=4)
    assert len(killed["sent"]) == 2, f"{len(killed['sent'])} calls before the kill at the third"
    outcome = outcome_of(resumed)
    assert len(resumed["sent"]) == 2, f"the resumed run made {len(resumed['sent'])} calls; 2 were left of max_steps=4"
    assert outcome["status"] == "out_of_budget" and outcome["calls"] == 4, f"the resumed run gave {outcome}"


@pytest.mark.points(5)
@pytest.mark.hint("resolve follows symlinks: a plan naming shared/test_inventory.py, where shared/ is a symlink to a "
                  "folder outside the workspace, is refused and retried; nothing outside is written.")
def test_a_plan_through_a_symlink_out_is_refused(run, services):
    layout = checks.lay_out(services.folder)
    (Path(layout["workspace"]) / "shared").symlink_to(layout["outside"], target_is_directory=True)
    trace = migrate(run, "plan-through-a-symlink", layout)
    assert checks.outside_untouched(layout), "a file outside the workspace, reached through a symlink, was changed"
    assert calls_by_step(trace) == ["plan", "plan", *TESTS], f"model calls by step: {calls_by_step(trace)}"
    assert_done(trace, layout)


@pytest.mark.points(5)
@pytest.mark.hint("Run the tests with subprocess.run(..., timeout=settings.test_timeout): a test that hangs is a "
                  "failure (fed back, retried), not a run that never ends.")
def test_a_test_run_that_hangs_is_stopped_and_retried(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "hanging-test", layout, test_timeout=2)
    assert trace["ok"], trace["error"]
    assert calls_by_step(trace) == ["plan", "test_inventory.py", "test_inventory.py", "test_pricing.py"], \
        f"model calls by step: {calls_by_step(trace)}"
    retry = checks.user_turns(trace["sent"][2])[-1].lower()
    assert "time" in retry, f"the retry should say the tests timed out: {retry[:300]!r}"
    assert_done(trace, layout)


@pytest.mark.points(3)
@pytest.mark.hint("settings.max_attempts is the number of calls per step: with 1 there is no retry.")
def test_one_attempt_means_no_retry(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "never-passes", layout, max_attempts=1)
    assert calls_by_step(trace) == ["plan", "test_inventory.py"], f"model calls by step: {calls_by_step(trace)}"
    assert outcome_of(trace)["status"] == "failed"
    assert not end_state(layout["workspace"], []), "the failed step's file was not restored"


@pytest.mark.points(3)
@pytest.mark.hint("Execute the plan's steps in the plan's order (the plan may come in a fence after a sentence: "
                  "parse_plan handles that).")
def test_the_plan_order_is_followed(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "pricing-first", layout)
    assert calls_by_step(trace) == ["plan", "test_pricing.py", "test_inventory.py"], f"calls: {calls_by_step(trace)}"
    assert_done(trace, layout, migrated=["test_pricing.py", "test_inventory.py"])


@pytest.mark.points(3)
@pytest.mark.hint("The analysis finds the files that import unittest; when there are none the run is done, with "
                  "no model call.")
def test_nothing_to_migrate_means_no_call(run, services):
    layout = checks.lay_out(services.folder)
    for name in TESTS:
        (Path(layout["workspace"]) / name).write_text(MIGRATED[name])
    trace = migrate(run, "migration", layout)
    outcome = outcome_of(trace)
    assert not trace["sent"], f"{len(trace['sent'])} model calls for a workspace with no unittest file"
    assert outcome["status"] == "done" and outcome["migrated"] == [], f"the run gave {outcome}"


@pytest.mark.points(4)
@pytest.mark.hint("A run that failed is over: migrate on its checkpoint returns the failed outcome, no call.")
def test_a_failed_run_is_not_run_again(run, services):
    layout = checks.lay_out(services.folder)
    first = outcome_of(migrate(run, "never-passes", layout, max_attempts=2))
    assert first["status"] == "failed", f"the first run gave {first}"
    again = migrate(run, "never-passes", layout, max_attempts=2)
    assert not again["sent"], f"{len(again['sent'])} model calls for a run that had failed"
    assert outcome_of(again)["status"] == "failed" and outcome_of(again)["calls"] == 3
