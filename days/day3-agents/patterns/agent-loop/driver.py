"""What the graders call: run the student's `run_agent` over agentkit.Client with the driver's own tools, and
hand back plain JSON data only (what was sent to the model is recorded by the grader, not here).

`agent(submission, provider, task, tools, max_steps, max_cost_usd, ...)` -> {"stop_reason", "answer", "cost_usd",
"steps": [{"tool_calls", "results"}], "error", "tools_run"} or {"raised": ERROR, "message"}.
"""
from __future__ import annotations

import agentkit
from agentkit import Tool

SYSTEM = "You are the order desk agent. Use the tools to look things up; answer in one sentence."
ORDERS = {"88213": {"order_id": "88213", "total_usd": 120.0, "status": "shipped"},
          "77102": {"order_id": "77102", "total_usd": 45.5, "status": "packing"}}
RATES = {"EUR": 0.92, "GBP": 0.79}

TOOLS = {
    "get_order": Tool(name="get_order", description="Look up an order by its id: total in USD and status.",
                      parameters={"type": "object", "properties": {"order_id": {"type": "string"}},
                                  "required": ["order_id"]}),
    "exchange_rate": Tool(name="exchange_rate", description="How many units of a currency one US dollar buys.",
                          parameters={"type": "object", "properties": {"currency": {"type": "string"}},
                                      "required": ["currency"]}),
    "search_docs": Tool(name="search_docs", description="Search the order desk's help pages.",
                        parameters={"type": "object", "properties": {"query": {"type": "string"}},
                                    "required": ["query"]}),
}


def make_functions(log: list):
    def get_order(order_id: str):
        log.append(["get_order", order_id])
        return ORDERS[order_id]  # KeyError for an order that does not exist

    def exchange_rate(currency: str):
        log.append(["exchange_rate", currency])
        return {"currency": currency, "per_usd": RATES[currency]}

    def search_docs(query: str):
        log.append(["search_docs", query])
        return f"No help page matches {query!r}."

    return {"get_order": get_order, "exchange_rate": exchange_rate, "search_docs": search_docs}


def kind_of(exc: BaseException) -> str:
    for cls in (agentkit.UnknownModelError, agentkit.ServerError, agentkit.RateLimitError, agentkit.LLMError):
        if isinstance(exc, cls):
            return cls.__name__
    return type(exc).__name__


def agent(submission, provider: str, task: str, tools: list[str], max_steps: int = 8,
          max_cost_usd: float | None = None, model: str | None = None, base_url: str | None = None,
          max_tokens: int = 1024) -> dict:
    log: list = []
    functions = make_functions(log)
    try:
        client = agentkit.Client(provider, model, base_url=base_url)
        box = submission.ToolBox([(TOOLS[name], functions[name]) for name in tools])
        run = submission.run_agent(client, task, box, system=SYSTEM, max_steps=max_steps,
                                   max_cost_usd=max_cost_usd, max_tokens=max_tokens)
    except Exception as exc:  # noqa: BLE001 - what was raised is the behaviour under test
        return {"raised": kind_of(exc), "message": str(exc)[:300], "tools_run": log}
    steps = [{"text": str(step.text), "tool_calls": [dict(call) for call in step.tool_calls],
              "results": [dict(result) for result in step.results]} for step in run.steps]
    return {"stop_reason": str(run.stop_reason), "answer": None if run.answer is None else str(run.answer),
            "cost_usd": float(run.cost_usd), "steps": steps, "error": None if run.error is None else str(run.error),
            "tools_run": log}


def tool_result(submission, call: dict, tools: list[str]) -> dict:
    """One ToolBox.run(call) on the driver's tools, as plain data."""
    log: list = []
    functions = make_functions(log)
    box = submission.ToolBox([(TOOLS[name], functions[name]) for name in tools])
    message = box.run(agentkit.ToolCall(**call))
    return {"role": str(message.role), "content": str(message.content), "tool_call_id": str(message.tool_call_id),
            "is_error": bool(message.is_error), "tools_run": log}
