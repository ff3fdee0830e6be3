"""What the graders call, in the submission's process: run the student's `migrator` on a workspace the test laid
out, or its `resolve` on a path; hand back plain data only.

`crash_before_call=N` kills the run when it asks for its Nth model call, before that call is sent: in the grading
worker the process dies at once (SIGKILL: no `finally`, no `atexit`, nothing flushed); in a notebook kernel, which
must survive, a BaseException unwinds the run instead. Either way the next job starts from the checkpoint file.

Nothing returned here is evidence of what the code sent: the tests judge that from what the grader's broker
recorded outside this process, and the workspace from the files on disk."""
from __future__ import annotations

import os
import signal
import sys

import agentkit

LIMITS = ("max_steps", "max_attempts", "test_timeout", "max_reply_tokens")


class Killed(BaseException):
    """Stands in for the process's death where the process must live on (a notebook kernel)."""


def in_grading_worker() -> bool:
    main = sys.modules.get("__main__")
    return getattr(getattr(main, "__spec__", None), "name", None) == "autograder.worker"


class Tripwire(agentkit.Client):
    """A client whose Nth chat call kills the run before anything is sent."""

    def __init__(self, provider: str, crash_before_call: int):
        super().__init__(provider)
        self.crash_before_call, self.chats = crash_before_call, 0

    def chat(self, messages, **options):
        self.chats += 1
        if self.chats >= self.crash_before_call:
            if in_grading_worker():
                os.kill(os.getpid(), signal.SIGKILL)
            raise Killed(f"killed before model call {self.chats}")
        return super().chat(messages, **options)


def settings_of(submission, limits: dict):
    given = {name: value for name, value in limits.items() if name in LIMITS and value is not None}
    return submission.Settings(**given)


def migrate(submission, provider: str, workspace: str, checkpoint: str, crash_before_call: int | None = None,
            **limits) -> dict:
    """One `migrate(client, workspace, checkpoint, settings)`: its Outcome as data, or what it raised, by name."""
    llm = Tripwire(provider, crash_before_call) if crash_before_call else agentkit.Client(provider)
    try:
        outcome = submission.migrate(llm, workspace, checkpoint, settings_of(submission, limits))
    except Killed:
        return {"killed": True, "raised": None, "message": None, "outcome": None}
    except Exception as exc:  # noqa: BLE001 - what it raised is the result, by name
        return {"killed": False, "raised": type(exc).__name__, "message": str(exc)[:2000], "outcome": None}
    fields = {name: getattr(outcome, name, None) for name in ("status", "calls", "migrated", "error")}
    fields["migrated"] = [str(path) for path in fields["migrated"] or []]
    fields["error"] = None if fields["error"] is None else str(fields["error"])[:2000]
    return {"killed": False, "raised": None, "message": None, "outcome": fields}


def confine(submission, workspace: str, paths: list[str]) -> dict:
    """`resolve(workspace, path)` for each path: the resolved path, or the name of what it raised."""
    results = []
    for path in paths:
        try:
            results.append({"path": str(submission.resolve(workspace, path)), "raised": None, "value_error": False})
        except Exception as exc:  # noqa: BLE001
            results.append({"path": None, "raised": type(exc).__name__, "value_error": isinstance(exc, ValueError)})
    return {"results": results}
