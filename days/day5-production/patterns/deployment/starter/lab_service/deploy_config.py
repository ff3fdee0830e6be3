"""Check the files that tell a platform how to start the service: Procfile, railway.toml, render.yaml and
vercel.json. Each problem has a code (what kind of mistake) and a message (what to change).

Formats change: what this checks is what each platform documented in late 2026 (see the README for which
pages). It checks what the service needs from them, not every field the platforms accept."""
from __future__ import annotations

import json  # noqa: F401 - the checkers below will need these
import re
import shlex  # noqa: F401
import tomllib  # noqa: F401
from pathlib import Path
from typing import Any, NamedTuple

import yaml  # noqa: F401

HEALTH_PATHS = {"/health", "/ready"}  # the probes the app serves
PORT_VALUES = re.compile(r"^\$(PORT|\{PORT\}|\{PORT:-\d+\})$")
PUBLIC_HOSTS = {"0.0.0.0", "::"}
DEFAULT_KILL_AFTER = {"Procfile": 30.0, "render": 30.0}  # seconds from SIGTERM to SIGKILL unless configured
SECRET_VALUES = [
    re.compile(r"\bsk-[A-Za-z0-9_-]{8,}"),                      # Anthropic and OpenAI key shapes
    re.compile(r"\b(ghp|gho|github_pat)_[A-Za-z0-9_]{16,}"),
    re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{8,}"),               # Slack tokens
    re.compile(r"\bAKIA[0-9A-Z]{16}\b"),                        # AWS access key ids
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@]+:[^\s/@]+@"),   # a URL with a password in it
]
SECRET_NAME = re.compile(r"(KEY|SECRET|TOKEN|PASSWORD|CREDENTIALS)", re.I)
INLINE_ASSIGNMENT = re.compile(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=(\S+)")


class ConfigProblem(NamedTuple):
    code: str      # parse, start-command, host, port, graceful-shutdown, dev-flag, health-check, secret, duration
    message: str


def check_config(filename: str, text: str) -> list[ConfigProblem]:
    """Problems in one deployment file, chosen by its name; an empty list means none were found.
    The codes, and when each applies, are in the README's contract."""
    name = Path(filename).name
    checkers = {"Procfile": check_procfile, "railway.toml": check_railway, "render.yaml": check_render,
                "render.yml": check_render, "vercel.json": check_vercel}
    if name not in checkers:
        raise ValueError(f"no checker for {name!r}; known: {', '.join(checkers)}")
    return checkers[name](text)


def check_procfile(text: str) -> list[ConfigProblem]:
    """Every non-empty line is `name: command`; the `web` process runs uvicorn. Heroku-style platforms send
    SIGKILL 30 s after SIGTERM."""
    # TODO step 7: parse the lines (a bad line: "parse"); no web process: "start-command"; then
    # check_start_command(...) on the web command, and secrets_in_strings([text]).
    raise NotImplementedError("step 7: check_procfile")


def check_railway(text: str) -> list[ConfigProblem]:
    """tomllib; [deploy] startCommand, healthcheckPath, drainingSeconds (a number: SIGTERM to SIGKILL)."""
    # TODO step 7
    raise NotImplementedError("step 7: check_railway")


def check_render(text: str) -> list[ConfigProblem]:
    """yaml.safe_load; each service of type web: startCommand, healthCheckPath, maxShutdownDelaySeconds
    (30 when absent), and envVars whose key looks secret must not carry a `value`."""
    # TODO step 7
    raise NotImplementedError("step 7: check_render")


def check_vercel(text: str) -> list[ConfigProblem]:
    """json.loads (no comments in JSON); no secrets in `env` or `build.env`; the Python function (a
    `functions` key ending in .py) has a numeric maxDuration. Vercel starts no uvicorn: no command to check."""
    # TODO step 7
    raise NotImplementedError("step 7: check_vercel")


def check_start_command(command: str, *, kill_after: float | None, where: str) -> list[ConfigProblem]:
    """shlex.split the command: it runs uvicorn ("start-command"); --host 0.0.0.0 ("host"); --port $PORT
    ("port"); no --reload ("dev-flag"); --timeout-graceful-shutdown N with N < kill_after when that is known
    ("graceful-shutdown"); no KEY/SECRET/TOKEN/PASSWORD=value set inline ("secret")."""
    # TODO step 7: parse_options(words) below reads the options for you.
    raise NotImplementedError("step 7: check_start_command")


def parse_options(words: list[str]) -> dict[str, str]:
    """uvicorn's --name value and --name=value options; a flag without a value maps to ""."""
    options: dict[str, str] = {}
    for index, word in enumerate(words):
        if not word.startswith("--"):
            continue
        name, equals, value = word.partition("=")
        if not equals:
            following = words[index + 1] if index + 1 < len(words) else ""
            value = following if following and not following.startswith("--") else ""
        options[name] = value
    return options


def strings_in(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.items() for part in item for s in strings_in(part)]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return [value] if isinstance(value, str) else []


def secrets_in_strings(texts: list[str]) -> list[ConfigProblem]:
    found = []
    for text in texts:
        for pattern in SECRET_VALUES:
            if match := pattern.search(text):
                found.append(ConfigProblem("secret", f"a value that looks like a credential ({match.group(0)[:6]}...); "
                                                     "reference an environment variable instead"))
    return found
