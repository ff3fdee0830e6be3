"""Check the files that tell a platform how to start the service: Procfile, railway.toml, render.yaml and
vercel.json. Each problem has a code (what kind of mistake) and a message (what to change).

Formats change: what this checks is what each platform documented in late 2026 (see the README for which
pages). It checks what the service needs from them, not every field the platforms accept."""
from __future__ import annotations

### BEGIN STARTER
# import json  # noqa: F401 - the checkers below will need these
### END STARTER
### BEGIN SOLUTION
import json
### END SOLUTION
import re
### BEGIN STARTER
# import shlex  # noqa: F401
# import tomllib  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import shlex
import tomllib
### END SOLUTION
from pathlib import Path
from typing import Any, NamedTuple

### BEGIN STARTER
# import yaml  # noqa: F401
### END STARTER
### BEGIN SOLUTION
import yaml
### END SOLUTION

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
    ### BEGIN STARTER
    # """Problems in one deployment file, chosen by its name; an empty list means none were found.
    # The codes, and when each applies, are in the README's contract."""
    ### END STARTER
    ### BEGIN SOLUTION
    """Problems in one deployment file, chosen by its name; an empty list means none were found."""
    ### END SOLUTION
    name = Path(filename).name
    checkers = {"Procfile": check_procfile, "railway.toml": check_railway, "render.yaml": check_render,
                "render.yml": check_render, "vercel.json": check_vercel}
    if name not in checkers:
        raise ValueError(f"no checker for {name!r}; known: {', '.join(checkers)}")
    return checkers[name](text)


def check_procfile(text: str) -> list[ConfigProblem]:
    ### BEGIN STARTER
    # """Every non-empty line is `name: command`; the `web` process runs uvicorn. Heroku-style platforms send
    # SIGKILL 30 s after SIGTERM."""
    # # TODO step 7: parse the lines (a bad line: "parse"); no web process: "start-command"; then
    # # check_start_command(...) on the web command, and secrets_in_strings([text]).
    # raise NotImplementedError("step 7: check_procfile")
    ### END STARTER
    ### BEGIN SOLUTION
    processes = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = re.match(r"^([A-Za-z0-9_-]+):\s*(\S.*)$", line)
        if not match:
            return [ConfigProblem("parse", f"line {number} is not `name: command`")]
        processes[match.group(1)] = match.group(2)
    problems = secrets_in_strings([text])
    if "web" not in processes:
        return [ConfigProblem("start-command", "no `web:` process: nothing receives HTTP traffic"), *problems]
    return check_start_command(processes["web"], kill_after=DEFAULT_KILL_AFTER["Procfile"],
                               where="the Procfile (30 s from SIGTERM to SIGKILL)") + problems
    ### END SOLUTION


def check_railway(text: str) -> list[ConfigProblem]:
    ### BEGIN STARTER
    # """tomllib; [deploy] startCommand, healthcheckPath, drainingSeconds (a number: SIGTERM to SIGKILL)."""
    # # TODO step 7
    # raise NotImplementedError("step 7: check_railway")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [ConfigProblem("parse", f"not valid TOML: {exc}")]
    deploy = data.get("deploy") or {}
    problems = secrets_in_strings(strings_in(data))
    if deploy.get("healthcheckPath") not in HEALTH_PATHS:
        problems.append(ConfigProblem("health-check", "set deploy.healthcheckPath to /ready, so Railway switches "
                                                      "traffic only to a deployment that is ready"))
    draining = deploy.get("drainingSeconds")
    if draining is not None and not isinstance(draining, (int, float)):
        return [ConfigProblem("parse", "deploy.drainingSeconds must be a number, not a string"), *problems]
    command = deploy.get("startCommand")
    if not command:
        return [ConfigProblem("start-command", "no deploy.startCommand"), *problems]
    found = check_start_command(command, kill_after=draining, where="deploy.drainingSeconds")
    if draining is None:
        found.append(ConfigProblem("graceful-shutdown", "set deploy.drainingSeconds (the time Railway waits "
                                                        "between SIGTERM and SIGKILL) above the grace period"))
    return found + problems
    ### END SOLUTION


def check_render(text: str) -> list[ConfigProblem]:
    ### BEGIN STARTER
    # """yaml.safe_load; each service of type web: startCommand, healthCheckPath, maxShutdownDelaySeconds
    # (30 when absent), and envVars whose key looks secret must not carry a `value`."""
    # # TODO step 7
    # raise NotImplementedError("step 7: check_render")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [ConfigProblem("parse", f"not valid YAML: {exc}")]
    if not isinstance(data, dict):
        return [ConfigProblem("parse", "a Blueprint is a mapping with a `services` list")]
    problems = secrets_in_strings(strings_in(data))
    web = [s for s in data.get("services") or [] if isinstance(s, dict) and s.get("type") == "web"]
    if not web:
        return [ConfigProblem("start-command", "no service of type web"), *problems]
    for service in web:
        kill_after = service.get("maxShutdownDelaySeconds", DEFAULT_KILL_AFTER["render"])
        problems += check_start_command(service.get("startCommand") or "", kill_after=kill_after,
                                        where="maxShutdownDelaySeconds (30 by default)")
        if service.get("healthCheckPath") not in HEALTH_PATHS:
            problems.append(ConfigProblem("health-check", "set healthCheckPath to /ready"))
        for variable in service.get("envVars") or []:
            if isinstance(variable, dict) and "value" in variable and SECRET_NAME.search(str(variable.get("key"))):
                problems.append(ConfigProblem("secret", f"{variable.get('key')} has a value in the file; use "
                                                        "`sync: false` (typed into the dashboard) or generateValue"))
    return problems
    ### END SOLUTION


def check_vercel(text: str) -> list[ConfigProblem]:
    ### BEGIN STARTER
    # """json.loads (no comments in JSON); no secrets in `env` or `build.env`; the Python function (a
    # `functions` key ending in .py) has a numeric maxDuration. Vercel starts no uvicorn: no command to check."""
    # # TODO step 7
    # raise NotImplementedError("step 7: check_vercel")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        data = json.loads(text)
    except ValueError as exc:
        return [ConfigProblem("parse", f"not valid JSON (comments are not allowed in JSON): {exc}")]
    if not isinstance(data, dict):
        return [ConfigProblem("parse", "vercel.json is a JSON object")]
    problems = secrets_in_strings(strings_in(data))
    for block in (data.get("env"), (data.get("build") or {}).get("env")):
        for name, value in (block or {}).items():
            if SECRET_NAME.search(name) or str(value).startswith("@"):
                problems.append(ConfigProblem("secret", f"{name} belongs in the project's environment variables "
                                                        "(vercel env add), not in vercel.json"))
    python = {k: v for k, v in (data.get("functions") or {}).items() if k.endswith(".py") and isinstance(v, dict)}
    if not any(isinstance(v.get("maxDuration"), (int, float)) for v in python.values()):
        problems.append(ConfigProblem("duration", "no maxDuration for the Python function: a model call can "
                                                  "outlast the default limit; set it explicitly"))
    return problems
    ### END SOLUTION


def check_start_command(command: str, *, kill_after: float | None, where: str) -> list[ConfigProblem]:
    ### BEGIN STARTER
    # """shlex.split the command: it runs uvicorn ("start-command"); --host 0.0.0.0 ("host"); --port $PORT
    # ("port"); no --reload ("dev-flag"); --timeout-graceful-shutdown N with N < kill_after when that is known
    # ("graceful-shutdown"); no KEY/SECRET/TOKEN/PASSWORD=value set inline ("secret")."""
    # # TODO step 7: parse_options(words) below reads the options for you.
    # raise NotImplementedError("step 7: check_start_command")
    ### END STARTER
    ### BEGIN SOLUTION
    try:
        words = shlex.split(command)
    except ValueError as exc:
        return [ConfigProblem("parse", f"the start command does not parse: {exc}")]
    problems = [ConfigProblem("secret", f"{name} is set inline in the start command")
                for name, _ in INLINE_ASSIGNMENT.findall(command) if SECRET_NAME.search(name)]
    if not any(w == "uvicorn" or w.endswith("/uvicorn") for w in words):
        return [ConfigProblem("start-command", "the start command does not run uvicorn"), *problems]
    options = parse_options(words)
    if options.get("--host") not in PUBLIC_HOSTS:
        problems.append(ConfigProblem("host", "add --host 0.0.0.0: uvicorn listens on 127.0.0.1 by default, which "
                                              "the platform's proxy cannot reach"))
    if not PORT_VALUES.match(options.get("--port", "")):
        problems.append(ConfigProblem("port", "use --port $PORT: the platform chooses the port"))
    if "--reload" in options:
        problems.append(ConfigProblem("dev-flag", "--reload is for development: it watches files and restarts"))
    grace = options.get("--timeout-graceful-shutdown")
    if grace is None:
        problems.append(ConfigProblem("graceful-shutdown", "add --timeout-graceful-shutdown N: without it uvicorn "
                                                           "waits for ever and the platform's SIGKILL cuts requests"))
    elif not re.fullmatch(r"\d+(\.\d+)?", grace):
        problems.append(ConfigProblem("parse", "--timeout-graceful-shutdown needs a number of seconds"))
    elif kill_after is not None and float(grace) >= float(kill_after):
        problems.append(ConfigProblem("graceful-shutdown", f"the grace period ({grace} s) must end before the "
                                                           f"platform's SIGKILL ({kill_after} s, {where})"))
    return problems
    ### END SOLUTION


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
