### BEGIN STARTER
# """Your retrieval_metrics: the TODOs in its modules are yours; its given modules come from the unit's given/retrieval_metrics."""
### END STARTER
### BEGIN SOLUTION
"""The reference retrieval_metrics; its given modules live once, in the unit's given/retrieval_metrics."""
### END SOLUTION
from agentkit.given import include

include(globals())
