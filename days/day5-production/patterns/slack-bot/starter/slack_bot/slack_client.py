"""The two Slack calls the bot makes, behind an interface the tests replace with a fake.

Slack's Web API answers HTTP 200 for most failures and says so in the body: {"ok": false, "error":
"channel_not_found"}. A client that checks only the status code reports success for a message that was never
posted.
"""
from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit  # noqa: F401

import httpx

API = "https://slack.com/api/"
RESPONSE_URL_HOST = "hooks.slack.com"


class SlackAPIError(Exception):
    def __init__(self, method: str, error: str, retry_after: float | None = None):
        super().__init__(f"{method}: {error}")
        self.method, self.error, self.retry_after = method, error, retry_after


class SlackClient(Protocol):
    def post_message(self, channel: str, text: str, *, thread_ts: str | None = None) -> dict[str, Any]: ...

    def respond(self, response_url: str, payload: dict[str, Any]) -> None: ...


class SlackWebClient:
    """chat.postMessage with a bot token, and replies to a slash command's response_url."""

    def __init__(self, token: str, *, http: httpx.Client | None = None):
        self._token = token
        self._http = http or httpx.Client(timeout=10.0)

    def post_message(self, channel: str, text: str, *, thread_ts: str | None = None) -> dict[str, Any]:
        """TODO step 5: POST JSON {channel, text[, thread_ts]} to API + "chat.postMessage" with the header
        "Authorization: Bearer <token>"; raise SlackAPIError("chat.postMessage", error) when the body's "ok" is
        false (and for HTTP 429, with Retry-After); return the body."""
        raise NotImplementedError("step 5: SlackWebClient.post_message")

    def respond(self, response_url: str, payload: dict[str, Any]) -> None:
        """TODO step 5: POST `payload` as JSON to `response_url`, but first raise ValueError unless the URL is
        https://hooks.slack.com/... (it arrives in a request body: never post wherever you are told)."""
        raise NotImplementedError("step 5: SlackWebClient.respond")
