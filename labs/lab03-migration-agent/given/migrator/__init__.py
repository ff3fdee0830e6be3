"""A migration agent: unittest files to pytest, as a checkpointed state machine with verification that runs."""
from migrator.agent import migrate
from migrator.checkpoint import Checkpoint
from migrator.errors import OutsideWorkspace
from migrator.outcome import FINAL, Outcome
from migrator.prompts import EXECUTE_SYSTEM, PLAN_SYSTEM, execute_message, failure_message, plan_message
from migrator.replies import code_from, parse_plan
from migrator.settings import Settings
from migrator.verify import verify
from migrator.workspace import find_targets, read_file, resolve, write_file

__all__ = ["migrate", "Checkpoint", "OutsideWorkspace", "FINAL", "Outcome", "PLAN_SYSTEM", "EXECUTE_SYSTEM",
           "plan_message", "execute_message", "failure_message", "parse_plan", "code_from", "Settings", "verify",
           "find_targets", "read_file", "resolve", "write_file"]
