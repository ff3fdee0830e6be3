"""The service levels, and one outcome of a model call."""
from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Level(str, Enum):
    """How much the service spends on each request, best first."""

    FULL = "full"          # the preferred model and token budget
    REDUCED = "reduced"    # a cheaper, faster model and a smaller max_tokens
    MINIMAL = "minimal"    # no model call: a cached answer or a static one (plus an occasional probe)


class Outcome(NamedTuple):
    """One model call: did it succeed, and how long did it take (seconds)."""

    ok: bool
    latency_s: float
