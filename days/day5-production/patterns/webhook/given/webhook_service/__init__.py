"""A GitHub webhook receiver that reviews pull requests: verified, size-limited, idempotent, answered at once."""
from webhook_service.app import REVIEWED_ACTIONS, create_app
from webhook_service.deliveries import DeliveryStore, MemoryDeliveryStore, RedisDeliveryStore
from webhook_service.github import GitHubAPI, RestGitHub
from webhook_service.jobs import BackgroundJobs
from webhook_service.review import REVIEW_SYSTEM, review_pull_request
from webhook_service.settings import WebhookSettings
from webhook_service.signature import signature_for, verify_signature

__all__ = ["create_app", "REVIEWED_ACTIONS", "WebhookSettings", "signature_for", "verify_signature", "DeliveryStore",
           "MemoryDeliveryStore", "RedisDeliveryStore", "BackgroundJobs", "GitHubAPI", "RestGitHub",
           "review_pull_request", "REVIEW_SYSTEM"]
