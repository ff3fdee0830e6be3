"""What the graders call: exercise the student's `phased_rollout` package and hand back plain JSON data only.

Some jobs start fresh Python interpreters with chosen PYTHONHASHSEED values (another server process, or the same
service after a restart), load the submission there, and report what that process decides.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

USERS = "user-{}"

CHILD = r"""
import json, sys
from pathlib import Path
from types import SimpleNamespace
job = json.loads(sys.argv[1])
from autograder.worker import block_network
block_network()
from autograder import submission as submissions
module = submissions.load(SimpleNamespace(package=job["package"]), Path(job["target"]))
users = [job["users_format"].format(i) for i in range(job["users"])]
if job["job"] == "buckets":
    out = {"buckets": [int(module.bucket(job["feature"], user)) for user in users]}
else:
    rollout = module.PhasedRollout(job["feature"], module.JsonStateStore(job["path"]))
    out = {"percent": float(rollout.percent), "status": str(rollout.status),
           "history": [{k: str(v) for k, v in event.items()} for event in rollout.history],
           "served": [i for i, user in enumerate(users) if rollout.serves_new(user)]}
print(json.dumps(out))
"""


def _fresh_python(submission, job: dict, *, seed: str) -> dict:
    """Run CHILD on `job` in a new interpreter with PYTHONHASHSEED=seed; its JSON, or {"error": ...}."""
    path = Path(submission.__file__).resolve()
    target = path if path.suffix == ".ipynb" else path.parent.parent if path.name == "__init__.py" else path.parent
    job = {**job, "package": submission.__name__, "target": str(target), "users_format": USERS}
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "COURSE_LLM_MODE": "replay"}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(job)], capture_output=True, text=True,
                              env=env, timeout=15, cwd="/tmp")
    except subprocess.TimeoutExpired:
        return {"error": "the other process timed out"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"error": f"the other process failed: {done.stderr.strip()[-600:]}"}
    return json.loads(lines[-1])


def _policy(submission, min_samples: int = 50):
    return submission.HealthPolicy(min_samples=min_samples, max_error_rate_increase=0.02, max_latency_ratio=1.5)


def _rollout(submission, folder: str, feature: str, *, min_samples: int = 50, window_size: int = 200):
    store = submission.JsonStateStore(os.path.join(folder, "rollouts.json"))
    return submission.PhasedRollout(feature, store, policy=_policy(submission, min_samples), window_size=window_size)


def _healthy_traffic(rollout, count: int) -> None:
    for _ in range(count):
        rollout.record(new=True, ok=True, latency_ms=820.0)
        rollout.record(new=False, ok=True, latency_ms=800.0)


def _served(rollout, users: int) -> set[int]:
    return {i for i in range(users) if rollout.serves_new(USERS.format(i))}


def buckets_across_processes(submission, feature: str, users: int, seeds: list[str]) -> dict:
    """bucket(feature, user) for `users` users here, and in a fresh interpreter per PYTHONHASHSEED in `seeds`."""
    here = [int(submission.bucket(feature, USERS.format(i))) for i in range(users)]
    others = {}
    for seed in seeds:
        answer = _fresh_python(submission, {"job": "buckets", "feature": feature, "users": users}, seed=seed)
        others[seed] = answer.get("buckets", answer.get("error"))
    return {"here": here, "processes": others}


def feature_overlap(submission, features: list[str], users: int, percent: float) -> dict:
    """How many of `users` users are in each feature's rollout at `percent`, and in both."""
    chosen = [{i for i in range(users) if submission.in_rollout(f, USERS.format(i), percent)} for f in features]
    return {"each": [len(c) for c in chosen], "both": len(chosen[0] & chosen[1])}


def promotion_walk(submission, feature: str, users: int, batch: int) -> dict:
    """From the first stage to the end: at each stage, who is served; then `batch` healthy requests per group
    and a promotion. `dropped` counts users served at the previous stage and not at this one."""
    folder = tempfile.mkdtemp(prefix="rollout-")
    try:
        rollout = _rollout(submission, folder, feature)
        stages, previous = [], set()
        for _ in range(8):
            served = _served(rollout, users)
            stages.append({"percent": float(rollout.percent), "status": str(rollout.status),
                           "served": len(served), "dropped": len(previous - served)})
            if rollout.status != "rolling":
                break
            previous = served
            _healthy_traffic(rollout, batch)
            rollout.promote()
        return {"stages": stages}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def promotion_script(submission, feature: str, steps: list, min_samples: int = 50, window_size: int = 200,
                     users: int = 2000) -> dict:
    """Steps: ["traffic", new, ok_count, error_count, latency_ms] records requests in one group; ["check"] and
    ["promote"] run those; ["state"] only reports. Each step reports the verdict (if any), percent and status;
    at the end, how many of `users` users are served and the history."""
    folder = tempfile.mkdtemp(prefix="rollout-")
    try:
        rollout = _rollout(submission, folder, feature, min_samples=min_samples, window_size=window_size)
        results = []
        for step in steps:
            verdict, reasons = None, []
            if step[0] == "traffic":
                new, ok, errors, latency = bool(step[1]), int(step[2]), int(step[3]), float(step[4])
                for _ in range(errors):
                    rollout.record(new=new, ok=False, latency_ms=latency)
                for _ in range(ok):
                    rollout.record(new=new, ok=True, latency_ms=latency)
            elif step[0] in ("check", "promote"):
                report = getattr(rollout, step[0])()
                verdict, reasons = str(report.verdict), [str(r) for r in report.reasons]
            elif step[0] != "state":
                raise ValueError(f"unknown step {step[0]!r}")
            results.append({"verdict": verdict, "reasons": reasons, "percent": float(rollout.percent),
                            "status": str(rollout.status)})
        return {"results": results, "served": len(_served(rollout, users)),
                "history": [{k: str(v) for k, v in event.items()} for event in rollout.history]}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def restart_run(submission, feature: str, users: int, seeds: list[str]) -> dict:
    """Promote twice (to the third stage) here, then load the same state file in a new process (one seed);
    roll back here, then load it again in another new process (the other seed)."""
    folder = tempfile.mkdtemp(prefix="rollout-")
    try:
        rollout = _rollout(submission, folder, feature)
        for _ in range(2):
            _healthy_traffic(rollout, 60)
            rollout.promote()
        job = {"job": "restart", "feature": feature, "users": users, "path": os.path.join(folder, "rollouts.json")}
        here = {"percent": float(rollout.percent), "served": sorted(_served(rollout, users))}
        after_promotion = _fresh_python(submission, job, seed=seeds[0])
        rollout.rollback("p95 latency tripled after the prompt change")
        after_rollback = _fresh_python(submission, job, seed=seeds[1])
        return {"here": here, "after_promotion": after_promotion, "after_rollback": after_rollback}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
