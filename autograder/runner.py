"""Runs a submission in its own process (in a bubblewrap sandbox when grading) and returns each job's JSON trace."""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

from agentkit import given as given_code
from agentkit.replay.broker import ScenarioBroker
from autograder import limits
from autograder.units import ROOT

SERVICES_DIR = Path(os.environ.get("COURSE_SERVICES_DIR", "/tmp/course-services"))  # each test session's services
TIMEOUTS_BEFORE_GIVING_UP = 3  # after this many timed-out tests, the rest fail at once so a batch keeps moving
START_TIMEOUT = 120.0  # seconds for the worker to import the course library before its first job
JOB_TIMEOUT = float(os.environ.get("COURSE_JOB_TIMEOUT", 20))  # seconds for one test's whole reply
REPLY_LIMIT = 4 * 1024**2  # bytes of one reply; a longer one is never read into memory
STDERR_KEPT = 1500         # characters of a dead worker's stderr shown in the result


def sandbox_available() -> bool:
    if not shutil.which("bwrap"):
        return False
    probe = subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True)
    return probe.returncode == 0


def sandbox_command(target: Path, driver: Path, services: Path | None = None, broker: Path | None = None,
                    given: Path | None = None) -> list[str]:
    """bwrap arguments: no network, no other processes, read-only interpreter and course library,
    the submission, the driver and the unit's given code (agentkit.given); nothing else of the repo (no
    solutions/, no tests) is visible.
    `services` is this session's own folder of unix sockets (e.g. a Redis the tests started);
    `broker` the folder of the scenario broker's socket, bound read-only."""
    visible = {Path(sys.prefix), Path(sys.base_prefix), Path(sysconfig.get_paths()["purelib"]),
               ROOT / "agentkit", ROOT / "autograder", target, driver} | ({given} if given else set())
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
               "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "PYTHONPATH", str(ROOT),
               "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "LANG", "C.UTF-8",
               "--setenv", "COURSE_SANDBOX", "bubblewrap",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp"]
    for system_dir in ("/usr", "/bin", "/lib", "/lib64", "/etc/alternatives"):
        if Path(system_dir).exists():
            command += ["--ro-bind", system_dir, system_dir]
    for path in sorted(p.resolve() for p in visible):
        command += ["--ro-bind", str(path), str(path)]
    if services is not None and services.is_dir():
        command += ["--bind", str(services), str(services)]
    if broker is not None:
        command += ["--ro-bind", str(broker), str(broker)]
    return command


class Runner:
    """One worker process per submission, restarted after a job that hangs, floods or kills it.

    The worker's model API requests are answered by this process's scenario broker, which records them;
    from the worker only its reply is read: one JSON line per job, whole within the job's deadline and
    at most REPLY_LIMIT bytes, carrying the driver's plain-data return value and nothing else that counts."""

    def __init__(self, package: str, target: Path, driver: Path, *, sandbox: bool = False,
                 timeout: float = JOB_TIMEOUT, services: Path | None = None):
        self.package, self.target, self.driver = package, Path(target).resolve(), Path(driver).resolve()
        self.services = services
        self.sandbox, self.timeout = sandbox, timeout
        self.process: subprocess.Popen | None = None
        self.group: limits.ControlGroup | None = None
        self.timeouts = 0
        self.jobs = 0
        self._pending = b""
        self._broker_dir = Path(tempfile.mkdtemp(prefix="broker-", dir=services or None))
        self.broker = ScenarioBroker(self._broker_dir / "llm.sock").start()
        self._stderr = tempfile.TemporaryFile()
        self._awaiting_ready = False

    def start_soon(self) -> None:
        """Start the worker now without waiting for it; the first `run` waits for it to be ready. (Started from
        this thread, not a helper thread: the worker's parent-death signal fires when its creating thread ends.)"""
        if self.process is None:
            self._spawn()
            self._awaiting_ready = True

    @property
    def isolation(self) -> str:
        held = limits.describe(self.group) if self.group is not None else limits.expected()
        bounds = f"whole reply within {self.timeout:.0f}s per test, replies capped at {REPLY_LIMIT // 1024**2} MiB, {held}"
        where = ("bubblewrap sandbox (no network, read-only filesystem without solutions/ or tests)" if self.sandbox
                 else "separate process, network blocked in-process")
        return f"{where}; model calls answered and recorded outside the submission's process; {bounds}"

    def start(self) -> dict | None:
        self._spawn()
        return self._read(START_TIMEOUT)

    def _spawn(self) -> None:
        command = [sys.executable, "-m", "autograder.worker", self.package, str(self.target), str(self.driver),
                   self.broker.socket_path]
        if self.sandbox:
            command = sandbox_command(self.target, self.driver, self.services, self._broker_dir,
                                      given_code.folder(self.package)) + command
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        self.group = limits.ControlGroup.create()
        self._stderr.seek(0)
        self._stderr.truncate()
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self._stderr, env=env, preexec_fn=limits.child_setup(self.group),
                                        cwd="/tmp")
        self._pending = b""

    def _read(self, timeout: float) -> dict | None:
        """The worker's next reply line, read whole within `timeout` seconds: None if it did not come in time,
        {} if the worker closed its end, {"error": ...} if it broke the protocol or the size cap."""
        deadline = time.monotonic() + timeout
        stream = self.process.stdout.fileno()
        while b"\n" not in self._pending:
            if len(self._pending) > REPLY_LIMIT:
                return {"error": f"the reply was larger than {REPLY_LIMIT // 1024**2} MiB; the process was stopped"}
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stream], [], [], left)[0]:
                return None
            chunk = os.read(stream, 1 << 16)
            if not chunk:
                return {}
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        if len(line) > REPLY_LIMIT:
            return {"error": f"the reply was larger than {REPLY_LIMIT // 1024**2} MiB; the process was stopped"}
        try:
            reply = json.loads(line)
        except ValueError:
            return {"error": "the worker sent something that is not a reply (did the submission write to it?)"}
        return reply if isinstance(reply, dict) else {"error": "the worker sent something that is not a reply"}

    def stop(self) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if self.group is not None:
                self.group.signal_all()  # also what left the worker's session
            self.process.wait()
            if self.group is not None:
                self.group.remove()
                self.group = None
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
            self.process = None

    def close(self) -> None:
        self.stop()
        self.broker.stop()
        self._stderr.close()
        shutil.rmtree(self._broker_dir, ignore_errors=True)

    def run(self, scenario: dict, entry: str, *, job_timeout: float | None = None, **kwargs) -> dict:
        """Run `entry` of the unit's driver on the submission while `scenario` answers its LLM calls.
        Returns the trace: the worker's ok, result, error and stdout; the broker's sent and served.
        `job_timeout`: this job's own limit instead of the runner's (a test that runs the submission's own suite)."""
        if self.timeouts >= TIMEOUTS_BEFORE_GIVING_UP:
            return failure(f"not run: {self.timeouts} earlier tests timed out, so the remaining tests fail "
                           "without running (fix the endless loop and grade again)")
        if self.process is None or self._awaiting_ready:
            started = self._read(START_TIMEOUT) if self._awaiting_ready else self.start()
            self._awaiting_ready = False
            if not started or "ready" not in started:
                return self._died() if started == {} else self._broken(
                    (started or {}).get("error") or f"the worker did not start within {START_TIMEOUT:.0f}s")
        self.jobs += 1
        self.broker.begin(scenario)
        try:
            self.process.stdin.write((json.dumps({"id": self.jobs, "entry": entry, "kwargs": kwargs},
                                                 default=str) + "\n").encode())
            self.process.stdin.flush()
        except BrokenPipeError:
            self.broker.end()
            return self._died()
        limit = job_timeout or self.timeout
        reply = self._read(limit)
        sent, served = self.broker.end()
        if reply is None:
            self.stop()
            self.timeouts += 1
            trace = failure(f"timed out after {limit:.0f}s without a whole reply: an endless loop, or a "
                            "wait that never ends? (the process was stopped)")
        elif reply == {}:
            trace = self._died()
        elif set(reply) == {"error"} or reply.get("id") != self.jobs:
            trace = self._broken(reply.get("error") or "the worker answered for another job (did the submission "
                                 "write to the reply channel?)")
        else:
            trace = {"ok": reply.get("ok") is True, "result": reply.get("result"),
                     "error": None if reply.get("error") is None else str(reply["error"])[:3000],
                     "stdout": str(reply.get("stdout") or "")[:30_000]}
        return {**trace, "sent": sent, "served": served}

    def _broken(self, why: str) -> dict:
        self.stop()
        return failure(why)

    def _died(self) -> dict:
        self.process.wait()
        code = self.process.returncode
        why = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        self._stderr.seek(0, os.SEEK_END)
        size = self._stderr.tell()
        self._stderr.seek(max(0, size - STDERR_KEPT))
        detail = self._stderr.read().decode("utf-8", "replace")
        self.stop()
        return failure(f"the submission's process died ({why}); possibly the {limits.MEMORY_LIMIT // 1024**3} GiB "
                       f"memory limit, the process limit, os._exit or a crash. {detail}".strip())

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def failure(error: str) -> dict:
    return {"ok": False, "result": None, "sent": [], "served": [], "error": error, "stdout": ""}


class RefusedRunner:
    """Stands in for a submission that cannot be graded at all: every test fails with the same reason."""

    isolation = "none needed: the submission was refused before anything of it ran"

    def __init__(self, why: str):
        self.why = why

    def run(self, scenario: dict, entry: str, *, job_timeout: float | None = None, **kwargs) -> dict:
        return failure(self.why)

    def close(self) -> None:
        pass


class InProcessBroker:
    """The scenario broker's part when jobs run in this process. A recording of served apps (autograder.service_session)
    begins it and keeps it until it ends: the app's model calls come from its server's threads between jobs, so one
    scenario stays open and answers, and records, all of them."""

    def __init__(self):
        self._lock = threading.Lock()
        self._context = None
        self._cassette = None

    @property
    def recording(self) -> bool:
        return self._context is not None

    def begin(self, scenario) -> None:
        from agentkit.replay import _tracked
        from agentkit.replay.cassettes import open_scenario
        from agentkit.replay.scenarios import Scenario, load_scenario
        from autograder.service_session import APP_HOST

        loaded = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        # the grader's own requests to the served app pass through; only the app's model calls are answered
        self._context = _tracked(open_scenario(loaded, ignore_hosts=[APP_HOST]))
        self._cassette = self._context.__enter__()

    @property
    def _sent(self) -> list[dict]:
        from agentkit.replay.broker import sent_record

        return [sent_record(s.api, s.view, s.body) for s in list(self._cassette.sent)] if self._cassette else []

    def end(self) -> tuple[list, list]:
        if self._context is None:
            return [], []
        sent, served = self._sent, list(self._cassette.served)
        context, self._context, self._cassette = self._context, None, None
        context.__exit__(None, None, None)
        return sent, served


class InProcessRunner:
    """Runs jobs on a module already in this process (a notebook kernel's code under nbgrader). No isolation:
    nbgrader's own kernel and timeout are the limits."""

    isolation = "in-process (the notebook's kernel)"

    def __init__(self, module, driver: Path):
        from autograder.worker import load_driver
        self.module, self.driver = module, load_driver(str(driver))
        self._held = self.broker = InProcessBroker()

    def run(self, scenario: dict, entry: str, *, job_timeout: float | None = None, **kwargs) -> dict:
        from agentkit import replay
        from agentkit.replay.broker import sent_record
        from autograder.worker import run_job

        job = {"entry": entry, "kwargs": json.loads(json.dumps(kwargs, default=str))}
        where = Path(getattr(self.module, "__file__", None) or "/nonexistent")
        if self._held.recording:  # a served app's recording answers this job too, and keeps what it sent
            trace = run_job(job, lambda: self.module, self.driver, where)
            trace.pop("id", None)
            return {**trace, "sent": [], "served": []}
        with replay.scenario(json.loads(json.dumps(scenario, default=str))) as cassette:
            trace = run_job(job, lambda: self.module, self.driver, where)
        trace.pop("id", None)
        return {**trace, "sent": [sent_record(s.api, s.view, s.body) for s in cassette.sent],
                "served": list(cassette.served)}

    def stop(self) -> None:
        pass

    close = stop
