### BEGIN STARTER
# """Your analyzer: the TODOs in its modules are yours; its given modules come from the unit's given/analyzer."""
### END STARTER
### BEGIN SOLUTION
"""The reference analyzer; its given modules live once, in the unit's given/analyzer."""
### END SOLUTION
from agentkit.given import include

include(globals())
