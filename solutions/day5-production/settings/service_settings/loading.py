"""Load the settings once, at start: every problem reported in one concise SettingsError, no values anywhere."""
from __future__ import annotations

import functools
import logging
### BEGIN SOLUTION
import os
from collections.abc import Mapping
### END SOLUTION
from pathlib import Path

### BEGIN STARTER
# from service_settings.errors import Problem, SettingsError  # noqa: F401 - you will raise these
# from service_settings.settings import Settings
### END STARTER
### BEGIN SOLUTION
from dotenv import dotenv_values
from pydantic import ValidationError

from service_settings.errors import Problem, SettingsError
from service_settings.settings import ENV_PREFIX, Settings, known_variables, secret_fields, variable_name
### END SOLUTION

log = logging.getLogger("service_settings")


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    ### BEGIN STARTER
    # """Read the environment, then `env_file` (if it exists) for what the environment does not set, then the
    # defaults (`Settings(_env_file=env_file)` does that). Raise SettingsError naming every missing, invalid or
    # unknown APP_ variable, with what is wrong and never a value.
    #
    # The handout's way, `return Settings()`, lets pydantic's ValidationError escape: its message prints the
    # inputs it was given, secrets included.
    # """
    # # TODO step 6: catch ValidationError; turn each error into Problem(variable name, message) using
    # # exc.errors(include_input=False, include_url=False); add a Problem for every APP_ variable in the
    # # environment or the .env file that no field reads; raise SettingsError(problems) OUTSIDE the except
    # # block, so the pydantic error is not chained onto it. Log one line with names only.
    # raise NotImplementedError("step 6: load_settings")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    ### BEGIN STARTER
    # """The settings, loaded on first use and then shared (the handout builds a new object on every call)."""
    # # TODO step 7: return load_settings(); the lru_cache above does the sharing.
    # raise NotImplementedError("step 7: get_settings")
    ### END STARTER
    ### BEGIN SOLUTION
    """The settings, loaded on first use and then shared. Tests call reload_settings() after changing the
    environment."""
    return load_settings()
    ### END SOLUTION


def reload_settings() -> Settings:
    ### BEGIN STARTER
    # """Forget the cached settings and load them again (for tests that change the environment)."""
    # # TODO step 7: get_settings.cache_clear(), then get_settings().
    # raise NotImplementedError("step 7: reload_settings")
    ### END STARTER
    ### BEGIN SOLUTION
    get_settings.cache_clear()
    return get_settings()
    ### END SOLUTION
### BEGIN SOLUTION


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
### END SOLUTION
