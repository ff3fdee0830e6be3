### BEGIN STARTER
# """Your phased_rollout: the TODOs in its modules are yours; its given modules come from the unit's given/phased_rollout."""
### END STARTER
### BEGIN SOLUTION
"""The reference phased_rollout; its given modules live once, in the unit's given/phased_rollout."""
### END SOLUTION
from agentkit.given import include

include(globals())
