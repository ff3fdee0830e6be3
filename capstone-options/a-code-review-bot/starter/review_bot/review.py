"""One pull request's review: fetch the diff, ask the model within a budget, keep findings on changed lines, post."""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from pydantic import ValidationError

from review_bot.code_host import CodeHost
from review_bot.diff import changed_lines
from review_bot.models import Finding, Review
from review_bot.settings import BotSettings

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3  # one review request, and at most two re-asks after a reply that does not validate


@dataclass
class Outcome:
    """What one review did: `status` is "posted", "too_large", "over_budget" or "invalid"."""

    status: str
    calls: int = 0
    cost_usd: float = 0.0
    posted: int = 0   # findings posted as inline comments
    dropped: int = 0  # findings on lines the diff did not change




def review_pull_request(settings: BotSettings, llm, host: CodeHost, repo: str, number: int,
                        head_sha: str | None = None) -> Outcome:
    """Review one pull request and post the result to the code host. A model or host error propagates."""
    # TODO (see the brief's contract, steps 1-5):
    # 1. diff = host.get_diff(repo, number); a diff longer than settings.max_diff_chars gets one
    #    host.post_comment saying it is too large (name the limit) and no model call.
    # 2. Ask llm.chat(...) for a Review (review_bot.models) as JSON, the diff inside <diff> tags, max_tokens
    #    settings.max_tokens. Re-ask at most twice if the reply does not validate.
    # 3. Before EVERY call: what this review spent so far (reply.cost_usd) + the call's worst case (its prompt
    #    and max_tokens of output, priced with llm.price_per_million()) must stay within settings.budget_usd.
    # 4. Keep only findings whose (path, line) is a line the diff added (changed_lines(diff)).
    # 5. host.post_review(repo, number, body=summary, comments=[{"path", "line", "body"}], commit_id=head_sha),
    #    each body with the severity, message and suggestion; if no valid review came within the budget or
    #    the attempts, one host.post_comment saying so instead.
