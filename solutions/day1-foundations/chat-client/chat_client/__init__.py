### BEGIN STARTER
# """Your chat_client: the TODOs in its modules are yours; its given modules come from the unit's given/chat_client."""
### END STARTER
### BEGIN SOLUTION
"""The reference chat_client; its given modules live once, in the unit's given/chat_client."""
### END SOLUTION
from agentkit.given import include

include(globals())
