### BEGIN STARTER
# """Your queue_worker: the TODOs in its modules are yours; its given modules come from the unit's given/queue_worker."""
### END STARTER
### BEGIN SOLUTION
"""The reference queue_worker; its given modules live once, in the unit's given/queue_worker."""
### END SOLUTION
from agentkit.given import include

include(globals())
