"""The deployment unit's platform files parse, start the service the way the lesson says, and hold no secrets.

Not graded: this checks the course's own files (the reference ones under solutions/ in full; the starter's
handout-shaped ones only for format and secrets), independently of the checker the students write."""
import json
import re
import shlex
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from agentkit.replay.secrets import find_secrets
from autograder.units import ROOT

SOLUTION = ROOT / "solutions" / "day5-production" / "deployment"
STARTER = ROOT / "days" / "day5-production" / "patterns" / "deployment" / "starter"
FILES = ("Procfile", "railway.toml", "render.yaml", "vercel.json")
PROCFILE_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(\S.*)$")
SECRET_LOOKING = [re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"), re.compile(r"://[^\s/:@]+:[^\s/@]+@"),
                  re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY"), re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
                  re.compile(r"\b(ghp|xox[abprs])[-_][A-Za-z0-9-]{8,}")]
SECRET_NAME = re.compile(r"KEY|SECRET|TOKEN|PASSWORD", re.I)


def procfile(text: str) -> dict[str, str]:
    processes = {}
    for line in text.splitlines():
        if line.strip():
            match = PROCFILE_LINE.match(line)
            assert match, f"not a Procfile line (`name: command`): {line!r}"
            processes[match.group(1)] = match.group(2)
    return processes


def parsed(folder: Path, name: str):
    text = (folder / name).read_text()
    return {"Procfile": procfile, "railway.toml": tomllib.loads, "render.yaml": yaml.safe_load,
            "vercel.json": json.loads}[name](text)


def options(command: str) -> dict[str, str]:
    words = shlex.split(command)
    assert "uvicorn" in words, f"the start command does not run uvicorn: {command}"
    found = {}
    for index, word in enumerate(words):
        if word.startswith("--"):
            name, equals, value = word.partition("=")
            found[name] = value if equals else (words[index + 1] if index + 1 < len(words) else "")
    return found


def grace_of(command: str) -> float:
    found = options(command)
    assert found.get("--host") == "0.0.0.0", f"bind every interface: {command}"
    assert found.get("--port") == "$PORT", f"listen on the platform's $PORT: {command}"
    assert "--reload" not in found, f"--reload is a development flag: {command}"
    assert "--factory" in found and "create_app" in command, "the app factory loads settings at start"
    return float(found["--timeout-graceful-shutdown"])


def served_paths() -> set[str]:
    sys.path.insert(0, str(SOLUTION))
    try:
        from lab_service.app import create_app
        from lab_service.settings import ServiceSettings
        return {route.path for route in create_app(ServiceSettings(COURSE_LLM_MODE="replay")).routes}
    finally:
        sys.path.remove(str(SOLUTION))
        for name in [n for n in sys.modules if n == "lab_service" or n.startswith("lab_service.")]:
            del sys.modules[name]


@pytest.mark.parametrize("folder", [SOLUTION, STARTER], ids=["solution", "starter"])
@pytest.mark.parametrize("name", FILES)
def test_each_file_parses_and_holds_no_secret(folder, name):
    text = (folder / name).read_text()
    assert parsed(folder, name)
    assert not find_secrets(text), f"{name} looks like it holds a secret"
    found = [p.pattern for p in SECRET_LOOKING if p.search(text)]
    assert not found, f"{name} has a credential-looking value ({found})"


def test_procfile_starts_uvicorn_on_port_with_a_bounded_shutdown():
    processes = parsed(SOLUTION, "Procfile")
    assert grace_of(processes["web"]) < 30, "Heroku-style platforms send SIGKILL 30 s after SIGTERM"


def test_railway_starts_uvicorn_and_gates_on_readiness():
    deploy = parsed(SOLUTION, "railway.toml")["deploy"]
    grace = grace_of(deploy["startCommand"])
    assert deploy["healthcheckPath"] == "/ready"
    assert isinstance(deploy["drainingSeconds"], int) and deploy["drainingSeconds"] > grace
    assert deploy["healthcheckPath"] in served_paths()


def test_render_starts_uvicorn_and_keys_are_typed_in_the_dashboard():
    [service] = [s for s in parsed(SOLUTION, "render.yaml")["services"] if s["type"] == "web"]
    grace = grace_of(service["startCommand"])
    assert service["healthCheckPath"] == "/ready" and service["healthCheckPath"] in served_paths()
    assert service.get("maxShutdownDelaySeconds", 30) > grace
    for variable in service["envVars"]:
        if SECRET_NAME.search(variable["key"]):
            assert variable.get("sync") is False and "value" not in variable, f"{variable['key']} must not have a value"


def test_vercel_points_at_an_entrypoint_that_exists_with_a_max_duration():
    config = parsed(SOLUTION, "vercel.json")
    assert "env" not in config and "build" not in config, "variables belong in the Vercel project, not the file"
    [(entry, settings)] = config["functions"].items()
    assert (SOLUTION / entry).is_file(), f"vercel.json names {entry}, which does not exist"
    assert "create_app()" in (SOLUTION / entry).read_text()
    assert isinstance(settings["maxDuration"], int) and settings["maxDuration"] > 0


def test_the_app_serves_both_probes():
    assert {"/health", "/ready", "/summarise"} <= served_paths()
