"""Plausible mistakes in days/day1-foundations/notebooks/01-tokens-and-sampling.ipynb's exercises; each check cell
must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-plan-max-tokens": {
        "ignores the output limit": """
room = info.context_window - prompt_tokens
if room < 1:
    raise ValueError(f"{model}: a {prompt_tokens}-token prompt fills its {info.context_window}-token window")
return min(wanted, room)""",
        "ignores the prompt": """
return min(wanted, info.max_output_tokens)""",
        "no room is not an error": """
room = info.context_window - prompt_tokens
return max(0, min(wanted, room, info.max_output_tokens))""",
        "off by one at the edge": """
room = info.context_window - prompt_tokens
if room <= 1:
    raise ValueError(f"{model}: a {prompt_tokens}-token prompt fills its {info.context_window}-token window")
return min(wanted, room, info.max_output_tokens)""",
        "an error without the numbers": """
room = info.context_window - prompt_tokens
if room < 1:
    raise ValueError("the prompt is too long")
return min(wanted, room, info.max_output_tokens)""",
    },
    "ex-chat-kwargs": {
        "max_completion_tokens for every server": """
sampling = family(model, provider) == "compatible"
kwargs["max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value is not None and sampling:
        kwargs[name] = value
if settings.stop and sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
        "the deprecated max_tokens for OpenAI too": """
sampling = family(model, provider) == "compatible"
kwargs["max_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value is not None and sampling:
        kwargs[name] = value
if settings.stop and sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
        "ignores the provider": """
sampling = family(model) == "compatible"
kwargs["max_tokens" if sampling else "max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value is not None and sampling:
        kwargs[name] = value
if settings.stop and sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
        "temperature 0 taken as unset": """
sampling = family(model, provider) == "compatible"
kwargs["max_tokens" if sampling else "max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value and sampling:
        kwargs[name] = value
if settings.stop and sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
        "sends temperature to a reasoning model": """
sampling = family(model, provider) == "compatible"
kwargs["max_tokens" if sampling else "max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value is not None:
        kwargs[name] = value
if settings.stop and sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
        "truncates the stop sequences": """
sampling = family(model, provider) == "compatible"
kwargs["max_tokens" if sampling else "max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    value = getattr(settings, name)
    if value is not None and sampling:
        kwargs[name] = value
if settings.stop and sampling:
    kwargs["stop"] = list(settings.stop)[:4]""",
        "sends unset settings as None": """
sampling = family(model, provider) == "compatible"
kwargs["max_tokens" if sampling else "max_completion_tokens"] = settings.max_tokens
for name in ("temperature", "top_p"):
    if sampling:
        kwargs[name] = getattr(settings, name)
if sampling:
    if len(settings.stop) > 4:
        raise ValueError("at most 4 stop sequences")
    kwargs["stop"] = list(settings.stop)""",
    },
}
