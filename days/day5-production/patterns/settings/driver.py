"""What the graders call: load the student's `service_settings` with a given environment and .env file, and
hand back plain JSON data only: what loaded (or the error, its problems and its whole printed traceback),
every way the settings object renders, and every log record written meanwhile.

The environment is replaced for the duration of one job (APP_*, PORT, COURSE_LLM_MODE and the key variables
are cleared first) and restored exactly afterwards; the .env file lives in a fresh temporary folder, which is
also the working directory, so no stray .env can leak in.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import traceback
from contextlib import contextmanager
from enum import Enum

OWNED = ("PORT", "COURSE_LLM_MODE", "ANTHROPIC_API_KEY", "OPENAI_API_KEY")
FIELDS = ("environment", "llm_mode", "debug", "log_level", "port", "public_url", "model", "anthropic_api_key",
          "openai_api_key", "webhook_secret", "redis_url", "rate_limit_rpm", "rate_limit_tpm", "cache_ttl_seconds",
          "shutdown_grace_seconds")


class CapturedLogs(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # noqa: BLE001 - a record that cannot be formatted is still evidence
            self.lines.append(repr(record.__dict__))


@contextmanager
def setting_up(environ: dict, dotenv: str | None):
    """The given environment and .env file (path yielded, or None), a temporary working directory, and a
    handler capturing every log record."""
    saved, cwd = dict(os.environ), os.getcwd()
    folder = tempfile.mkdtemp(prefix="settings-")
    handler, root = CapturedLogs(), logging.getLogger()
    level = root.level
    for name in list(os.environ):
        if name.upper().startswith("APP_") or name.upper() in OWNED:
            del os.environ[name]
    os.environ.update({str(k): str(v) for k, v in environ.items()})
    env_file = None
    if dotenv is not None:
        env_file = os.path.join(folder, ".env")
        with open(env_file, "w") as f:
            f.write(dotenv)
    os.chdir(folder)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield env_file, handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(folder, ignore_errors=True)


def plain(value):
    """A field's value as JSON data; a secret as {"secret": its value} so tests can check it is still usable."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "get_secret_value"):
        return {"secret": value.get_secret_value()}
    return str(value)


def renderings(settings) -> dict:
    """Every ordinary way a settings object ends up as text: printing, f-strings, repr, JSON dumps."""
    shown = {"repr": repr(settings), "str": str(settings), "format": f"{settings}"}
    for name, make in (("model_dump_json", lambda: settings.model_dump_json()),
                       ("model_dump", lambda: str(settings.model_dump())),
                       ("json_mode_dump", lambda: json.dumps(settings.model_dump(mode="json"), default=str)),
                       ("public_view", lambda: json.dumps(settings.public_view(), default=str))):
        try:
            shown[name] = make()
        except Exception as exc:  # noqa: BLE001
            shown[name] = f"raised {type(exc).__name__}: {exc}"
    return shown


def failure(exc: BaseException) -> dict:
    problems = getattr(exc, "problems", None)
    return {"type": type(exc).__name__, "message": str(exc),
            "problems": [[str(p[0]), str(p[1])] for p in problems] if isinstance(problems, (list, tuple)) else None,
            "traceback": "".join(traceback.format_exception(exc))}


def load(submission, environ: dict, dotenv: str | None = None, log_settings: bool = False) -> dict:
    """load_settings(env_file) under `environ` and `dotenv`. With log_settings, then log the object the ways a
    developer would (%s, %r, a dump)."""
    result = {"loaded": False, "error": None, "values": None, "renderings": None, "public_view": None}
    with setting_up(environ, dotenv) as (env_file, logs):
        try:
            settings = submission.load_settings(env_file=env_file)
        except Exception as exc:  # noqa: BLE001 - the error itself is what the tests look at
            result["error"] = failure(exc)
        else:
            result["loaded"] = True
            result["values"] = {name: plain(getattr(settings, name, None)) for name in FIELDS}
            result["renderings"] = renderings(settings)
            try:
                result["public_view"] = json.loads(json.dumps(settings.public_view(), default=str))
            except Exception as exc:  # noqa: BLE001
                result["public_view"] = {"raised": f"{type(exc).__name__}: {exc}"}
            if log_settings:
                log = logging.getLogger("app")
                log.info("settings: %s", settings)
                log.info("settings repr: %r", settings)
                log.warning("settings dump: %s", settings.model_dump())
        result["logs"] = logs.lines
    return result


def cached(submission, environ: dict, changed: dict) -> dict:
    """get_settings() twice, change the environment, get_settings() again, reload_settings(), get_settings()."""
    with setting_up(environ, None) as (_, logs):
        first = submission.get_settings()
        second = submission.get_settings()
        os.environ.update({str(k): str(v) for k, v in changed.items()})
        stale = submission.get_settings()
        reloaded = submission.reload_settings()
        after = submission.get_settings()
    return {"same_object": first is second, "stale_is_first": stale is first,
            "stale_rpm": plain(stale.rate_limit_rpm), "reloaded_rpm": plain(reloaded.rate_limit_rpm),
            "after_is_reloaded": after is reloaded, "logs": logs.lines}
