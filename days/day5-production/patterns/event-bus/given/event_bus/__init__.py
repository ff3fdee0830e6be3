"""An async event bus that isolates handlers (timeouts, failures reported, loops stopped), with a Redis Streams
transport so events survive a process and reach handlers in other processes."""
from event_bus.bus import EventBus
from event_bus.events import Event, Failure, HandlerOutcome, PublishResult
from event_bus.security_flow import ANALYSIS_SYSTEM, parse_analysis, wire_security_flow
from event_bus.streams import StreamConsumer, StreamPublisher

__all__ = ["EventBus", "Event", "Failure", "HandlerOutcome", "PublishResult", "StreamPublisher", "StreamConsumer",
           "wire_security_flow", "parse_analysis", "ANALYSIS_SYSTEM"]
