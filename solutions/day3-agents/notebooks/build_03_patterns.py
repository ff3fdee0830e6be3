"""Build days/day3-agents/notebooks/03-patterns-and-frameworks.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day3-agents/notebooks/03-patterns-and-frameworks.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Agent patterns, MCP, and where frameworks fit

The afternoon of Day 3 in cells, in three parts:

1. **Three reasoning patterns on one task**: ReAct, plan-and-execute and verify-then-answer, each with its
   steps, tokens and cost (exercise 1: `execute_plan`, the part of plan-and-execute that runs without the model).
2. **The Model Context Protocol**: the order desk's MCP server, and an agent that uses it as a client
   (exercise 2: `model_tools`, a server's tools as the model's tools).
3. **Frameworks**: one paragraph, and a pointer to their lesson.

Everything runs offline on authored replies (each fixture says so in its header): they are written to show how
each pattern behaves, not to measure a model. With a key set, the same cells call real models. The graded units
are [reasoning-patterns](../patterns/reasoning-patterns/README.md) and [mcp](../patterns/mcp/README.md).
""")
code("setup", """
import json
import logging
import sys
from pathlib import Path

# The reference solutions, relative to this notebook's folder (days/day3-agents/notebooks).
SOLUTIONS = Path("../../../solutions/day3-agents")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day3-agents/notebooks"
for unit in ("reasoning-patterns", "mcp"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))
logging.getLogger("mcp").setLevel(logging.CRITICAL)  # the SDK logs each failed tool call with a traceback

from agentkit import Client, Tool, replay
from agent_patterns import STRATEGIES, TASK, TOOLS, Plan, PlannedCall, run_tool

SCENARIOS = Path("../patterns/reasoning-patterns/fixtures/scenarios")
MCP_SCENARIOS = Path("../patterns/mcp/fixtures/scenarios")


def show(run):
    for step in run.steps:
        print(f"{step.kind:<12} {step.content[:96]}")
    print(f"-- {run.calls} calls, {run.input_tokens}/{run.output_tokens} tokens in/out, ${run.cost_usd:.5f}")
""")
md("react", """
## 1. Three patterns, one task

The task: *is the checkout service within its error budget for November 2026?* Two tools hold the facts, and
`run_tool` turns any failure into text the model can read instead of an exception:
""")
code("task-run", """
print(TASK)
print(run_tool("get_slo", {"service": "checkout"}))
print(run_tool("get_traffic", {"service": "checkout", "month": "November 2026"}))
""")
md("react-2", """
**ReAct** decides one step at a time, each after seeing the last result. Note the input tokens: every call
re-sends the conversation so far.
""")
code("react-run", """
from agent_patterns import react

with replay.scenario(SCENARIOS / "budget.yaml"):
    client = Client("anthropic")
    show(react(client))
print("input tokens per call:", [reply.usage.input_tokens for reply in client.calls])
""")
md("plan", """
**Plan-and-execute** asks a planner for every tool call up front (a `Plan`, validated by `client.structured`),
runs the plan without the model, and asks a solver, with no tools, to answer from the results. Here is the plan
the planner wrote:
""")
code("plan-run", """
from agent_patterns.prompts import PLANNER_SYSTEM, planner_prompt

with replay.scenario(SCENARIOS / "budget.yaml"):
    plan = Client("openai").structured(planner_prompt(TASK, TOOLS), Plan, system=PLANNER_SYSTEM)
for call in plan.steps:
    print(call.tool, call.arguments)
""")
md("ex1", """
### Exercise 1: run the plan

Write `execute_plan(plan, max_steps)`: run the first `max_steps` of `plan.steps` (each a `PlannedCall` with
`.tool` and `.arguments`) through `run_tool`, in order, and return one `(call, text, failed)` tuple per call run.
A call that fails does not stop the ones after it, and nothing here calls the model.
""")
exercise("ex-execute-plan", """
def execute_plan(plan, max_steps):
    ### BEGIN SOLUTION
    done = []
    for call in plan.steps[:max_steps]:
        text, failed = run_tool(call.tool, call.arguments)
        done.append((call, text, failed))
    return done
    ### END SOLUTION
""", """
slo = PlannedCall(tool="get_slo", arguments={"service": "search"})
traffic = PlannedCall(tool="get_traffic", arguments={"service": "checkout", "month": "2026-11"})
bad_month = PlannedCall(tool="get_traffic", arguments={"service": "checkout", "month": "Nov"})
unknown = PlannedCall(tool="get_latency", arguments={"service": "checkout"})

got = execute_plan(Plan(steps=[slo, traffic]), 6)
assert [c for c, _, _ in got] == [slo, traffic], f"each planned call, in order, as (call, text, failed): {got}"
assert json.loads(got[0][1])["availability_target"] == 0.995 and got[0][2] is False, got[0]
assert json.loads(got[1][1])["failed_requests"] == 5100 and got[1][2] is False, got[1]

got = execute_plan(Plan(steps=[bad_month, unknown, slo]), 6)
assert len(got) == 3, "a failed call must not stop the calls after it"
assert got[0][2] is True and "month must look like" in got[0][1], f"a bad argument is a failed result: {got[0]}"
assert got[1][2] is True and "unknown tool" in got[1][1], f"an unknown tool is a failed result: {got[1]}"
assert got[2][2] is False and "0.995" in got[2][1], got[2]

got = execute_plan(Plan(steps=[slo, traffic, slo, traffic, slo]), 3)
assert [c for c, _, _ in got] == [slo, traffic, slo], f"only the first max_steps calls run: {len(got)} ran"
assert execute_plan(Plan(steps=[slo]), 0) == [] and execute_plan(Plan(steps=[]), 4) == []
print("execute_plan: all checks passed")
""")
md("plan-2", """
The whole of plan-and-execute, with the reference `execute_plan` inside: two model calls, whatever the plan's
length. On the **adapt** scenario the model writes the month as "November 2026"; ReAct reads the tool's error and
asks again, while a fixed plan runs its failing call and can only report what is unknown:
""")
code("plan-adapt-run", """
from agent_patterns import plan_and_execute

for scenario in ("budget", "adapt"):
    for strategy in (plan_and_execute, react):
        with replay.scenario(SCENARIOS / f"{scenario}.yaml"):
            run = strategy(Client("anthropic"))
        print(f"{scenario:<7} {run.strategy:<17} {run.calls} calls  {run.answer[:80]}")
""")
md("verify", """
**Verify-then-answer** drafts with ReAct, then asks a verifier (its own prompt, the task, every tool result and
the draft) for a `Verdict`; a rejected draft is revised in the same conversation and checked again. On the
**slip** scenario the draft reads 0.12% failed as within a 0.1% budget:
""")
code("verify-run", """
from agent_patterns import verify_then_answer

with replay.scenario(SCENARIOS / "slip.yaml"):
    show(verify_then_answer(Client("anthropic")))
""")
md("side-by-side", """
Side by side, the three scenarios on each strategy (the slip scenario is written for the ReAct draft only):
""")
code("table-run", """
print(f"{'scenario: strategy':<26} {'calls':>2} {'tokens in/out':>12} {'cost':>9}  answer")
for scenario in ("budget", "slip", "adapt"):
    for name, strategy in STRATEGIES.items():
        if (scenario, name) == ("slip", "plan_and_execute"):
            continue
        with replay.scenario(SCENARIOS / f"{scenario}.yaml"):
            r = strategy(Client("anthropic"))
        print(f"{scenario + ': ' + name:<26} {r.calls:>2} {r.input_tokens:>6}/{r.output_tokens:<5} "
              f"${r.cost_usd:.5f}  {r.answer[:40]}")
""")
md("choose", """
ReAct adapts and re-sends its history on every call; plan-and-execute is cheap and auditable and cannot react
to a failed step unless it re-plans; verify-then-answer pays for a check that catches a wrong conclusion, if the
verifier is shown the evidence. The [lesson](../patterns/reasoning-patterns/README.md) has the choosing table and
a re-planning exercise.

## 2. The Model Context Protocol

The order desk serves two tools and its returns policy with the official `mcp` SDK. Notebook cells can `await`
directly; `Client(server)` connects in memory, with no subprocess or socket:
""")
code("mcp-tour", """
from mcp import Client as MCPClient
from mcp_agent import build_server

async with MCPClient(build_server()) as session:
    for tool in (await session.list_tools()).tools:
        print(tool.name, "|", tool.description, "|", json.dumps(tool.input_schema["properties"]))
    for order_id in ("A1001", "Z9999"):
        result = await session.call_tool("lookup_order", {"order_id": order_id})
        print(result.is_error, result.content[0].text)
    print((await session.read_resource("policy://returns")).contents[0].text[:70])
""")
md("ex2", """
### Exercise 2: a server's tools as the model's tools

Write `async def model_tools(session)`: every tool `await session.list_tools()` lists, as an `agentkit.Tool`
with the same name, the tool's description (its name if it has none), and its `input_schema`, unchanged, as
`parameters`. Nothing in it may name the order desk's tools: the check points it at another server too.
""")
exercise("ex-model-tools", """
async def model_tools(session):
    ### BEGIN SOLUTION
    listed = await session.list_tools()
    return [Tool(name=t.name, description=t.description or t.name, parameters=t.input_schema)
            for t in listed.tools]
    ### END SOLUTION
""", """
from mcp.server.mcpserver import MCPServer

other = MCPServer("fx-desk", log_level="CRITICAL")


@other.tool()
def convert(amount: float, currency: str, round_to: int = 2) -> str:
    \"\"\"Convert US dollars to EUR or GBP.\"\"\"
    return f"{amount * 0.9:.{round_to}f} {currency}"


@other.tool(description="Check the desk is up.")
def ping() -> str:
    return "pong"


for server in (build_server(), other):
    failure = None
    async with MCPClient(server) as session:
        listed = (await session.list_tools()).tools
        try:
            got = await model_tools(session)
        except Exception as error:  # raised after the session closes, so it is not wrapped in its task group
            failure = error
    if failure is not None:
        raise failure
    assert all(isinstance(t, Tool) for t in got), "return agentkit.Tool objects"
    assert [t.name for t in got] == [t.name for t in listed], f"one Tool per listed tool, in order: {got}"
    for mine, theirs in zip(got, listed):
        assert mine.parameters == theirs.input_schema, f"{mine.name}: parameters must be the input_schema as it is"
        assert mine.description == (theirs.description or theirs.name), f"{mine.name}: description {mine.description!r}"
assert got[0].parameters["required"] == ["amount", "currency"], got[0].parameters
print("model_tools: all checks passed")
""")
md("mcp-agent", """
With the tools in the model's hands, the agent is the ReAct loop of part 1 with `session.call_tool` as the
dispatcher. The reference `ask` (which has its own `model_tools`) answers a returns question, replayed from the
MCP unit's authored scenario:
""")
code("mcp-agent-run", """
from mcp_agent import ask

with replay.scenario(MCP_SCENARIOS / "returns.yaml") as cassette:
    async with MCPClient(build_server()) as session:
        answer = await ask("Can I still return order A1001?", session, Client("openai"), resource="policy://returns")
print(answer.steps, "model calls;", answer.tool_calls)
print(answer.text)
print("the tool result the model saw:", cassette.sent[1].view.tool_results)
""")
md("frameworks", """
## 3. Frameworks

Everything above is a few dozen lines over one client, which is the point: a framework (LangGraph, CrewAI,
AutoGen, the OpenAI Agents SDK, PydanticAI, the Claude Agent SDK) packages these same loops, plans, checks and
MCP connections, and adds state, tracing and deployment around them. The
[frameworks lesson](../patterns/frameworks/README.md) compares them with a decision matrix and shows how to
keep your tools and prompts portable between them.

With a key (`COURSE_LLM_MODE=live`), run part 1's table on a real model and bring the calls and token growth
of each pattern to the discussion.
""")

draft.write()
