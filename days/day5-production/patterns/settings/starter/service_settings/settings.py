"""The service's settings. This is the handout's shape: plain `str` secrets that print, a free-text
environment, no production rules. Turn it into the class the README's contract describes.

Read the README's contract first; the tests check exactly that, through load_settings() and the public
methods only.
"""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "APP_"


class Environment(str, Enum):
    DEVELOPMENT = "development"
    STAGING = "staging"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Everything the service reads from its environment: APP_<FIELD>, except PORT, COURSE_LLM_MODE,
    ANTHROPIC_API_KEY and OPENAI_API_KEY, which keep the names other tools already use.

    TODO step 1: types. `environment: Environment`; `llm_mode` one of live/replay/record; `log_level` one of
    DEBUG/INFO/WARNING/ERROR; bounds on the numbers (see the contract); `public_url: HttpUrl | None`.
    TODO step 2: secrets as `SecretStr | None`: both provider keys, `webhook_secret`, `redis_url`. Empty
    strings count as not set. A key with whitespace in it, a webhook secret shorter than 32 characters and a
    redis_url that is not a redis:// URL are invalid.
    TODO step 3: the rules, as field validators that read earlier fields from `info.data` (so that every
    problem is reported at once): at least one provider key unless COURSE_LLM_MODE=replay; in production a
    webhook secret, debug off, log level not DEBUG, llm_mode live, public_url https.
    TODO step 4: `hide_input_in_errors=True` in model_config.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore")

    environment: str = "development"
    llm_mode: str = Field("live", validation_alias="COURSE_LLM_MODE")
    debug: bool = False
    log_level: str = "INFO"
    port: int = Field(8000, validation_alias="PORT")
    public_url: Optional[str] = None
    model: str = "claude-haiku-4-5"

    anthropic_api_key: Optional[str] = Field(None, validation_alias="ANTHROPIC_API_KEY")
    openai_api_key: Optional[str] = Field(None, validation_alias="OPENAI_API_KEY")
    webhook_secret: Optional[str] = None
    redis_url: Optional[str] = None

    rate_limit_rpm: int = 60
    rate_limit_tpm: int = 100_000
    cache_ttl_seconds: int = 3_600
    shutdown_grace_seconds: float = 20.0

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    def public_view(self) -> dict:
        """{"environment": ..., "llm_mode": ..., "variables": {NAME: "set" | "default" | "not set"}}: for every
        variable, whether it was given, left at a default, or not set at all. No values."""
        # TODO step 5: use self.model_fields_set and variable_name().
        raise NotImplementedError("step 5: Settings.public_view")


def variable_name(field: str) -> str:
    """The environment variable a field is read from: its alias if it has one, else APP_ + FIELD."""
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else ENV_PREFIX + field.upper()
