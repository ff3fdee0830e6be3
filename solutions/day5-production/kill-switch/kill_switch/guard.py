"""Guard a function with a kill switch: while the feature is disabled, callers get the fallback instead."""
from __future__ import annotations

### BEGIN STARTER
# import functools  # noqa: F401 - functools.wraps keeps the function's name and docstring
# import inspect  # noqa: F401 - inspect.iscoroutinefunction tells an async function apart
### END STARTER
### BEGIN SOLUTION
import functools
import inspect
### END SOLUTION
from collections.abc import Callable
from typing import Any

from kill_switch.switch import KillSwitch


def guarded(switch: KillSwitch, feature: str, fallback: Any) -> Callable:
    ### BEGIN STARTER
    # """A decorator for sync and async functions. While `switch.is_enabled(feature)` is False, the function is not
    # called: the caller gets `fallback(*args, **kwargs)` when fallback is callable, else `fallback` itself. An async
    # function stays async (the wrapper is `async def` and awaits it)."""
    # # TODO step 4
    # raise NotImplementedError("step 4: guarded")
    ### END STARTER
    ### BEGIN SOLUTION
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
    ### END SOLUTION
