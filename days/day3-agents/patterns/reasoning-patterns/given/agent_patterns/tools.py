"""The small task every strategy solves, and its two tools. Given: nothing here is yours to write."""
from __future__ import annotations

import json
import re

from agentkit import Tool

TASK = "Is the checkout service within its error budget for November 2026?"

SLOS = {"checkout": 0.999, "search": 0.995}
TRAFFIC = {("checkout", "2026-11"): (4_200_000, 5_100), ("search", "2026-11"): (9_800_000, 31_000)}


def get_slo(service: str) -> str:
    """The service's availability target over a calendar month."""
    if service not in SLOS:
        raise ValueError(f"no SLO for service {service!r}; services: {', '.join(SLOS)}")
    return json.dumps({"service": service, "availability_target": SLOS[service], "window": "calendar month"})


def get_traffic(service: str, month: str) -> str:
    """Requests served and failed in one month."""
    if not re.fullmatch(r"\d{4}-\d{2}", month):
        raise ValueError(f"month must look like 2026-11, not {month!r}")
    if (service, month) not in TRAFFIC:
        raise ValueError(f"no traffic recorded for {service!r} in {month}")
    requests, failed = TRAFFIC[service, month]
    return json.dumps({"service": service, "month": month, "requests": requests, "failed_requests": failed})


TOOLS = [
    Tool(name="get_slo", description="The availability target (a fraction, e.g. 0.999) of a service.",
         parameters={"type": "object", "properties": {"service": {"type": "string"}}, "required": ["service"]}),
    Tool(name="get_traffic", description="Requests served and failed by a service in one month (month as YYYY-MM).",
         parameters={"type": "object", "required": ["service", "month"],
                     "properties": {"service": {"type": "string"}, "month": {"type": "string"}}}),
]
FUNCTIONS = {"get_slo": get_slo, "get_traffic": get_traffic}


def run_tool(name: str, arguments: dict) -> tuple[str, bool]:
    """(the tool's result, whether it failed). A failure is text for the model, never an exception."""
    function = FUNCTIONS.get(name)
    if function is None:
        return f"error: unknown tool {name!r}; the tools are {', '.join(FUNCTIONS)}", True
    try:
        return function(**arguments), False
    except (TypeError, ValueError) as exc:
        return f"error: {exc}", True
