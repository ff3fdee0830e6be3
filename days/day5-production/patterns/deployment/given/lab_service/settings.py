"""The lab service's settings (given): read once at start from the environment, secrets as SecretStr.
The settings unit (d5-settings) builds the full version of this; here it is only what the service needs."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore", hide_input_in_errors=True)

    llm_mode: Literal["live", "replay", "record"] = Field("live", validation_alias="COURSE_LLM_MODE")
    provider: Literal["anthropic", "openai"] = "anthropic"
    model: str = "claude-haiku-4-5"
    anthropic_api_key: SecretStr | None = Field(None, validation_alias="ANTHROPIC_API_KEY")
    openai_api_key: SecretStr | None = Field(None, validation_alias="OPENAI_API_KEY", validate_default=True)
    port: int = Field(8000, ge=1, le=65535, validation_alias="PORT")
    max_input_chars: int = Field(20_000, ge=100, le=200_000)
    shutdown_grace_seconds: float = Field(20.0, gt=0, le=300)      # keep below the platform's SIGKILL delay
    readiness_timeout_seconds: float = Field(2.0, gt=0, le=30)    # keep below the platform's probe timeout

    @field_validator("openai_api_key")
    @classmethod
    def _key_for_the_provider(cls, value: SecretStr | None, info: ValidationInfo) -> SecretStr | None:
        if info.data.get("llm_mode", "replay") == "replay" or "provider" not in info.data:
            return value
        key = info.data.get("anthropic_api_key") if info.data["provider"] == "anthropic" else value
        if key is None:
            variable = "ANTHROPIC_API_KEY" if info.data["provider"] == "anthropic" else "OPENAI_API_KEY"
            raise PydanticCustomError("missing_key", f"{variable} is required unless COURSE_LLM_MODE=replay")
        return value

    def api_key(self) -> str | None:
        secret = self.anthropic_api_key if self.provider == "anthropic" else self.openai_api_key
        return secret.get_secret_value() if secret else None
