"""The process that runs submitted code: reads jobs as JSON lines, replays a scenario, answers with plain JSON.

It is started (sandboxed when grading) by autograder.runner. Its model API requests go to the runner's
scenario broker over a unix socket, which records them: the submission controls this whole process, so
nothing it says here about its own calls counts. A reply carries only plain data (the driver's return value,
an error, capped printed output), checked and size-capped by the runner.
Usage: python -m autograder.worker PACKAGE SUBMISSION DRIVER_PY BROKER_SOCKET
"""
from __future__ import annotations

import contextlib
import gc
import importlib.util
import io
import json
import os
import sys
import traceback
from pathlib import Path
from types import SimpleNamespace

OUTPUT_CAP = 20_000  # characters of a job's printed output kept for feedback


class CappedText(io.TextIOBase):
    """A stdout that keeps the first OUTPUT_CAP characters and counts the rest."""

    def __init__(self):
        self.kept, self.dropped = [], 0

    def write(self, text: str) -> int:
        room = OUTPUT_CAP - sum(map(len, self.kept))
        self.kept.append(text[:max(room, 0)])
        self.dropped += max(len(text) - max(room, 0), 0)
        return len(text)

    def value(self) -> str:
        tail = f"\n[... {self.dropped} more characters of output dropped]" if self.dropped else ""
        return "".join(self.kept) + tail

    def take(self) -> str:
        """What was written since the last take, and start again."""
        text = self.value()
        self.kept, self.dropped = [], 0
        return text


def block_network() -> None:
    import pytest_socket
    pytest_socket.disable_socket(allow_unix_socket=True)


def load_driver(path: str):
    spec = importlib.util.spec_from_file_location("unit_driver", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plain(value):
    """Round-trip through JSON text so only data, never the submission's objects, leaves this process."""
    return json.loads(json.dumps(value, allow_nan=False))


def run_job(job: dict, load_submission, driver, target: Path) -> dict:
    """Run one job; `load_submission()` gives the code under test, `target` is where its files live.
    The reply is plain data only: what the code returned, or what it raised, and what it printed."""
    out = CappedText()
    reply = {"id": job.get("id"), "ok": False, "result": None, "error": None, "stdout": ""}
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            module = load_submission()
            result = getattr(driver, job["entry"])(module, **job.get("kwargs", {}))
        reply.update(ok=True, result=plain(result))
    except BaseException as exc:  # noqa: BLE001 - whatever the submission raised becomes a per-test result
        if isinstance(exc, KeyboardInterrupt):
            raise
        reply["error"] = describe_error(exc, target)
    reply["stdout"] = out.value()
    return plain(reply)


def no_retry_sleep() -> None:
    """In replay the SDKs' own retry back-off answers at once: no test waits on the real clock for it."""
    import anthropic._base_client
    import openai._base_client

    def sync_skip(self, *args, **kwargs):
        return None

    async def async_skip(self, *args, **kwargs):
        return None

    for base in (anthropic._base_client, openai._base_client):
        base.SyncAPIClient._sleep_for_retry = sync_skip
        base.AsyncAPIClient._sleep_for_retry = async_skip


def describe_error(exc: BaseException, target: Path) -> str:
    """The exception and where in the submission it happened (the harness's own frames left out)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(str(target))]
    where = "".join(f"\n  at {Path(f.filename).relative_to(target.parent)}:{f.lineno} in {f.name}: {f.line}"
                    for f in frames[-3:])
    return f"{type(exc).__name__}: {exc}"[:1500] + where


def main(package: str, target: str, driver_path: str, broker_socket: str) -> None:
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    between_jobs = CappedText()  # what an app served across jobs prints while no job runs; goes with the next reply
    sys.stdout = sys.stderr = between_jobs
    os.environ["COURSE_LLM_MODE"] = "replay"
    for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY"):
        os.environ.pop(name, None)
    if os.environ.get("COURSE_SANDBOX") != "bubblewrap":  # in the sandbox there is no network to block
        block_network()
    # Imported before "ready" so that start-up never eats into a test's time limit. The SDKs define some
    # 2,000 pydantic models: collecting garbage meanwhile only slows that down, and freezing what they built
    # keeps later collections short.
    gc.disable()
    import anthropic, openai  # noqa: E401, F401
    from agentkit import client  # noqa: F401
    from agentkit.replay import remote
    from autograder import submission as submissions

    remote.install(broker_socket)
    no_retry_sleep()
    driver = load_driver(driver_path)
    gc.freeze()
    gc.enable()
    unit = SimpleNamespace(package=package)
    between_jobs.take()  # what importing the libraries printed is nobody's output
    replies.write(json.dumps({"ready": True}) + "\n")
    for line in sys.stdin:
        reply = run_job(json.loads(line), lambda: submissions.load(unit, Path(target)), driver, Path(target))
        reply["stdout"] = (between_jobs.take() + reply["stdout"])[-2 * OUTPUT_CAP:]
        replies.write(json.dumps(reply) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
