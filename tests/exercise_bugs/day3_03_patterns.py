"""Plausible mistakes in days/day3-agents/notebooks/03-patterns-and-frameworks.ipynb's exercises; each check
cell must catch every one (tests/test_notebooks_offline.py)."""

EXERCISE_BUGS = {
    "ex-execute-plan": {
        "stops at the first failure": """
done = []
for call in plan.steps[:max_steps]:
    text, failed = run_tool(call.tool, call.arguments)
    done.append((call, text, failed))
    if failed:
        break
return done""",
        "runs the whole plan": """
return [(call, *run_tool(call.tool, call.arguments)) for call in plan.steps]""",
        "one call too many": """
return [(call, *run_tool(call.tool, call.arguments)) for call in plan.steps[:max_steps + 1]]""",
        "calls the tool function directly": """
from agent_patterns.tools import FUNCTIONS
return [(call, FUNCTIONS[call.tool](**call.arguments), False) for call in plan.steps[:max_steps]]""",
        "drops the failed calls": """
done = [(call, *run_tool(call.tool, call.arguments)) for call in plan.steps[:max_steps]]
return [item for item in done if not item[2]]""",
        "returns the texts only": """
return [run_tool(call.tool, call.arguments)[0] for call in plan.steps[:max_steps]]""",
        "every result is a success": """
return [(call, run_tool(call.tool, call.arguments)[0], False) for call in plan.steps[:max_steps]]""",
        "last call first": """
return [(call, *run_tool(call.tool, call.arguments)) for call in reversed(plan.steps[:max_steps])]""",
    },
    "ex-model-tools": {
        "hard-codes the order desk": """
return [Tool(name="lookup_order", description="Look up one order by its id (like A1001): item, status and "
             "delivery date, as JSON.", parameters=(await session.list_tools()).tools[0].input_schema),
        Tool(name="list_orders", description="The ids of a customer's orders (customer ids look like c-17), "
             "comma separated.", parameters=(await session.list_tools()).tools[1].input_schema)]""",
        "keeps only the properties": """
listed = await session.list_tools()
return [Tool(name=t.name, description=t.description or t.name,
             parameters={"type": "object", "properties": t.input_schema["properties"]}) for t in listed.tools]""",
        "no schema": """
listed = await session.list_tools()
return [Tool(name=t.name, description=t.description or t.name) for t in listed.tools]""",
        "the name as the description": """
listed = await session.list_tools()
return [Tool(name=t.name, description=t.name, parameters=t.input_schema) for t in listed.tools]""",
        "only the first tool": """
t = (await session.list_tools()).tools[0]
return [Tool(name=t.name, description=t.description or t.name, parameters=t.input_schema)]""",
        "every property required": """
listed = await session.list_tools()
return [Tool(name=t.name, description=t.description or t.name,
             parameters={**t.input_schema, "required": list(t.input_schema.get("properties", {}))})
        for t in listed.tools]""",
        "returns plain dicts": """
listed = await session.list_tools()
return [{"name": t.name, "description": t.description or t.name, "parameters": t.input_schema}
        for t in listed.tools]""",
    },
}
