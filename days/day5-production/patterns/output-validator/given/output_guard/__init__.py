"""Output validation: find keys, tokens, passwords and personal data in model output and redact them before anyone
sees them."""
from output_guard.entropy import shannon_entropy
from output_guard.findings import KINDS, Finding, Redaction, placeholder
from output_guard.guard import GuardedClient, GuardedStream, log_findings, validate_reply
from output_guard.scan import redact, scan
from output_guard.stream import StreamRedactor, redact_stream

__all__ = ["scan", "redact", "Finding", "Redaction", "KINDS", "placeholder", "shannon_entropy", "validate_reply",
           "GuardedClient", "GuardedStream", "log_findings", "StreamRedactor", "redact_stream"]
