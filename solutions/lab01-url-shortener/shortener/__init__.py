### BEGIN STARTER
# """Your shortener: the TODOs in its modules are yours; its given modules come from the unit's given/shortener."""
### END STARTER
### BEGIN SOLUTION
"""The reference shortener; its given modules live once, in the unit's given/shortener."""
### END SOLUTION
from agentkit.given import include

include(globals())
