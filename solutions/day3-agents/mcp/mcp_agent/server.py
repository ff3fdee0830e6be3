"""The order desk's MCP server: two tools and one resource, built with the official `mcp` SDK.

Run it over stdio with `python -m mcp_agent` (an MCP host starts it as a subprocess)."""
from __future__ import annotations

import json

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

POLICY_URI = "policy://returns"
POLICY = ("Returns: an item may be returned within 30 days of delivery for a full refund. "
          "Items not yet delivered can be cancelled instead. Opened software is not returnable.")
ORDERS = {
    "A1001": {"customer": "c-17", "item": "desk lamp", "status": "delivered", "delivered": "2026-11-20"},
    "A1002": {"customer": "c-17", "item": "monitor arm", "status": "shipped", "delivered": None},
    "A1003": {"customer": "c-42", "item": "keyboard", "status": "delivered", "delivered": "2026-10-02"},
}


def build_server() -> MCPServer:
    """The server: tools `lookup_order(order_id)` and `list_orders(customer)`, resource POLICY_URI."""
    server = MCPServer("order-desk", log_level="ERROR")
    ### BEGIN STARTER
    # # TODO: register two tools with @server.tool() (the docstring becomes the description, the type hints the
    # #   input schema):
    # #   lookup_order(order_id: str) -> str: the order as JSON (json.dumps of ORDERS[order_id] plus "order_id");
    # #     an unknown id must raise ToolError(f"no order {order_id!r}") - any other exception reaches the model
    # #     only as "Error executing tool ..."
    # #   list_orders(customer: str) -> str: the customer's order ids, comma separated ("" if none)
    # # TODO: register the returns policy (POLICY) as a text/plain resource at POLICY_URI with @server.resource
    ### END STARTER
    ### BEGIN SOLUTION
    @server.tool()
    def lookup_order(order_id: str) -> str:
        """Look up one order by its id (like A1001): item, status and delivery date, as JSON."""
        order = ORDERS.get(order_id.strip().upper())
        if order is None:
            raise ToolError(f"no order {order_id!r}; order ids look like A1001")
        return json.dumps({"order_id": order_id.strip().upper(), **order})

    @server.tool()
    def list_orders(customer: str) -> str:
        """The ids of a customer's orders (customer ids look like c-17), comma separated."""
        return ",".join(oid for oid, order in ORDERS.items() if order["customer"] == customer.strip())

    @server.resource(POLICY_URI, mime_type="text/plain")
    def returns_policy() -> str:
        """The shop's returns policy."""
        return POLICY
    ### END SOLUTION

    return server

