"""What the app is given: where its database lives, its own host, and the limits of the suggestion endpoint."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database: str                       # path of the SQLite file; created if missing, reused if there
    public_host: str = "sho.rt"         # the service's own host: short links are https://{public_host}/{alias}
    blocklist: tuple[str, ...] = ()     # words no suggested alias may contain
    max_url_length: int = 2048          # characters
    suggest_deadline_s: float = 3.0     # the model's reply is waited for this long, then the fallback answers
    suggest_max_tokens: int = 200       # every suggestion request caps the model's reply at this
