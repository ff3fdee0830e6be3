### BEGIN STARTER
# """Your slack_bot: the TODOs in its modules are yours; its given modules come from the unit's given/slack_bot."""
### END STARTER
### BEGIN SOLUTION
"""The reference slack_bot; its given modules live once, in the unit's given/slack_bot."""
### END SOLUTION
from agentkit.given import include

include(globals())
