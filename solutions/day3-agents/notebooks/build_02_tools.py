"""Build days/day3-agents/notebooks/02-tools-and-structured-output.ipynb (run from the repository root), then
execute it in replay mode (jupyter nbconvert --execute --inplace)."""
from autograder.notebook_draft import NotebookDraft

draft = NotebookDraft("days/day3-agents/notebooks/02-tools-and-structured-output.ipynb")
md, code, exercise = draft.md, draft.code, draft.exercise

md("intro", """
# Tools, safe tools and structured output

The hands-on session of Day 3 on tool use, in three parts, each with an exercise and a check cell after it:

1. **One tool, two wire formats**: the same tool call as Anthropic and OpenAI send it (exercise 1:
   `openai_call_to_anthropic`).
2. **Tool arguments are untrusted input**: confining paths to a workspace (exercise 2: `is_inside`).
3. **Structured output, schema first**: a strict schema on both providers, and the retry message built from
   pydantic's validation error (exercise 3: `feedback`).

Everything runs offline on authored replies (each fixture says so in its header). With a key set, the same
cells call real models. The graded units are [tool-layer](../patterns/tool-layer/README.md),
[safe-tools](../patterns/safe-tools/README.md) and [structured-output](../patterns/structured-output/README.md);
this notebook uses their reference packages.
""")
code("setup", """
import json
import sys
from pathlib import Path

import anthropic
import openai

# The reference solutions, relative to this notebook's folder (days/day3-agents/notebooks).
SOLUTIONS = Path("../../../solutions/day3-agents")
assert SOLUTIONS.is_dir(), "open this notebook from its own folder, days/day3-agents/notebooks"
for unit in ("tool-layer", "safe-tools", "structured-output"):
    sys.path.insert(0, str((SOLUTIONS / unit).resolve()))

from agentkit import replay
from agentkit.models import DEFAULT_MODELS

PATTERNS = Path("../patterns")
ORDER_DESK = PATTERNS / "tool-layer/fixtures/scenarios/order-desk.yaml"
TRIAGE = PATTERNS / "structured-output/fixtures/scenarios/triage.yaml"
SDK = {"anthropic": anthropic.Anthropic(api_key="replay", max_retries=0),
       "openai": openai.OpenAI(api_key="replay", max_retries=0)}
""")

# --- part 1 -------------------------------------------------------------------------------------------------
md("wire", """
## 1. One tool, two wire formats

A tool is a name, a description and a JSON Schema for its arguments. `spec_from_function` derives all three from
the function, so the schema cannot drift from the code; each provider then wants them in its own shape:
""")
code("wire-tools", """
from typing import Literal

from tool_layer import anthropic_tools, openai_tools, spec_from_function

ORDERS = {"A1": {"status": "shipped", "carrier": "DHL"}, "B2": {"status": "packing", "carrier": None}}


def get_order(order_id: str, include_items: bool = False) -> dict:
    \"\"\"Look up one order by its id: status and carrier.\"\"\"
    if order_id not in ORDERS:
        raise KeyError(f"no order {order_id}")
    return {"order_id": order_id, **ORDERS[order_id]}


def refund(order_id: str, amount_cents: int, reason: Literal["damaged", "late", "other"]) -> str:
    \"\"\"Refund part or all of an order.\"\"\"
    return f"refunded {amount_cents} cents on {order_id}"


SPECS = [spec_from_function(get_order), spec_from_function(refund)]
print("Anthropic:", json.dumps(anthropic_tools(SPECS)[0])[:150], "...")
print("OpenAI:   ", json.dumps(openai_tools(SPECS)[0])[:150], "...")
""")
md("wire-calls", """
Ask both for the same thing. The model calls `get_order` twice in one turn; see how each API carries the calls:
Anthropic as `tool_use` content blocks whose `input` is an object, OpenAI as `message.tool_calls` whose
`function.arguments` is a JSON **string**.
""")
code("wire-calls-run", """
QUESTION = [{"role": "user", "content": "Where are my orders A1 and B2?"}]
with replay.scenario(ORDER_DESK):  # each exchange answers once per scenario: one block per provider
    message = SDK["anthropic"].messages.create(model=DEFAULT_MODELS["anthropic"], max_tokens=500, messages=QUESTION,
                                               tools=anthropic_tools(SPECS))
with replay.scenario(ORDER_DESK):
    completion = SDK["openai"].chat.completions.create(model=DEFAULT_MODELS["openai"], messages=QUESTION,
                                                       max_completion_tokens=500, tools=openai_tools(SPECS))
ANTHROPIC_BLOCKS = [block.model_dump(exclude_none=True) for block in message.content if block.type == "tool_use"]
OPENAI_CALLS = completion.choices[0].message.tool_calls
for block in ANTHROPIC_BLOCKS:
    print("anthropic:", block)
for call in OPENAI_CALLS:
    print("openai:   ", call.model_dump())
""")
md("ex1", """
### Exercise 1: an OpenAI tool call as an Anthropic tool_use block

A layer over both providers (or a proxy that speaks one API to clients and the other to the model) converts
between the two. Write `openai_call_to_anthropic(call)`: `call` is one of `message.tool_calls` (above); return
the Anthropic block as a dict `{"type": "tool_use", "id", "name", "input"}`.

- `id` is kept as it is: the tool's result is matched to the call by it.
- `input` is the parsed arguments, an object (a dict). Some models send `""` for a tool without arguments: that
  is `{}`.
- Arguments that are not a JSON object (invalid or cut-off JSON, a list, a string, `null`) raise `ValueError`.
  Converting does not validate the arguments against the tool's schema; the tool layer does that later.
""")
exercise("ex-openai-call-to-anthropic", """
def openai_call_to_anthropic(call):
    ### BEGIN SOLUTION
    text = call.function.arguments or ""
    arguments = json.loads(text) if text.strip() else {}
    if not isinstance(arguments, dict):
        raise ValueError(f"{call.function.name}: the arguments are not a JSON object: {text!r}")
    return {"type": "tool_use", "id": call.id, "name": call.function.name, "input": arguments}
    ### END SOLUTION
""", """
from openai.types.chat import ChatCompletionMessageFunctionToolCall


def openai_call(arguments, name="refund", call_id="call_x1"):
    return ChatCompletionMessageFunctionToolCall.model_validate(
        {"id": call_id, "type": "function", "function": {"name": name, "arguments": arguments}})


converted = [openai_call_to_anthropic(call) for call in OPENAI_CALLS]
assert converted == ANTHROPIC_BLOCKS, f"{converted}\\nis not what Anthropic sent for the same turn:\\n{ANTHROPIC_BLOCKS}"
for block in converted:
    anthropic.types.ToolUseBlock.model_validate(block)  # the SDK's own type accepts it
cases = [(openai_call('{"order_id": "A1", "amount_cents": "a lot", "reason": "broken"}', call_id="call_9Zq"),
          {"type": "tool_use", "id": "call_9Zq", "name": "refund",
           "input": {"order_id": "A1", "amount_cents": "a lot", "reason": "broken"}}),
         (openai_call('{"lines": [{"sku": "K-7", "qty": 2}], "note": "caf\\\\u00e9", "gift": false}', "ship"),
          {"type": "tool_use", "id": "call_x1", "name": "ship",
           "input": {"lines": [{"sku": "K-7", "qty": 2}], "note": "café", "gift": False}}),
         (openai_call("", "warehouse_status"), {"type": "tool_use", "id": "call_x1", "name": "warehouse_status", "input": {}}),
         (openai_call("{}", "warehouse_status"), {"type": "tool_use", "id": "call_x1", "name": "warehouse_status", "input": {}})]
for call, want in cases:
    got = openai_call_to_anthropic(call)
    assert got == want, f"arguments {call.function.arguments!r}: got {got}, expected {want}"
for arguments in ['{"order_id": "A1", "amount_c', '["A1", 1299]', '"A1"', "null", "{order_id: A1}"]:
    try:
        got = openai_call_to_anthropic(openai_call(arguments))
    except ValueError:
        continue
    raise AssertionError(f"arguments {arguments!r} are not a JSON object, yet became {got}")
print("openai_call_to_anthropic: all checks passed")
""")
md("loop", """
The reference layer (`tool_layer`) does the same conversion inside `calls_from_openai` and runs the whole loop:
every call of a turn answered, matched by id; unknown tools and invalid arguments sent back as error results,
not raised. Here the model asks for a tool that does not exist and sends `amount_cents: "a lot"`, then corrects
itself:
""")
code("loop-run", """
from tool_layer import Toolbox, run_agent

for provider in ("anthropic", "openai"):
    with replay.scenario(ORDER_DESK) as cassette:
        answer = run_agent(provider, SDK[provider], DEFAULT_MODELS[provider], "Refund order A1: it arrived damaged.",
                           Toolbox([get_order, refund]))
    print(f"{provider}: {answer.text!r} after {answer.requests} requests")
    for turn in cassette.sent[1].body["messages"][2:]:  # what went back after the first reply
        print("   ", json.dumps(turn)[:160])
""")

# --- part 2 -------------------------------------------------------------------------------------------------
md("safe", """
## 2. Tool arguments are untrusted input

The model chooses a file tool's path, and the model's input comes from users, web pages and files: a prompt
injection in a README can ask for `read_file("../../.ssh/id_ed25519")`. A sandbox folder to attack: a workspace
`ws/`, a secret beside it, a folder `ws-evil/` whose name starts with the workspace's, and links planted inside the
workspace (`out/` to the parent folder, `secret_link` to the secret, `later` to a file that does not exist yet),
and `ws_alias`, a second name for the workspace itself.
""")
code("sandbox", """
import os
import tempfile

BASE = Path(tempfile.mkdtemp(prefix="day3-ws-")).resolve()
WS = BASE / "ws"
(WS / "notes").mkdir(parents=True)
(WS / "notes" / "todo.md").write_text("- ship the release\\n")
(BASE / "secret.txt").write_text("db-password=hunter2")
(BASE / "ws-evil").mkdir()
(BASE / "ws-evil" / "secret.txt").write_text("db-password=hunter2")
os.symlink(BASE, WS / "out")
os.symlink(BASE / "secret.txt", WS / "secret_link")
os.symlink(BASE / "planted.txt", WS / "later")
os.symlink(WS, BASE / "ws_alias")


def naive_inside(root, path):
    return not path.startswith("/") and ".." not in path.split("/")


for path in ["notes/todo.md", "../secret.txt", "out/secret.txt", "secret_link", "later"]:
    print(f"{path:<16} naive check says inside: {naive_inside(WS, path)}")
""")
md("ex2", """
A string check cannot know what the file system will do with the path. Ask the file system: resolve the path
(apply `..`, follow every symlink, even one whose target does not exist yet), then compare **paths**.

### Exercise 2: is the path inside the workspace?

Write `is_inside(root, path)`: `True` when `path` (a string, relative to the folder `root`, or absolute) names
`root` itself or something inside it once resolved; `False` otherwise. `root` is a `Path` that may itself be
given through a symlink or with `..` in it. The path need not exist yet (a file about to be written). Use
`Path.resolve()` and `Path.is_relative_to`: `/srv/ws-evil` starts with the string `/srv/ws` but is not inside it.
""")
exercise("ex-is-inside", """
def is_inside(root, path):
    ### BEGIN SOLUTION
    root = Path(root).resolve()
    return (root / path).resolve().is_relative_to(root)
    ### END SOLUTION
""", """
cases = [(WS, "notes/todo.md", True),
         (WS, "notes/new-file.md", True),
         (WS, "notes/../notes/todo.md", True),
         (WS, ".", True),
         (WS, str(WS / "notes" / "todo.md"), True),
         (BASE / "ws_alias", "notes/todo.md", True),
         (WS / "notes" / "..", "notes/todo.md", True),
         (WS, "../secret.txt", False),
         (WS, "notes/../../secret.txt", False),
         (WS, "../ws-evil/secret.txt", False),
         (WS, str(BASE / "ws-evil"), False),
         (WS, str(BASE / "secret.txt"), False),
         (WS, "out/secret.txt", False),
         (WS, "out/ws/notes/todo.md", True),
         (WS, "secret_link", False),
         (WS, "later", False),
         (BASE / "ws_alias", "../secret.txt", False)]
for root, path, want in cases:
    got = is_inside(root, path)
    assert got is want, f"is_inside({root}, {path!r}) = {got!r}, expected {want}"
print("is_inside: all checks passed")
""")
md("workspace", """
The reference `Workspace` puts that check in front of every file tool (and refuses absolute paths outright);
a refusal raises `Refused`, whose message goes back to the model as the tool's error result. Writing through the
dangling link `later` would create a file outside the workspace:
""")
code("workspace-run", """
from safe_tools import CommandRunner, Refused, Workspace

workspace = Workspace(WS)
print(workspace.write_text("notes/plan.md", "1. resolve, then check\\n"))
for attack in ["../secret.txt", "out/secret.txt", "../ws-evil/secret.txt", "secret_link", "later"]:
    try:
        workspace.write_text(attack, "pwned")
    except Refused as exc:
        print("refused:", str(exc).split(" (to ")[0])
print("planted.txt exists:", (BASE / "planted.txt").exists())
""")
md("commands", """
The same thinking for commands: an allow-list of program names, an argument list and never a shell (so `;` and
`$(...)` are plain text), the workspace as the working folder, and a time limit.
""")
code("commands-run", """
runner = CommandRunner(WS, ["echo", "ls"], timeout=2)
print(runner.run(["echo", "hi; rm -rf ~"]).stdout, end="")
for argv in ["ls -la", ["sh", "-c", "id"], ["/bin/ls"]]:
    try:
        runner.run(argv)
    except Refused as exc:
        print(type(exc).__name__, "-", exc)
""")

# --- part 3 -------------------------------------------------------------------------------------------------
md("structured", """
## 3. Structured output, schema first

The schema is a pydantic model: it gives the JSON Schema the provider enforces while decoding, and it validates
what comes back, including a rule no JSON Schema can say (a sev1 needs an action). Both providers want the
schema **strict**: every object closed and every property required. pydantic's own schema is neither;
`strict_schema` tightens it, nested objects included.
""")
code("structured-schema", """
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from structured_output import native_params, strict_schema


class Action(BaseModel):
    owner: str
    task: str


class Triage(BaseModel):
    \"\"\"An incident report, triaged.\"\"\"

    service: str
    severity: Literal["sev1", "sev2", "sev3"]
    affected_users: int = Field(ge=0)
    summary: str = Field(max_length=120)
    actions: list[Action]

    @model_validator(mode="after")
    def sev1_has_an_owner(self):
        if self.severity == "sev1" and not self.actions:
            raise ValueError("a sev1 needs at least one action with an owner")
        return self


loose, strict = Triage.model_json_schema(), strict_schema(Triage)
for name, schema in [("pydantic", loose), ("strict", strict)]:
    print(f"{name:<8} additionalProperties: Triage {schema.get('additionalProperties', 'absent')}, "
          f"Action {schema['$defs']['Action'].get('additionalProperties', 'absent')}")
for provider in SDK:
    print(provider, json.dumps(native_params(provider, Triage))[:110], "...")
""")
md("errors", """
Constrained decoding is not validation: a bound the provider does not enforce (`affected_users: -1`), a value
outside the schema from a server without strict mode, the sev1 rule, or a reply cut off at `max_tokens` all
still fail. Resending the same request gets the same answer; send the error back. pydantic's `str(exc)` names
the fields but also echoes the input and a documentation link per error; `exc.errors()` has the parts:
""")
code("errors-run", """
bad_reply = ('{"service": "payments-ledger", "severity": "critical", "affected_users": -1, '
             '"summary": "Ledger writes fail.", "actions": [{"owner": "ledger-oncall"}]}')
try:
    Triage.model_validate_json(bad_reply)
except ValidationError as exc:
    print(exc)
    print()
    for error in exc.errors():
        print(error["loc"], "|", error["msg"], "|", error["type"])
""")
md("ex3", """
### Exercise 3: the retry message

Write `feedback(exc)`: the user turn that goes back to the model after a reply failed validation, from the
`ValidationError` `exc`. Exactly these lines, joined with `"\\n"`:

- `Your JSON does not validate:`
- one line per error, in `exc.errors()` order: `- LOCATION: MESSAGE`, where LOCATION is the error's `loc`
  joined with dots (`actions.0.owner`: list positions as numbers), or `(whole object)` when `loc` is empty (a
  model validator, or JSON that does not parse), and MESSAGE is the error's `msg`;
- `Answer again with corrected JSON only.`
""")
exercise("ex-feedback", """
def feedback(exc):
    ### BEGIN SOLUTION
    lines = ["Your JSON does not validate:"]
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "(whole object)"
        lines.append(f"- {location}: {error['msg']}")
    lines.append("Answer again with corrected JSON only.")
    return "\\n".join(lines)
    ### END SOLUTION
""", """
def validation_error(reply):
    try:
        Triage.model_validate_json(reply)
    except ValidationError as exc:
        return exc
    raise AssertionError(f"{reply} validates")


HEAD, TAIL = "Your JSON does not validate:", "Answer again with corrected JSON only."
cases = [(bad_reply, ["- severity: Input should be 'sev1', 'sev2' or 'sev3'",
                      "- affected_users: Input should be greater than or equal to 0",
                      "- actions.0.task: Field required"]),
         ('{"service": "search", "severity": "sev3", "affected_users": 10, "summary": "Slow.", '
          '"actions": [{"owner": "search-oncall", "task": "Look"}, {"owner": 7}]}',
          ["- actions.1.owner: Input should be a valid string", "- actions.1.task: Field required"]),
         ('{"service": "login", "severity": "sev1", "affected_users": 90000, "summary": "Nobody can log in.", '
          '"actions": []}', ["- (whole object): Value error, a sev1 needs at least one action with an owner"]),
         ('{"service": "search", "severity": "sev3", "affected_users": 10, "summ',
          ["- (whole object): Invalid JSON: EOF while parsing a string at line 1 column 69"]),
         ('{"service": "dns", "severity": "sev2", "affected_users": "many", "actions": []}',
          ["- affected_users: Input should be a valid integer, unable to parse string as an integer",
           "- summary: Field required"])]
for reply, lines in cases:
    got, want = feedback(validation_error(reply)), "\\n".join([HEAD, *lines, TAIL])
    assert got == want, f"for the reply {reply}\\ngot:\\n{got}\\nexpected:\\n{want}"
print("feedback: all checks passed")
""")
md("retry", """
The reference `extract` asks natively with the strict schema, validates, and on failure appends the invalid
reply as the assistant's turn and the error as the user's, at most `max_attempts` requests. On the recorded
triage fixture, once per provider:
""")
code("retry-run", """
from structured_output import StructuredOutputError, extract

for provider in SDK:
    with replay.scenario(TRIAGE) as cassette:
        found = extract(provider, SDK[provider], DEFAULT_MODELS[provider], "Incident: payments ledger writes fail.",
                        Triage)
    print(f"{provider}: {found.severity}, owner {found.actions[0].owner}, after {len(cassette.sent)} requests")
    print("   retry turn:", cassette.sent[1].body["messages"][-1]["content"][:120].replace("\\n", " | "))
    with replay.scenario(TRIAGE) as cassette:
        try:
            extract(provider, SDK[provider], DEFAULT_MODELS[provider], "Incident: login is down.", Triage,
                    max_attempts=2)
        except StructuredOutputError as exc:
            print(f"   login: gave up after {len(cassette.sent)} requests:", str(exc).splitlines()[0][:80])
""")
code("cleanup", """
import shutil

shutil.rmtree(BASE)  # the sandbox folder of part 2
""")
md("wrap", """
Three habits from this session carry into every agent this week: convert at the edge and keep one internal
shape (part 1); treat every argument the model sends as untrusted, and ask the file system, not the string
(part 2); write the schema first, validate anyway, and bound the retries (part 3).

With a key (`COURSE_LLM_MODE=live`), run parts 1 and 3 on a real model: does it ever call two tools at once,
and how often does a strict schema still fail the sev1 rule? Then build the graded units with
`course check d3-tool-layer`, `d3-safe-tools` and `d3-structured-output`.
""")

draft.write()
