"""Guard a function with a kill switch: while the feature is disabled, callers get the fallback instead."""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from kill_switch.switch import KillSwitch


def guarded(switch: KillSwitch, feature: str, fallback: Any) -> Callable:
    """Decorator for sync and async functions. `fallback` is called with the same arguments when it is callable,
    and returned as it is otherwise. The guarded function is not called at all while the feature is off."""

    def answer_instead(*args, **kwargs):
        return fallback(*args, **kwargs) if callable(fallback) else fallback

    def decorate(func: Callable) -> Callable:
        if inspect.iscoroutinefunction(func):
            @functools.wraps(func)
            async def guarded_async(*args, **kwargs):
                if not switch.is_enabled(feature):
                    result = answer_instead(*args, **kwargs)
                    return await result if inspect.isawaitable(result) else result
                return await func(*args, **kwargs)
            return guarded_async

        @functools.wraps(func)
        def guarded_sync(*args, **kwargs):
            if not switch.is_enabled(feature):
                return answer_instead(*args, **kwargs)
            return func(*args, **kwargs)
        return guarded_sync

    return decorate
