"""Configuration from the environment; both secrets are SecretStr, so printing the settings never shows them."""
from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class SlackSettings(BaseSettings):
    """SLACK_SIGNING_SECRET (the app's "Signing Secret", not the deprecated verification token), SLACK_BOT_TOKEN
    (xoxb-...), and SLACK_MAX_AGE_S, how old a request's timestamp may be."""

    slack_signing_secret: SecretStr = Field(min_length=16)
    slack_bot_token: SecretStr = SecretStr("")
    slack_max_age_s: int = Field(default=300, gt=0)
