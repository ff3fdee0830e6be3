"""d3-mcp: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
AGENT = "agent.py"
SERVER = "server.py"

BROKEN = {
    "an unknown order is a tool error: a KeyError instead of a ToolError": (SERVER, [(
        "        order = ORDERS.get(order_id.strip().upper())\n        if order is None:\n"
        "            raise ToolError(f\"no order {order_id!r}; order ids look like A1001\")\n",
        "        order = ORDERS[order_id.strip().upper()]\n")]),
    "lookup_order returns the order with its order_id: the id left out": (SERVER, [(
        'json.dumps({"order_id": order_id.strip().upper(), **order})', "json.dumps(order)")]),
    "result_text keeps is_error: the flag dropped": (AGENT, [(
        'return "\\n".join(texts), bool(result.is_error)', 'return "\\n".join(texts), False')]),
    "a failed call goes back as an error: is_error not passed on": (AGENT, [(
        "Message.tool_result(call, content, is_error=failed)", "Message.tool_result(call, content)")]),
    "a given resource's text is in the system prompt: the resource is read but not sent": (AGENT, [(
        '        system += "\\n\\n" + await read_resource(client, resource)',
        "        await read_resource(client, resource)")]),
    "at most max_steps model calls: one more": (AGENT, [(
        "    for step in range(1, max_steps + 1):", "    for step in range(1, max_steps + 2):")]),
}

CORRECT = {
    "result_text with an isinstance check; the loop counts steps in a while": (AGENT, [
        ('''    texts = [block.text for block in result.content if getattr(block, "type", None) == "text"]
    return "\\n".join(texts), bool(result.is_error)''', '''    from mcp.types import TextContent
    texts = [block.text for block in result.content if isinstance(block, TextContent)]
    return "\\n".join(texts), result.is_error is True'''),
        ('''    for step in range(1, max_steps + 1):
        reply = await''', '''    step = 0
    while step < max_steps:
        step += 1
        reply = await'''),
    ]),
}
