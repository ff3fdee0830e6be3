"""The two GitHub calls the reviewer needs, behind a small interface so tests can pass a fake."""
from __future__ import annotations

from typing import Protocol

import httpx


class GitHubAPI(Protocol):
    def get_diff(self, repo: str, number: int) -> str: ...

    def post_comment(self, repo: str, number: int, body: str) -> None: ...


class RestGitHub:
    """GitHub's REST API with a token (a GitHub App installation token or a fine-grained PAT with
    pull-request read and issue write access)."""

    def __init__(self, token: str, *, base_url: str = "https://api.github.com", http: httpx.Client | None = None):
        self._http = http or httpx.Client(base_url=base_url, timeout=30.0)
        self._headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}

    def get_diff(self, repo: str, number: int) -> str:
        response = self._http.get(f"/repos/{repo}/pulls/{number}",
                                  headers={**self._headers, "Accept": "application/vnd.github.diff"})
        response.raise_for_status()
        return response.text

    def post_comment(self, repo: str, number: int, body: str) -> None:
        response = self._http.post(f"/repos/{repo}/issues/{number}/comments", json={"body": body},
                                   headers={**self._headers, "Accept": "application/vnd.github+json"})
        response.raise_for_status()
