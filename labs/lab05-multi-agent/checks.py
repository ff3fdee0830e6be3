"""How the Lab 05 tests, visible and hidden, read a trace.

A trace holds what `run` returned (`result`: the submission's own word) and what the grader recorded outside
the submission's process: each request the code sent (`sent`) and what answered it (`served`, in the same
order). Tests judge a result only against that record: an answer, a step's output, a cost or a stop must
match what really happened in the run.

Calls are told apart as the README's "How you are graded" says: the first call of a run is the plan; a later
call whose system prompt contains "supervisor" is the synthesis; a worker call's system prompt contains its
own role word, no other role word, and not "supervisor".
"""
import re

ROLE_WORD = re.compile(r"\b(researcher|writer|critic)s?\b")
SUPERVISOR_KINDS = ("plan", "synthesis")


def agent_of(request: dict) -> str:
    """"supervisor", a worker's role, or "unknown" (no role word, or several)."""
    system = (request.get("system") or "").lower()
    if "supervisor" in system:
        return "supervisor"
    roles = set(ROLE_WORD.findall(system))
    return roles.pop() if len(roles) == 1 else "unknown"


def kinds(trace: dict) -> list[str]:
    """Each call's kind, in order: "plan", "synthesis", a worker's role, or "unknown"."""
    found = []
    for index, request in enumerate(trace["sent"]):
        agent = agent_of(request)
        if agent == "supervisor":
            agent = "plan" if index == 0 else "synthesis"
        found.append(agent)
    return found


def workers(trace: dict) -> list[str]:
    """The worker calls in order, retries included."""
    return [kind for kind in kinds(trace) if kind not in SUPERVISOR_KINDS]


def calls_made(trace: dict) -> str:
    return "calls the grader saw: " + (", ".join(kinds(trace)) or "none")


def requests(trace: dict, kind: str) -> list[dict]:
    return [request for request, found in zip(trace["sent"], kinds(trace)) if found == kind]


def replies(trace: dict) -> list[tuple[str, str]]:
    """(kind, text) of every call the grader answered with a reply, in order."""
    return [(kind, served["text"] or "") for kind, served in zip(kinds(trace), trace["served"])
            if served["outcome"] == "reply"]


def outputs(trace: dict, kind: str) -> list[str]:
    """The texts served to the calls of one kind that got a reply."""
    return [text for found, text in replies(trace) if found == kind]


def worker_outputs(trace: dict) -> list[tuple[str, str]]:
    """(role, text) of every worker call that got a reply: the successful steps, in order."""
    return [(kind, text) for kind, text in replies(trace) if kind not in SUPERVISOR_KINDS]


def last_worker_output(trace: dict) -> str:
    """What a budget stop must answer with: the last worker reply served ("" when there was none)."""
    done = worker_outputs(trace)
    return done[-1][1].strip() if done else ""


def synthesis_reply(trace: dict) -> str | None:
    """The stripped text served to the synthesis call, or None if no synthesis call got a reply."""
    texts = outputs(trace, "synthesis")
    return texts[-1].strip() if texts else None


def answers_from_successes(trace: dict) -> set[str]:
    """What a partial result after a failed worker may answer: the synthesis reply, or the last worker output."""
    return {text for text in (synthesis_reply(trace), last_worker_output(trace)) if text is not None}


def costs(trace: dict) -> list[float]:
    """What each call cost, as the grader priced the reply it served (0 for an error or a timeout)."""
    return [served["cost_usd"] or 0.0 for served in trace["served"]]


def spent(trace: dict) -> float:
    return sum(costs(trace))


def prompt_text(request: dict) -> str:
    """Everything a request carried: system prompt, every message, tool results; whitespace collapsed."""
    parts = [request.get("system") or "", *(text for _, text in request["messages"]), *request["tool_results"]]
    return " ".join(" ".join(parts).split()).lower()


def carries(request: dict, text: str) -> bool:
    return " ".join(text.split()).lower() in prompt_text(request)


RESULT_TYPES = {"answer": str, "status": str, "stop_reason": (str, type(None)), "cost_usd": (int, float)}
STEP_TYPES = {"agent": str, "instruction": str, "output": str, "ok": bool}


def result_of(trace: dict) -> dict:
    """What `run` returned, once it is known to be a Result whose fields have the contract's types."""
    assert trace["ok"], f"run() did not return a Result: {trace['error']}"
    result = trace["result"]
    wrong = [f"Result.{name} is {result[name]!r}" for name, kind in RESULT_TYPES.items()
             if not isinstance(result[name], kind) or isinstance(result[name], bool)]  # no Result field is a bool
    wrong += [f"Step.{name} is {step[name]!r}" for step in result["steps"] for name, kind in STEP_TYPES.items()
              if not isinstance(step[name], kind)]
    assert not wrong, "fields of the wrong type (see the contract's table): " + "; ".join(wrong)
    return result


def steps_of(result: dict) -> list[tuple[str, str, str, bool]]:
    """(agent, instruction, stripped output, ok) of each Step."""
    return [(s["agent"], s["instruction"], s["output"].strip(), s["ok"]) for s in result["steps"]]
