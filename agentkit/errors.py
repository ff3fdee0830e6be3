"""One small error hierarchy that every provider's failures are mapped onto."""
from __future__ import annotations


class LLMError(Exception):
    """Base of every error the client raises. `retryable` says whether trying again can help."""

    retryable = False

    def __init__(self, message: str, *, provider: str = "", status: int | None = None):
        super().__init__(message)
        self.provider = provider
        self.status = status


class RateLimitError(LLMError):
    """429: too many requests or tokens. `retry_after` is the server's hint in seconds, if any."""

    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw):
        super().__init__(message, **kw)
        self.retry_after = retry_after


class TimeoutError(LLMError):  # noqa: A001 - deliberately mirrors the builtin's meaning
    """The request took longer than the client's timeout."""

    retryable = True


class ServerError(LLMError):
    """5xx, overloaded, or the connection failed: the provider's side, worth retrying."""

    retryable = True


class AuthError(LLMError):
    """401/403: missing, wrong or unauthorised key. Retrying cannot help."""


class BadRequestError(LLMError):
    """4xx other than auth and rate limit: the request itself is wrong (model name, parameters)."""


class StructuredOutputError(LLMError):
    """The model's output never validated against the requested schema."""


class UnknownModelError(LLMError, LookupError):
    """A model id that is not in the registry or has no price: never priced at $0."""


class NoRecordingError(LLMError):
    """Replay mode met a request that no fixture holds. Not retryable: record it or go live."""


def retry_after_seconds(headers) -> float | None:
    """Parse a `retry-after` (seconds) or `retry-after-ms` header; None when absent or unparseable."""
    if headers is None:
        return None
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is not None:
            try:
                return float(value) / scale
            except ValueError:
                return None
    return None
