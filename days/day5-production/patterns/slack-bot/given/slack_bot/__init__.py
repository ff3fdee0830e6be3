"""A Slack bot over plain HTTP: verified requests, mentions answered in threads, slash commands acknowledged at
once and answered through response_url, Slack's retries acknowledged without doing the work twice."""
from slack_bot.app import create_app
from slack_bot.assistant import ASSISTANT_SYSTEM, answer_question, strip_mentions
from slack_bot.jobs import BackgroundJobs
from slack_bot.seen import SeenEvents
from slack_bot.settings import SlackSettings
from slack_bot.signing import SlackVerifier, slack_signature
from slack_bot.slack_client import SlackAPIError, SlackClient, SlackWebClient

__all__ = ["create_app", "SlackSettings", "SlackVerifier", "slack_signature", "SeenEvents", "BackgroundJobs",
           "SlackClient", "SlackWebClient", "SlackAPIError", "answer_question", "strip_mentions", "ASSISTANT_SYSTEM"]
