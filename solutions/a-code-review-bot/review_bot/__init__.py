### BEGIN STARTER
# """Your review bot: the TODOs in its modules are yours; its given modules come from the unit's given/review_bot."""
### END STARTER
### BEGIN SOLUTION
"""The reference review bot; its given modules live once, in the unit's given/review_bot."""
### END SOLUTION
from agentkit.given import include

include(globals())
