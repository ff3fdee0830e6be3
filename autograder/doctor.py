"""`course doctor`: an offline check of this machine for the course, each problem with its fix."""
from __future__ import annotations

import os
import re
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version

from agentkit import redis_server
from agentkit.client import KEY_VARIABLES, Target, resolve
from agentkit.errors import UnknownModelError
from agentkit.models import REGISTRY, models
from agentkit.pricing import PRICE_HINT, PRICE_SETTING, configured_price, parse_price, price_per_million
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


def llm_checks() -> list[tuple[bool, str, str]]:
    """Which mode the course is in and where its calls go, decided as agentkit.Client decides it, with the price."""
    try:
        target = resolve()
    except ValueError as exc:
        fix = ("unset COURSE_LLM_MODE, or set it to replay, live or record" if "COURSE_LLM_MODE" in str(exc)
               else "unset COURSE_PROVIDER, or set it to anthropic or openai")
        return [(False, str(exc), fix), *key_checks(None)]
    mode = mode_check(target)
    results = [mode, *key_checks(target)]
    base = os.environ.get("COURSE_BASE_URL")
    if base:
        unused = " (not used: replay mode answers from the fixtures)" if target.mode == "replay" else ""
        results.append((base.startswith(("http://", "https://")), f"COURSE_BASE_URL={base}{unused}",
                        "use a full URL such as http://localhost:11434/v1"))
    if target.mode != "replay" and mode[0]:
        results.append(price_check(target))
    elif os.environ.get(PRICE_SETTING):
        results.append(price_setting_check())
    return results


def mode_check(target: Target) -> tuple[bool, str, str]:
    if target.mode == "replay":
        return True, "LLM mode: replay (offline, recorded fixtures)", ""
    if target.redirected:
        return (bool(target.model), f"LLM mode: {target.mode}, OpenAI-compatible server at {target.base_url}, model "
                f"{target.model or '(none: COURSE_MODEL is not set)'}",
                "export COURSE_MODEL=... (the model that server serves, e.g. llama3.2)")
    found = f"LLM mode: {target.mode}, provider {target.provider}, model {target.model}"
    info = REGISTRY.get(target.model)
    if target.provider != "openai-compatible" and (info is None or info.provider != target.provider):
        return False, f"{found}, which agentkit/models.py does not list for {target.provider}", \
            f"set COURSE_MODEL to one of {', '.join(m.id for m in models(target.provider))}, or unset it"
    return True, found, ""


def key_checks(target: Target | None) -> list[tuple[bool, str, str]]:
    """Each key's shape; a missing key is a problem only for the provider live calls go to."""
    live = target is not None and target.mode != "replay"
    needed = KEY_VARIABLES[target.provider] if live and not target.redirected else None
    results = []
    for name, shape in (("ANTHROPIC_API_KEY", "sk-ant-"), ("OPENAI_API_KEY", "sk-")):
        if value := os.environ.get(name, ""):
            results.append((value.startswith(shape), f"{name}: set ({len(value)} characters)",
                            f"a real key starts with {shape}; check for quotes or spaces"))
        elif name == needed:
            results.append((False, f"{name}: not set, and {target.mode} mode calls {target.provider}",
                            f"export {name}=..., or unset COURSE_LLM_MODE (and COURSE_PROVIDER) to stay offline"))
        elif not live:
            results.append((True, f"{name}: not set (fine: the course runs offline)", ""))
        elif target.redirected:
            why = ("a local server needs none; a hosted one reads its key from it" if name == "OPENAI_API_KEY"
                   else "calls go to COURSE_BASE_URL")
            results.append((True, f"{name}: not set (fine: {why})", ""))
        else:
            results.append((True, f"{name}: not set (fine: calls go to {target.provider})", ""))
    return results


def price_setting_check() -> tuple[bool, str, str]:
    text = os.environ[PRICE_SETTING]
    try:
        parse_price(text)
    except ValueError as exc:
        return False, str(exc), f'export {PRICE_SETTING}="0.2,0.6" (input, output), or unset it'
    model = os.environ.get("COURSE_MODEL")
    return (bool(model), f"{PRICE_SETTING}={text}: " + (f"the price of {model}" if model else "prices nothing"),
            "it prices the model COURSE_MODEL names: export COURSE_MODEL=... too")


def price_check(target: Target) -> tuple[bool, str, str]:
    """The price of the model the calls go to, where it comes from, and how to supply a missing one."""
    if os.environ.get(PRICE_SETTING):
        ok, found, fix = price_setting_check()
        if not ok:
            return ok, found, fix
    provider = None if target.provider == "openai-compatible" else target.provider
    source = PRICE_SETTING if configured_price(target.model) else "genai-prices"
    try:
        per_in, per_out = price_per_million(target.model, provider=provider)
    except UnknownModelError:
        return (True, f"price of {target.model}: unknown (costs show as unknown and a cost budget refuses to run); "
                      f"to supply one, {PRICE_HINT}", "")
    return True, f"price of {target.model}: ${per_in:.2f} in, ${per_out:.2f} out per million tokens ({source})", ""


def summary(problems: int) -> str:
    if problems:
        return f"\n{problems} problem(s)"
    try:
        target = resolve()
    except ValueError:
        target = None
    if target is None or target.mode == "replay":
        return "\nAll good: the course runs offline on this machine."
    where = f"against {target.base_url}" if target.redirected else f"on {target.provider}"
    return f"\nAll good: the course runs {target.mode} {where} with {target.model} on this machine."


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
    results += llm_checks()
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
    print(summary(problems))
    return 1 if problems else 0
