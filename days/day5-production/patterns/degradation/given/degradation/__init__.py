"""Graceful degradation driven by a sliding window of recent outcomes, with hysteresis and shared state."""
from degradation.chat import STATIC_ANSWER, Answer, DegradingChat
from degradation.degrader import Degrader
from degradation.levels import Level, Outcome
from degradation.window import MemoryWindow, RedisWindow

__all__ = ["Level", "Outcome", "Degrader", "MemoryWindow", "RedisWindow", "DegradingChat", "Answer", "STATIC_ANSWER"]
