"""Every attack on the grader the course knows of, each ending with the right grade, the batch intact and
nothing leaked. Limits are probed on the small demo unit with a short job deadline; forgery on Lab 05."""
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from autograder import limits
from autograder.grading import grade, grade_many
from autograder.runner import Runner, sandbox_available
from autograder.units import ROOT, find_unit, load_unit

DEMO = load_unit(Path(__file__).parent / "units" / "summariser")
SCENARIO = {"name": "summary", **yaml.safe_load((DEMO.fixtures / "scenarios" / "summary.yaml").read_text())}
TEXT = "Models read text as tokens; providers bill per token, input and output priced separately."
SANDBOX = sandbox_available()
LAB05 = find_unit("lab05")
LAB05_TASK = "Write a one-paragraph brief for the city council on replacing gas boilers in council housing with heat pumps."

# Finds the worker's reply channel from inside: the pipes other than stdin.
REPLY_PIPES = """
import os, stat

def reply_pipes():
    found = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if int(name) > 2 and stat.S_ISFIFO(os.fstat(int(name)).st_mode):
                found.append(int(name))
        except OSError:
            pass
    return found
"""


def demo_submission(folder: Path, body: str) -> Path:
    """A `summariser` package whose summarise(client, text) runs `body` (indented by the caller's layout)."""
    package = folder / "summariser"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(REPLY_PIPES + "\n\ndef summarise(client, text):\n" + body)
    return folder


def run_once(target: Path, timeout: float = 4.0) -> tuple[dict, float]:
    with Runner(DEMO.package, target, DEMO.path / "driver.py", sandbox=SANDBOX, timeout=timeout) as runner:
        assert runner.start().get("ready"), "the worker did not start"
        started = time.monotonic()
        trace = runner.run(SCENARIO, "summarise", provider="anthropic", text=TEXT)
        return trace, time.monotonic() - started


NEVER_FINISHED = {
    "half_a_reply_then_silence": "    for fd in reply_pipes():\n        os.write(fd, b'{\"id\": 1, \"ok\": tr')\n"
                                 "    import time\n    time.sleep(3600)\n",
    "slow_drip": "    import time\n    while True:\n        for fd in reply_pipes():\n            os.write(fd, b'x')\n"
                 "        time.sleep(0.2)\n",
}


@pytest.mark.parametrize("attack", NEVER_FINISHED)
def test_a_reply_never_finished_times_out_at_the_deadline(tmp_path, attack):
    """The deadline covers the whole reply, not its first byte."""
    trace, elapsed = run_once(demo_submission(tmp_path, NEVER_FINISHED[attack]))
    assert not trace["ok"] and "timed out after 4s without a whole reply" in trace["error"]
    assert elapsed < 6


def test_a_huge_reply_is_never_read_into_memory(tmp_path):
    target = demo_submission(tmp_path, "    chunk = b'x' * 2**20\n    for fd in reply_pipes():\n"
                                       "        for _ in range(300):\n            os.write(fd, chunk)\n"
                                       "        os.write(fd, b'\\n')\n")
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    trace, _ = run_once(target, timeout=30)
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert not trace["ok"] and "larger than 4 MiB" in trace["error"]
    assert grown_mib < 64, f"the grading process grew by {grown_mib:.0f} MiB reading a 300 MiB reply"


def test_a_forged_reply_carries_no_evidence(tmp_path):
    """The worker's own word on what was sent is not taken: the record is the broker's."""
    forged = json.dumps({"id": 1, "ok": True, "result": {"summary": "Tokens are the units a model reads and is billed by."},
                         "sent": [{"system": "summarise", "messages": [["user", TEXT]]}], "stdout": ""})
    target = demo_submission(tmp_path, f"    for fd in reply_pipes():\n        os.write(fd, {forged!r}.encode() + b'\\n')\n"
                                       "    os._exit(0)\n")
    trace, _ = run_once(target)
    assert trace["sent"] == [] and trace["served"] == []


@pytest.mark.skipif(limits.ControlGroup.create() is None and os.geteuid() == 0,
                    reason="no control group can be made here, and root ignores RLIMIT_NPROC")
def test_a_fork_bomb_stops_at_the_process_limit_and_leaves_nothing(tmp_path):
    # Bounded on purpose (500 forks, children exit after 20 s) so that a broken limit cannot harm the machine.
    target = demo_submission(tmp_path / "forkbomb", (
        "    import time\n    started = 0\n    for _ in range(500):\n        try:\n            pid = os.fork()\n"
        "        except OSError:\n            break\n        if pid == 0:\n            time.sleep(20)\n"
        "            os._exit(0)\n        started += 1\n    return str(started)\n"))
    trace, _ = run_once(target, timeout=15)
    assert trace["ok"], trace["error"]
    assert int(trace["result"]["summary"]) < limits.PROCESS_LIMIT
    time.sleep(0.5)
    leftover = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).find("forkbomb") >= 0]
    assert not leftover, f"{len(leftover)} of the submission's processes outlived its grading"


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""


@pytest.mark.timeout(300)
def test_the_session_limit_keeps_per_test_results(tmp_path):
    """A submission that outlasts the whole session still gets a result per test, not 0/0."""
    target = demo_submission(tmp_path, "    import time\n    time.sleep(3600)\n")
    results = grade(DEMO, str(target), timeout=12)
    assert len(results["tests"]) == 3, results["output"]
    assert all(t["status"] == "failed" for t in results["tests"])
    assert any("stopped at its 12 s limit" in t["output"] for t in results["tests"]), results["tests"]


@pytest.mark.timeout(300)
def test_submissions_sharing_a_session_are_graded_as_if_alone(tmp_path):
    """`course grade` runs several submissions per pytest session: each keeps its own limit, results and workers.
    The first one hangs and leaves files in every folder it can write; the reference after it still gets full
    marks, and the starter its own zero."""
    hanging = demo_submission(tmp_path / "hangs", (
        "    import pathlib, time\n"
        "    for folder in pathlib.Path('/tmp').rglob('*'):\n"
        "        try:\n            (folder / 'left-behind').write_text('x') if folder.is_dir() else None\n"
        "        except OSError:\n            pass\n"
        "    time.sleep(3600)\n"))
    alone = [grade(DEMO, choice) for choice in ("solution", "starter")]
    together = grade_many(DEMO, [str(hanging), "solution", "starter"], sandbox=SANDBOX, timeout=12)
    assert all(t["status"] == "failed" for t in together[0]["tests"])
    assert any("stopped at its 12 s limit" in t["output"] for t in together[0]["tests"]), together[0]["tests"]
    for shared, own in zip(together[1:], alone):
        assert [(t["name"], t["score"]) for t in shared["tests"]] == [(t["name"], t["score"]) for t in own["tests"]]
    assert together[1]["score"] == together[1]["max_score"] > 0 and together[2]["score"] == 0


# ---- Lab 05: forging a grade from inside the submission's process ----------------------------------------

FORGER = '''
import sys

FORGED = {"answer": "Recommendation: fund a heat pump pilot in 200 council homes this winter.", "status": "complete",
          "stop_reason": None, "cost_usd": 0.004, "spent_usd": 0.004, "steps": []}


def forged_run_job(job, *args, **kwargs):
    sent = [{"system": "You are the supervisor", "messages": [["user", "x"]], "tool_results": []}]
    return {"id": job.get("id"), "ok": True, "result": FORGED, "sent": sent, "served": [], "error": None, "stdout": ""}


sys.modules["__main__"].run_job = forged_run_job  # the worker looks run_job up on every job
'''

TRIMMER = '''
import sys

_real_run_job = sys.modules["__main__"].run_job


def trimmed_run_job(job, *args, **kwargs):
    reply = _real_run_job(job, *args, **kwargs)
    reply["sent"] = reply.get("sent", [])[:8]  # hide the calls past the step budget
    return reply


sys.modules["__main__"].run_job = trimmed_run_job
'''


def lab05_submission(folder: Path, *, init_extra: str = "", breaks: tuple[str, str] | None = None) -> Path:
    package = shutil.copytree(LAB05.solution / "supervisor", folder / "supervisor")
    if breaks is not None:
        core = (package / "core.py").read_text()
        assert breaks[0] in core
        (package / "core.py").write_text(core.replace(breaks[0], breaks[1]))
    init = package / "__init__.py"
    init.write_text(init.read_text() + init_extra)
    return folder


IGNORES_MAX_STEPS = ('        if self.calls >= self.budget.max_steps:\n            return "max_steps"\n', "")


@pytest.mark.timeout(900)
@pytest.mark.skipif(not SANDBOX, reason="bubblewrap is not installed (make setup installs it as root)")
def test_lab05_forgery_and_harness_patching_earn_only_what_the_code_earns(tmp_path):
    starter = shutil.copytree(LAB05.starter, tmp_path / "forger")
    (starter / "supervisor" / "__init__.py").write_text(
        (starter / "supervisor" / "__init__.py").read_text() + FORGER)
    buggy = lab05_submission(tmp_path / "buggy", breaks=IGNORES_MAX_STEPS)
    trimmer = lab05_submission(tmp_path / "trimmer", breaks=IGNORES_MAX_STEPS, init_extra=TRIMMER)
    scores = {name: grade(LAB05, str(path), hidden=True, sandbox=True)["score"]
              for name, path in [("forger", starter), ("buggy", buggy), ("trimmer", trimmer)]}
    assert scores["forger"] == 0.0, scores
    assert 0 < scores["buggy"] < 100 and scores["trimmer"] == scores["buggy"], scores


def test_course_check_refuses_a_link_to_the_solution(tmp_path):
    (tmp_path / "link").symlink_to(DEMO.solution)
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "summariser").symlink_to(DEMO.solution / "summariser")
    for target in (tmp_path / "link", inner):
        done = subprocess.run([sys.executable, "-m", "autograder.cli", "check", str(DEMO.path), "--submission",
                               str(target)], capture_output=True, text=True, timeout=300, cwd=ROOT)
        assert done.returncode == 1 and "Score: 0 / 5" in done.stdout, done.stdout + done.stderr
        assert "symbolic link" in done.stdout


@pytest.mark.skipif(not SANDBOX, reason="bubblewrap is not installed (make setup installs it as root)")
def test_course_check_of_a_submission_is_sandboxed(tmp_path):
    target = demo_submission(tmp_path, f"    from pathlib import Path\n"
                                       f"    return Path({str(DEMO.solution / 'summariser' / '__init__.py')!r}).read_text()\n")
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "check", str(DEMO.path), "--submission",
                           str(target)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert "FileNotFoundError" in done.stdout and "Score: 0 / 5" in done.stdout, done.stdout + done.stderr
