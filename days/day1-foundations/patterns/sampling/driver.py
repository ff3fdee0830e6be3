"""What the graders call: exercise the student's `sampling_params` package and hand back plain JSON data only.

`send`: the student's build_request makes (method, kwargs); this driver calls that method of a real SDK client with
exactly those kwargs (the request goes to the grader's scenario, which records it) and normalises the reply with the
student's finish_reason; for provider "openai-compatible" the OpenAI client points at a self-hosted server's base URL,
as a learner's would (the grader answers there too). `finish`: the driver builds a plain request itself, so finish_reason
is graded on its own.
"""
from __future__ import annotations

METHODS = {"messages.create": "anthropic", "chat.completions.create": "openai", "responses.create": "openai"}
FIXED = {"messages.create": lambda model, prompt: {"model": model, "max_tokens": 200,
                                                   "messages": [{"role": "user", "content": prompt}]},
         "chat.completions.create": lambda model, prompt: {"model": model, "max_completion_tokens": 200,
                                                           "messages": [{"role": "user", "content": prompt}]},
         "responses.create": lambda model, prompt: {"model": model, "max_output_tokens": 200, "input": prompt}}
# An Ollama server on a team machine. Not localhost: the grader passes requests to local hosts through to the test's
# own services, and answers only the others from the scenario.
SELF_HOSTED = "http://inference.internal:11434/v1"


def sdk_method(method: str, provider: str | None = None):
    if method not in METHODS:
        raise ValueError(f"build_request named the method {method!r}; expected one of {sorted(METHODS)}")
    if METHODS[method] == "anthropic":
        import anthropic
        target = anthropic.Anthropic(api_key="replay-mode-no-key", max_retries=0)
    else:
        import openai
        server = SELF_HOSTED if provider == "openai-compatible" else None
        target = openai.OpenAI(api_key="replay-mode-no-key", base_url=server, max_retries=0)
    for name in method.split("."):
        target = getattr(target, name)
    return target


def failure(exc: BaseException, submission) -> dict:
    kind = ("UnsupportedParameter" if isinstance(exc, submission.UnsupportedParameter)
            else "ValueError" if isinstance(exc, ValueError) else type(exc).__name__)
    return {"raised": kind, "message": str(exc)[:500], "parameter": str(getattr(exc, "parameter", ""))}


def normalised(submission, response) -> dict:
    try:
        reason = submission.finish_reason(response)
    except Exception as exc:  # noqa: BLE001
        return failure(exc, submission)
    return {"finish": reason if isinstance(reason, str) else repr(reason)}


def send(submission, model: str, prompt: str, settings: dict, system: str | None = None, api: str | None = None,
         provider: str | None = None, drop_unsupported: bool = False) -> dict:
    try:
        chosen = submission.Settings(**{**settings, "stop": tuple(settings.get("stop", ()))})
        method, kwargs = submission.build_request(model, prompt, chosen, system=system, api=api, provider=provider,
                                                  drop_unsupported=drop_unsupported)
        call = sdk_method(method, provider)
    except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
        return failure(exc, submission)
    try:
        response = call(**kwargs)
    except Exception as exc:  # noqa: BLE001 - e.g. TypeError for a keyword the SDK does not take
        return {"method": method, **failure(exc, submission)}
    return {"method": method, **normalised(submission, response)}


def finish(submission, method: str, model: str, prompt: str) -> dict:
    response = sdk_method(method)(**FIXED[method](model, prompt))
    return normalised(submission, response)
