### BEGIN STARTER
# """The two Slack calls the bot makes, behind an interface the tests replace with a fake.
#
# Slack's Web API answers HTTP 200 for most failures and says so in the body: {"ok": false, "error":
# "channel_not_found"}. A client that checks only the status code reports success for a message that was never
# posted.
# """
### END STARTER
### BEGIN SOLUTION
"""The two Slack calls the bot makes, behind an interface the tests replace with a fake.

Slack's Web API answers HTTP 200 for most failures and says so in the body: {"ok": false, "error":
"channel_not_found"}. A client that checks only the status code reports success for a message that was never
posted. (slack_sdk's WebClient raises SlackApiError for the same reason.)
"""
### END SOLUTION
from __future__ import annotations

from typing import Any, Protocol
### BEGIN STARTER
# from urllib.parse import urlsplit  # noqa: F401
### END STARTER
### BEGIN SOLUTION
from urllib.parse import urlsplit
### END SOLUTION

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
        ### BEGIN STARTER
        # """TODO step 5: POST JSON {channel, text[, thread_ts]} to API + "chat.postMessage" with the header
        # "Authorization: Bearer <token>"; raise SlackAPIError("chat.postMessage", error) when the body's "ok" is
        # false (and for HTTP 429, with Retry-After); return the body."""
        # raise NotImplementedError("step 5: SlackWebClient.post_message")
        ### END STARTER
        ### BEGIN SOLUTION
        body: dict[str, Any] = {"channel": channel, "text": text}
        if thread_ts:
            body["thread_ts"] = thread_ts
        response = self._http.post(API + "chat.postMessage", json=body,
                                   headers={"Authorization": f"Bearer {self._token}"})
        if response.status_code == 429:
            raise SlackAPIError("chat.postMessage", "ratelimited", float(response.headers.get("Retry-After", 1)))
        response.raise_for_status()
        data = response.json()
        if not data.get("ok"):
            raise SlackAPIError("chat.postMessage", str(data.get("error", "unknown_error")))
        return data
        ### END SOLUTION

    def respond(self, response_url: str, payload: dict[str, Any]) -> None:
        ### BEGIN STARTER
        # """TODO step 5: POST `payload` as JSON to `response_url`, but first raise ValueError unless the URL is
        # https://hooks.slack.com/... (it arrives in a request body: never post wherever you are told)."""
        # raise NotImplementedError("step 5: SlackWebClient.respond")
        ### END STARTER
        ### BEGIN SOLUTION
        """POST to a slash command's response_url (valid for 30 minutes, up to 5 times). Only Slack's own host:
        the URL arrives in a request body, and a bot that posts wherever it is told is a relay for anyone."""
        parts = urlsplit(response_url)
        if parts.scheme != "https" or parts.hostname != RESPONSE_URL_HOST:
            raise ValueError(f"not a Slack response_url: {response_url[:80]!r}")
        response = self._http.post(response_url, json=payload)
        response.raise_for_status()
        ### END SOLUTION
