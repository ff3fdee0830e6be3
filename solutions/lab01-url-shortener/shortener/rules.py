"""Input rules: which aliases and which target URLs the service accepts."""
import re
from urllib.parse import urlsplit

from shortener.settings import Settings

ALIAS = re.compile(r"[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]")  # 3-32 characters, no hyphen at either end
RESERVED = frozenset({"links", "suggest-alias", "health", "docs", "redoc", "openapi"})  # the app's own paths


def is_valid_alias(alias: object) -> bool:
    """Slug rules: a str of 3-32 lowercase letters, digits and hyphens, starting and ending with a letter or digit,
    with no two hyphens in a row, and not one of the app's own path names."""
    ### BEGIN SOLUTION
    return (isinstance(alias, str) and ALIAS.fullmatch(alias) is not None and "--" not in alias
            and alias not in RESERVED)
    ### END SOLUTION


def url_problem(url: object, settings: Settings) -> str | None:
    """Why `url` cannot be shortened, or None if it can: an http or https URL with a host, at most
    settings.max_url_length characters, without spaces or control characters, and not pointing at the service
    itself (a short link to a short link can loop)."""
    ### BEGIN SOLUTION
    if not isinstance(url, str) or not url:
        return "url must be a non-empty string"
    if len(url) > settings.max_url_length:
        return f"url is longer than {settings.max_url_length} characters"
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "url must not contain spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return "url is malformed"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https URLs can be shortened"
    if not host:
        return "url has no host"
    if host.rstrip(".").lower() == settings.public_host.lower():
        return "url points at this service (a redirect loop)"
    return None
    ### END SOLUTION


def is_offensive(alias: str, blocklist: tuple[str, ...]) -> bool:
    """True if a block-list word appears in the alias, ignoring case and hyphens ("d-a-m-n" contains "damn")."""
    ### BEGIN SOLUTION
    squashed = alias.lower().replace("-", "")
    return any(word.lower().replace("-", "") in squashed for word in blocklist if word)
    ### END SOLUTION
