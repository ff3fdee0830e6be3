"""Load the settings once, at start: every problem reported in one concise SettingsError, no values anywhere."""
from __future__ import annotations

import functools
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values
from pydantic import ValidationError

from service_settings.errors import Problem, SettingsError
from service_settings.settings import ENV_PREFIX, Settings, known_variables, secret_fields, variable_name

log = logging.getLogger("service_settings")


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the environment, then `env_file` (if it exists) for what the environment does not set, then the
    defaults. Raise SettingsError naming every missing, invalid or unknown variable."""
    dotenv = read_dotenv(env_file)
    problems: list[Problem] = []
    settings = None
    try:
        settings = Settings(_env_file=env_file)
    except ValidationError as exc:
        problems += problems_from(exc, raw_secrets(dotenv))
    problems += unknown_variables(os.environ, dotenv)
    if problems:
        error = SettingsError(problems)
        log.error("%s", error)
        raise error  # raised outside the except block: no chained pydantic error carrying the inputs
    log.info("settings loaded: environment=%s, set: %s", settings.environment.value,
             ", ".join(sorted(n for n, s in settings.public_view()["variables"].items() if s == "set")) or "none")
    return settings


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, loaded on first use and then shared. Tests call reload_settings() after changing the
    environment."""
    return load_settings()


def reload_settings() -> Settings:
    get_settings.cache_clear()
    return get_settings()


def read_dotenv(env_file: str | Path | None) -> dict[str, str]:
    if env_file is None or not Path(env_file).is_file():
        return {}
    return {k: v for k, v in dotenv_values(env_file).items() if v is not None}


def problems_from(exc: ValidationError, secrets: list[str]) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False, include_input=False, include_context=True):
        field = str(error["loc"][0]) if error["loc"] else ""
        variable = (error.get("ctx") or {}).get("variables") or name_of(field)
        if error["type"] == "missing":
            message = "required"
        else:
            message = error["msg"].removeprefix("Value error, ")
        problems.append(Problem(variable, scrub(message, secrets)))
    return problems


def name_of(loc: str) -> str:
    """pydantic reports an aliased field by its alias and the others by field name."""
    return variable_name(loc) if loc in Settings.model_fields else loc.upper()


def raw_secrets(dotenv: Mapping[str, str]) -> list[str]:
    """The raw values of secret variables, so that no message can echo one, even by accident."""
    names = {variable_name(f).upper() for f in secret_fields()}
    values = [v for k, v in {**dotenv, **os.environ}.items() if k.upper() in names]
    return [v for v in values if len(v) >= 4]


def scrub(message: str, secrets: list[str]) -> str:
    for value in secrets:
        message = message.replace(value, "[hidden]")
    return message


def unknown_variables(environ: Mapping[str, str], dotenv: Mapping[str, str]) -> list[Problem]:
    """APP_ variables no field reads: almost always a typo, and a typo'd setting silently keeps its default."""
    known = known_variables()
    names = {k.upper() for k in (*environ, *dotenv) if k.upper().startswith(ENV_PREFIX)}
    return [Problem(name, "not a setting this service reads (a typo?)") for name in sorted(names - known)]
