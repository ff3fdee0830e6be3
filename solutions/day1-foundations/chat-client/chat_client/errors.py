"""One error hierarchy for every provider. Callers catch these, never an SDK's own exceptions.

    LLMError                       provider, status, retryable
    ├── RateLimitError   (429)     retry_after: seconds the server asked for, or None
    ├── AuthError        (401, 403)
    ├── BadRequestError  (other 4xx)
    ├── TimeoutError     (the client gave up waiting)
    └── ServerError      (5xx, 529 overloaded, connection failures)
"""
from __future__ import annotations

import anthropic
import openai


class LLMError(Exception):
    retryable = False

    def __init__(self, message: str, *, provider: str = "", status: int | None = None):
        super().__init__(message)
        self.provider = provider
        self.status = status


class RateLimitError(LLMError):
    retryable = True

    def __init__(self, message: str, *, retry_after: float | None = None, **kw):
        super().__init__(message, **kw)
        self.retry_after = retry_after


class AuthError(LLMError):
    pass


class BadRequestError(LLMError):
    pass


class TimeoutError(LLMError):  # noqa: A001 - the course's own, distinct from the builtin
    retryable = True


class ServerError(LLMError):
    retryable = True


def retry_after_seconds(headers) -> float | None:
    """`retry-after-ms` or `retry-after` (seconds) as a float; None when absent or not a number."""
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name) if headers is not None else None
        if value is not None:
            try:
                return float(value) / scale
            except ValueError:
                return None
    return None


SDK_ERRORS = (anthropic.AnthropicError, openai.OpenAIError)  # the base class of everything each SDK raises


### BEGIN STARTER
# def from_sdk_error(exc: Exception, provider: str) -> LLMError:
#     """The course error for an exception either SDK raised.
#
#     Both SDKs raise APITimeoutError, APIConnectionError and APIStatusError (with `.status_code` and
#     `.response.headers`). Map: a timeout -> TimeoutError; status 429 -> RateLimitError with
#     retry_after=retry_after_seconds(headers); 401/403 -> AuthError; 5xx (529 too) -> ServerError; other 4xx
#     -> BadRequestError; anything else -> ServerError. Pass provider= and status= on.
#     """
#     # TODO step 5
#     raise NotImplementedError("step 5: from_sdk_error")
### END STARTER
### BEGIN SOLUTION
def from_sdk_error(exc: Exception, provider: str) -> LLMError:
    """The course error for an exception either SDK raised (its `__cause__` is set by `raise ... from exc`)."""
    message = str(exc)
    if isinstance(exc, (anthropic.APITimeoutError, openai.APITimeoutError)):
        return TimeoutError(message, provider=provider)
    if isinstance(exc, (anthropic.APIStatusError, openai.APIStatusError)):
        status = exc.status_code
        if status == 429:
            return RateLimitError(message, provider=provider, status=status,
                                  retry_after=retry_after_seconds(exc.response.headers))
        if status in (401, 403):
            return AuthError(message, provider=provider, status=status)
        if status >= 500:  # 529 is Anthropic's "overloaded"
            return ServerError(message, provider=provider, status=status)
        return BadRequestError(message, provider=provider, status=status)
    # APIConnectionError and anything else the SDKs raise: the provider could not be reached
    return ServerError(message, provider=provider)
### END SOLUTION
