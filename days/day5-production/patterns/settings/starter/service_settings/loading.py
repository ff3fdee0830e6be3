"""Load the settings once, at start: every problem reported in one concise SettingsError, no values anywhere."""
from __future__ import annotations

import functools
import logging
from pathlib import Path

from service_settings.errors import Problem, SettingsError  # noqa: F401 - you will raise these
from service_settings.settings import Settings

log = logging.getLogger("service_settings")


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read the environment, then `env_file` (if it exists) for what the environment does not set, then the
    defaults (`Settings(_env_file=env_file)` does that). Raise SettingsError naming every missing, invalid or
    unknown APP_ variable, with what is wrong and never a value.

    The handout's way, `return Settings()`, lets pydantic's ValidationError escape: its message prints the
    inputs it was given, secrets included.
    """
    # TODO step 6: catch ValidationError; turn each error into Problem(variable name, message) using
    # exc.errors(include_input=False, include_url=False); add a Problem for every APP_ variable in the
    # environment or the .env file that no field reads; raise SettingsError(problems) OUTSIDE the except
    # block, so the pydantic error is not chained onto it. Log one line with names only.
    raise NotImplementedError("step 6: load_settings")


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings, loaded on first use and then shared (the handout builds a new object on every call)."""
    # TODO step 7: return load_settings(); the lru_cache above does the sharing.
    raise NotImplementedError("step 7: get_settings")


def reload_settings() -> Settings:
    """Forget the cached settings and load them again (for tests that change the environment)."""
    # TODO step 7: get_settings.cache_clear(), then get_settings().
    raise NotImplementedError("step 7: reload_settings")
