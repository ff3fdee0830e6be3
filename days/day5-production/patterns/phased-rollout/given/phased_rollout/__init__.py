"""Phased rollout of a new variant: stable per-feature bucketing, monotonic stages, health checks against the
control group that gate promotion, automatic rollback to 0%, and state that survives a restart."""
from phased_rollout.bucketing import BUCKETS, bucket, in_rollout
from phased_rollout.health import HealthPolicy, HealthReport, SlidingWindow, assess
from phased_rollout.rollout import STAGES, PhasedRollout
from phased_rollout.store import JsonStateStore

__all__ = ["BUCKETS", "bucket", "in_rollout", "HealthPolicy", "HealthReport", "SlidingWindow", "assess", "STAGES",
           "PhasedRollout", "JsonStateStore"]
