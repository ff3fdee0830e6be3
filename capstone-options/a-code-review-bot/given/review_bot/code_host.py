"""The code host's REST API, GitHub-style: the three calls the bot needs. Locally it talks to fake_host."""
from __future__ import annotations

import httpx


class CodeHost:
    """`base_url` is settings.host_url; pass `http` to route requests elsewhere (the tests do)."""

    def __init__(self, base_url: str, token: str, *, http: httpx.Client | None = None):
        self._http = http or httpx.Client(base_url=base_url, timeout=30.0)
        self._headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}

    def get_diff(self, repo: str, number: int) -> str:
        """The pull request's unified diff."""
        response = self._http.get(f"/repos/{repo}/pulls/{number}",
                                  headers={**self._headers, "Accept": "application/vnd.github.diff"})
        response.raise_for_status()
        return response.text

    def post_review(self, repo: str, number: int, *, body: str, comments: list[dict],
                    commit_id: str | None = None) -> dict:
        """One review with inline comments: each {"path", "line", "body"}, on the new version of the file."""
        payload = {"body": body, "event": "COMMENT",
                   "comments": [{"side": "RIGHT", **comment} for comment in comments]}
        if commit_id:
            payload["commit_id"] = commit_id
        response = self._http.post(f"/repos/{repo}/pulls/{number}/reviews", json=payload,
                                   headers={**self._headers, "Accept": "application/vnd.github+json"})
        response.raise_for_status()
        return response.json()

    def post_comment(self, repo: str, number: int, body: str) -> dict:
        """A comment on the pull request as a whole (no line)."""
        response = self._http.post(f"/repos/{repo}/issues/{number}/comments", json={"body": body},
                                   headers={**self._headers, "Accept": "application/vnd.github+json"})
        response.raise_for_status()
        return response.json()
