"""Configuration from the environment (prefix REVIEW_BOT_). Secrets are SecretStr: printing the settings hides them."""
from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class BotSettings(BaseSettings):
    """REVIEW_BOT_WEBHOOK_SECRET and REVIEW_BOT_HOST_TOKEN are required; everything else has a default.

    The model comes from the course's client settings (COURSE_PROVIDER, COURSE_MODEL, COURSE_LLM_MODE) unless
    REVIEW_BOT_PROVIDER / REVIEW_BOT_MODEL name one.
    """

    model_config = SettingsConfigDict(env_prefix="REVIEW_BOT_")

    webhook_secret: SecretStr = Field(min_length=16)
    host_url: str = "http://127.0.0.1:8001"   # the code host's API: the fake locally, https://api.github.com live
    host_token: SecretStr = Field(min_length=1)
    budget_usd: float = Field(default=0.05, gt=0)        # most one pull request's review may cost
    max_tokens: int = Field(default=1024, gt=0)          # cap on each review reply
    max_diff_chars: int = Field(default=40_000, gt=0)    # a larger diff is refused with a comment, not sent
    provider: str | None = None
    model: str | None = None
