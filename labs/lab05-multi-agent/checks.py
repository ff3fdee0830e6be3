"""How the Lab 05 tests, visible and hidden, read a trace: which agent each request went to, and what it carried."""
import re

ROLE_WORD = re.compile(r"\b(researcher|writer|critic)s?\b")


def agent_of(request: dict) -> str:
    """"supervisor", a worker's role, or "unknown" (no role word, or several)."""
    system = (request.get("system") or "").lower()
    if "supervisor" in system:
        return "supervisor"
    roles = set(ROLE_WORD.findall(system))
    return roles.pop() if len(roles) == 1 else "unknown"


def is_synthesis(request: dict) -> bool:
    return agent_of(request) == "supervisor" and "synthes" in (request.get("system") or "").lower()


def workers(trace: dict) -> list[str]:
    return [agent_of(r) for r in trace["sent"] if agent_of(r) != "supervisor"]


def prompt_text(request: dict) -> str:
    """Everything a request carried: system prompt, every message, tool results; whitespace collapsed."""
    parts = [request.get("system") or "", *(text for _, text in request["messages"]), *request["tool_results"]]
    return " ".join(" ".join(parts).split()).lower()


def carries(request: dict, text: str) -> bool:
    return " ".join(text.split()).lower() in prompt_text(request)


def result_of(trace: dict) -> dict:
    assert trace["ok"], f"run() did not return a Result: {trace['error']}"
    return trace["result"]


def calls_made(trace: dict) -> str:
    return "calls made: " + ", ".join(agent_of(r) for r in trace["sent"])
