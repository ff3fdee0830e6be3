"""Configuration from the environment. The secret is a SecretStr, so printing the settings never shows it."""
from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class WebhookSettings(BaseSettings):
    """Read from environment variables of the same names (case-insensitive):

    GITHUB_WEBHOOK_SECRET (required), WEBHOOK_MAX_BODY_BYTES, WEBHOOK_DELIVERY_TTL_S.
    """

    github_webhook_secret: SecretStr = Field(min_length=16)
    # GitHub caps payloads at 25 MB; a pull_request event is tens of KB. Refuse anything far larger unread.
    webhook_max_body_bytes: int = Field(default=1_048_576, gt=0)
    # Deliveries can be redelivered for 3 days on github.com (7 on GitHub Enterprise Server): remember ids longer.
    webhook_delivery_ttl_s: int = Field(default=8 * 24 * 3600, gt=0)
