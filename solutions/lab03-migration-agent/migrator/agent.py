"""The migration agent: analyse -> plan -> (execute -> verify) per file -> done, as an explicit state machine.

The whole state is a JSON-able dict; each step takes it and returns the next one, and `migrate` saves it to the
checkpoint after every step. So a run killed at any point resumes at the step it was on: finished steps are not
done again, and their model calls are not made again.

    state = {"phase": "analyse" | "plan" | "execute" | "verify" | "done" | "failed" | "out_of_budget",
             "calls": model calls so far, "targets": {path: source}, "plan": [path, ...], "index": file in plan,
             "attempt": calls for this step so far, "conversation": [[role, text], ...] of this step's retries,
             "migrated": [path, ...], "error": why it failed}
"""
from pathlib import Path

from agentkit import Message
from migrator.checkpoint import Checkpoint
from migrator.errors import OutsideWorkspace
from migrator.outcome import FINAL, Outcome
from migrator.prompts import EXECUTE_SYSTEM, PLAN_SYSTEM, execute_message, failure_message, plan_message
from migrator.replies import code_from, parse_plan
from migrator.settings import Settings
from migrator.verify import verify
from migrator.workspace import find_targets, read_file, resolve, write_file


def new_state() -> dict:
    return {"phase": "analyse", "calls": 0, "targets": {}, "plan": [], "index": 0, "attempt": 0,
            "conversation": [], "migrated": [], "error": None}


def messages(first: str, conversation: list) -> list[Message]:
    """The step's first user message, then its retries' turns: each failed reply and what was wrong with it."""
    turns = [Message.user(first)]
    for role, text in conversation:
        turns.append(Message.assistant(text) if role == "assistant" else Message.user(text))
    return turns


def ask(llm, state: dict, settings: Settings, system: str, first: str) -> str | None:
    """One model call for the current step, counted; None, with no call, when the budget is spent."""
    ### BEGIN SOLUTION
    if state["calls"] >= settings.max_steps:
        return None
    state["calls"] += 1
    state["attempt"] += 1
    reply = llm.chat(messages(first, state["conversation"]), system=system, max_tokens=settings.max_reply_tokens)
    return reply.text
    ### END SOLUTION


def failed_attempt(state: dict, settings: Settings, reply: str, error: str, retry_phase: str) -> dict:
    """After a reply that failed: keep it and the error for the retry, or fail the run when attempts are spent."""
    ### BEGIN SOLUTION
    state["conversation"] += [["assistant", reply], ["user", failure_message(error)]]
    if state["attempt"] >= settings.max_attempts:
        return {**state, "phase": "failed", "error": error}
    return {**state, "phase": retry_phase}
    ### END SOLUTION


def analyse(llm, root: Path, state: dict, settings: Settings) -> dict:
    targets = find_targets(root)
    if not targets:
        return {**state, "phase": "done"}
    return {**state, "targets": targets, "phase": "plan"}


def plan(llm, root: Path, state: dict, settings: Settings) -> dict:
    ### BEGIN SOLUTION
    reply = ask(llm, state, settings, PLAN_SYSTEM, plan_message(state["targets"]))
    if reply is None:
        return {**state, "phase": "out_of_budget", "error": "the step budget was spent"}
    try:
        files = parse_plan(reply)
        for file in files:
            if not resolve(root, file).is_file():
                raise ValueError(f"{file!r} is not a file of the workspace")
    except ValueError as exc:  # OutsideWorkspace is a ValueError too
        return failed_attempt(state, settings, reply, f"the plan was refused: {exc}", "plan")
    return {**state, "plan": files, "index": 0, "attempt": 0, "conversation": [], "phase": "execute"}
    ### END SOLUTION


def execute(llm, root: Path, state: dict, settings: Settings) -> dict:
    ### BEGIN SOLUTION
    path = state["plan"][state["index"]]
    original = state.setdefault("original", read_file(root, path))
    reply = ask(llm, state, settings, EXECUTE_SYSTEM, execute_message(path, original))
    if reply is None:
        return {**state, "phase": "out_of_budget", "error": "the step budget was spent"}
    write_file(root, path, code_from(reply))
    return {**state, "reply": reply, "phase": "verify"}
    ### END SOLUTION


def check(llm, root: Path, state: dict, settings: Settings) -> dict:
    """The verify phase: the file just written must parse and pass its tests; else restore it and retry."""
    ### BEGIN SOLUTION
    path = state["plan"][state["index"]]
    error = verify(root, path, settings.test_timeout)
    if error is not None:
        write_file(root, path, state["original"])  # a failed step leaves the file as it was
        return failed_attempt(state, settings, state.pop("reply"), error, "execute")
    state.pop("reply")
    state.pop("original")
    done = state["index"] + 1 >= len(state["plan"])
    return {**state, "migrated": state["migrated"] + [path], "index": state["index"] + 1, "attempt": 0,
            "conversation": [], "phase": "done" if done else "execute"}
    ### END SOLUTION


STEPS = {"analyse": analyse, "plan": plan, "execute": execute, "verify": check}


def migrate(llm, workspace: str | Path, checkpoint: str | Path, settings: Settings = Settings()) -> Outcome:
    """Migrate the workspace's unittest files to pytest, or resume the run whose state is in `checkpoint` (an SQLite
    file). The state is saved after every step; a run already over returns its outcome without doing anything."""
    ### BEGIN SOLUTION
    root = Path(workspace).resolve()
    store = Checkpoint(checkpoint)
    try:
        state = store.load() or new_state()
        while state["phase"] not in FINAL:
            state = STEPS[state["phase"]](llm, root, state, settings)
            store.save(state)
    finally:
        store.close()
    return Outcome(state["phase"], state["calls"], list(state["migrated"]), state["error"])
    ### END SOLUTION
