### BEGIN STARTER
# """Your code_prompting: the TODOs in its modules are yours; its given modules come from the unit's given/code_prompting."""
### END STARTER
### BEGIN SOLUTION
"""The reference code_prompting; its given modules live once, in the unit's given/code_prompting."""
### END SOLUTION
from agentkit.given import include

include(globals())
