"""A thread-safe circuit breaker: stop calling a provider that keeps failing, and probe it carefully."""
from breaker.core import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, CircuitOpen, provider_is_failing

__all__ = ["CircuitBreaker", "CircuitOpen", "CLOSED", "OPEN", "HALF_OPEN", "provider_is_failing"]
