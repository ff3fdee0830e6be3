"""Lab 03 graded tests. Your `migrator` runs in its own process (through ../driver.py) on a workspace each test lays
out in a folder of its own. The model's replies come from ../fixtures/scenarios/; every model request your code
makes is recorded where it is answered, outside your process, and the end state is read from the workspace's
files by the grader. One test kills your process in the middle of a run and starts a new one on the same
checkpoint file."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab03", "checks")  # the codebase, workspaces, readers of what the grader observed
TESTS, CODEBASE = checks.TESTS, checks.CODEBASE
outcome_of, calls_by_step, end_state = checks.outcome_of, checks.calls_by_step, checks.end_state


def migrate(run, scenario, layout, provider="anthropic", **options) -> dict:
    return run(scenario, "migrate", provider=provider, workspace=layout["workspace"],
               checkpoint=layout["checkpoint"], **options)


def assert_migrated(trace: dict, layout: dict, calls: list[str]) -> None:
    outcome = outcome_of(trace)
    assert calls_by_step(trace) == calls, f"model calls by step: {calls_by_step(trace)}; expected {calls}"
    assert outcome["status"] == "done", f"the run ended {outcome['status']!r}: {outcome['error']}"
    assert outcome["migrated"] == TESTS, f"migrated {outcome['migrated']}; expected {TESTS}"
    wrong = end_state(layout["workspace"], TESTS)
    assert not wrong, "the workspace after the run: " + "; ".join(wrong)


def retry_feedback(trace: dict, index: int) -> str:
    """The user turns of request `index` after the reply that failed (which the retry must carry)."""
    failed = trace["served"][index - 1]["text"]
    retry = trace["sent"][index]
    text = checks.all_text(retry)
    assert failed.strip()[:300] in text, "the retry was not sent the reply that failed (as the assistant's turn)"
    return text[text.find(failed.strip()[:300]) + len(failed.strip()[:300]):]


@pytest.mark.points(3)
@pytest.mark.hint("analyse (find_targets) -> plan (one call with PLAN_SYSTEM and plan_message) -> for each planned "
                  "file: execute (one call with EXECUTE_SYSTEM, write code_from(reply)) -> verify -> done.")
def test_a_clean_run_migrates_every_test_file(run, services, provider):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "migration", layout, provider)
    assert_migrated(trace, layout, ["plan", *TESTS])
    assert outcome_of(trace)["calls"] == 3, f"the outcome says {outcome_of(trace)['calls']} calls; 3 were made"


@pytest.mark.points(3)
@pytest.mark.hint("The plan's user message is plan_message(targets) with every unittest file and its code; each "
                  "step's first user message is execute_message(path, source) with that file's code; every call "
                  "has its system prompt and max_tokens=settings.max_reply_tokens.")
def test_the_plan_and_each_step_carry_their_files(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "migration", layout, max_reply_tokens=1500)
    assert len(trace["sent"]) == 3, f"{len(trace['sent'])} model calls; expected the plan and two steps"
    plan, *steps = trace["sent"]
    assert checks.is_plan(plan), "the first call should be the plan, with PLAN_SYSTEM as its system prompt"
    missing = [name for name in TESTS if name not in checks.all_text(plan) or not checks.carries(plan, CODEBASE[name])]
    assert not missing, f"the plan request should carry each unittest file's path and code; missing {missing}"
    assert not any(checks.carries(plan, CODEBASE[name]) for name in checks.MODULES), \
        "the plan request carried code that is not a unittest file: only test files are migrated"
    for name, step in zip(TESTS, steps):
        assert name in checks.all_text(step) and checks.carries(step, CODEBASE[name]), \
            f"the step for {name} should carry its path and its code"
    capped = [r["max_tokens"] for r in trace["sent"] if r["max_tokens"] is None or r["max_tokens"] > 1500]
    assert not capped, f"max_tokens {capped}; settings.max_reply_tokens was 1500"


@pytest.mark.points(3)
@pytest.mark.hint("verify must parse the file first (ast.parse); on a SyntaxError, restore the file and call "
                  "again with the failed reply as the assistant's turn and the error (message and line) as a user turn.")
def test_code_that_does_not_parse_is_retried_with_the_error(run, services, provider):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "syntax-error-then-fixed", layout, provider)
    assert_migrated(trace, layout, ["plan", "test_inventory.py", "test_inventory.py", "test_pricing.py"])
    message, line = checks.syntax_error_of(trace["served"][1]["text"])
    feedback = retry_feedback(trace, 2)
    assert message in feedback and str(line) in feedback, \
        f"the retry should carry the SyntaxError ({message}, line {line}): {feedback[:400]!r}"


@pytest.mark.points(3)
@pytest.mark.hint("Parsing is not enough: run the file's tests in a subprocess (python -m pytest PATH, cwd the "
                  "workspace, with a timeout). When they fail, restore the file and retry with the test output.")
def test_failing_tests_are_retried_with_the_output(run, services, provider):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "failing-test-then-fixed", layout, provider)
    assert_migrated(trace, layout, ["plan", "test_inventory.py", "test_pricing.py", "test_pricing.py"])
    feedback = retry_feedback(trace, 3)
    assert "test_full_discount_is_refused" in feedback and "ValueError" in feedback, \
        f"the retry should carry the test run's output (the failing test and its error): {feedback[:400]!r}"


@pytest.mark.points(4)
@pytest.mark.hint("At most settings.max_attempts calls per step; then the run stops with status 'failed', and the "
                  "file that never passed is left as it was before the step.")
def test_a_step_that_never_passes_fails_the_run_and_restores_the_file(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "never-passes", layout, max_attempts=3)
    outcome = outcome_of(trace)
    assert calls_by_step(trace) == ["plan"] + ["test_inventory.py"] * 3, \
        f"model calls by step with max_attempts=3: {calls_by_step(trace)}"
    assert outcome["status"] == "failed", f"the run ended {outcome['status']!r}; expected 'failed'"
    wrong = end_state(layout["workspace"], [])
    assert not wrong, "a failed step must leave its file as it was: " + "; ".join(wrong)


@pytest.mark.points(4)
@pytest.mark.hint("Count every model call in the state; when the next step needs one and settings.max_steps calls "
                  "were made, stop with status 'out_of_budget' without calling.")
def test_the_step_budget_is_hard(run, services):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "never-passes", layout, max_attempts=10, max_steps=4)
    outcome = outcome_of(trace)
    assert len(trace["sent"]) == 4, f"{len(trace['sent'])} model calls with max_steps=4"
    assert outcome["status"] == "out_of_budget", f"the run ended {outcome['status']!r}; expected 'out_of_budget'"
    assert outcome["calls"] == 4, f"the outcome says {outcome['calls']} calls; 4 were made"


@pytest.mark.points(4)
@pytest.mark.hint("Every path the model names goes through resolve(workspace, path): a plan naming a path outside "
                  "the workspace is refused like an invalid plan (retried with the error), and nothing is written there.")
def test_a_plan_that_leaves_the_workspace_is_refused(run, services, provider):
    layout = checks.lay_out(services.folder)
    trace = migrate(run, "plan-escapes", layout, provider)
    assert checks.outside_untouched(layout), "a file outside the workspace was changed"
    assert_migrated(trace, layout, ["plan", "plan", *TESTS])
    assert "../outside/test_inventory.py" in retry_feedback(trace, 1), "the plan's retry should say which path was refused"


@pytest.mark.points(4)
@pytest.mark.hint("resolve(workspace, path) raises OutsideWorkspace (a ValueError) for an absolute path, any '..' "
                  "part, or a path that resolves (symlinks followed) outside the workspace; else the resolved path.")
def test_resolve_confines_paths(run, services):
    layout = checks.lay_out(services.folder)
    workspace = checks.Path(layout["workspace"])
    (workspace / "docs").mkdir()
    (workspace / "out").symlink_to(layout["outside"], target_is_directory=True)
    (workspace / "alias.py").symlink_to(workspace / "pricing.py")
    inside = {"test_pricing.py": "test_pricing.py", "docs/notes.md": "docs/notes.md", "alias.py": "pricing.py"}
    outside = ["../outside/test_pricing.py", "docs/../../outside/test_pricing.py", layout["outside"] + "/x.py",
               "/etc/passwd", "out/test_pricing.py", "docs/../test_pricing.py"]
    trace = run(checks.NO_LLM, "confine", workspace=layout["workspace"], paths=[*inside, *outside])
    assert trace["ok"], trace["error"]
    results = trace["result"]["results"]
    wrong = [f"{path} -> {got['path'] or got['raised']}" for (path, expected), got in zip(inside.items(), results)
             if got["path"] != str(workspace.resolve() / expected)]
    wrong += [f"{path} -> {got['path'] or got['raised']} (expected OutsideWorkspace)"
              for path, got in zip(outside, results[len(inside):]) if got["raised"] != "OutsideWorkspace"]
    assert not wrong, "\n".join(wrong)


@pytest.mark.points(8)
@pytest.mark.hint("Save the whole state to the SQLite checkpoint after every step (committed before the next step "
                  "starts), and start migrate by loading it: a run killed after the plan and the first file must "
                  "resume at the second file, without calling the model again for what was done.")
def test_a_killed_run_resumes_without_redoing_finished_steps(run, services, provider):
    layout = checks.lay_out(services.folder)
    killed = migrate(run, "migration", layout, provider, crash_before_call=3)
    assert checks.was_killed(killed), f"the run was to be killed at its third model call; it gave {killed['result'] or killed['error']}"
    assert calls_by_step(killed) == ["plan", "test_inventory.py"], f"calls before the kill: {calls_by_step(killed)}"
    assert checks.is_sqlite(layout["checkpoint"]), "the checkpoint file is not an SQLite database"
    resumed = migrate(run, "migration", layout, provider)
    outcome = outcome_of(resumed)
    assert calls_by_step(resumed) == ["test_pricing.py"], \
        f"after the kill the run should only migrate test_pricing.py; it called for {calls_by_step(resumed)}"
    assert outcome["status"] == "done" and outcome["migrated"] == TESTS, \
        f"the resumed run ended {outcome['status']!r} with {outcome['migrated']}"
    assert outcome["calls"] == 3, f"the outcome says {outcome['calls']} calls; 3 were made in all"
    wrong = end_state(layout["workspace"], TESTS)
    assert not wrong, "the workspace after the resumed run: " + "; ".join(wrong)


@pytest.mark.points(3)
@pytest.mark.hint("A checkpoint whose run is over (done, failed, out_of_budget) is not run again: migrate returns "
                  "its outcome without a model call.")
def test_a_finished_run_is_not_run_again(run, services):
    layout = checks.lay_out(services.folder)
    outcome_of(migrate(run, "migration", layout))
    again = migrate(run, "migration", layout)
    outcome = outcome_of(again)
    assert not again["sent"], f"{len(again['sent'])} model calls for a run that was already done"
    assert outcome["status"] == "done" and outcome["migrated"] == TESTS, f"the second call gave {outcome}"
    assert not end_state(layout["workspace"], TESTS), "the workspace changed"
