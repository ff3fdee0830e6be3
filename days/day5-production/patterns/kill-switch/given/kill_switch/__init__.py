"""A kill switch shared by every process of a service through Redis: per feature and global, with who, why and
when, a short local cache, failing closed when Redis cannot be reached, a guard decorator, and an audit log."""
from kill_switch.guard import guarded
from kill_switch.switch import KillSwitch, SwitchState

__all__ = ["KillSwitch", "SwitchState", "guarded"]
