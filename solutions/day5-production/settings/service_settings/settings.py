### BEGIN STARTER
# """The service's settings. This is the handout's shape: plain `str` secrets that print, a free-text
# environment, no production rules. Turn it into the class the README's contract describes.
#
# Read the README's contract first; the tests check exactly that, through load_settings() and the public
# methods only.
# """
### END STARTER
### BEGIN SOLUTION
"""The service's settings: typed values read from the environment and a .env file, secrets that never print,
and stricter rules in production. Cross-field rules are field validators (not one model validator) so that a
single failed start reports every problem, not only the first."""
### END SOLUTION
from __future__ import annotations

from enum import Enum
### BEGIN STARTER
# from typing import Optional
#
# from pydantic import Field
### END STARTER
### BEGIN SOLUTION
from typing import Any, Literal

from pydantic import Field, HttpUrl, RedisDsn, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
### END SOLUTION
from pydantic_settings import BaseSettings, SettingsConfigDict

### BEGIN SOLUTION
from agentkit.models import REGISTRY

### END SOLUTION
ENV_PREFIX = "APP_"
### BEGIN SOLUTION
PROVIDER_KEYS = "ANTHROPIC_API_KEY or OPENAI_API_KEY"
MIN_WEBHOOK_SECRET = 32
### END SOLUTION


class Environment(str, Enum):
    DEVELOPMENT = "development"
    STAGING = "staging"
    PRODUCTION = "production"


### BEGIN SOLUTION
LLMMode = Literal["live", "replay", "record"]
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


def problem(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context or None)


def in_production(info: ValidationInfo) -> bool:
    return info.data.get("environment") is Environment.PRODUCTION


### END SOLUTION
class Settings(BaseSettings):
    ### BEGIN STARTER
    # """Everything the service reads from its environment: APP_<FIELD>, except PORT, COURSE_LLM_MODE,
    # ANTHROPIC_API_KEY and OPENAI_API_KEY, which keep the names other tools already use.
    #
    # TODO step 1: types. `environment: Environment`; `llm_mode` one of live/replay/record; `log_level` one of
    # DEBUG/INFO/WARNING/ERROR; bounds on the numbers (see the contract); `public_url: HttpUrl | None`.
    # TODO step 2: secrets as `SecretStr | None`: both provider keys, `webhook_secret`, `redis_url`. Empty
    # strings count as not set. A key with whitespace in it, a webhook secret shorter than 32 characters and a
    # redis_url that is not a redis:// URL are invalid.
    # TODO step 3: the rules, as field validators that read earlier fields from `info.data` (so that every
    # problem is reported at once): at least one provider key unless COURSE_LLM_MODE=replay; in production a
    # webhook secret, debug off, log level not DEBUG, llm_mode live, public_url https.
    # TODO step 4: `hide_input_in_errors=True` in model_config.
    # """
    #
    # model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8",
    #                                   extra="ignore")
    #
    # environment: str = "development"
    # llm_mode: str = Field("live", validation_alias="COURSE_LLM_MODE")
    ### END STARTER
    ### BEGIN SOLUTION
    """Everything the service reads from its environment. Variables are APP_<FIELD> except where an alias
    gives the name other tools already use (PORT, COURSE_LLM_MODE, the providers' key variables)."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore", hide_input_in_errors=True)

    # Declared first: the rules below read them from info.data.
    environment: Environment = Environment.DEVELOPMENT
    llm_mode: LLMMode = Field("live", validation_alias="COURSE_LLM_MODE")

    ### END SOLUTION
    debug: bool = False
    ### BEGIN STARTER
    # log_level: str = "INFO"
    # port: int = Field(8000, validation_alias="PORT")
    # public_url: Optional[str] = None
    ### END STARTER
    ### BEGIN SOLUTION
    log_level: LogLevel = "INFO"
    port: int = Field(8000, ge=1, le=65535, validation_alias="PORT")  # platforms set PORT
    public_url: HttpUrl | None = None
    ### END SOLUTION
    model: str = "claude-haiku-4-5"

    ### BEGIN STARTER
    # anthropic_api_key: Optional[str] = Field(None, validation_alias="ANTHROPIC_API_KEY")
    # openai_api_key: Optional[str] = Field(None, validation_alias="OPENAI_API_KEY")
    # webhook_secret: Optional[str] = None
    # redis_url: Optional[str] = None
    #
    # rate_limit_rpm: int = 60
    # rate_limit_tpm: int = 100_000
    # cache_ttl_seconds: int = 3_600
    # shutdown_grace_seconds: float = 20.0
    ### END STARTER
    ### BEGIN SOLUTION
    anthropic_api_key: SecretStr | None = Field(None, validation_alias="ANTHROPIC_API_KEY")
    openai_api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY", validate_default=True)
    webhook_secret: SecretStr | None = Field(None, validate_default=True)
    redis_url: SecretStr | None = None  # a URL with a password in it is a secret too

    rate_limit_rpm: int = Field(60, ge=1, le=100_000)
    rate_limit_tpm: int = Field(100_000, ge=1_000, le=100_000_000)
    cache_ttl_seconds: int = Field(3_600, ge=0, le=7 * 24 * 3_600)
    shutdown_grace_seconds: float = Field(20.0, gt=0, le=300)

    @field_validator("environment", "llm_mode", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("anthropic_api_key", "openai_api_key", "webhook_secret", "redis_url", mode="before")
    @classmethod
    def _empty_is_missing(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("llm_mode")
    @classmethod
    def _live_in_production(cls, value: str, info: ValidationInfo) -> str:
        if value != "live" and in_production(info):
            raise problem("production_rule", "must be live in production (replay answers from canned fixtures, "
                                             "record writes them)")
        return value

    @field_validator("debug")
    @classmethod
    def _no_debug_in_production(cls, value: bool, info: ValidationInfo) -> bool:
        if value and in_production(info):
            raise problem("production_rule", "must be false in production (debug output shows internals)")
        return value

    @field_validator("log_level")
    @classmethod
    def _no_debug_logs_in_production(cls, value: str, info: ValidationInfo) -> str:
        if value == "DEBUG" and in_production(info):
            raise problem("production_rule", "DEBUG is not allowed in production (debug logs carry prompts and "
                                             "replies); use INFO or higher")
        return value

    @field_validator("public_url")
    @classmethod
    def _https_in_production(cls, value: HttpUrl | None, info: ValidationInfo) -> HttpUrl | None:
        if value is not None and value.scheme != "https" and in_production(info):
            raise problem("production_rule", "must be an https:// URL in production")
        return value

    @field_validator("model")
    @classmethod
    def _known_model(cls, value: str) -> str:
        if value not in REGISTRY:
            raise problem("unknown_model", "not a model id the course registry knows (see agentkit.models)")
        return value

    @field_validator("anthropic_api_key", "openai_api_key")
    @classmethod
    def _key_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and any(c.isspace() for c in value.get_secret_value()):
            raise problem("key_whitespace", "contains whitespace (a pasted newline or space?)")
        return value

    @field_validator("openai_api_key")
    @classmethod
    def _one_provider_key(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        # If either input failed validation it is already reported; do not also call it missing.
        if "llm_mode" not in info.data or "anthropic_api_key" not in info.data:
            return value
        if value is None and info.data["anthropic_api_key"] is None and info.data["llm_mode"] != "replay":
            raise problem("provider_key_missing", "at least one provider key is required unless "
                                                  "COURSE_LLM_MODE=replay", variables=PROVIDER_KEYS)
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if value is None:
            if in_production(info):
                raise problem("required", "required in production")
            return value
        if len(value.get_secret_value()) < MIN_WEBHOOK_SECRET:
            raise problem("too_short", f"too short: use at least {MIN_WEBHOOK_SECRET} random characters")
        return value

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            try:
                RedisDsn(value.get_secret_value())
            except ValidationError:
                raise problem("invalid_url", "not a redis:// or rediss:// URL") from None
        return value
    ### END SOLUTION

    @property
    def is_production(self) -> bool:
        ### BEGIN STARTER
        # return self.environment == "production"
        ### END STARTER
        ### BEGIN SOLUTION
        return self.environment is Environment.PRODUCTION
        ### END SOLUTION

    def public_view(self) -> dict:
        ### BEGIN STARTER
        # """{"environment": ..., "llm_mode": ..., "variables": {NAME: "set" | "default" | "not set"}}: for every
        # variable, whether it was given, left at a default, or not set at all. No values."""
        # # TODO step 5: use self.model_fields_set and variable_name().
        # raise NotImplementedError("step 5: Settings.public_view")
        ### END STARTER
        ### BEGIN SOLUTION
        """Safe for /health and start-up logs: the environment, the LLM mode, and for every variable whether it
        was set, left at its default, or not set at all. No values."""
        state = {}
        for name in type(self).model_fields:
            if name in self.model_fields_set:
                state[variable_name(name)] = "set"
            else:
                state[variable_name(name)] = "not set" if getattr(self, name) is None else "default"
        return {"environment": self.environment.value, "llm_mode": self.llm_mode, "variables": state}
        ### END SOLUTION


def variable_name(field: str) -> str:
    ### BEGIN STARTER
    # """The environment variable a field is read from: its alias if it has one, else APP_ + FIELD."""
    ### END STARTER
    ### BEGIN SOLUTION
    """The environment variable a field is read from."""
    ### END SOLUTION
    alias = Settings.model_fields[field].validation_alias
    return alias if isinstance(alias, str) else ENV_PREFIX + field.upper()
### BEGIN SOLUTION


def known_variables() -> set[str]:
    return {variable_name(name) for name in Settings.model_fields}


def secret_fields() -> list[str]:
    return [name for name, field in Settings.model_fields.items() if SecretStr in getattr(field.annotation, "__args__", ())]
### END SOLUTION
