"""A pull-request review bot: a verified webhook in, a structured review of the changed lines out."""
from review_bot.app import REVIEWED_ACTIONS, create_app
from review_bot.code_host import CodeHost
from review_bot.diff import changed_lines
from review_bot.jobs import BackgroundJobs
from review_bot.models import Finding, Review
from review_bot.review import review_pull_request
from review_bot.settings import BotSettings
from review_bot.signature import signature_for, verify_signature

__all__ = ["create_app", "REVIEWED_ACTIONS", "CodeHost", "changed_lines", "BackgroundJobs", "Finding", "Review",
           "review_pull_request", "BotSettings", "signature_for", "verify_signature"]
