### BEGIN STARTER
# """Your sampling_params: the TODOs in its modules are yours; its given modules come from the unit's given/sampling_params."""
### END STARTER
### BEGIN SOLUTION
"""The reference sampling_params; its given modules live once, in the unit's given/sampling_params."""
### END SOLUTION
from agentkit.given import include

include(globals())
