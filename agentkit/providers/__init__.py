"""Provider adapters: one module per API family, each turning neutral requests into SDK calls and back."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from agentkit import errors
from agentkit.types import Message, Tool


@dataclass
class Request:
    """Everything one call needs, provider-neutral."""

    model: str
    messages: list[Message]
    system: str | None = None
    tools: list[Tool] = field(default_factory=list)
    tool_choice: str | None = None  # "auto", "required", "none", or a tool name
    max_tokens: int = 1024
    stop: list[str] | None = None


def _no_recording_cause(exc: BaseException) -> errors.NoRecordingError | None:
    while exc is not None:
        if isinstance(exc, errors.NoRecordingError):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


@contextmanager
def translated_errors(sdk, provider: str):
    """Re-raise the SDK's exceptions as the course's hierarchy (see agentkit.errors)."""
    try:
        yield
    except sdk.APITimeoutError as exc:
        raise errors.TimeoutError(str(exc), provider=provider) from exc
    except sdk.APIConnectionError as exc:
        missing = _no_recording_cause(exc)
        if missing is not None:
            raise missing from None
        raise errors.ServerError(f"connection failed: {exc}", provider=provider) from exc
    except sdk.APIStatusError as exc:
        status, message = exc.status_code, str(exc)
        if status == 429:
            retry_after = errors.retry_after_seconds(exc.response.headers)
            raise errors.RateLimitError(message, retry_after=retry_after, provider=provider, status=status) from exc
        if status in (401, 403):
            raise errors.AuthError(message, provider=provider, status=status) from exc
        if status >= 500:
            raise errors.ServerError(message, provider=provider, status=status) from exc
        raise errors.BadRequestError(message, provider=provider, status=status) from exc
