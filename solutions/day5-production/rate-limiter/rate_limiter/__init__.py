### BEGIN STARTER
# """Your rate_limiter: the TODOs in its modules are yours; its given modules come from the unit's given/rate_limiter."""
### END STARTER
### BEGIN SOLUTION
"""The reference rate_limiter; its given modules live once, in the unit's given/rate_limiter."""
### END SOLUTION
from agentkit.given import include

include(globals())
