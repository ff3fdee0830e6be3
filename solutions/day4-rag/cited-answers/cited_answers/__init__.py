### BEGIN STARTER
# """Your cited_answers: the TODOs in its modules are yours; its given modules come from the unit's given/cited_answers."""
### END STARTER
### BEGIN SOLUTION
"""The reference cited_answers; its given modules live once, in the unit's given/cited_answers."""
### END SOLUTION
from agentkit.given import include

include(globals())
