"""Runs a submission in its own process (in a bubblewrap sandbox when grading) and returns each job's JSON trace."""
from __future__ import annotations

import json
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import sysconfig
from pathlib import Path

from autograder.units import ROOT

MEMORY_LIMIT = 2 * 1024**3     # bytes of address space for the submission's process
FILE_LIMIT = 16 * 1024**2      # bytes any one file it writes may reach
SERVICES_DIR = Path(os.environ.get("COURSE_SERVICES_DIR", "/tmp/course-services"))  # each test session's services
TIMEOUTS_BEFORE_GIVING_UP = 3  # after this many timed-out tests, the rest fail at once so a batch keeps moving
START_TIMEOUT = 120.0  # seconds for the worker to import the course library before its first job
JOB_TIMEOUT = float(os.environ.get("COURSE_JOB_TIMEOUT", 20))  # seconds one test's run may take


def sandbox_available() -> bool:
    if not shutil.which("bwrap"):
        return False
    probe = subprocess.run(["bwrap", "--unshare-all", "--ro-bind", "/", "/", "true"], capture_output=True)
    return probe.returncode == 0


def sandbox_command(target: Path, driver: Path, services: Path | None = None) -> list[str]:
    """bwrap arguments: no network, no other processes, read-only interpreter and course library,
    the submission and the driver; nothing else of the repo (no solutions/, no tests) is visible.
    `services` is this session's own folder of unix sockets (e.g. a Redis the tests started)."""
    visible = {Path(sys.prefix), Path(sys.base_prefix), Path(sysconfig.get_paths()["purelib"]),
               ROOT / "agentkit", ROOT / "autograder", target, driver}
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
               "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "PYTHONPATH", str(ROOT),
               "--setenv", "PYTHONDONTWRITEBYTECODE", "1", "--setenv", "LANG", "C.UTF-8",
               "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--chdir", "/tmp"]
    for system_dir in ("/usr", "/bin", "/lib", "/lib64", "/etc/alternatives"):
        if Path(system_dir).exists():
            command += ["--ro-bind", system_dir, system_dir]
    for path in sorted(p.resolve() for p in visible):
        command += ["--ro-bind", str(path), str(path)]
    if services is not None and services.is_dir():
        command += ["--bind", str(services), str(services)]
    return command


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.setsid()


class Runner:
    """One worker process per submission, restarted after a job that hangs or kills it."""

    def __init__(self, package: str, target: Path, driver: Path, *, sandbox: bool = False,
                 timeout: float = JOB_TIMEOUT, services: Path | None = None):
        self.package, self.target, self.driver = package, Path(target).resolve(), Path(driver).resolve()
        self.services = services
        self.sandbox, self.timeout = sandbox, timeout
        self.process: subprocess.Popen | None = None
        self.timeouts = 0

    @property
    def isolation(self) -> str:
        limits = f"wall {self.timeout:.0f}s per test, memory {MEMORY_LIMIT // 1024**3} GiB"
        if self.sandbox:
            return f"bubblewrap sandbox (no network, read-only filesystem without solutions/ or tests), {limits}"
        return f"separate process, network blocked in-process, {limits}"

    def start(self) -> dict | None:
        command = [sys.executable, "-m", "autograder.worker", self.package, str(self.target), str(self.driver)]
        if self.sandbox:
            command = sandbox_command(self.target, self.driver, self.services) + command
        env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=env, preexec_fn=limit_resources,
                                        cwd="/tmp")
        return self._read(START_TIMEOUT)

    def _read(self, timeout: float) -> dict | None:
        """The worker's next reply, or None if it sent nothing within `timeout` seconds."""
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
        selector.close()
        if not ready:
            return None
        line = self.process.stdout.readline()
        return json.loads(line) if line else {}

    def stop(self) -> None:
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                stream.close()
            self.process = None

    def run(self, scenario: dict, entry: str, **kwargs) -> dict:
        """Run `entry` of the unit's driver on the submission while `scenario` answers its LLM calls."""
        if self.timeouts >= TIMEOUTS_BEFORE_GIVING_UP:
            return failure(f"not run: {self.timeouts} earlier tests timed out, so the remaining tests fail "
                           "without running (fix the endless loop and grade again)")
        if self.process is None:
            started = self.start()
            if not started:
                return self._died() if started == {} else failure("the worker did not start within "
                                                                   f"{START_TIMEOUT:.0f}s")
        try:
            self.process.stdin.write(json.dumps({"scenario": scenario, "entry": entry, "kwargs": kwargs}, default=str) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return self._died()
        reply = self._read(self.timeout)
        if reply is None:
            self.stop()
            self.timeouts += 1
            return failure(f"timed out after {self.timeout:.0f}s: an endless loop, or a wait that never ends? "
                           "(the process was stopped)")
        return reply or self._died()

    def _died(self) -> dict:
        self.process.wait()
        code = self.process.returncode
        why = f"killed by signal {-code}" if code < 0 else f"exit code {code}"
        detail = self.process.stderr.read()[-1500:]
        self.stop()
        return failure(f"the submission's process died ({why}); possibly the {MEMORY_LIMIT // 1024**3} GiB "
                       f"memory limit, os._exit or a crash. {detail}".strip())

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def failure(error: str) -> dict:
    return {"ok": False, "result": None, "sent": [], "served": [], "error": error, "stdout": ""}


class InProcessRunner:
    """Runs jobs on a module already in this process (a notebook kernel's code under nbgrader). No isolation:
    nbgrader's own kernel and timeout are the limits."""

    isolation = "in-process (the notebook's kernel)"

    def __init__(self, module, driver: Path):
        from autograder.worker import load_driver
        self.module, self.driver = module, load_driver(str(driver))

    def run(self, scenario: dict, entry: str, **kwargs) -> dict:
        from autograder.worker import run_job
        job = {"scenario": json.loads(json.dumps(scenario, default=str)), "entry": entry, "kwargs": kwargs}
        return run_job(job, lambda: self.module, self.driver, Path(getattr(self.module, "__file__", None) or "/nonexistent"))

    def stop(self) -> None:
        pass
