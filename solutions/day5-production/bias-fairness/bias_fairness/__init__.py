### BEGIN STARTER
# """Your bias_fairness: the TODOs in its modules are yours; its given modules come from the unit's given/bias_fairness."""
### END STARTER
### BEGIN SOLUTION
"""The reference bias_fairness; its given modules live once, in the unit's given/bias_fairness."""
### END SOLUTION
from agentkit.given import include

include(globals())
