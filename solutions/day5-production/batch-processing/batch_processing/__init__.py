### BEGIN STARTER
# """Your batch_processing: the TODOs in its modules are yours; its given modules come from the unit's given/batch_processing."""
### END STARTER
### BEGIN SOLUTION
"""The reference batch_processing; its given modules live once, in the unit's given/batch_processing."""
### END SOLUTION
from agentkit.given import include

include(globals())
