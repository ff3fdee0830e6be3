"""Your review bot: the TODOs in its modules are yours; its given modules come from the unit's given/review_bot."""
from agentkit.given import include

include(globals())
