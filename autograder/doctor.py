"""`course doctor`: an offline check of this machine for the course, each problem with its fix."""
from __future__ import annotations

import os
import re
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version

from agentkit import redis_server, replay
from autograder.fixtures import check_fixture, fixture_files
from autograder.units import ROOT

PACKAGES = ["anthropic", "openai", "httpx2", "vcrpy", "genai-prices", "pydantic", "numpy", "pytest",
            "pytest-socket", "jupyterlab", "nbgrader", "mkdocs-material"]
FIX_SETUP = "run `make setup` in the course folder (it installs the locked versions)"


def locked_versions() -> dict[str, str]:
    lock = ROOT / "requirements.lock"
    if not lock.exists():
        return {}
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", lock.read_text(), flags=re.M)
    return {name.lower().replace("_", "-"): pin for name, pin in pins}


def checks() -> list[tuple[bool, str, str]]:
    """(ok, what was found, how to fix it) for everything the course needs."""
    results = []
    py = sys.version_info
    results.append((py >= (3, 11), f"Python {py.major}.{py.minor}.{py.micro}", "install Python 3.11 or newer"))
    locked = locked_versions()
    for name in PACKAGES:
        try:
            have = version(name)
        except PackageNotFoundError:
            results.append((False, f"{name}: not installed", FIX_SETUP))
            continue
        want = locked.get(name)
        results.append((want in (None, have), f"{name} {have}" + (f" (lock says {want})" if want != have and want else ""),
                        FIX_SETUP))
    try:
        current = replay.mode()
        results.append((True, f"LLM mode: {current} ({'offline, recorded fixtures' if current == 'replay' else 'calls a provider'})", ""))
    except ValueError as exc:
        current = "?"
        results.append((False, str(exc), "unset COURSE_LLM_MODE, or set it to replay, live or record"))
    keys = {name: os.environ.get(name, "") for name in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY")}
    for name, value in keys.items():
        shape = {"ANTHROPIC_API_KEY": "sk-ant-", "OPENAI_API_KEY": "sk-"}[name]
        if value:
            results.append((value.startswith(shape), f"{name}: set ({len(value)} characters)",
                            f"a real key starts with {shape}; check for quotes or spaces"))
        else:
            results.append((True, f"{name}: not set (fine: the course runs offline)", ""))
    if current in ("live", "record") and not any(keys.values()) and not os.environ.get("COURSE_BASE_URL"):
        results.append((False, f"{current} mode needs a key", "export ANTHROPIC_API_KEY=... or OPENAI_API_KEY=..., "
                                                              "or unset COURSE_LLM_MODE to stay offline"))
    if base := os.environ.get("COURSE_BASE_URL"):
        results.append((base.startswith(("http://", "https://")), f"COURSE_BASE_URL={base}",
                        "use a full URL such as http://localhost:11434/v1"))
    files = fixture_files()
    bad = []
    for path in files:
        try:
            check_fixture(path)
        except Exception as exc:  # a broken fixture is reported, not fatal to the doctor
            bad.append(str(exc).splitlines()[0])
    results.append((not bad, f"fixtures: {len(files)} files, {len(bad)} broken" + "".join(f"\n      {b}" for b in bad[:5]),
                    "run `course doctor` after `git checkout -- .` or `make setup`; report it if it persists"))
    results.append((True, f"bwrap: {'found' if shutil.which('bwrap') else 'not found (needed only for instructor batch grading: apt-get install bubblewrap)'}", ""))
    redis = redis_server.server_binary()
    results.append((redis is not None, f"redis-server (for the Day 5 shared-state patterns): {redis or 'not found'}",
                    redis_server.INSTALL_HINT))
    return results


def run() -> int:
    problems = 0
    for ok, found, fix in checks():
        print(f"  {'ok ' if ok else 'FIX'} {found}")
        if not ok:
            problems += 1
            print(f"      -> {fix}")
    print(f"\n{problems} problem(s)" if problems else "\nAll good: the course runs offline on this machine.")
    return 1 if problems else 0
